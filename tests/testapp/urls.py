"""URLs of the error-page tests: the project's, plus a view that fails on personal data."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as project_urlpatterns


class BoomError(RuntimeError):
    pass


@csrf_exempt
def boom(request: HttpRequest) -> HttpResponse:
    phone = request.POST.get("phone") or request.GET.get("phone", "")
    contact = request.POST.get("contact", "")
    raise BoomError(f"could not register {phone} (contact {contact})")


# The project's URLs too: the 500 page links to them.
urlpatterns = [path("boom/", boom, name="boom"), *project_urlpatterns]
