"""TwiML answers to an inbound SMS (https://www.twilio.com/docs/messaging/twiml). No Django.

``<Response><Message>text</Message></Response>`` makes Twilio send ``text`` back to the
sender; an empty ``<Response/>`` sends nothing. Built with lxml, so that any character of
the text is escaped as XML requires.
"""

from __future__ import annotations

from lxml import etree

CONTENT_TYPE = "text/xml; charset=utf-8"


def response(message: str | None = None) -> bytes:
    """The TwiML document answering with ``message`` (nothing when it is None or empty)."""
    root = etree.Element("Response")
    if message:
        etree.SubElement(root, "Message").text = message
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
