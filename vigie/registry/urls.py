"""The register: public sign-up and staff pages, under /register/ (namespace "registry")."""

from django.urls import path

from . import views_campaigns as campaigns
from . import views_imports as imports
from . import views_lists as lists
from . import views_people as people
from . import views_public as public

app_name = "registry"

urlpatterns = [
    # Public (anyone, no JavaScript needed).
    path("sign-up/", public.public_signup, name="public_signup"),
    path("sign-up/done/", public.public_signup_done, name="public_signup_done"),
    path("sign-up/letter.pdf", public.public_signup_letter, name="public_signup_letter"),
    # Staff.
    path("", people.index, name="index"),
    path("search/", people.search, name="search"),
    path("counts/", lists.counts, name="counts"),
    path("people/new/", people.person_new, name="person_new"),
    path("people/<uuid:uuid>/", people.person_detail, name="person"),
    path("people/<uuid:uuid>/edit/", people.person_edit, name="person_edit"),
    path("people/<uuid:uuid>/support/", people.support_edit, name="support_edit"),
    path("people/<uuid:uuid>/erase/", people.person_erase, name="person_erase"),
    path("people/<uuid:uuid>/export.<str:fmt>", people.person_export, name="person_export"),
    path("people/<uuid:uuid>/<str:action>/", people.person_action, name="person_action"),
    path("requests/", people.requests_list, name="requests"),
    path("confirmations/", lists.confirmations, name="confirmations"),
    path("confirmations/letters.pdf", lists.confirmation_letters, name="confirmation_letters"),
    path("needs/", lists.needs_list, name="needs"),
    path("needs/<uuid:uuid>/<str:action>/", lists.need_action, name="need_action"),
    path("plan/", lists.plan, name="plan"),
    path("plan/<uuid:uuid>/close/", lists.plan_close, name="plan_close"),
    path("plan/<uuid:uuid>/export.csv", lists.plan_export, name="plan_export"),
    path("imports/", imports.import_upload, name="imports"),
    path("imports/<uuid:uuid>/", imports.import_detail, name="import"),
    path("campaigns/", campaigns.campaign_list, name="campaigns"),
    path("campaigns/new/", campaigns.campaign_new, name="campaign_new"),
    path("campaigns/<uuid:uuid>/", campaigns.campaign_detail, name="campaign"),
    path("campaigns/<uuid:uuid>/live/", campaigns.campaign_live, name="campaign_live"),
    path("campaigns/<uuid:uuid>/calls/", campaigns.my_calls, name="my_calls"),
    path("campaigns/<uuid:uuid>/sheet/", campaigns.call_sheet, name="call_sheet"),
    path("campaigns/<uuid:uuid>/duties/", campaigns.campaign_duties, name="campaign_duties"),
    path("campaigns/<uuid:uuid>/close/", campaigns.campaign_close, name="campaign_close"),
    path("calls/<uuid:campaign>/<uuid:person>/", campaigns.call_screen, name="call"),
    path("calls/<uuid:campaign>/<uuid:person>/move/", campaigns.call_move, name="call_move"),
]
