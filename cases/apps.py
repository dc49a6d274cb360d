from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Enforcement cases")
    nav_items = [
        (_("Cases"), "cases:case_list", "cases.view_enforcementcase"),
        (_("Transfers between courts"), "cases:transfer_list", "cases.view_transferrequest"),
        (_("Transfer suggestions"), "cases:suggestion_list", "cases.view_transfersuggestion"),
        (
            _("Criminal property judgments"),
            "cases:criminal_judgment_list",
            "cases.view_criminaljudgment",
        ),
        (_("Commutation and parole"), "cases:commutation_list", "cases.view_commutationreview"),
    ]
    nav_order = 5
    # Run by the hourly reminder scan (command_center.services.reminders).
    reminder_scans = ["cases.services.holiday_calendar.remind_calendar_incomplete"]
    # Who the menu entries are for (haikou_exec.navigation): a clerk's menu is
    # not a director's. Entries not named here show to everyone with the permission.
    nav_audiences = {
        "cases:transfer_list": {"lead", "supervise", "president"},
        "cases:suggestion_list": {"lead", "supervise"},
        "cases:criminal_judgment_list": {"criminal", "lead"},
        "cases:commutation_list": {"criminal", "lead"},
    }
    _team = {
        "enforcementcase": "vac",
        "party": "vac",
        "partyagent": "vac",
        "caseassignment": "v",
        "casenode": "vc",
        "clockpause": "vac",
        "deadlineextension": "va",
        "nodedefinition": "v",
        "measure": "vac",
        "auctionround": "vac",
        "assetdisposal": "va",
        "commission": "vac",
        "propertyfinding": "vac",
        "investigationstep": "vac",
        "applicantinterview": "vac",
        "caseaccount": "v",
        "ledgerentry": "va",
        "disbursementrequest": "va",
        "dossierfile": "va",
        "generateddocument": "va",
        "measuretermrule": "v",
    }
    _leaders = {
        **_team,
        "caseassignment": "vac",
        "deadlineextension": "vac",
        "disbursementrequest": "vac",
    }
    # Transfers between courts (DOMAIN.md §3), criminal property and 刑更 (§4); the
    # services narrow further (who decides, the criminal enforcement bureau).
    _transfers_team = {
        "transferrequest": "v",
        "petition": "va",
        "criminaljudgment": "va",
        "criminaljudgmentitem": "v",
        "receiptallocation": "v",
        "commutationreview": "va",
        "commutationlink": "va",
        "abilitytopayfact": "va",
        "performancecertificate": "va",
    }
    _transfers_leaders = {
        **_transfers_team,
        "transferrequest": "vac",
        "transfersuggestion": "vc",
        "petition": "vac",
    }
    _transfers_readers = {k: "v" for k in {**_transfers_leaders}}
    periodic_tasks = [
        {
            "name": "提级、交叉执行建议",
            "task": "cases.tasks.refresh_transfer_suggestions",
            "crontab": "15 3 * * *",
            "description": "每晚：提出提级执行、交叉执行的候选案件；不再符合条件的建议自动失效。",
        },
        {
            "name": "电子卷宗孤立文件清理",
            "task": "cases.tasks.sweep_dossier_orphans",
            "crontab": "40 2 * * *",
            "description": "每晚：删除没有任何卷宗记录引用的存储文件（上传回滚后遗留的文件）。",
        },
        {
            "name": "期限停止计算顺延",
            "task": "cases.tasks.refresh_stopped_clocks",
            "crontab": "5 0 * * *",
            "description": "每晚：有暂缓执行、中止执行、公告或评估期间的案件，其各节点的到期日顺延至当日，期限停止计算的案件不显示为超期。",
        },
    ]
    role_permissions = {
        "judge": {**_team, **_transfers_team},
        "assistant": {**_team, **_transfers_team},
        "clerk": {**_team, **_transfers_team},
        "director": {**_leaders, **_transfers_leaders},
        "deputy_director": {**_leaders, **_transfers_leaders},
        "leadership": {**_leaders, **_transfers_leaders},
        "center_staff": {
            **_team,
            "enforcementcase": "va",
            **_transfers_readers,
            "petition": "va",
        },
        "supervisor": {**{k: "v" for k in _team}, **_transfers_readers, "transferrequest": "va"},
        "judicial_police": {
            "enforcementcase": "v",
            "party": "v",
            "partyagent": "v",
            "measure": "v",
            "casenode": "v",
        },
        # The court president and the delegated vice-president read their court's
        # cases and decide extension requests (DOMAIN.md §2 "Who approves").
        "president": {k: "v" for k in _team},
        "vice_president": {k: "v" for k in _team},
    }

    def ready(self) -> None:
        # Every yes/no filter (django-filter's BooleanFilter, on every page) reads
        # 全部 / 是 / 否: no choice means all rows, not 未知 (issue 16).
        import django_filters

        from haikou_exec.widgets import FilterNullBooleanField

        django_filters.BooleanFilter.field_class = FilterNullBooleanField

        # A leaving judge's open cases and deadlines go to named successors
        # (personnel handover checklists, DOMAIN.md §6).
        from cases.handover import OpenCasesProvider, OpenDeadlinesProvider
        from personnel.handover import register_handover_provider

        register_handover_provider(OpenCasesProvider())
        register_handover_provider(OpenDeadlinesProvider())
