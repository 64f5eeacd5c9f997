"""Observatory API, included under /api/v1/observatory/ in the "api" namespace."""

from django.urls import path

from vigie.observatory import api

urlpatterns = [
    path("indicators/", api.IndicatorListView.as_view(), name="observatory-indicators"),
    path("indicators.csv", api.IndicatorCsvView.as_view(), name="observatory-indicators-csv"),
    path(
        "indicators.geojson",
        api.IndicatorGeoJSONView.as_view(),
        name="observatory-indicators-geojson",
    ),
    path("signals/", api.SignalListView.as_view(), name="observatory-signals"),
    path("rt/", api.RtView.as_view(), name="observatory-rt"),
    path("ears/", api.EarsView.as_view(), name="observatory-ears"),
]
