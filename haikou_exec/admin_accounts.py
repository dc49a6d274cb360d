"""Accounts and groups in the admin (superusers only, as every admin not built on
the access model: haikou_exec.admin_site), with their permission pickers in
Chinese.

Django stores a permission's name once, in English, when the model's table is
made ("Can add enforcement case"), and names a content type by the model's
verbose name, which for the change trail's 107 event models (django-pghistory)
and a few library models is an English class name. The pickers show each
permission as the sidebar names things: 执行案件 | 执行案件 | 可增加执行案件."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Django's four default permissions (Options.default_permissions).
ACTIONS = {
    "add": _("Can add %(name)s"),
    "change": _("Can change %(name)s"),
    "delete": _("Can delete %(name)s"),
    "view": _("Can view %(name)s"),
}
# Library apps and models named in English only.
LIBRARY_APPS = {"guardian": _("Object permissions"), "pghistory": _("change trail")}
LIBRARY_MODELS = {
    "guardian.userobjectpermission": _("user object permission"),
    "guardian.groupobjectpermission": _("group object permission"),
    "pghistory.context": _("change context"),
    "pghistory.events": _("change event"),
    "pghistory.middlewareevents": _("change event of a request"),
}


def model_in_words(model) -> str:
    tracked = getattr(model, "pgh_tracked_model", None)
    if tracked is not None:  # a change-trail event model
        return gettext("%(name)s change record") % {"name": tracked._meta.verbose_name}
    return str(LIBRARY_MODELS.get(model._meta.label_lower, model._meta.verbose_name))


def permission_in_words(permission: Permission) -> str:
    content_type = permission.content_type
    model = content_type.model_class()
    if model is None:  # a model no longer installed
        return str(permission)
    app = LIBRARY_APPS.get(model._meta.app_label, model._meta.app_config.verbose_name)
    name = model_in_words(model)
    action, _sep, model_name = permission.codename.partition("_")
    if action in ACTIONS and model_name == model._meta.model_name:
        words = ACTIONS[action] % {"name": name}
    else:
        words = permission.name  # a permission the model declares itself
    return f"{app} | {name} | {words}"


class PermissionsInWords:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.related_model is Permission and field is not None:
            field.label_from_instance = permission_in_words
        return field


User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class AccountAdmin(PermissionsInWords, auth_admin.UserAdmin):
    pass


@admin.register(Group)
class GroupAdmin(PermissionsInWords, auth_admin.GroupAdmin):
    pass
