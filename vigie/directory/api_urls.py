"""Directory API, included under /api/v1/directory/ in the "api" namespace."""

from django.urls import path

from vigie.directory import api

urlpatterns = [
    path("services/", api.ServiceListView.as_view(), name="directory-services"),
    path("services.geojson", api.ServiceGeoJSONView.as_view(), name="directory-services-geojson"),
    path("services.jsonld", api.ServiceJsonLdView.as_view(), name="directory-services-jsonld"),
    path("services/<uuid:uuid>/", api.ServiceDetailView.as_view(), name="directory-service"),
]
