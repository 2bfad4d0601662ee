from django.contrib import admin

from .models import Invitation, Membership, Organisation, OrganisationEvent


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "registration_number", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "acronym", "registration_number"]
    # Status changes go through the editors' review page, which notifies the NGO and writes
    # the audit log.
    readonly_fields = ["status", "rejection_reason", "verified_at", "verified_by"]
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["pk", "organisation", "role", "created_at", "expires_at", "accepted_at"]
    raw_id_fields = ["organisation", "invited_by", "accepted_by"]
    exclude = ["token"]


@admin.register(OrganisationEvent)
class OrganisationEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "organisation", "action", "actor"]
    list_filter = ["action"]
    list_select_related = ["organisation", "actor"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
