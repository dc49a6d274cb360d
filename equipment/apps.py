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
            "name": "装备检查到期提醒",
            "task": "equipment.tasks.remind_inspections_due",
            "crontab": "30 7 * * *",
            "description": "每日：7日内到期的装备检查和整改期限，提醒该院执行局局长。",
        },
        {
            "name": "装备使用年限到期提醒",
            "task": "equipment.tasks.remind_service_life_ending",
            "crontab": "45 7 * * *",
            "description": "每日：90日内使用年限届满的装备，提醒执行局局长和保管人。",
        },
        {
            "name": "装备达标分数",
            "task": "equipment.tasks.compute_compliance_scores",
            "crontab": "30 2 * * *",
            "description": "每晚：计算各法院本年度的装备达标分数。",
        },
    ]
