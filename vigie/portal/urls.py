from django.urls import path

from vigie.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("legal-notice/", views.legal, name="legal"),
    path("personal-data/", views.privacy, name="privacy"),
    path("easy-read/", views.easy_read_toggle, name="easy_read"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
