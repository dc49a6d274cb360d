from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Background jobs and notifications are the kernel's (haikou_exec.apps).
_ALL_VIEW = {
    "affairstask": "v",
    "tasktimelimit": "v",
    "assetquery": "v",
    "freezerequest": "v",
    "requeryround": "v",
    "directive": "v",
    "directiverecipient": "v",
    "operation": "v",
    "operationparticipant": "v",
    "operationassignment": "v",
    "videoconsultation": "v",
    "fieldrecord": "v",
    "fieldrecordattachment": "v",
    "dispatchlogentry": "v",
    "publicopinionitem": "v",
    "institution": "v",
    "institutionqualification": "v",
    "outsourcedtask": "v",
}
# Case teams send tasks, query their cases, freeze what is found, record field
# work and commission outside institutions.
_TEAM = {
    "affairstask": "vac",
    "assetquery": "va",
    "freezerequest": "va",
    "fieldrecord": "vac",
    "fieldrecordattachment": "va",
    "videoconsultation": "va",
    "outsourcedtask": "vac",
}
# A bureau's leadership also answers directives, runs its part of operations,
# keeps the dispatch log, public opinion and its roster.
_LEADERS = {
    **_TEAM,
    "directive": "vac",
    "directiverecipient": "vc",
    "operation": "vac",
    "operationparticipant": "vac",
    "operationassignment": "vac",
    "videoconsultation": "vac",
    "dispatchlogentry": "vac",
    "publicopinionitem": "vac",
    "institution": "vac",
    "institutionqualification": "vac",
}
# The affairs centre works the queues, runs batch queries, and keeps the
# command-affairs logs (DOMAIN.md §5).
_CENTRE = {
    "affairstask": "vc",
    "assetquery": "va",
    "freezerequest": "va",
    "fieldrecord": "vac",
    "fieldrecordattachment": "va",
    "videoconsultation": "vac",
    "dispatchlogentry": "vac",
    "publicopinionitem": "vac",
    "institution": "vac",
    "institutionqualification": "vac",
    "outsourcedtask": "vac",
}


class CommandCenterConfig(AppConfig):
    name = "command_center"
    verbose_name = _("Command and affairs centre")
    nav_items = [
        (_("Dashboard"), "command_center:dashboard", None),
        (_("Task queue"), "command_center:task_list", "command_center.view_affairstask"),
        (
            _("Online property queries"),
            "command_center:query_list",
            "command_center.view_assetquery",
        ),
        (_("Freeze requests"), "command_center:freeze_list", "command_center.view_freezerequest"),
        (_("终本 re-queries"), "command_center:requery_list", "command_center.view_requeryround"),
        (_("Directives"), "command_center:directive_list", "command_center.view_directive"),
        (
            _("Directive feedback"),
            "command_center:recipient_list",
            "command_center.view_directiverecipient",
        ),
        (
            _("Coordinated operations"),
            "command_center:operation_list",
            "command_center.view_operation",
        ),
        (
            _("Our part in operations"),
            "command_center:participant_list",
            "command_center.view_operationparticipant",
        ),
        (
            _("Video consultations"),
            "command_center:consultation_list",
            "command_center.view_videoconsultation",
        ),
        (
            _("Field execution records"),
            "command_center:field_record_list",
            "command_center.view_fieldrecord",
        ),
        (_("Dispatch log"), "command_center:dispatch_list", "command_center.view_dispatchlogentry"),
        (
            _("Public opinion"),
            "command_center:opinion_list",
            "command_center.view_publicopinionitem",
        ),
        (
            _("Outside institutions"),
            "command_center:institution_list",
            "command_center.view_institution",
        ),
        (
            _("Outsourced tasks"),
            "command_center:outsourced_list",
            "command_center.view_outsourcedtask",
        ),
        (_("Background jobs"), "command_center:job_list", "haikou_exec.view_backgroundjob"),
    ]
    nav_order = 90
    # Who the menu entries are for (haikou_exec.navigation): a clerk's menu is
    # not a director's. Entries not named here show to everyone with the permission.
    nav_audiences = {
        "command_center:dashboard": {"lead", "supervise", "president"},
        "command_center:task_list": {"handle", "centre", "lead", "criminal"},
        "command_center:query_list": {"handle", "centre", "lead", "criminal"},
        "command_center:freeze_list": {"handle", "centre", "lead", "criminal"},
        "command_center:requery_list": {"handle", "centre", "lead"},
        "command_center:directive_list": {"lead", "centre"},
        "command_center:recipient_list": {"lead"},
        "command_center:operation_list": {"lead", "centre"},
        "command_center:participant_list": {"lead"},
        "command_center:consultation_list": {"lead", "centre"},
        "command_center:field_record_list": {"handle", "centre", "lead"},
        "command_center:dispatch_list": {"centre", "lead"},
        "command_center:opinion_list": {"centre", "lead", "supervise"},
        "command_center:institution_list": {"centre", "lead"},
        "command_center:outsourced_list": {"centre", "lead"},
        "command_center:job_list": {"lead", "centre", "keep"},
    }
    role_permissions = {
        "*": _ALL_VIEW,
        "judge": _TEAM,
        "assistant": _TEAM,
        "clerk": _TEAM,
        "judicial_police": {
            "fieldrecord": "vac",
            "fieldrecordattachment": "va",
            "dispatchlogentry": "vac",
        },
        "director": _LEADERS,
        "deputy_director": _LEADERS,
        "leadership": _LEADERS,
        "center_staff": _CENTRE,
    }
    # Schedules (DESIGN.md "Background work"), editable in the admin
    # (django-celery-beat); ``kwargs`` are the editable parameters.
    periodic_tasks = [
        {
            "name": "通知邮件摘要",
            "task": "command_center.tasks.send_notification_digests",
            "crontab": "0 * * * *",
            "description": "工作时间每小时：每位用户一封新通知汇总邮件；有到期或超期提醒时另发短信（短信网关）。",
        },
        {
            "name": "到期与超期提醒",
            "task": "command_center.tasks.scan_reminders",
            "crontab": "50 * * * *",
            "description": "每小时（make run 启动时也运行一次）：3个工作日内到期或已超期的节点、执行款到账满20日或30日未发放、即将到期或已失效的查控措施、到期的终本复查、到期的督办；每人每事每日一条通知，并向各执行局局长发送每日超期汇总。",
        },
        {
            "name": "终本案件定期复查",
            "task": "command_center.tasks.schedule_termination_requeries",
            "crontab": "0 2 * * *",
            "description": "每晚：终本后五年内每六个月一次的复查到期的，发起网络查控；告知申请执行人，发现财产的向承办团队提出恢复执行建议。",
        },
        {
            "name": "指令反馈超期升级",
            "task": "command_center.tasks.escalate_overdue_directives",
            "crontab": "30 8 * * *",
            "description": "每日：超过反馈期限仍未反馈的指令，升级提醒中院执行局局长。",
        },
        {
            "name": "待发送后台任务",
            "task": "command_center.tasks.send_outbox_messages",
            "crontab": "* * * * *",
            "description": "每分钟：发送消息队列中断期间暂存在 PostgreSQL 中的后台任务消息。",
        },
        {
            "name": "网络查控批次续跑",
            "task": "command_center.tasks.resume_stalled_query_jobs",
            "crontab": "*/10 * * * *",
            "description": "每10分钟：工作进程中断的查控批次重新排队（重复运行不重复查询）。",
        },
        {
            "name": "领导看板预计算",
            "task": "command_center.tasks.warm_dashboard_cache",
            "crontab": "0 6 * * *",
            "description": "每日上班前：预先计算全市领导看板的本年度数据。",
        },
    ]

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from cases.hooks import CASE_PAGE_CONTEXT
        from command_center.schedules import sync_periodic_tasks
        from command_center.services import affairs, queries, requery
        from haikou_exec.choices import JobKind

        post_migrate.connect(sync_periodic_tasks, sender=self)
        # A finished query batch completes the affairs tasks that started it; a case
        # answered in a 终本 re-query batch completes its round (services/queries.py).
        if affairs.complete_tasks_of_job not in queries.BATCH_FINISHED:
            queries.BATCH_FINISHED.append(affairs.complete_tasks_of_job)
        # The case page shows the 网络查控 button to whoever may query the case.
        if queries.case_page_context not in CASE_PAGE_CONTEXT:
            CASE_PAGE_CONTEXT.append(queries.case_page_context)
        answered = queries.CASE_ANSWERED[JobKind.TERMINATION_REQUERY]
        if requery.complete_round_for_case not in answered:
            answered.append(requery.complete_round_for_case)
