from django.contrib import admin

from audit.models import AuditSeal
from haikou_exec.admin_site import RestrictedAdmin


@admin.register(AuditSeal)
class AuditSealAdmin(RestrictedAdmin):
    list_display = ["day", "event_count", "chain_hash", "sealed_at"]
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
