"""REST API v1: each app contributes its own api_urls module.

Every endpoint states its permission classes; tests/api/test_every_endpoint_checked.py walks
this URL tree and refuses any view that is public by accident.
"""

from django.urls import include, path

from config.api_views import ApiRootView, DocsView, MeView, SchemaView

urlpatterns = [
    path("", ApiRootView.as_view(), name="root"),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    path("me/", MeView.as_view(), name="me"),
    path("territory/", include("vigie.territory.api_urls")),
    path("observatory/", include("vigie.observatory.api_urls")),
    path("directory/", include("vigie.directory.api_urls")),
    path("open311/", include("vigie.solidarity.api_urls")),
]
