"""Pages of mutual aid under /solidarity/ (namespace "solidarity")."""

from django.urls import path

from vigie.solidarity import (
    views_matching,
    views_public,
    views_staff,
    views_volunteer,
    views_volunteers,
)

app_name = "solidarity"

urlpatterns = [
    # Residents and volunteers (public)
    path("ask-for-help/", views_public.public_request, name="public_request"),
    path("ask-for-help/sent/", views_public.public_request_done, name="public_request_done"),
    path("volunteer/", views_public.volunteer_signup, name="volunteer_signup"),
    path("volunteer/sent/", views_public.volunteer_signup_done, name="volunteer_signup_done"),
    path(
        "volunteer/activate/<uuid:user_uuid>/<str:token>/",
        views_public.volunteer_activate,
        name="volunteer_activate",
    ),
    # The volunteer's own page
    path("my-missions/", views_volunteer.volunteer_missions, name="volunteer_missions"),
    path("my-missions/<uuid:uuid>/accept/", views_volunteer.mission_accept, name="mission_accept"),
    path(
        "my-missions/<uuid:uuid>/decline/", views_volunteer.mission_decline, name="mission_decline"
    ),
    path("my-missions/<uuid:uuid>/report/", views_volunteer.mission_report, name="mission_report"),
    # Coordinators
    path("", views_staff.dashboard, name="dashboard"),
    path("requests/", views_staff.request_list, name="request_list"),
    path("requests/new/", views_staff.request_new, name="request_new"),
    path("requests/<uuid:uuid>/", views_staff.request_detail, name="request_detail"),
    path("requests/<uuid:uuid>/cancel/", views_staff.request_cancel, name="request_cancel"),
    path("requests/<uuid:uuid>/offer/", views_staff.request_offer, name="request_offer"),
    path("requests/<uuid:uuid>/erase/", views_staff.request_erase, name="request_erase"),
    path("missions/<uuid:uuid>/withdraw/", views_staff.mission_withdraw, name="mission_withdraw"),
    path("matching/", views_matching.matching_run, name="matching_run"),
    path("matching/<uuid:uuid>/", views_matching.proposal_detail, name="proposal"),
    path(
        "matching/<uuid:uuid>/pair/<uuid:request_uuid>/",
        views_matching.proposal_pair,
        name="proposal_pair",
    ),
    path("matching/<uuid:uuid>/confirm/", views_matching.proposal_confirm, name="proposal_confirm"),
    path("volunteers/", views_volunteers.volunteer_list, name="volunteer_list"),
    path("volunteers/<uuid:uuid>/", views_volunteers.volunteer_detail, name="volunteer_detail"),
    path(
        "volunteers/<uuid:uuid>/validate/",
        views_volunteers.volunteer_validate,
        name="volunteer_validate",
    ),
    path(
        "volunteers/<uuid:uuid>/reject/", views_volunteers.volunteer_reject, name="volunteer_reject"
    ),
    path(
        "volunteers/<uuid:uuid>/deactivate/",
        views_volunteers.volunteer_deactivate,
        name="volunteer_deactivate",
    ),
]
