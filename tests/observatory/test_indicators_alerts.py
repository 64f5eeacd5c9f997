"""Alert levels: France's 2020 thresholds by default, configurable, vectorised and scalar agree."""

from __future__ import annotations

import polars as pl
import pytest

from vigie.observatory.indicators import (
    ALERT_LEVELS,
    AlertThresholds,
    alert_level,
    alert_level_expr,
)


@pytest.mark.parametrize(
    ("incidence", "positivity", "older", "level"),
    [
        (10.0, 0.02, None, "below"),
        (49.9, 0.0999, None, "below"),
        (49.9, 0.10, None, "watch"),
        (20.0, None, None, "below"),
        (50.0, 0.01, None, "alert"),
        (149.9, 0.5, None, "alert"),
        (150.0, 0.01, None, "high"),
        (249.9, 0.01, 300.0, "high"),
        (250.0, 0.01, None, "maximum"),
        (250.0, 0.01, 100.0, "maximum"),
        (300.0, 0.01, 99.9, "high"),
        (None, 0.5, None, None),
    ],
)
def test_default_levels(
    incidence: float | None, positivity: float | None, older: float | None, level: str | None
) -> None:
    assert alert_level(incidence, positivity, incidence_65=older) == level


def test_expression_over_a_frame() -> None:
    frame = pl.DataFrame(
        {
            "incidence_100k": [5.0, 30.0, 60.0, 200.0, 400.0, 400.0, None],
            "positivity": [0.01, 0.2, 0.01, 0.01, 0.01, 0.01, None],
            "incidence_65": [None, None, None, None, 150.0, 50.0, None],
        }
    )
    levels = frame.select(
        level=alert_level_expr(incidence_65="incidence_65"),
        without_older=alert_level_expr(),
    )
    assert levels.schema["level"] == pl.Enum(ALERT_LEVELS)
    assert levels["level"].to_list() == [
        "below",
        "watch",
        "alert",
        "high",
        "maximum",
        "high",
        None,
    ]
    assert levels["without_older"].to_list()[5] == "maximum"
    # The Enum is ordered: levels compare from lowest to highest.
    assert levels.filter(pl.col("level") >= "high").height == 3


def test_territory_thresholds() -> None:
    strict = AlertThresholds(
        incidence_alert=20, incidence_high=50, incidence_maximum=100, positivity_watch=0.05
    )
    assert alert_level(30.0, 0.0, strict) == "alert"
    assert alert_level(10.0, 0.05, strict) == "watch"
    assert alert_level(100.0, 0.0, strict) == "maximum"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"incidence_alert": 150, "incidence_high": 50}, "alert < high < maximum"),
        ({"incidence_alert": 0}, "alert < high < maximum"),
        ({"positivity_watch": 10}, "fraction"),
        ({"incidence_65_maximum": -1}, "65"),
    ],
)
def test_bad_thresholds_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        AlertThresholds(**kwargs)
