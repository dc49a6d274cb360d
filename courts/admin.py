from django.contrib import admin

from courts.models import Bureau, Court
from haikou_exec.admin_site import RestrictedAdmin


@admin.register(Court)
class CourtAdmin(RestrictedAdmin):
    list_display = ["name", "code", "tier", "parent", "sort_order"]
    list_filter = ["tier"]
    search_fields = ["name", "code", "short_name"]
    autocomplete_fields = ["parent"]


@admin.register(Bureau)
class BureauAdmin(RestrictedAdmin):
    list_display = ["name", "court", "kind", "business_superior", "management_court"]
    list_filter = ["kind", "court"]
    search_fields = ["name", "court__name"]
    autocomplete_fields = ["court", "business_superior", "management_court"]
