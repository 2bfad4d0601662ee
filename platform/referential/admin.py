from django.contrib import admin

from .models import (
    Cercle,
    Commune,
    IscoGroup,
    Occupation,
    OccupationSkill,
    OccupationTitle,
    Region,
    Sector,
    Skill,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """List and detail views without any write: `load_reference_data` owns these rows."""

    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "code_2015"]
    search_fields = ["code", "name"]


@admin.register(Cercle)
class CercleAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "region", "code_2015"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = ["code", "code_2015", "name"]


@admin.register(Commune)
class CommuneAdmin(ReadOnlyAdmin):
    list_display = ["code", "code_2021", "name", "cercle", "latitude", "longitude"]
    list_filter = ["cercle__region"]
    list_select_related = ["cercle"]
    search_fields = ["code", "code_2021", "name"]


@admin.register(Sector)
class SectorAdmin(ReadOnlyAdmin):
    list_display = ["slug", "name", "name_en", "kind", "position"]
    list_filter = ["kind"]


@admin.register(IscoGroup)
class IscoGroupAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "name_en"]
    search_fields = ["code", "name", "name_en"]


class OccupationTitleInline(admin.TabularInline):
    model = OccupationTitle
    fields = ["code", "name", "is_main", "is_rare"]
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Occupation)
class OccupationAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "domain", "isco_group", "isco_group_is_derived"]
    list_filter = ["grand_domain", "isco_group_is_derived"]
    list_select_related = ["isco_group"]
    search_fields = ["code", "name", "titles__name"]
    inlines = [OccupationTitleInline]


@admin.register(OccupationTitle)
class OccupationTitleAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "occupation", "is_main", "is_rare"]
    list_filter = ["is_main", "is_rare"]
    list_select_related = ["occupation"]
    search_fields = ["code", "name", "occupation__code"]


@admin.register(Skill)
class SkillAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "category"]
    list_filter = ["kind", "category"]
    search_fields = ["code", "name"]


@admin.register(OccupationSkill)
class OccupationSkillAdmin(ReadOnlyAdmin):
    list_display = ["occupation", "skill", "section"]
    list_filter = ["section"]
    list_select_related = ["occupation", "skill"]
    ordering = ["occupation__code", "skill__name"]
    search_fields = ["occupation__code", "skill__name"]
