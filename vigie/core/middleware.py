"""Request guards shared by every app."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

MESSAGE = "The address holds a NUL character (%00), which no page accepts."


class RejectNulBytesMiddleware:
    """A NUL character in the query string is refused with 400 before any view runs.

    No address of Vigie takes one, and PostgreSQL refuses it in a text value: a filter built
    from such a parameter would turn a hostile link into a server error (SQLite would store or
    compare it silently). Forms and API serializers already refuse NUL characters in what is
    posted (Django's and DRF's ProhibitNullCharactersValidator). The refusal speaks the
    format of the address: GeoReport's error list for a ``.json`` resource (Open311), DRF's
    ``{"detail": …}`` elsewhere in the API, plain text for pages.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return _refusal(request.path)
        return self.get_response(request)


def _refusal(path: str) -> HttpResponse:
    if path.endswith(".json"):
        return JsonResponse([{"code": 400, "description": MESSAGE}], status=400, safe=False)
    if path.startswith("/api/"):
        return JsonResponse({"detail": MESSAGE}, status=400)
    return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
