"""Territory API, included under /api/v1/territory/ in the "api" namespace."""

from django.urls import path

from vigie.territory import api

urlpatterns = [
    path("areas.geojson", api.AreasGeoJSONView.as_view(), name="territory-areas-geojson"),
    path("areas/", api.AreaListView.as_view(), name="territory-area-list"),
    path("areas/<uuid:uuid>/", api.AreaDetailView.as_view(), name="territory-area-detail"),
    path("locate/", api.LocateView.as_view(), name="territory-locate"),
]
