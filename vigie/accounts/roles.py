"""Roles are Django groups with an explicit list of permissions.

A permission is "app_label.codename". Capabilities that belong to no model yet (the register,
help requests, alerts... whose apps come later) are declared on `accounts.Capability`;
when an app lands it may move its capability to its own models.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    ADMINISTRATOR = "administrator"
    HEALTH_AGENT = "health_agent"
    SOCIAL_WORKER = "social_worker"
    SOLIDARITY_COORDINATOR = "solidarity_coordinator"
    VOLUNTEER = "volunteer"
    CRISIS_CELL = "crisis_cell"
    VIEWER = "viewer"
    PARTNER = "partner"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])

    @property
    def requires_mfa(self) -> bool:
        """Every staff role must pass TOTP; volunteers and API partners are not staff."""
        return self not in {Role.VOLUNTEER, Role.PARTNER}


ROLE_LABELS = {
    Role.ADMINISTRATOR: _("Administrator"),
    Role.HEALTH_AGENT: _("Health agent"),
    Role.SOCIAL_WORKER: _("Social worker (CCAS)"),
    Role.SOLIDARITY_COORDINATOR: _("Solidarity coordinator"),
    Role.VOLUNTEER: _("Volunteer"),
    Role.CRISIS_CELL: _("Crisis cell member"),
    Role.VIEWER: _("Viewer (aggregates only)"),
    Role.PARTNER: _("Partner (API)"),
}

# Capabilities declared on accounts.Capability (codename, description).
CAPABILITIES: list[tuple[str, str]] = [
    ("view_aggregates", "Can view aggregated indicators and maps"),
    ("import_data", "Can import boundaries, populations and epidemic data"),
    ("view_register", "Can read the register of vulnerable people (names, contacts)"),
    ("manage_register", "Can create, rectify and erase register records"),
    ("manage_help_requests", "Can triage help requests and match volunteers"),
    ("view_own_missions", "Can see the missions proposed to oneself"),
    ("publish_alerts", "Can write and publish public alerts"),
    ("manage_directory", "Can edit the directory of services"),
    ("view_crisis", "Can open the crisis-cell dashboards and reports"),
    ("view_audit_log", "Can read the audit log"),
    ("manage_users", "Can create accounts and assign roles"),
    ("use_api", "Can call the partner API"),
]


def _cap(codename: str) -> str:
    return f"accounts.{codename}"


ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.ADMINISTRATOR: [_cap(code) for code, _desc in CAPABILITIES if code != "view_own_missions"]
    + ["territory.view_area", "territory.change_area"]
    # The user admin: accounts and their roles (groups are read-only: roles are code).
    + ["accounts.view_user", "accounts.add_user", "accounts.change_user", "auth.view_group"],
    Role.HEALTH_AGENT: [
        _cap("view_aggregates"),
        _cap("import_data"),
        _cap("publish_alerts"),
        _cap("manage_directory"),
        _cap("use_api"),
        "territory.view_area",
        "territory.change_area",
    ],
    Role.SOCIAL_WORKER: [
        _cap("view_aggregates"),
        _cap("view_register"),
        _cap("manage_register"),
        "territory.view_area",
    ],
    Role.SOLIDARITY_COORDINATOR: [
        _cap("view_aggregates"),
        _cap("manage_help_requests"),
        "territory.view_area",
    ],
    Role.VOLUNTEER: [_cap("view_own_missions")],
    Role.CRISIS_CELL: [_cap("view_aggregates"), _cap("view_crisis"), "territory.view_area"],
    Role.VIEWER: [_cap("view_aggregates"), "territory.view_area"],
    Role.PARTNER: [_cap("view_aggregates"), _cap("use_api"), "territory.view_area"],
}

# Capabilities that expose personal data: never granted to viewers, crisis cell or partners.
PERSONAL_DATA_PERMISSIONS = {
    _cap("view_register"),
    _cap("manage_register"),
    _cap("manage_help_requests"),
    _cap("view_audit_log"),
    _cap("manage_users"),
}
