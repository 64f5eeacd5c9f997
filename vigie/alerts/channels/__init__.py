"""The channels of an alert, one folder each behind the interface of ``base.py``."""

from __future__ import annotations

from vigie.alerts.channels.base import Channel, MessageChannel
from vigie.alerts.enums import ChannelName


def get(name: str) -> Channel:
    """The channel called ``name`` (KeyError for an unknown one)."""
    return registry()[name]


def message_channel(name: str) -> MessageChannel:
    channel = get(name)
    if not isinstance(channel, MessageChannel):
        raise KeyError(f"{name} does not send messages")
    return channel


def registry() -> dict[str, Channel]:
    from vigie.alerts.channels.call_list import CHANNEL as call_list
    from vigie.alerts.channels.email import CHANNEL as email
    from vigie.alerts.channels.feed import CHANNEL as feed
    from vigie.alerts.channels.portal import CHANNEL as portal
    from vigie.alerts.channels.poster import CHANNEL as poster
    from vigie.alerts.channels.sms import CHANNEL as sms

    channels = (portal, feed, email, sms, poster, call_list)
    return {channel.name: channel for channel in channels}


ORDER = [choice.value for choice in ChannelName]
