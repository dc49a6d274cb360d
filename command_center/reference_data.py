"""Default reference data of the command centre, seeded by a data migration and
editable in the admin: the time limit of each kind of affairs-centre task
[assumed: local rule of the affairs centre; adjust in the admin]."""

TASK_TIME_LIMITS = {
    # kind: (hours, source)
    "reception": (24, "事务中心工作规则（本地设定，可在管理后台调整）：初次接待1个工作日内"),
    "drafting": (48, "事务中心工作规则（本地设定）：文书制作2日内"),
    "online_query": (24, "立案后5日内启动网络查控；事务中心收到任务后1日内发起"),
    "service": (120, "事务中心工作规则（本地设定）：送达5日内"),
    "property_investigation": (168, "事务中心工作规则（本地设定）：财产调查7日内反馈"),
}


def seed_reference_data(apps=None) -> int:
    """Create the missing time limits (an edited limit is never overwritten)."""
    if apps is None:
        from command_center.models import TaskTimeLimit
    else:
        TaskTimeLimit = apps.get_model("command_center", "TaskTimeLimit")
    created = 0
    for kind, (hours, source) in TASK_TIME_LIMITS.items():
        _row, made = TaskTimeLimit.objects.get_or_create(
            kind=kind, defaults={"limit_hours": hours, "source": source}
        )
        created += made
    return created
