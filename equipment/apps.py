from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_LEADERSHIP = {
    "equipmentitem": "vac",
    "equipmentassignment": "vac",
    "equipmentstandard": "vac",
    "equipmentinspection": "vac",
    "inspectioncheckitem": "vc",
    "inspectionphoto": "va",
    "inspectionfollowup": "va",
    "compliancescore": "vac",
}


class EquipmentConfig(AppConfig):
    name = "equipment"
    verbose_name = _("Equipment")
    # One entry: the dashboard, whose sub-navigation leads to the inventory,
    # assignments, inspections, scores and standards.
    nav_items = [(_("Equipment"), "equipment:dashboard", "equipment.view_equipmentitem")]
    nav_order = 60
    # Everyone reads the equipment of their scope; a bureau's leadership manages
    # its inventory. The restriction point narrows further: standards and
    # scheduling inspections are for the intermediate bureau's leadership only
    # (models: EquipmentStandard.access_q, EquipmentInspection.access_q).
    role_permissions = {
        "*": {
            "equipmentitem": "v",
            "equipmentassignment": "v",
            "equipmentstandard": "v",
            "equipmentinspection": "v",
            "inspectioncheckitem": "v",
            "inspectionphoto": "v",
            "inspectionfollowup": "v",
            "compliancescore": "v",
        },
        "director": _LEADERSHIP,
        "deputy_director": _LEADERSHIP,
        "leadership": _LEADERSHIP,
    }
    periodic_tasks = [
        {
            "name": "装备检查到期提醒 (equipment inspections due)",
            "task": "equipment.tasks.remind_inspections_due",
            "crontab": "30 7 * * *",
            "description": "Daily: inspections within 7 days and rectification deadlines, to the court's bureau director.",
        },
        {
            "name": "装备使用年限到期提醒 (equipment end of service life)",
            "task": "equipment.tasks.remind_service_life_ending",
            "crontab": "45 7 * * *",
            "description": "Daily: items whose service life ends within 90 days, to the director and the custodian.",
        },
        {
            "name": "装备达标分数 (equipment compliance scores)",
            "task": "equipment.tasks.compute_compliance_scores",
            "crontab": "30 2 * * *",
            "description": "Nightly: the current year's compliance score of every court.",
        },
    ]
