"""Inventory pages: items, their status and assignments, the Excel import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from courts.access import CHANGE
from equipment import selectors
from equipment.filtersets import EquipmentAssignmentFilterSet, EquipmentItemFilterSet
from equipment.forms import AssignForm, ImportForm, ItemForm, ItemStatusForm, ReturnForm
from equipment.models import EquipmentAssignment, EquipmentItem
from equipment.policy import inventory_courts
from equipment.services import imports, inventory
from equipment.tables import EquipmentAssignmentTable, EquipmentItemTable
from equipment.views.base import ObjectActionView, PolicyFormView
from haikou_exec.downloads import as_download
from haikou_exec.errors import apply_validation_error
from haikou_exec.views import RestrictedDetailView, RestrictedListView


def manages_inventory(user) -> bool:
    return inventory_courts(user).exists()


class ItemListView(RestrictedListView):
    model = EquipmentItem
    table_class = EquipmentItemTable
    filterset_class = EquipmentItemFilterSet
    template_name = "equipment/item_list.html"
    title = gettext_lazy("Equipment inventory")

    def select_queryset(self, queryset):
        return selectors.item_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["manages_inventory"] = manages_inventory(self.request.user)
        return ctx


class ItemDetailView(RestrictedDetailView):
    model = EquipmentItem
    template_name = "equipment/item_detail.html"
    detail_fields = [
        "court",
        "category",
        "name",
        "specification",
        "serial_number",
        "status",
        "purchase_date",
        "service_life_years",
        "service_end_on",
        "custodian",
        "unit_price",
        "notes",
    ]

    def select_queryset(self, queryset):
        return selectors.item_detail(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        item = self.object
        ctx["can_change"] = (
            EquipmentItem.objects.restrict(self.request.user, CHANGE).filter(pk=item.pk).exists()
        )
        ctx["status_targets"] = inventory.allowed_status_targets(item)
        return ctx


class ItemCreateView(PolicyFormView):
    allowed = staticmethod(manages_inventory)
    form_class = ItemForm
    title = gettext_lazy("Register equipment")
    cancel_url = reverse_lazy("equipment:item_list")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form):
        data = form.cleaned_data
        return inventory.register_item(user=self.request.user, **data)

    def get_success_url(self):
        return self.result.get_absolute_url()

    @property
    def success_message(self):
        return _("The item is on the inventory.")


class ItemUpdateView(ObjectActionView):
    model = EquipmentItem
    form_class = ItemForm

    @property
    def title(self):
        return _("Correct %(item)s") % {"item": self.object}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "instance": self.object}

    def perform(self, form):
        changes = {
            f: form.cleaned_data[f]
            for f in inventory.EDITABLE_ITEM_FIELDS
            if f in form.cleaned_data
        }
        return inventory.update_item(user=self.request.user, item_id=self.object.pk, **changes)

    @property
    def success_message(self):
        return _("The item was updated.")


class ItemStatusView(ObjectActionView):
    model = EquipmentItem
    form_class = ItemStatusForm

    @property
    def title(self):
        return _("Change the status of %(item)s") % {"item": self.object}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "targets": inventory.allowed_status_targets(self.object),
        }

    def perform(self, form):
        return inventory.change_item_status(
            user=self.request.user, item_id=self.object.pk, **form.cleaned_data
        )

    @property
    def success_message(self):
        return _("The status was changed.")


class ItemAssignView(ObjectActionView):
    model = EquipmentItem
    form_class = AssignForm

    @property
    def title(self):
        return _("Assign %(item)s") % {"item": self.object}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "item": self.object}

    def perform(self, form):
        return inventory.assign_item(
            user=self.request.user, item_id=self.object.pk, **form.cleaned_data
        )

    @property
    def success_message(self):
        return _("The item was assigned.")


class ItemReturnView(ObjectActionView):
    model = EquipmentItem
    form_class = ReturnForm

    @property
    def title(self):
        return _("Record the return of %(item)s") % {"item": self.object}

    def perform(self, form):
        return inventory.return_item(
            user=self.request.user, item_id=self.object.pk, **form.cleaned_data
        )

    @property
    def success_message(self):
        return _("The item is back in stock.")


class AssignmentListView(RestrictedListView):
    model = EquipmentAssignment
    table_class = EquipmentAssignmentTable
    filterset_class = EquipmentAssignmentFilterSet
    title = gettext_lazy("Equipment assignments")

    def select_queryset(self, queryset):
        return selectors.assignment_list(queryset)


class ImportView(PolicyFormView):
    """Upload an inventory workbook; every bad row is listed by its row number."""

    allowed = staticmethod(manages_inventory)
    form_class = ImportForm
    template_name = "equipment/import.html"
    title = gettext_lazy("Import an inventory from Excel")
    cancel_url = reverse_lazy("equipment:item_list")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form):
        return imports.import_inventory(
            user=self.request.user,
            court=form.cleaned_data["court"],
            file=form.cleaned_data["file"],
            valid_rows_only=form.cleaned_data["valid_rows_only"],
        )

    def form_valid(self, form):
        try:
            result = self.perform(form)
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        if result.errors and not result.valid_rows_only:
            messages.error(
                self.request,
                _(
                    "%(bad)d of %(rows)d rows have errors; nothing was imported. Correct them, or tick “Import the valid rows only”."
                )
                % {"bad": len(result.errors), "rows": result.rows},
            )
        elif result.errors:
            messages.warning(
                self.request,
                _("%(created)d items imported; %(bad)d rows with errors were left out.")
                % {"created": result.created, "bad": len(result.errors)},
            )
        else:
            messages.success(
                self.request, _("%(created)d items imported.") % {"created": result.created}
            )
        return render(
            self.request,
            self.template_name,
            self.get_context_data(form=form, result=result, court=form.cleaned_data["court"]),
            status=200,
        )


class ImportTemplateView(LoginRequiredMixin, View):
    """The empty workbook with the expected headers."""

    def get(self, request):
        response = HttpResponse(
            imports.build_template_workbook(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        return as_download(response, "装备清单导入模板.xlsx")
