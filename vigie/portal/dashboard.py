"""The staff dashboard's tiles and which role sees which: pure logic, no Django import.

A tile is shown only to users holding its capability (a permission "app_label.codename"),
and, when its pages serve exact figures or personal data, only to users who passed the second
factor (a partner or a volunteer, who log in without it, would be refused there).
A tile whose module exists links to its page; the others say they come with a later
release. Titles are marked for translation with a no-op `_` and translated in the template.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


def _(text: str) -> str:
    """Mark a string for makemessages without translating it here (gettext_noop)."""
    return text


@dataclass(frozen=True)
class Tile:
    key: str
    title: str
    description: str
    capability: str | None  # None: every signed-in user
    url_names: tuple[str, ...] = ()  # tried in order; empty: not built yet
    icon: str = "fr-icon-arrow-right-line"
    second_factor: bool = True  # its pages need the second factor


@dataclass(frozen=True)
class ShownTile:
    key: str
    title: str
    description: str
    url: str | None  # None: coming with a later release
    icon: str

    @property
    def available(self) -> bool:
        return self.url is not None


TILES: tuple[Tile, ...] = (
    Tile(
        "territory_map",
        _("Territory map"),
        _("Every commune of the territory with its population."),
        None,
        ("portal:home",),
        "fr-icon-map-pin-2-line",
        second_factor=False,
    ),
    Tile(
        "indicators",
        _("Epidemic indicators"),
        _("Incidence, positivity and alert levels by commune."),
        "accounts.view_aggregates",
        ("observatory:dashboard",),
        "fr-icon-line-chart-line",
    ),
    Tile(
        "imports",
        _("Data imports"),
        _("Import test results: SPF's file and local feeds."),
        "accounts.import_data",
        ("observatory:imports",),
        "fr-icon-upload-2-line",
    ),
    Tile(
        "register",
        _("Register of vulnerable people"),
        _("People to call or visit during a heat wave or an epidemic."),
        "accounts.view_register",
        ("registry:index",),
        "fr-icon-team-line",
    ),
    Tile(
        "register_counts",
        _("Register: counts by commune"),
        _("How many people are registered, commune by commune (small counts hidden)."),
        "accounts.view_aggregates",
        ("registry:counts",),
        "fr-icon-bar-chart-box-line",
    ),
    Tile(
        "help_requests",
        _("Help requests"),
        _("Sort requests and match them with volunteers."),
        "accounts.manage_help_requests",
        ("solidarity:dashboard",),
        "fr-icon-user-heart-line",
    ),
    Tile(
        "missions",
        _("My missions"),
        _("The missions proposed to you."),
        "accounts.view_own_missions",
        ("solidarity:volunteer_missions",),
        "fr-icon-calendar-line",
        second_factor=False,
    ),
    Tile(
        "alerts",
        _("Public alerts"),
        _("Write and publish alerts for residents."),
        "accounts.publish_alerts",
        ("alerts:staff_list",),
        "fr-icon-alarm-warning-line",
    ),
    Tile(
        "directory",
        _("Directory of services"),
        _("Who does what: services, opening hours, contacts."),
        "accounts.manage_directory",
        ("directory:list",),
        "fr-icon-book-2-line",
    ),
    Tile(
        "crisis",
        _("Crisis cell"),
        _("Situation reports, decisions and tasks."),
        "accounts.view_crisis",
        ("crisis:dashboard", "directory:who_does_what"),
        "fr-icon-government-line",
    ),
    Tile(
        "audit_log",
        _("Audit log"),
        _("Who read or changed which record, when and why."),
        "accounts.view_audit_log",
        ("core:audit_log",),
        "fr-icon-file-text-line",
    ),
    Tile(
        "users",
        _("Users and roles"),
        _("Create accounts and give them a role."),
        "accounts.manage_users",
        ("admin:accounts_user_changelist", "admin:index"),
        "fr-icon-user-setting-line",
    ),
    Tile(
        "api_docs",
        _("API documentation"),
        _("How partners read Vigie's data."),
        "accounts.use_api",
        ("api:docs",),
        "fr-icon-code-s-slash-line",
        second_factor=False,
    ),
)


def visible_tiles(
    has_perm: Callable[[str], bool],
    resolve: Callable[[str], str | None],
    tiles: Iterable[Tile] = TILES,
    *,
    verified: bool = True,
) -> list[ShownTile]:
    """The tiles a user may see, in order.

    `has_perm(capability)` says whether the user holds a capability; `resolve(url_name)`
    returns the URL of a page or None when that page does not exist (yet); `verified` says
    whether the user passed the second factor.
    """
    shown = []
    for tile in tiles:
        if tile.capability is not None and not has_perm(tile.capability):
            continue
        if tile.second_factor and not verified:
            continue
        url = next((u for u in map(resolve, tile.url_names) if u is not None), None)
        shown.append(ShownTile(tile.key, tile.title, tile.description, url, tile.icon))
    return shown
