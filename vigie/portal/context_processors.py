"""Values every page of the layout needs: the territory's name, public contacts, the
page's address without its language prefix (for the language switch), and whether the
visitor chose the easy-to-read mode."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language_from_path

# The easy-to-read (FALC) mode is a cookie any public page can read; the portal sets it.
EASY_READ_COOKIE = "vigie_easy_read"


def easy_read(request: HttpRequest) -> bool:
    """The visitor asked for easy-to-read texts (FALC) where a page has them."""
    return request.COOKIES.get(EASY_READ_COOKIE) == "1"


def language_neutral_path(request: HttpRequest) -> str:
    """The current address without its "/en/" prefix, query string kept.

    Django's set_language translates `next` by resolving it in the active language; a
    neutral path resolves in the default language, so both directions of the switch work.
    """
    path = request.get_full_path()
    language = get_language_from_path(request.path_info)
    prefix = f"/{language}/" if language else None
    if prefix and path.startswith(prefix):
        return "/" + path[len(prefix) :]
    return path


def vigie(request: HttpRequest) -> dict[str, str | bool]:
    return {
        "VIGIE_STATE_LOGO": settings.VIGIE_STATE_LOGO,
        "VIGIE_CITY_NAME": settings.VIGIE_CITY_NAME,
        "VIGIE_CONTACT": settings.VIGIE_CONTACT,
        "VIGIE_DPO_CONTACT": settings.VIGIE_DPO_CONTACT,
        "language_next": language_neutral_path(request),
        "easy_read": easy_read(request),
    }
