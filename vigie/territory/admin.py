"""Admin: areas and populations are read-mostly (they come from imports)."""

from django.contrib import admin

from vigie.territory.models import Area, Population


class PopulationInline(admin.TabularInline):
    model = Population
    extra = 0
    fields = ["year", "age_class", "population", "source", "updated_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    ordering = ["kind", "code"]
    fields = ["uuid", "kind", "code", "name", "parent", "former_codes", "bbox", "updated_at"]
    readonly_fields = ["uuid", "kind", "code", "parent", "former_codes", "bbox", "updated_at"]
    inlines = [PopulationInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Population)
class PopulationAdmin(admin.ModelAdmin):
    list_display = ["area", "year", "age_class", "population", "source"]
    list_filter = ["year", "age_class", "area__kind"]
    search_fields = ["area__code", "area__name"]
    list_select_related = ["area"]
    readonly_fields = ["area", "year", "age_class", "population", "source", "updated_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
