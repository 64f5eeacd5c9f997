"""Open311 GeoReport v2, included under /api/v1/open311/ in the "api" namespace."""

from django.urls import path

from vigie.solidarity import api

urlpatterns = [
    path("services.json", api.ServiceListView.as_view(), name="open311-services"),
    path("services/<str:code>.json", api.ServiceDefinitionView.as_view(), name="open311-service"),
    path("requests.json", api.RequestListView.as_view(), name="open311-requests"),
    path("requests/<uuid:uuid>.json", api.RequestDetailView.as_view(), name="open311-request"),
]
