"""Storage of mutual aid: help requests, volunteers, matching proposals, missions."""

from .missions import Mission, MissionTransition, Notification
from .proposals import Proposal, ProposalPair
from .requests import HelpRequest, RequestTransition
from .volunteers import Volunteer

__all__ = [
    "HelpRequest",
    "Mission",
    "MissionTransition",
    "Notification",
    "Proposal",
    "ProposalPair",
    "RequestTransition",
    "Volunteer",
]
