"""Alerts: public pages (list, alert, CAP, poster, feed, subscriptions), the webhook of
SMS answers (sms/inbound/) and staff pages under manage/ (namespace "alerts")."""

from django.urls import path

from vigie.alerts import views, views_sms, views_subscriptions
from vigie.alerts.channels.feed.atom import AlertsFeed
from vigie.alerts.channels.portal import views as portal_views
from vigie.alerts.channels.poster import views as poster_views

app_name = "alerts"

urlpatterns = [
    path("", portal_views.public_list, name="public_list"),
    path("feed.atom", AlertsFeed(), name="feed"),
    path("subscribe/", views_subscriptions.subscribe, name="subscribe"),
    path("subscription/<str:token>/", views_subscriptions.manage, name="manage"),
    path(
        "subscription/<str:token>/unsubscribe/",
        views_subscriptions.unsubscribe,
        name="unsubscribe",
    ),
    path("sms/inbound/", views_sms.inbound_sms, name="sms_inbound"),
    path("manage/", views.staff_list, name="staff_list"),
    path("manage/new/", views.create, name="create"),
    path("manage/subscribers/", views.subscribers, name="subscribers"),
    path("manage/<uuid:uuid>/", views.staff_detail, name="staff_detail"),
    path("manage/<uuid:uuid>/edit/", views.edit, name="edit"),
    path("manage/<uuid:uuid>/submit/", views.submit, name="submit"),
    path("manage/<uuid:uuid>/return/", views.return_to_draft, name="return"),
    path("manage/<uuid:uuid>/discard/", views.discard, name="discard"),
    path("manage/<uuid:uuid>/publish/", views.publish, name="publish"),
    path(
        "manage/<uuid:uuid>/follow-up/<str:kind>/",
        views.follow_up,
        name="follow_up",
    ),
    path("<uuid:uuid>/", portal_views.public_detail, name="public_detail"),
    path("<uuid:uuid>/cap.xml", portal_views.cap_document, name="cap"),
    path("<uuid:uuid>/poster.pdf", poster_views.poster, name="poster"),
]
