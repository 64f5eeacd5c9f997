"""Hand-offs between apps: a provided handler is found, a missing one is None."""

from __future__ import annotations

import dataclasses

import pytest

from vigie.core import handoffs


def test_missing_handler_is_none():
    handoffs.withdraw("nobody_provides_this")
    assert handoffs.handler("nobody_provides_this") is None


def test_provided_handler_is_returned_and_withdrawn():
    calls = []
    handoffs.provide("test_hand_off", calls.append)
    try:
        handoffs.handler("test_hand_off")("payload")
        assert calls == ["payload"]
    finally:
        handoffs.withdraw("test_hand_off")
    assert handoffs.handler("test_hand_off") is None


def test_payloads_are_immutable_plain_data():
    message = handoffs.SmsMessage(phone="+33612345678", text="Bonjour", purpose="test")
    with pytest.raises(dataclasses.FrozenInstanceError):
        message.text = "changed"  # type: ignore[misc]


def test_providers_are_restored_exactly():
    saved = handoffs.providers()
    handoffs.provide("test_restore", print)
    handoffs.withdraw(next(iter(saved), "none"))

    handoffs.restore(saved)

    assert handoffs.providers() == saved
    assert handoffs.handler("test_restore") is None
