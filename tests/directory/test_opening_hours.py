"""opening_hours.py: OSM syntax checked with a clear message, states in the city's time zone,
France's public holidays, the week's table and schema.org's specification."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from vigie.directory import opening_hours as oh

PARIS = "Europe/Paris"
TZ = ZoneInfo(PARIS)
HOURS = "Mo-Fr 09:00-12:00,14:00-17:30; Sa 10:00-12:00; PH off"


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=TZ)


def test_clean_tidies_blanks_and_keeps_the_rules():
    assert oh.clean("  Mo-Fr  09:00-12:00 ;  PH off ") == "Mo-Fr 09:00-12:00 ; PH off"


@pytest.mark.parametrize(
    ("value", "position", "fragment"),
    [
        ("Mo-Fr 9-17", 7, "9-17"),
        ("Mo-Fr 9h-12h", 7, "9h-12h"),
        ("Lu-Ve 09:00-12:00", 1, "Lu-Ve 09:00-12:00"),
        ("Mo-Fr 25:00-26:00", 7, "25:00-26:00"),
    ],
)
def test_malformed_value_names_where_and_what(value, position, fragment):
    with pytest.raises(oh.OpeningHoursError) as caught:
        oh.clean(value)

    assert caught.value.position == position
    assert caught.value.fragment == fragment
    assert f"character {position}" in str(caught.value)
    assert oh.EXAMPLE in str(caught.value)


@pytest.mark.parametrize(
    ("value", "reason"),
    [("", "empty"), ("  ", "empty"), ("x" * 300, "too_long"), ("Mo\x00", "control")],
)
def test_empty_long_or_control_values_are_refused(value, reason):
    with pytest.raises(oh.OpeningHoursError) as caught:
        oh.clean(value)

    assert caught.value.reason == reason


def test_open_on_a_weekday_morning_with_its_closing_time():
    status = oh.status_at(HOURS, at(2026, 7, 15, 10, 30), PARIS)

    assert status.state == oh.OPEN
    assert status.closes_at == at(2026, 7, 15, 12, 0)
    assert status.opens_at is None


def test_closed_at_lunch_opens_in_the_afternoon():
    status = oh.status_at(HOURS, at(2026, 7, 15, 12, 30), PARIS)

    assert status.state == oh.CLOSED
    assert status.opens_at == at(2026, 7, 15, 14, 0)


def test_bastille_day_is_a_public_holiday_in_france():
    assert oh.is_public_holiday(dt.date(2026, 7, 14), PARIS)
    assert not oh.is_public_holiday(dt.date(2026, 7, 15), PARIS)
    status = oh.status_at(HOURS, at(2026, 7, 14, 10, 0), PARIS)  # a Tuesday
    assert status.state == oh.CLOSED
    assert status.opens_at == at(2026, 7, 15, 9, 0)


def test_time_is_read_in_the_city_zone_whatever_the_zone_given():
    utc = dt.datetime(2026, 7, 15, 8, 30, tzinfo=dt.UTC)  # 10:30 in Paris (summer time)

    assert oh.status_at(HOURS, utc, PARIS).state == oh.OPEN
    assert oh.status_at(HOURS, utc, "UTC").state == oh.CLOSED  # 08:30 there


def test_daylight_saving_change_is_handled():
    # 29 March 2026: clocks go from 02:00 to 03:00 in Paris.
    status = oh.status_at("Mo-Su 01:00-04:00", at(2026, 3, 29, 1, 30), PARIS)

    assert status.state == oh.OPEN
    assert status.closes_at.astimezone(dt.UTC) == dt.datetime(2026, 3, 29, 2, 0, tzinfo=dt.UTC)


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="aware"):
        oh.status_at(HOURS, dt.datetime(2026, 7, 15, 10, 0), PARIS)  # noqa: DTZ001


def test_unknown_state_with_its_comment():
    status = oh.status_at('Mo 10:00-12:00 unknown "sur rendez-vous"', at(2026, 7, 13, 11, 0), PARIS)

    assert status.state == oh.UNKNOWN
    assert status.comment == "sur rendez-vous"


def test_always_open_has_no_closing_time_and_never_open_no_opening():
    assert oh.status_at("24/7", at(2026, 7, 13, 3, 0), PARIS).closes_at is None
    never = oh.status_at("24/7 off", at(2026, 7, 13, 3, 0), PARIS)
    assert never.state == oh.CLOSED and never.opens_at is None


def test_week_lists_each_day_with_its_spans():
    days = oh.week(HOURS + "; Su 22:00-02:00", dt.date(2026, 7, 13), PARIS)

    assert [d.day.isoformat() for d in days][:2] == ["2026-07-13", "2026-07-14"]
    assert [(s.start.isoformat(), s.end.isoformat()) for s in days[0].spans] == [
        ("09:00:00", "12:00:00"),
        ("14:00:00", "17:30:00"),
    ]
    assert days[1].public_holiday and days[1].spans == ()
    assert [(s.start.hour, s.end.hour) for s in days[6].spans] == [(22, 0)]  # Sunday to midnight


def test_months_and_dates_are_understood():
    winter = "Jan-Mar Mo-Fr 10:00-12:00; Dec 25 off"

    assert oh.status_at(winter, at(2026, 2, 2, 11, 0), PARIS).state == oh.OPEN
    assert oh.status_at(winter, at(2026, 5, 4, 11, 0), PARIS).state == oh.CLOSED


def test_schema_org_regular_week_and_holidays():
    items = oh.schema_org(HOURS, dt.date(2026, 7, 10), PARIS, holidays_ahead=40)

    monday = [i for i in items if i.get("dayOfWeek") == "https://schema.org/Monday"]
    assert [(i["opens"], i["closes"]) for i in monday] == [("09:00", "12:00"), ("14:00", "17:30")]
    assert not [i for i in items if i.get("dayOfWeek") == "https://schema.org/Sunday"]
    bastille = [i for i in items if i.get("validFrom") == "2026-07-14"]
    assert bastille == [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": "2026-07-14",
            "validThrough": "2026-07-14",
            "opens": "00:00",
            "closes": "00:00",
        }
    ]
    assert all(item["@type"] == "OpeningHoursSpecification" for item in items)
