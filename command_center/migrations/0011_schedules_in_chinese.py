"""The declared schedules in Chinese: each stored schedule still carrying the name
or description declared until now (half English) takes the Chinese one, found by
its task; a name or description an administrator edited is left as they wrote it
(command_center.schedules: the admin's word wins)."""

from django.db import migrations

# (task, name declared until now, description declared until now, name, description)
RENAMED = (
    (
        "cases.tasks.refresh_transfer_suggestions",
        "提级、交叉执行建议 (transfer suggestions)",
        "Nightly: propose candidates for elevated or cross execution, lapse those that no longer apply.",
        "提级、交叉执行建议",
        "每晚：提出提级执行、交叉执行的候选案件；不再符合条件的建议自动失效。",
    ),
    (
        "cases.tasks.sweep_dossier_orphans",
        "电子卷宗孤立文件清理 (dossier orphan sweep)",
        "Nightly: delete stored files that no dossier row references (left by rolled-back uploads).",
        "电子卷宗孤立文件清理",
        "每晚：删除没有任何卷宗记录引用的存储文件（上传回滚后遗留的文件）。",
    ),
    (
        "cases.tasks.refresh_stopped_clocks",
        "停止的期限顺延 (stopped clocks)",
        "Nightly: cases with an open stay, suspension, notice or appraisal move their stored due dates on to today, so no stayed case shows as overdue (DOMAIN.md §2).",
        "期限停止计算顺延",
        "每晚：有暂缓执行、中止执行、公告或评估期间的案件，其各节点的到期日顺延至当日，期限停止计算的案件不显示为超期。",
    ),
    (
        "supervision.tasks.evaluate_alert_rules",
        "消极执行预警 (negative-execution alerts)",
        "Nightly: evaluate every active alert rule over the cases; one alert per rule and case (idempotent), evidence refreshed, cleared when no longer firing.",
        "消极执行预警",
        "每晚：按每条启用的预警规则检查案件；每条规则每个案件只有一条预警（重复运行不重复产生），证据随之更新，不再触发的预警自动解除。",
    ),
    (
        "supervision.tasks.remind_orders_due",
        "督办回复期限提醒 (supervision orders due)",
        "Daily: orders due within 3 days or overdue, to the court's bureau leadership and the issuer. Idempotent per order and day.",
        "督办回复期限提醒",
        "每日：3日内到期或已超期的督办，提醒被督办法院执行局领导和督办发起人；每件督办每日一次。",
    ),
    (
        "assessment.tasks.take_indicator_snapshots",
        "质效指标快照 (indicator snapshots)",
        "Nightly: every indicator per court and bureau for the running month and year (and the previous ones until final), with the ids of the cases behind each figure.",
        "质效指标快照",
        "每晚：按法院和执行局计算本月、本年（上月、上年未定稿前也一并计算）的各项指标，并记录每个数字所依据的案件。",
    ),
    (
        "assessment.tasks.prepare_monthly_reports",
        "月度报表预填 (monthly reports prepared)",
        "Daily: the previous month's report of every district court, prefilled from the data, when it does not exist yet (idempotent).",
        "月度报表预填",
        "每日：各基层法院上月报表尚未生成的，按系统数据预填（重复运行不重复生成）。",
    ),
    (
        "assessment.tasks.remind_reports_due",
        "月度报表报送提醒 (monthly report reminders)",
        "Daily: reports due within the reminder window or overdue, to the district leadership.",
        "月度报表报送提醒",
        "每日：进入提醒期或已超期未报送的月度报表，提醒基层法院领导。",
    ),
    (
        "audit.tasks.seal_yesterday",
        "审计日志日封存 (seal yesterday's audit trail)",
        "Nightly: hash yesterday's audit events into the chain (verify with manage.py verify_audit).",
        "审计日志日封存",
        "每晚：将前一日的审计事件计算哈希并接入哈希链（用 manage.py verify_audit 核验）。",
    ),
    (
        "equipment.tasks.remind_inspections_due",
        "装备检查到期提醒 (equipment inspections due)",
        "Daily: inspections within 7 days and rectification deadlines, to the court's bureau director.",
        "装备检查到期提醒",
        "每日：7日内到期的装备检查和整改期限，提醒该院执行局局长。",
    ),
    (
        "equipment.tasks.remind_service_life_ending",
        "装备使用年限到期提醒 (equipment end of service life)",
        "Daily: items whose service life ends within 90 days, to the director and the custodian.",
        "装备使用年限到期提醒",
        "每日：90日内使用年限届满的装备，提醒执行局局长和保管人。",
    ),
    (
        "equipment.tasks.compute_compliance_scores",
        "装备达标分数 (equipment compliance scores)",
        "Nightly: the current year's compliance score of every court.",
        "装备达标分数",
        "每晚：计算各法院本年度的装备达标分数。",
    ),
    (
        "command_center.tasks.send_notification_digests",
        "通知邮件摘要 (notification email digest)",
        "Hourly in working hours: one email per user with their new notifications, and a text message (SMS gateway) when reminders are due or overdue.",
        "通知邮件摘要",
        "工作时间每小时：每位用户一封新通知汇总邮件；有到期或超期提醒时另发短信（短信网关）。",
    ),
    (
        "command_center.tasks.scan_reminders",
        "到期与超期提醒 (reminders due and overdue)",
        "Hourly (and once when `make run` starts): process nodes due within 3 working days or overdue, case funds held 20/30 days, measures expiring or lapsed, 终本 re-queries due, supervision orders due; one notification per person, item and day, and a daily overdue digest to each bureau director.",
        "到期与超期提醒",
        "每小时（make run 启动时也运行一次）：3个工作日内到期或已超期的节点、执行款到账满20日或30日未发放、即将到期或已失效的查控措施、到期的终本复查、到期的督办；每人每事每日一条通知，并向各执行局局长发送每日超期汇总。",
    ),
    (
        "command_center.tasks.schedule_termination_requeries",
        "终本案件定期复查 (终本 six-monthly re-query)",
        "Nightly: 终本 cases whose six-monthly re-query (five years after closing) has come due are queried online; the applicant is informed, resumption is proposed when property turns up.",
        "终本案件定期复查",
        "每晚：终本后五年内每六个月一次的复查到期的，发起网络查控；告知申请执行人，发现财产的向承办团队提出恢复执行建议。",
    ),
    (
        "command_center.tasks.escalate_overdue_directives",
        "指令反馈超期升级 (overdue directive feedback)",
        "Daily: feedback on directives past its deadline is escalated to the intermediate bureau's director.",
        "指令反馈超期升级",
        "每日：超过反馈期限仍未反馈的指令，升级提醒中院执行局局长。",
    ),
    (
        "command_center.tasks.send_outbox_messages",
        "待发送后台任务 (task outbox)",
        "Every minute: send the task messages kept in PostgreSQL while the broker was down.",
        "待发送后台任务",
        "每分钟：发送消息队列中断期间暂存在 PostgreSQL 中的后台任务消息。",
    ),
    (
        "command_center.tasks.resume_stalled_query_jobs",
        "网络查控批次续跑 (resume stalled query batches)",
        "Every 10 minutes: query batches whose worker went away are enqueued again (idempotent).",
        "网络查控批次续跑",
        "每10分钟：工作进程中断的查控批次重新排队（重复运行不重复查询）。",
    ),
    (
        "command_center.tasks.warm_dashboard_cache",
        "领导看板预计算 (dashboard figures)",
        "Daily before work: the city-wide dashboard figures of the current year.",
        "领导看板预计算",
        "每日上班前：预先计算全市领导看板的本年度数据。",
    ),
    (
        "personnel.tasks.warn_rotation_due_task",
        "轮岗到期提醒 (rotation coming due)",
        "Daily: warn leaders coming due (4.5 years) or due (5 years) for rotation, their bureau director and the intermediate bureau director. Idempotent.",
        "轮岗到期提醒",
        "每日：任职将满5年（满4年6个月）或已满5年应当轮岗的领导干部，提醒本人、其所在执行局局长和中院执行局局长；每人每一阶段一次。",
    ),
)


def _rename(apps, schema_editor, forward=True):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    db = schema_editor.connection.alias
    for task, old_name, old_description, name, description in RENAMED:
        if not forward:
            old_name, name = name, old_name
            old_description, description = description, old_description
        PeriodicTask.objects.using(db).filter(task=task, name=old_name).update(name=name)
        PeriodicTask.objects.using(db).filter(task=task, description=old_description).update(
            description=description
        )


def _back(apps, schema_editor):
    _rename(apps, schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("command_center", "0010_field_labels"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(_rename, _back)]
