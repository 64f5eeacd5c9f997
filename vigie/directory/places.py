"""The territory as the directory sees it: its communes by code (former codes of merged
communes included) and the commune covering a point. Implements ``csv_io.Territory``."""

from __future__ import annotations

from django.conf import settings

from vigie.directory import perms
from vigie.territory import selectors
from vigie.territory.models import Area


class TerritoryPlaces:
    def __init__(self, user=None) -> None:
        self.user = user
        self._owners: dict[str, str | None] | None = None
        self.by_code: dict[str, tuple[int, str, str]] = {}
        self.by_id: dict[int, tuple[str, str]] = {}
        rows = Area.objects.communes().filter(parent__code=settings.VIGIE_TERRITORY_CODE)
        for pk, code, name, former in rows.values_list("id", "code", "name", "former_codes"):
            self.by_id[pk] = (code, name)
            self.by_code[code] = (pk, code, name)
            for old in former or []:
                self.by_code.setdefault(str(old), (pk, code, name))

    def commune(self, code: str) -> tuple[str, str] | None:
        found = self.by_code.get(code)
        return None if found is None else (found[1], found[2])

    def commune_id(self, code: str) -> int | None:
        found = self.by_code.get(code)
        return None if found is None else found[0]

    def locate(self, lon: float, lat: float) -> tuple[str, str] | None:
        pk = selectors.spatial_index("commune").locate(lon, lat)
        return self.by_id.get(pk) if pk is not None else None

    def may_update(self, reference: str) -> bool:
        if self.user is None:
            return True
        if self._owners is None:
            from vigie.directory.models import Service

            self._owners = dict(Service.objects.values_list("reference", "commune__code"))
        if reference not in self._owners:
            return True
        return self.in_scope(self._owners[reference])

    def in_scope(self, commune_code: str | None) -> bool:
        if self.user is None:
            return True
        commune_id = self.commune_id(commune_code) if commune_code else None
        return perms.commune_in_scope(self.user, commune_id)
