from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include((("config.api_urls"), "api"), namespace="api")),
]
urlpatterns += i18n_patterns(
    path("", include("vigie.portal.urls")),
    path("accounts/", include("vigie.accounts.urls")),
    path("territory/", include("vigie.territory.urls")),
    path("observatory/", include("vigie.observatory.urls")),
    path("register/", include("vigie.registry.urls")),
    path("services/", include("vigie.directory.urls")),
    path("solidarity/", include("vigie.solidarity.urls")),
    path("alerts/", include("vigie.alerts.urls")),
    path("audit/", include("vigie.core.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

handler500 = "vigie.portal.views.server_error"
