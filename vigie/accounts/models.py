"""Staff and partner accounts: e-mail login, one or more roles (groups)."""

import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("admin site access"),
        default=False,
        help_text=_("Can open the Django administration site."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    areas = models.ManyToManyField(
        "territory.Area",
        verbose_name=_("areas of responsibility"),
        blank=True,
        related_name="staff",
        help_text=_(
            "The areas whose records this person may work on (with the communes and "
            "neighbourhoods inside them). None: no personal record of any area."
        ),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email


class Capability(models.Model):
    """Holds the permissions that belong to no concrete model; never stored."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [  # kept in sync with roles.CAPABILITIES by a test
            ("view_aggregates", "Can view aggregated indicators and maps"),
            ("import_data", "Can import boundaries, populations and epidemic data"),
            ("view_register", "Can read the register of vulnerable people (names, contacts)"),
            ("manage_register", "Can create, rectify and erase register records"),
            ("manage_help_requests", "Can triage help requests and match volunteers"),
            ("view_own_missions", "Can see the missions proposed to oneself"),
            ("publish_alerts", "Can write and publish public alerts"),
            ("manage_directory", "Can edit the directory of services"),
            ("view_crisis", "Can open the crisis-cell dashboards and reports"),
            ("view_audit_log", "Can read the audit log"),
            ("manage_users", "Can create accounts and assign roles"),
            ("use_api", "Can call the partner API"),
        ]

    def __str__(self) -> str:
        return "capability holder"


class UserSession(models.Model):
    """One row per logged-in session, so that disabling an account can end them all."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="login_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("login session")
        verbose_name_plural = _("login sessions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"session of user {self.user_id} since {self.created_at:%Y-%m-%d %H:%M}"
