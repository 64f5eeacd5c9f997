"""The registry's hand-off: a need found during an outreach call becomes a help request.

Provided as ``handoffs.NEED_TO_HELP_REQUEST`` (see ``apps.SolidarityConfig.ready``). It runs in
the caller's transaction; a refusal raises ``RequestRefused`` (a ValueError naming the
problem) so that the caller's transaction rolls back both sides. Handing the same need over
twice returns the same request (its ``source_reference`` is unique).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from vigie.core.handoffs import NeedHandOff
from vigie.solidarity.enums import RequestSource
from vigie.solidarity.models import HelpRequest
from vigie.solidarity.services.errors import RequestRefused
from vigie.solidarity.services.requests import RequestInput, create_help_request
from vigie.territory.enums import AreaKind
from vigie.territory.models import Area


def create_request_from_need(need: NeedHandOff, *, actor) -> str:
    """Create (or find) the help request of ``need``; return its uuid as a string."""
    if need.source_reference:
        existing = HelpRequest.objects.filter(source_reference=need.source_reference).first()
        if existing is not None:
            return str(existing.uuid)
    area = (
        Area.objects.filter(
            code=need.area_code, kind__in=[AreaKind.COMMUNE, AreaKind.NEIGHBOURHOOD]
        )
        .order_by("kind")
        .first()
    )
    if area is None:
        raise RequestRefused(
            _("Unknown area code %(code)s.") % {"code": need.area_code[:16]},
            errors={"area_code": _("Unknown area code.")},
        )
    data = RequestInput(
        category=need.category,
        urgency=need.urgency,
        description=need.description,
        first_name=need.first_name,
        last_name=need.last_name,
        phone=need.phone,
        street=need.address,
        area=area,
        consent=need.consent,
        wanted_from=need.wanted_from,
        wanted_until=need.wanted_until,
        source=RequestSource.REGISTRY,
        source_reference=need.source_reference[:100],
    )
    return str(create_help_request(data, actor=actor).uuid)
