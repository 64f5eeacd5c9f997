"""The pure tile rules: capability filter, link or "later release"."""

from vigie.portal.dashboard import TILES, Tile, visible_tiles


def _resolve_known(*known: str):
    return lambda name: f"/{name}/" if name in known else None


def test_tile_without_capability_is_shown_to_everyone():
    shown = visible_tiles(lambda perm: False, _resolve_known("portal:home"))

    assert [tile.key for tile in shown] == ["territory_map"]
    assert shown[0].url == "/portal:home/"


def test_tile_needs_its_capability():
    shown = visible_tiles(
        lambda perm: perm == "accounts.view_register", _resolve_known("portal:home")
    )

    assert [tile.key for tile in shown] == ["territory_map", "register"]


def test_unbuilt_module_is_shown_without_link():
    shown = visible_tiles(lambda perm: True, _resolve_known())

    register = next(tile for tile in shown if tile.key == "register")
    assert register.url is None
    assert not register.available


def test_first_existing_url_wins():
    tile = Tile("t", "T", "d", None, ("missing", "second", "third"))

    (shown,) = visible_tiles(lambda perm: True, _resolve_known("second", "third"), [tile])

    assert shown.url == "/second/"


def test_tile_keys_are_unique_and_capabilities_are_declared():
    from vigie.accounts.roles import CAPABILITIES

    declared = {f"accounts.{code}" for code, _desc in CAPABILITIES}
    assert len({tile.key for tile in TILES}) == len(TILES)
    assert {tile.capability for tile in TILES if tile.capability} <= declared


def test_tiles_needing_the_second_factor_hidden_until_it_is_passed():
    every = lambda perm: True  # noqa: E731
    before = {t.key for t in visible_tiles(every, _resolve_known(), verified=False)}
    after = {t.key for t in visible_tiles(every, _resolve_known(), verified=True)}

    assert before == {"territory_map", "missions", "api_docs"}
    assert {"indicators", "register", "register_counts", "audit_log"} <= after - before
