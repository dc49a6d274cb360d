from django.contrib import admin, messages
from django.utils import timezone

from courts.calendar import calendar_gaps
from courts.models import Bureau, CalendarYear, Court, Holiday
from courts.policy import keeps_calendar
from haikou_exec.admin_site import (
    EditedInAdmin,
)


@admin.register(Court)
class CourtAdmin(EditedInAdmin):
    list_display = ["name", "code", "tier", "parent", "sort_order"]
    list_filter = ["tier"]
    search_fields = ["name", "code", "short_name"]
    autocomplete_fields = ["parent"]


@admin.register(Bureau)
class BureauAdmin(EditedInAdmin):
    list_display = ["name", "court", "kind", "business_superior", "management_court"]
    list_filter = ["kind", "court"]
    search_fields = ["name", "court__name"]
    autocomplete_fields = ["court", "business_superior", "management_court"]


class CalendarAdmin(EditedInAdmin):
    """The holiday calendar counts every court's working-day limits: only the
    intermediate court's system administrators (and superusers) change it
    (DOMAIN.md §2 "Holiday calendar"); the changelist says which year is missing
    or provisional."""

    # Django's model permission, then who keeps the calendar (not the city
    # leadership that RestrictedAdmin lets write other reference data).
    def has_add_permission(self, request, *args):
        return admin.ModelAdmin.has_add_permission(self, request) and keeps_calendar(request.user)

    def has_change_permission(self, request, obj=None):
        return admin.ModelAdmin.has_change_permission(self, request, obj) and keeps_calendar(
            request.user
        )

    def has_delete_permission(self, request, obj=None):
        return admin.ModelAdmin.has_delete_permission(self, request, obj) and keeps_calendar(
            request.user
        )

    def changelist_view(self, request, extra_context=None):
        if keeps_calendar(request.user):
            for gap in calendar_gaps(timezone.localdate()):
                messages.warning(request, gap.message())
        return super().changelist_view(request, extra_context)


@admin.register(Holiday)
class HolidayAdmin(CalendarAdmin):
    list_display = ["date", "name", "is_working_day"]
    list_filter = ["is_working_day"]
    search_fields = ["name"]
    date_hierarchy = "date"


@admin.register(CalendarYear)
class CalendarYearAdmin(CalendarAdmin):
    list_display = ["year", "is_provisional", "source"]
