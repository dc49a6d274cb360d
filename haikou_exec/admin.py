"""Third-party admins in Chinese. Here django-axes's login records (superusers
only, read-only; the app is named by ``haikou_exec.admin_apps.LoginSecurityConfig``):
axes's own admins, with headings for the columns it computes (its catalog has no
Chinese; the words of its models are in ours, haikou_exec/library_messages.py).
AXES_ENABLE_ADMIN is off so that these are the ones registered. Accounts and groups (their permission
pickers): haikou_exec/admin_accounts.py; django-celery-beat's schedules:
haikou_exec/admin_schedules.py."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

# They register the accounts' and the schedules' admins.
from haikou_exec import admin_accounts, admin_schedules  # noqa: F401


@admin.register(AccessAttempt)
class LoginAttemptAdmin(AccessAttemptAdmin):
    @admin.display(description=_lazy("expires at"))
    def expiration(self, obj):
        return super().expiration(obj)

    @admin.display(description=_lazy("status"))
    def status(self, obj):
        return super().status(obj)

    @admin.action(description=_lazy("Clean up expired attempts"))
    def cleanup_expired_attempts(self, request, queryset):
        count = self.handler.clean_expired_user_attempts(request=request)
        self.message_user(
            request, _("%(count)d expired login attempts cleaned up.") % {"count": count}
        )


@admin.register(AccessLog)
class LoginLogAdmin(AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class LoginFailureAdmin(AccessFailureLogAdmin):
    pass
