"""The Atom feed of the alerts in force (alerts:feed), each entry linking its CAP document.

Google Public Alerts' practice: an Atom index whose entries point to the CAP XML with a
``link rel="alternate" type="application/cap+xml"``. Cancelled, replaced and expired alerts
drop out (an update replaces its original in the feed). Built with Django's syndication
framework (Atom 1.0).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from vigie.alerts import cap, documents, selectors
from vigie.alerts.enums import ChannelName
from vigie.alerts.models import Alert

MAX_ENTRIES = 200


class CapAtomFeed(Atom1Feed):
    """Atom 1.0 with, in each entry, a link to the CAP document of the alert."""

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        handler.addQuickElement(
            "link", "", {"rel": "alternate", "type": cap.MIME_TYPE, "href": item["cap_url"]}
        )


class AlertsFeed(Feed):
    feed_type = CapAtomFeed

    def title(self) -> str:
        return _("Alerts in force — Vigie %(city)s") % {"city": settings.VIGIE_CITY_NAME}

    def subtitle(self) -> str:
        return _("Public alerts of %(city)s, each with its CAP 1.2 document.") % {
            "city": settings.VIGIE_CITY_NAME
        }

    def link(self) -> str:
        return documents.absolute(reverse("alerts:public_list"))

    def feed_url(self) -> str:
        return documents.absolute(reverse("alerts:feed"))

    def author_name(self) -> str:
        return f"Vigie {settings.VIGIE_CITY_NAME}"

    def items(self) -> list[Alert]:
        alerts = selectors.public_alerts().filter(outcomes__channel=ChannelName.FEED)
        return list(alerts[:MAX_ENTRIES])

    def _english(self, alert: Alert) -> bool:
        return translation.get_language() == "en" and bool(alert.headline_en)

    def item_title(self, item: Alert) -> str:
        return item.headline_en if self._english(item) else item.headline

    def item_description(self, item: Alert) -> str:
        return item.body_en if self._english(item) else item.body

    def item_link(self, item: Alert) -> str:
        return documents.public_url(item, "en" if self._english(item) else "fr")

    def item_guid(self, item: Alert) -> str:
        return item.identifier  # urn:uuid:…, a valid Atom id

    def item_pubdate(self, item: Alert):
        return item.published_at

    def item_updateddate(self, item: Alert):
        return item.published_at

    def item_categories(self, item: Alert) -> list[str]:
        return [item.category, item.severity]

    def item_extra_kwargs(self, item: Alert) -> dict:
        return {"cap_url": documents.cap_url(item)}
