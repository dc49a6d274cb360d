from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_READ_ALL = {
    "indicatordefinition": "v",
    "indicatorsnapshot": "v",
    "assessmentscheme": "v",
    "schemecomponent": "v",
    "bureauassessment": "v",
    "bureauassessmentresult": "v",
    "monthlyreport": "v",
    "monthlyreportedit": "v",
    "monthlyreportsubmission": "v",
    "monthlyreportreview": "v",
    "reportingrule": "v",
    "officerscheme": "v",
    "officerschemeitem": "v",
}
# Bureau leadership: the district prepares and submits its reports and assesses
# its own officers; at the intermediate court the same roles run the annual
# assessment. The restriction point and the services decide which rows and
# steps (assessment.models, assessment.services).
_LEADERS = {
    **_READ_ALL,
    "indicatordefinition": "va",
    "assessmentscheme": "vac",
    "schemecomponent": "vac",
    "bureauassessment": "vac",
    "monthlyreport": "vac",
    "monthlyreportedit": "va",
    "monthlyreportsubmission": "va",
    "officerscheme": "vac",
    "officerschemeitem": "vac",
    "officermanualscore": "vac",
    "officerperformancerun": "va",
    "officerperformanceresult": "v",
}
_SUPERVISOR = {
    **_READ_ALL,
    "monthlyreport": "vc",
    "monthlyreportreview": "va",
    "officerperformancerun": "v",
    "officerperformanceresult": "v",
}


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Assessment")
    default_auto_field = "django.db.models.BigAutoField"
    nav_items = [
        (_("Quality indicators"), "assessment:dashboard", "assessment.view_indicatordefinition"),
        (_("Indicator figures"), "assessment:figures", "assessment.view_indicatordefinition"),
        (
            _("Indicator definitions"),
            "assessment:indicator_list",
            "assessment.view_indicatordefinition",
        ),
        (_("Indicator snapshots"), "assessment:snapshot_list", "assessment.view_indicatorsnapshot"),
        (
            _("Annual bureau assessment"),
            "assessment:assessment_list",
            "assessment.view_bureauassessment",
        ),
        (_("Assessment schemes"), "assessment:scheme_list", "assessment.view_assessmentscheme"),
        (_("Bureau results"), "assessment:result_list", "assessment.view_bureauassessmentresult"),
        (
            _("Officer performance"),
            "assessment:officer_scheme_list",
            "assessment.view_officerscheme",
        ),
        (_("Monthly district reports"), "assessment:report_list", "assessment.view_monthlyreport"),
    ]
    nav_order = 75
    # Who the menu entries are for (haikou_exec.navigation): a clerk's menu is
    # not a director's. Entries not named here show to everyone with the permission.
    nav_audiences = {
        "assessment:dashboard": {"lead", "supervise", "president"},
        "assessment:figures": {"lead", "supervise", "president"},
        "assessment:indicator_list": {"lead"},
        "assessment:snapshot_list": {"lead"},
        "assessment:assessment_list": {"lead", "supervise"},
        "assessment:scheme_list": {"lead"},
        "assessment:result_list": {"lead", "supervise"},
        "assessment:officer_scheme_list": {"lead", "handle"},
        "assessment:report_list": {"lead", "supervise"},
    }
    role_permissions = {
        "*": _READ_ALL,
        "director": _LEADERS,
        "deputy_director": _LEADERS,
        "leadership": _LEADERS,
        "supervisor": _SUPERVISOR,
    }
    periodic_tasks = [
        {
            "name": "质效指标快照",
            "task": "assessment.tasks.take_indicator_snapshots",
            "crontab": "30 3 * * *",
            "description": (
                "每晚：按法院和执行局计算本月、本年（上月、上年未定稿前也一并计算）的各项指标，并记录每个数字所依据的案件。"
            ),
        },
        {
            "name": "月度报表预填",
            "task": "assessment.tasks.prepare_monthly_reports",
            "crontab": "15 1 * * *",
            "description": (
                "每日：各基层法院上月报表尚未生成的，按系统数据预填（重复运行不重复生成）。"
            ),
        },
        {
            "name": "月度报表报送提醒",
            "task": "assessment.tasks.remind_reports_due",
            "crontab": "0 9 * * *",
            "description": "每日：进入提醒期或已超期未报送的月度报表，提醒基层法院领导。",
        },
    ]
