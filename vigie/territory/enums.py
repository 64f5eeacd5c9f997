from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaKind(models.TextChoices):
    DEPARTMENT = "department", _("Department")
    EPCI = "epci", _("EPCI (inter-municipal body)")
    COMMUNE = "commune", _("Commune")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood (IRIS)")


ALL_AGES = "all"
