"""Models of the alerts app (one module per subject)."""

from vigie.alerts.models.alerts import (
    Alert,
    AlertQuerySet,
    AlertTransition,
    ChannelOutcome,
    IllegalTransition,
)
from vigie.alerts.models.deliveries import Delivery, DeliveryQuerySet
from vigie.alerts.models.subscriptions import (
    Subscription,
    SubscriptionQuerySet,
    new_token,
    token_hash,
)

__all__ = [
    "Alert",
    "AlertQuerySet",
    "AlertTransition",
    "ChannelOutcome",
    "Delivery",
    "DeliveryQuerySet",
    "IllegalTransition",
    "Subscription",
    "SubscriptionQuerySet",
    "new_token",
    "token_hash",
]
