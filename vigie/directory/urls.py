"""Pages of the directory under /services/ (namespace "directory"): the public search and
entries first, then the agents' pages under manage/ and the "who does what" table."""

from django.urls import path

from vigie.directory import views, views_public

app_name = "directory"

urlpatterns = [
    path("", views_public.public_search, name="public_search"),
    path("map.geojson", views_public.public_geojson, name="public_geojson"),
    path("<uuid:uuid>/", views_public.public_detail, name="public_detail"),
    path("<uuid:uuid>/schema.jsonld", views_public.public_jsonld, name="public_jsonld"),
    path("who-does-what/", views.who_does_what, name="who_does_what"),
    path("manage/", views.service_list, name="list"),
    path("manage/new/", views.service_create, name="create"),
    path("manage/import/", views.service_import, name="import"),
    path("manage/export.csv", views.service_export, name="export"),
    path("manage/<uuid:uuid>/", views.service_edit, name="edit"),
    path("manage/<uuid:uuid>/verify/", views.service_verify, name="verify"),
    path("manage/<uuid:uuid>/delete/", views.service_delete, name="delete"),
    path("manage/<uuid:uuid>/roles/", views.responsibility_add, name="role_add"),
    path("manage/roles/<uuid:uuid>/delete/", views.responsibility_delete, name="role_delete"),
]
