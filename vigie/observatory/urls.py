"""Staff pages of the observatory, under /observatory/ (namespace "observatory")."""

from django.urls import path

from vigie.observatory import views, views_imports

app_name = "observatory"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("area/<uuid:uuid>/", views.area_detail, name="area"),
    path("signals/", views.signal_list, name="signals"),
    path("imports/", views_imports.imports, name="imports"),
    path("refresh/", views.refresh, name="refresh"),
    path("refresh/status/", views.refresh_status, name="refresh-status"),
]
