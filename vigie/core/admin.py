from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is written by the application, never by hand."""

    list_display = ("sequence", "created_at", "action", "target_type", "target_id", "purpose")
    list_filter = ("action", "purpose")
    search_fields = ("target_id", "target_type")
    ordering = ("-sequence",)
    list_select_related = ("actor",)
    readonly_fields = [field.name for field in AuditEvent._meta.fields]
    actions = None

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
