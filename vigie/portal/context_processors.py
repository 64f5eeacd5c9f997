from django.conf import settings


def vigie(request):
    return {
        "VIGIE_CITY_NAME": settings.VIGIE_CITY_NAME,
    }
