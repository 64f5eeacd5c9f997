"""Where a help request or a volunteer is: the commune (an `Area`) and a point.

1. A commune chosen by the agent (or given by the register) is used as it is.
2. Otherwise the offline look-up finds the commune from the postcode and the commune's name.
3. When an operator sets ``VIGIE_GEOCODER_URL``, the national address API gives the exact
   point of the address (and the commune, when the look-up could not tell); an answer outside
   the territory is refused, an unreachable service falls back to step 2 silently.
Without an exact point, the point is inside the commune (``point_on_surface``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from shapely.geometry import shape

from vigie.solidarity.enums import LocationPrecision
from vigie.solidarity.geocoding import address_api, offline
from vigie.territory import selectors as territory
from vigie.territory.models import Area

logger = logging.getLogger(__name__)


class AddressRefused(ValueError):
    """The address cannot be placed: ``field`` names the form field, ``candidates`` the communes
    the person may choose from (possibly none)."""

    def __init__(self, message: str, *, field: str = "commune", candidates=()):
        super().__init__(message)
        self.message = message
        self.field = field
        self.candidates = list(candidates)


@dataclass(frozen=True)
class Located:
    area: Area
    lat: float
    lon: float
    precision: str

    @property
    def point(self) -> dict[str, float]:
        return {"lat": round(self.lat, 6), "lon": round(self.lon, 6)}


def communes_file() -> Path:
    code = settings.VIGIE_TERRITORY_CODE
    return Path(settings.VIGIE_DATA_DIR) / "population" / f"communes-{code}-population.csv"


def known_communes() -> tuple[offline.Commune, ...]:
    path = communes_file()
    return offline.load_communes(path) if path.is_file() else ()


@lru_cache(maxsize=2048)
def _surface_point(area_id: int, updated_at) -> tuple[float, float] | None:
    geometry = Area.objects.filter(pk=area_id).values_list("geometry", flat=True).first()
    if not geometry:
        return None
    point = shape(geometry).point_on_surface()
    return (point.y, point.x)


def commune_point(area: Area) -> tuple[float, float]:
    """A point inside the commune (its bounding-box centre when it has no geometry)."""
    found = _surface_point(area.pk, area.updated_at)
    if found is not None:
        return found
    if area.bbox is not None:
        return ((area.min_lat + area.max_lat) / 2, (area.min_lon + area.max_lon) / 2)
    raise AddressRefused(_("This commune has no known position; choose another one."))


def territory_communes():
    code = settings.VIGIE_TERRITORY_CODE
    return Area.objects.communes().filter(parent__code=code)


def locate(
    *, street: str = "", postcode: str = "", commune_name: str = "", area: Area | None = None
) -> Located:
    """The commune and point of an address, or AddressRefused with a clear message."""
    if area is None:
        area = _offline_area(postcode, commune_name, street)
    found = _from_api(street, postcode, commune_name, area)
    if found is not None:
        return found
    if area is None:  # pragma: no cover - _offline_area raises instead
        raise AddressRefused(_("Choose the commune."))
    lat, lon = commune_point(area)
    return Located(area, lat, lon, LocationPrecision.COMMUNE)


def _offline_area(postcode: str, commune_name: str, street: str) -> Area | None:
    result = offline.look_up(
        known_communes(),
        postcode=postcode,
        commune_name=commune_name,
        department=settings.VIGIE_TERRITORY_CODE,
    )
    areas = {a.code: a for a in territory_communes()}
    if result.outcome == offline.Outcome.FOUND and result.commune.code in areas:
        return areas[result.commune.code]
    candidates = [areas[c.code] for c in result.candidates if c.code in areas]
    if result.outcome == offline.Outcome.OUTSIDE:
        raise AddressRefused(
            _(
                "This address is outside %(territory)s. Vigie can only send volunteers within "
                "the territory: please contact the town hall where the person lives."
            )
            % {"territory": settings.VIGIE_CITY_NAME},
            field="postcode",
        )
    if _geocoder_enabled() and street:
        return None  # the address API may still place it
    if result.outcome == offline.Outcome.MISMATCH:
        message = _("The postcode and the commune do not match. Choose the commune in the list.")
    elif result.outcome == offline.Outcome.AMBIGUOUS:
        message = _("Several communes match. Choose the commune in the list.")
    elif postcode and not candidates:
        message = _(
            "No commune of %(territory)s has this postcode. Check it, or choose the commune."
        ) % {"territory": settings.VIGIE_CITY_NAME}
    else:
        message = _(
            "We did not find this commune in %(territory)s. Check its name, or choose it in "
            "the list. If the person lives elsewhere, Vigie cannot send a volunteer."
        ) % {"territory": settings.VIGIE_CITY_NAME}
    raise AddressRefused(message, candidates=candidates)


def _geocoder_enabled() -> bool:
    return bool(settings.VIGIE_GEOCODER_URL)


def _from_api(street: str, postcode: str, commune_name: str, area: Area | None) -> Located | None:
    if not _geocoder_enabled() or not street:
        return None
    query = " ".join(part for part in (street, postcode, commune_name) if part)
    try:
        found = address_api.search(
            settings.VIGIE_GEOCODER_URL,
            query,
            citycode=area.code if area is not None else "",
            timeout=settings.VIGIE_GEOCODER_TIMEOUT,
        )
    except address_api.GeocoderError as error:
        logger.warning("address API not used: %s", error)  # never the address itself
        found = None
    if found is None:
        if area is None:
            raise AddressRefused(
                _("We could not find this address. Check it, or choose the commune."),
                field="street",
            )
        return None
    located_area = territory.locate(found.lon, found.lat, kind="commune")
    if located_area is None or (
        located_area.parent is not None
        and located_area.parent.code != settings.VIGIE_TERRITORY_CODE
    ):
        raise AddressRefused(
            _(
                "This address is outside %(territory)s. Vigie can only send volunteers within "
                "the territory: please contact the town hall where the person lives."
            )
            % {"territory": settings.VIGIE_CITY_NAME},
            field="street",
        )
    if area is not None and located_area.pk != area.pk:
        return None  # the API placed it in another commune: keep the commune given
    precision = (
        LocationPrecision.ADDRESS
        if found.kind in ("housenumber", "street")
        else LocationPrecision.COMMUNE
    )
    return Located(located_area, found.lat, found.lon, precision)
