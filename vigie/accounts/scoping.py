"""Which areas a staff member works on: the territory scope of personal records.

A user's ``areas`` (set by an administrator) are the areas of responsibility; the scope is
those areas and every area inside them: a department's communes, an EPCI's member communes,
a commune's neighbourhoods. A user with no area has an empty scope: least privilege, no
personal record of any area is served (aggregates are not scoped).

    from vigie.accounts.scoping import scope_area_ids
    people = Person.objects.filter(area_id__in=scope_area_ids(request.user))
"""

from __future__ import annotations

from vigie.territory.models import Area


def expand_area_ids(area_ids: set[int]) -> frozenset[int]:
    """``area_ids`` with every area inside them (children, members, and theirs)."""
    scope = set(area_ids)
    frontier = set(area_ids)
    while frontier:
        inside = set(Area.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
        inside |= set(
            Area.members.through.objects.filter(from_area_id__in=frontier).values_list(
                "to_area_id", flat=True
            )
        )
        frontier = inside - scope
        scope |= frontier
    return frozenset(scope)


def scope_area_ids(user) -> frozenset[int]:
    """The ids of the areas ``user`` may see personal records of (cached on the instance)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_vigie_scope_area_ids", None)
    if cached is None:
        cached = expand_area_ids(set(user.areas.values_list("id", flat=True)))
        user._vigie_scope_area_ids = cached
    return cached


def in_scope(user, area_id: int | None) -> bool:
    """True when ``area_id`` lies within the user's areas of responsibility."""
    return area_id is not None and area_id in scope_area_ids(user)
