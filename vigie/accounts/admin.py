"""User admin for administrators: accounts by e-mail, roles as groups.

The admin is reachable only after the second factor (see middleware); superuser rights and
per-user permissions are left out: rights come from roles, defined in roles.py.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from . import services
from .models import User


class VigieUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "is_active", "is_staff", "groups", "areas")


class VigieUserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = VigieUserChangeForm
    add_form = VigieUserCreationForm
    list_display = ("email", "full_name", "is_active", "is_staff", "roles")
    list_filter = ("is_active", "is_staff", "groups")
    search_fields = ("email", "full_name")
    ordering = ("email",)
    filter_horizontal = ("groups", "areas")
    readonly_fields = ("uuid", "date_joined", "last_login")
    fieldsets = (
        (None, {"fields": ("email", "password", "uuid")}),
        (_("Person"), {"fields": ("full_name",)}),
        (_("Access"), {"fields": ("is_active", "is_staff", "groups", "areas")}),
        (_("Dates"), {"fields": ("date_joined", "last_login")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "usable_password", "password1", "password2"),
            },
        ),
    )

    actions = ["reset_second_factor"]

    @admin.action(description=_("Reset the second factor (lost phone)"))
    def reset_second_factor(self, request, queryset) -> None:
        for user in queryset:
            services.reset_second_factor(user, actor=request.user, request=request)
        self.message_user(
            request,
            _("Second factor reset: these accounts set up a new authenticator at next log-in."),
            messages.SUCCESS,
        )

    def save_model(self, request, obj: User, form, change: bool) -> None:
        """Disabling an account goes through the service: sessions ended, audit written."""
        was_active = change and User.objects.filter(pk=obj.pk, is_active=True).exists()
        super().save_model(request, obj, form, change)
        if was_active and not obj.is_active:
            services.deactivate_user(obj, actor=request.user, request=request)

    @admin.display(description=_("roles"))
    def roles(self, obj: User) -> str:
        return ", ".join(group.name for group in obj.groups.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")
