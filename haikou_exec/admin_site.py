"""The admin under the same access model as the pages and the API (DESIGN.md "Access").

- ``WrittenByServicesAdmin`` / ``EditedInAdmin`` (both ``RestrictedAdmin``) and
  ``RestrictedTabularInline`` / ``RestrictedStackedInline`` are the only bases our
  apps' admins use. Reads go through ``restrict(user, "view")``,
  changes and deletions through ``restrict(user, "change"|"delete")``; a saved row
  must still be inside the user's change scope, or the whole save is rolled back
  (the admin's change view runs in one transaction). Foreign-key choices and
  autocompletes list only rows the user may see.
- Fields that place a row in a court (the first step of ``access_court_path``) are
  read-only on existing rows for everyone but superusers: moving a row between courts
  is a transfer, done by its service (DOMAIN.md §3).
- State and decision fields (``status``, ``decided_by`` …) are read-only: they change
  only through the services that check who may decide (DOMAIN.md §2).
- Models without a restriction (reference data) are read-only below city leadership.
- What a page writes through its service is only shown here
  (``WrittenByServicesAdmin``); the admin writes only what it is the place to keep
  (``EditedInAdmin``): configuration, reference data, the officers' and teams'
  registers, and the words of a few records. Every admin of ours is one of the two.
- ``CourtAdminSite.register`` gives any admin class that does not use these bases
  (third-party apps: users and groups, tokens, login attempts, schedules, raw history)
  to superusers only, so a new admin cannot slip past the access model.

Superusers are the only exception to all of this.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from courts.access import ADD, CHANGE, DELETE, VIEW, scope_for
from haikou_exec import admin_json
from haikou_exec.identifiers import mask_identifier
from haikou_exec.parameters import PREFIX as PARAMETER_PREFIX
from haikou_exec.parameters import collect as collect_parameters
from haikou_exec.parameters import readable as readable_parameters
from haikou_exec.widgets import Select

# Workflow fields: changed by services only (decisions, transitions, optimistic lock).
STATE_FIELDS = frozenset(
    {
        "status",
        "decided_by",
        "decided_at",
        "approved_by",
        "approved_at",
        "closing_type",
        "closed_on",
    }
)

IDENTIFIER_FIELDS = frozenset({"id_number", "convict_id_number"})
MASKED = {name: f"masked_{name}" for name in IDENTIFIER_FIELDS}


class ActionForm(helpers.ActionForm):
    """The changelist's action select: its empty choice reads 请选择 as every
    select's does (the admin's own form was built before the kernel set
    ``forms.ChoiceField.widget``)."""

    action = forms.ChoiceField(label=_lazy("Action:"), widget=Select)


def _restrictable(queryset) -> bool:
    return hasattr(queryset, "restrict")


def _may_write_reference_data(user) -> bool:
    return user.is_superuser or scope_for(user).city_leadership


def _in_scope(model, user, obj, action: str) -> bool:
    queryset = model._default_manager.all()
    if not _restrictable(queryset):
        return action == VIEW or _may_write_reference_data(user)
    return queryset.restrict(user, action).filter(pk=obj.pk).exists()


def scope_fields(model) -> list[str]:
    """The field that places a row in a court, e.g. ``court`` or ``case``."""
    path = getattr(model, "access_court_path", None)
    if not path:
        return []
    first = path.split("__")[0]
    names = {f.name for f in model._meta.get_fields()}
    return [first] if first in names else []


class RestrictedAdminMixin:
    """Reads, writes and choices through the restriction point (see module doc)."""

    action_form = ActionForm

    def _superuser(self, request) -> bool:
        return _is_superuser(request)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self._superuser(request) or not _restrictable(queryset):
            return queryset
        return queryset.restrict(request.user, VIEW)

    def has_view_permission(self, request, obj=None):
        if not super().has_view_permission(request, obj):
            return False
        return (
            obj is None
            or self._superuser(request)
            or _in_scope(self.model, request.user, obj, VIEW)
        )

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if self._superuser(request):
            return True
        if not _restrictable(self.model._default_manager.all()):
            return _may_write_reference_data(request.user)
        return obj is None or _in_scope(self.model, request.user, obj, CHANGE)

    def has_add_permission(self, request, *args):
        if not super().has_add_permission(request, *args):
            return False
        if self._superuser(request) or _restrictable(self.model._default_manager.all()):
            return True
        return _may_write_reference_data(request.user)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        if self._superuser(request):
            return True
        if not _restrictable(self.model._default_manager.all()):
            return _may_write_reference_data(request.user)
        return obj is None or _in_scope(self.model, request.user, obj, DELETE)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return _restrict_choices(field, request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return _restrict_choices(field, request)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        names = {f.name for f in self.model._meta.get_fields()}
        readonly += [name for name in STATE_FIELDS & names if name not in readonly]
        if not self._superuser(request):
            readonly += [MASKED[name] for name in IDENTIFIER_FIELDS & names]
            if obj is not None:
                readonly += [name for name in scope_fields(self.model) if name not in readonly]
        return readonly

    # Identity numbers are masked below superusers, as in the API and every list
    # (DOMAIN.md §2: personal information shown only as far as the work needs).
    def get_fields(self, request, obj=None):
        return self._masked(request, super().get_fields(request, obj))

    def get_list_display(self, request):
        return self._masked(request, super().get_list_display(request))

    def _masked(self, request, names):
        if self._superuser(request):
            return names
        masked = [MASKED.get(name, name) if isinstance(name, str) else name for name in names]
        return list(dict.fromkeys(masked))  # the read-only copy is listed once

    @admin.display(description=_lazy("ID number"))
    def masked_id_number(self, obj):
        return mask_identifier(obj.id_number)

    @admin.display(description=_lazy("convict's ID number"))
    def masked_convict_id_number(self, obj):
        return mask_identifier(obj.convict_id_number)


def _restrict_choices(field, request):
    if field is None or request.user.is_superuser:
        return field
    queryset = getattr(field, "queryset", None)
    if queryset is not None and _restrictable(queryset):
        field.queryset = queryset.restrict(request.user, VIEW)
    return field


def _show_json_in_words(model_admin) -> None:
    """Give the admin (or inline) a ``<field>_in_words`` display for each JSON field
    it does not define itself (haikou_exec.admin_json); the fields are read once."""
    model = model_admin.model
    model_admin.json_fields = frozenset(admin_json.json_fields(model))
    for name in model_admin.json_fields:
        if not hasattr(model_admin, admin_json.in_words_name(name)):
            display = admin_json.shown_on_page(model._meta.get_field(name))
            setattr(model_admin, admin_json.in_words_name(name), display)


def _json_in_words(model_admin, fields) -> list:
    shown = model_admin.json_fields
    return list(dict.fromkeys(admin_json.in_words_name(f) if f in shown else f for f in fields))


class RestrictedAdmin(RestrictedAdminMixin, admin.ModelAdmin):
    """The base of every admin of ours.

    ``versioned = True`` for models with an optimistic ``version`` (a case, a monthly
    report): the version the editor saw travels with the form, a stale save is
    refused, and a save bumps it, as the services do."""

    versioned = False

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        if self.versioned and not issubclass(self.form, VersionedModelForm):
            self.form = type("Versioned" + self.form.__name__, (VersionedModelForm, self.form), {})
        _show_json_in_words(self)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if (
            obj is not None
            and (self.versioned or self.json_fields)  # asked only where it changes something
            and not self.has_change_permission(request, obj)
        ):
            # Nothing is saved from a read-only view: the lock's field would only
            # show as an empty row, and JSON is shown in words (admin_json).
            fields = _json_in_words(self, [f for f in fields if f != "expected_version"])
        return fields

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if self.versioned and "version" not in readonly:
            readonly = [*readonly, "version"]
        return readonly

    def save_model(self, request, obj, form, change):
        if self.versioned and change:
            _check_and_bump_version(self.model, obj, form)
        super().save_model(request, obj, form, change)
        self._ensure_in_scope(request, obj, CHANGE if change else ADD)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for obj in [*formset.new_objects, *(o for o, _fields in formset.changed_objects)]:
            self._ensure_in_scope(request, obj, CHANGE, model=formset.model)

    def _ensure_in_scope(self, request, obj, action, model=None):
        """A saved row must still be one the user may change; else all is rolled back."""
        if self._superuser(request):
            return
        queryset = (model or self.model)._default_manager.all()
        if not _restrictable(queryset):
            return
        allowed = queryset.restrict(request.user, action) | queryset.restrict(request.user, CHANGE)
        if not allowed.filter(pk=obj.pk).exists():
            raise PermissionDenied(_("This record is outside your court."))


class VersionedModelForm(forms.ModelForm):
    """The version the editor saw, as a hidden field (optimistic lock)."""

    expected_version = forms.IntegerField(
        label=_lazy("version when opened"), widget=forms.HiddenInput, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial.setdefault("expected_version", self.instance.version)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        current = (
            type(self.instance)
            ._default_manager.filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if cleaned.get("expected_version") != current:
            raise forms.ValidationError(
                _(
                    "Someone else changed this record after you opened it (version %(old)s, "
                    "now %(new)s). Reload the page and make your change again."
                )
                % {"old": cleaned.get("expected_version"), "new": current},
                code="stale",
            )
        return cleaned


def _check_and_bump_version(model, obj, form) -> None:
    """Lock the row, re-check the version (a save racing past clean()), bump it."""
    current = model._default_manager.select_for_update().values_list("version", flat=True)
    current = current.get(pk=obj.pk)
    if form.cleaned_data.get("expected_version") != current:
        raise PermissionDenied(_("Someone else changed this record after you opened it."))
    obj.version = current + 1


class _RestrictedInlineMixin(RestrictedAdminMixin):
    """An inline: rows in scope, and edits only where the parent may be changed."""

    def __init__(self, parent_model, admin_site):
        super().__init__(parent_model, admin_site)
        _show_json_in_words(self)

    def get_fields(self, request, obj=None):
        words = {admin_json.in_words_name(n) for n in self.json_fields}
        fields = [f for f in super().get_fields(request, obj) if f not in words]
        if not self.json_fields or obj is None:
            return fields
        # Under a record shown only, its rows are shown only too (Django's own rule);
        # the model permission is enough to tell, without another scope query.
        parent = self.admin_site._registry.get(self.parent_model)
        shown_only = parent is None or isinstance(parent, WrittenByServicesAdmin)
        if shown_only or not parent.has_change_permission(request):
            fields = _json_in_words(self, fields)
        return fields

    def _parent_changeable(self, request, obj) -> bool:
        if obj is None or self._superuser(request):
            return True
        return _in_scope(self.parent_model, request.user, obj, CHANGE)

    def has_change_permission(self, request, obj=None):
        return super(RestrictedAdminMixin, self).has_change_permission(
            request, obj
        ) and self._parent_changeable(request, obj)

    def has_add_permission(self, request, obj=None):
        return super(RestrictedAdminMixin, self).has_add_permission(
            request, obj
        ) and self._parent_changeable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super(RestrictedAdminMixin, self).has_delete_permission(
            request, obj
        ) and self._parent_changeable(request, obj)

    def has_view_permission(self, request, obj=None):
        return super(RestrictedAdminMixin, self).has_view_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super(RestrictedAdminMixin, self).get_readonly_fields(request, obj))
        names = {f.name for f in self.model._meta.get_fields()}
        readonly += [name for name in STATE_FIELDS & names if name not in readonly]
        if not self._superuser(request):
            readonly += [MASKED[name] for name in IDENTIFIER_FIELDS & names]
        # Displays, not form fields (get_fields puts them in a read-only parent's rows).
        readonly += [admin_json.in_words_name(n) for n in self.json_fields]
        return readonly


class WrittenByServicesAdmin(RestrictedAdmin):
    """Rows a page (or a task) writes through its service: the admin shows them and
    never adds, changes or deletes one, a superuser neither. An edit here would pass
    by the rule the service keeps — a due date moved without the president's
    approved extension (DOMAIN.md §2 "Who approves"), a balance without its entry,
    a monthly report changed after submission without its reason, a query answer
    that was never received, a reply marked on time that was late."""

    # Says where the record is changed, with a link to its page.
    change_form_template = "admin/written_by_services_change_form.html"

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EditedInAdmin(RestrictedAdmin):
    """What the admin is the place to keep: configuration and reference data that no
    page writes (courts, the holiday calendar, node definitions, time limits, alert
    rules, scoring sheets), the registers the system administrator keeps (officers'
    particulars, teams), and the words of a record whose rules are kept elsewhere,
    with everything else read-only (a case's cause and title). Everything a page
    writes is a ``WrittenByServicesAdmin``; ``CourtAdminSite.register`` asks each of
    our admins to be one or the other."""


class ParametersInFieldsAdmin(EditedInAdmin):
    """A model whose parameters (a JSON object in ``parameters_field``) are read by
    code that declares what it takes (haikou_exec.parameters): the admin edits them
    one field per parameter, checked as on the page and in the API, never as JSON
    typed by hand (which could store {"days": "abc"} for the nightly job to fail
    on). ``parameter_schema(obj)`` names the parameters of a row (``obj`` is None on
    the add page: a rule's parameters depend on its kind, known once it is saved)."""

    parameters_field = "parameters"

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)

        def in_words(obj):
            stored = getattr(obj, self.parameters_field) or {}
            return readable_parameters(self._schema(obj), stored)

        in_words.short_description = model._meta.get_field(self.parameters_field).verbose_name
        self._in_words = admin_json.in_words_name(self.parameters_field)
        setattr(self, self._in_words, in_words)

    def parameter_schema(self, obj) -> list:
        raise NotImplementedError

    def _schema(self, obj) -> list:
        return list(self.parameter_schema(obj))

    def get_fields(self, request, obj=None):
        fields = [
            f
            for f in super().get_fields(request, obj)
            if f not in (self.parameters_field, self._in_words)
            and not f.startswith(PARAMETER_PREFIX)
        ]
        if obj is not None and not self.has_change_permission(request, obj):
            return [*fields, self._in_words]  # a reader reads them in words
        return fields + [PARAMETER_PREFIX + p.name for p in self._schema(obj)]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), self._in_words]

    def get_form(self, request, obj=None, change=False, **kwargs):
        schema = self._schema(obj)
        declared = {PARAMETER_PREFIX + p.name: p.form_field() for p in schema}
        attrs = {**declared, "schema": schema, "parameters_field": self.parameters_field}
        kwargs["form"] = type("ParametersForm", (_ParametersForm, self.form), attrs)
        return super().get_form(request, obj, change, **kwargs)


class _ParametersForm(forms.ModelForm):
    schema: list = []
    parameters_field = "parameters"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = getattr(self.instance, self.parameters_field) or {}
        for parameter in self.schema:
            self.initial.setdefault(PARAMETER_PREFIX + parameter.name, parameter.initial(stored))

    def clean(self):
        data = super().clean()
        if self.schema and not self.errors:
            stored = getattr(self.instance, self.parameters_field)
            setattr(
                self.instance,
                self.parameters_field,
                collect_parameters(self.schema, data, stored),
            )
        return data


class RestrictedTabularInline(_RestrictedInlineMixin, admin.TabularInline):
    pass


class RestrictedStackedInline(_RestrictedInlineMixin, admin.StackedInline):
    pass


def _is_superuser(request) -> bool:
    return request.user.is_active and request.user.is_superuser


class SuperuserOnlyAdminMixin:
    """Third-party admins (accounts, tokens, schedules, raw history): superusers only,
    and no more than the library's own admin allows them (the login-attempt logs
    and the change trail are read-only)."""

    action_form = ActionForm

    def has_module_permission(self, request):
        return _is_superuser(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return _is_superuser(request) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return _is_superuser(request) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, *args):
        return _is_superuser(request) and super().has_add_permission(request, *args)

    def has_delete_permission(self, request, obj=None):
        return _is_superuser(request) and super().has_delete_permission(request, obj)


class CourtAdminSite(admin.AdminSite):
    site_header = "海口法院执行管理系统"
    site_title = "执行管理系统"

    def index(self, request, extra_context=None):
        # The December warning (DOMAIN.md §2 "Holiday calendar"), where those who
        # keep the calendar land.
        from django.contrib import messages
        from django.utils import timezone

        from courts.calendar import calendar_gaps
        from courts.policy import keeps_calendar

        if keeps_calendar(request.user):
            for gap in calendar_gaps(timezone.localdate()):
                messages.warning(request, gap.message())
        response = super().index(request, extra_context)
        kept, shown = split_by_what_is_kept_here(response.context_data["app_list"], self._registry)
        response.context_data.update(kept_app_list=kept, shown_app_list=shown)
        return response

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, (RestrictedAdminMixin, SuperuserOnlyAdminMixin)):
            admin_class = type(admin_class.__name__, (SuperuserOnlyAdminMixin, admin_class), {})
        elif issubclass(admin_class, RestrictedAdmin) and not issubclass(
            admin_class, (WrittenByServicesAdmin, EditedInAdmin)
        ):
            # Whether the admin may write a model is decided once, where it is
            # registered: what a page writes is only shown here (module doc).
            raise ImproperlyConfigured(
                f"{admin_class.__qualname__}: an admin of ours is a WrittenByServicesAdmin "
                "(a page writes these rows) or an EditedInAdmin (kept here)."
            )
        return super().register(model_or_iterable, admin_class, **options)


def split_by_what_is_kept_here(
    app_list: list[dict], registry: dict
) -> tuple[list[dict], list[dict]]:
    """The index's apps in two lists: the models this reader keeps here (a system
    administrator's officers and teams, say) first, the ones the pages write and
    the admin only shows after them, so the work is not lost among some eighty
    read-only registers. Kept: what the reader may add, or change in an
    ``EditedInAdmin`` (a library's records that only offer 修改 on a read-only
    form, as the login records, are shown). An app with both kinds is in both."""

    def kept_here(entry: dict) -> bool:
        perms = entry["perms"]
        edited = isinstance(registry.get(entry["model"]), EditedInAdmin)
        return bool(perms.get("add") or (perms.get("change") and edited))

    kept, shown = [], []
    for app in app_list:
        models = app["models"]
        editable = [m for m in models if kept_here(m)]
        rest = [m for m in models if m not in editable]
        if editable:
            kept.append({**app, "models": editable})
        if rest:
            shown.append({**app, "models": rest})
    return kept, shown
