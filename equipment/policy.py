"""Who may take which equipment step, built on the one restriction point
(courts.access) and the role permissions (apps.EquipmentConfig).

Reads and changes of existing rows always go through ``Model.objects.restrict``.
This module answers the questions that have no row yet: in which courts may this
user create inventory, and may they set standards or schedule inspections."""

from __future__ import annotations

from django.db.models import QuerySet

from courts.access import ADD, scope_for
from courts.models import Court


def inventory_courts(user) -> QuerySet[Court]:
    """Courts whose inventory ``user`` manages: a bureau's leadership its own court,
    the intermediate bureau's leadership every court (统一管理, DOMAIN.md §5) —
    the same rule as ``CourtScoped.access_q`` for "add"."""
    if not user.is_authenticated:
        return Court.objects.none()
    if user.is_superuser:
        return Court.objects.all()
    if not user.has_perm("equipment.add_equipmentitem"):
        return Court.objects.none()
    scope = scope_for(user)
    if scope.city_leadership:
        return Court.objects.all()
    if scope.leads_bureau and scope.court_id:
        return Court.objects.filter(pk=scope.court_id)
    return Court.objects.none()


def can_set_standards(user) -> bool:
    """Only the intermediate bureau's leadership sets standards (DOMAIN.md §7)."""
    from equipment.models import EquipmentStandard

    return _may_add(user, EquipmentStandard, "equipment.add_equipmentstandard")


def can_schedule_inspections(user) -> bool:
    """Only the intermediate bureau's leadership schedules, conducts and closes
    inspections (DOMAIN.md §7 "It inspects each court's equipment")."""
    from equipment.models import EquipmentInspection

    return _may_add(user, EquipmentInspection, "equipment.add_equipmentinspection")


def _may_add(user, model, perm: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if not user.has_perm(perm):
        return False
    return model.access_q(scope_for(user), ADD) is None
