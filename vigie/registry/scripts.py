"""Default call scripts by kind of campaign (the agent may change them)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .enums import CampaignKind


def default_script(kind: str) -> str:
    opening = _(
        "Hello, I am calling from the town hall's social action centre (CCAS). You are on the "
        "register of people we call in a crisis. Do you have a moment?"
    )
    body = {
        CampaignKind.HEAT_WAVE: _(
            "It is very hot these days. Do you drink water regularly? Can you keep your home "
            "cool (shutters closed in the day)? Do you need anything: water, shopping, a visit?"
        ),
        CampaignKind.EPIDEMIC: _(
            "Because of the epidemic, we are calling to check that you are well. Can you get your "
            "shopping and your medicines? Does someone visit you? Do you need anything?"
        ),
        CampaignKind.COLD: _(
            "It is very cold these days. Is your home warm enough? Do you have enough food for "
            "several days? Do you need anything?"
        ),
    }.get(kind, _("How are you? Do you need anything?"))
    closing = _(
        "If you need help, call the town hall. You can ask to leave the register at any time."
    )
    return "\n\n".join((opening, body, closing))
