"""Read side of the alerts: the territory's communes, scoped getters, public alerts."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest

from vigie.accounts.scoping import expand_area_ids, scope_area_ids
from vigie.alerts.enums import AlertStatus, ChannelName, MsgType
from vigie.alerts.models import Alert, Subscription
from vigie.core import audit
from vigie.territory.enums import AreaKind
from vigie.territory.models import Area

PUBLIC_STATUSES = (
    AlertStatus.PUBLISHED,
    AlertStatus.SUPERSEDED,
    AlertStatus.CANCELLED,
    AlertStatus.EXPIRED,
)


def territory_area() -> Area | None:
    """The area the instance watches (settings.VIGIE_TERRITORY_CODE, usually a department)."""
    return (
        Area.objects.filter(code=settings.VIGIE_TERRITORY_CODE)
        .exclude(kind=AreaKind.COMMUNE)
        .order_by("kind")
        .first()
    )


def territory_area_ids() -> frozenset[int]:
    """The territory and every area inside it."""
    area = territory_area()
    return expand_area_ids({area.pk}) if area else frozenset()


def territory_communes() -> QuerySet[Area]:
    return Area.objects.communes().filter(pk__in=territory_area_ids()).order_by("name", "code")


def allowed_communes(user) -> QuerySet[Area]:
    """The communes ``user`` may write alerts for: the territory's, within their scope."""
    return territory_communes().filter(pk__in=scope_area_ids(user))


def subscribable_areas() -> QuerySet[Area]:
    """What a resident can subscribe to: the territory, its EPCIs and its communes."""
    ids = territory_area_ids()
    return Area.objects.filter(Q(pk__in=ids) | Q(kind=AreaKind.EPCI, members__in=ids)).distinct()


def ancestors(area_ids: Iterable[int]) -> frozenset[int]:
    """``area_ids`` with every area containing them (parents, EPCIs, and theirs)."""
    found = set(area_ids)
    frontier = set(found)
    while frontier:
        above = set(
            Area.objects.filter(pk__in=frontier, parent__isnull=False).values_list(
                "parent_id", flat=True
            )
        )
        above |= set(
            Area.members.through.objects.filter(to_area_id__in=frontier).values_list(
                "from_area_id", flat=True
            )
        )
        frontier = above - found
        found |= frontier
    return frozenset(found)


# --- staff ---------------------------------------------------------------------------------


def alerts_for_staff(user) -> QuerySet[Alert]:
    """Alerts touching the user's areas of responsibility, and the ones they wrote."""
    scope = scope_area_ids(user)
    return Alert.objects.filter(Q(areas__in=scope) | Q(author=user)).distinct()


def get_staff_alert(request: HttpRequest, uuid: UUID | str) -> Alert:
    """The alert if the user may see it; otherwise 404 and an access-denied audit event."""
    alert = alerts_for_staff(request.user).filter(uuid=uuid).first()
    if alert is None:
        audit.log_access_denied(
            request.user,
            request,
            permission="accounts.publish_alerts",
            target_type=Alert._meta.label_lower,
            target_id=str(uuid),
        )
        raise Http404("No such alert.")
    return alert


# --- public --------------------------------------------------------------------------------


def public_alerts(area_codes: Iterable[str] = ()) -> QuerySet[Alert]:
    """Alerts in force, most severe first; with ``area_codes``, those touching one of them
    (a commune, or an EPCI or department: the communes inside count)."""
    alerts = Alert.objects.in_force()
    codes = [code for code in area_codes if code]
    if codes:
        inside = expand_area_ids(
            set(Area.objects.filter(code__in=codes).values_list("pk", flat=True))
        )
        alerts = alerts.touching(inside)
    areas = Prefetch("areas", queryset=Area.objects.order_by("name"))
    return alerts.most_severe_first().prefetch_related(areas)


def get_public_alert(uuid: UUID | str) -> Alert:
    """A message that was published (even if no longer in force); 404 for anything else."""
    alert = (
        Alert.objects.filter(uuid=uuid, status__in=PUBLIC_STATUSES)
        .select_related("replaces")
        .prefetch_related(Prefetch("areas", queryset=Area.objects.order_by("name")))
        .first()
    )
    if alert is None:
        raise Http404("No such alert.")
    return alert


def latest_version(alert: Alert) -> Alert | None:
    """The published message that replaced ``alert`` (an update or a cancellation), if any."""
    return (
        Alert.objects.filter(replaces=alert, status__in=PUBLIC_STATUSES)
        .order_by("-published_at")
        .first()
    )


def matching_subscriptions(alert: Alert, channel: str) -> QuerySet[Subscription]:
    """Confirmed subscriptions of ``channel`` to one of the alert's communes or an area
    containing one of them (its EPCI, its department). For an update or a cancellation, the
    communes of the messages it replaces count too: whoever was told is told again."""
    if channel not in (ChannelName.EMAIL, ChannelName.SMS):
        raise ValueError(f"{channel} has no subscribers")
    messages = [alert, *alert.chain()]
    communes = Area.objects.filter(
        pk__in=Alert.areas.through.objects.filter(alert__in=messages).values("area_id")
    )
    concerned = ancestors(communes.values_list("pk", flat=True))
    return Subscription.objects.confirmed().filter(channel=channel, areas__in=concerned).distinct()


def is_cancellation(alert: Alert) -> bool:
    return alert.msg_type == MsgType.CANCEL
