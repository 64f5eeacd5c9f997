from django.contrib import admin

from vigie.observatory.models import Feed, ObservatorySettings, RefreshRun


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "kind", "synthetic", "enabled", "last_imported_at"]
    readonly_fields = ["last_digest", "last_imported_at"]


@admin.register(ObservatorySettings)
class ObservatorySettingsAdmin(admin.ModelAdmin):
    list_display = ["territory_code", "incidence_alert", "incidence_high", "incidence_maximum"]


@admin.register(RefreshRun)
class RefreshRunAdmin(admin.ModelAdmin):
    list_display = ["created_at", "trigger", "status", "step", "done", "total"]
    readonly_fields = [f.name for f in RefreshRun._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
