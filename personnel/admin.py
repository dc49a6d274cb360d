from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from personnel.models import Officer, Team, TeamMembership
from personnel.services import request_officer_deactivation


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ["name", "badge_number", "role", "bureau", "is_active"]
    list_filter = ["role", "is_active", "bureau__court"]
    search_fields = ["name", "badge_number", "user__username"]
    autocomplete_fields = ["user", "bureau"]
    list_select_related = ["bureau"]
    actions = ["deactivate_selected"]

    @admin.action(description=_("Take selected officers out of service (background job)"))
    def deactivate_selected(self, request, queryset):
        job = request_officer_deactivation(
            user=request.user, officer_ids=list(queryset.values_list("pk", flat=True))
        )
        self.message_user(
            request, _("Queued as background job #%(id)s.") % {"id": job.pk}, messages.INFO
        )


class TeamMembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 0
    autocomplete_fields = ["officer"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "bureau", "is_active"]
    list_filter = ["is_active", "bureau__court"]
    search_fields = ["name", "memberships__officer__name"]
    autocomplete_fields = ["bureau"]
    inlines = [TeamMembershipInline]


@admin.register(TeamMembership)
class TeamMembershipAdmin(admin.ModelAdmin):
    list_display = ["team", "officer", "role", "started_on", "ended_on"]
    list_filter = ["role", "team__bureau__court"]
    search_fields = ["team__name", "officer__name"]
    autocomplete_fields = ["team", "officer"]
