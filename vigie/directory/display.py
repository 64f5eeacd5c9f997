"""How an entry's state reads on a page: a badge and a sentence, in the active language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import formats
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from vigie.directory.opening_hours import OPEN, UNKNOWN, Status


@dataclass(frozen=True)
class StatusLabel:
    badge: str  # DSFR badge modifier: success, error, info, ""
    title: str  # "Open now", "Closed"...
    detail: str  # "Closes at 12:00.", "Opens tomorrow at 09:00."...


def _when(moment: dt.datetime, today: dt.date) -> str:
    local = localtime(moment)
    time = formats.time_format(local.time(), "H:i")
    if local.date() == today:
        return _("today at %(time)s") % {"time": time}
    if local.date() == today + dt.timedelta(days=1):
        return _("tomorrow at %(time)s") % {"time": time}
    day = formats.date_format(local.date(), "l j F")
    return _("%(day)s at %(time)s") % {"day": day, "time": time}


def status_label(status: Status | None, today: dt.date) -> StatusLabel:
    if status is None:
        return StatusLabel("", _("Hours not given"), _("Call before you go."))
    comment = f" ({status.comment})" if status.comment else ""
    if status.state == OPEN:
        detail = (
            _("Closes %(when)s.") % {"when": _when(status.closes_at, today)}
            if status.closes_at
            else _("Open all the coming week.")
        )
        return StatusLabel("success", _("Open now") + comment, detail)
    if status.opens_at:
        detail = _("Opens %(when)s.") % {"when": _when(status.opens_at, today)}
    else:
        detail = _("No opening in the coming week.")
    if status.state == UNKNOWN:
        return StatusLabel("info", _("May be open") + comment, detail)
    return StatusLabel("error", _("Closed now") + comment, detail)
