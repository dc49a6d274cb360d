"""Default supervision reference data, seeded by a data migration and editable in
the admin: the alert rules (their parameters are [assumed] defaults except the
30-day limits, which are rules — DOMAIN.md §2, §8) and a case-review scoring sheet."""

from __future__ import annotations

# code, name, description, parameters, severity, trigger, source
ALERT_RULES = [
    (
        "property_without_measure",
        "查到财产未及时控制",
        "查控或线索发现财产后，超过N日未采取查封、扣押、冻结或划拨措施。",
        {"days": 7},
        "major",
        "negative",
        "流程节点自动预警；期限为假定值，可在后台调整",
    ),
    (
        "no_node_progress",
        "节点长期无进展",
        "在办案件（中止、暂缓除外）连续N日无任何流程节点启动或完成。",
        {"days": 30},
        "major",
        "negative",
        "流程节点自动预警和专人监管",
    ),
    (
        "termination_incomplete",
        "终本条件不全",
        "以终结本次执行程序结案，但终本规定第一条所列条件及约谈申请执行人未全部满足。",
        {"lookback_days": 365},
        "serious",
        "arbitrary",
        "《最高人民法院关于严格规范终结本次执行程序的规定（试行）》第一条",
    ),
    (
        "funds_unpaid",
        "案款超期未发放",
        "执行款到账后超过N日仍未发放。",
        {"days": 30},
        "serious",
        "negative",
        "执行款到账后30日内发放",
    ),
    (
        "selective_execution",
        "同类案件区别对待",
        "同一法院、同一类型、同一季度立案、标的额相近的在办案件中，部分已采取执行措施，本案未采取任何措施。",
        {
            "amount_ratio": 2.0,
            "min_open_days": 60,
            "max_comparables": 5,
            "case_types": ["执", "执恢"],
        },
        "major",
        "selective",
        "选择性执行线索；比较口径为假定值，可在后台调整",
    ),
]

# A case-review scoring sheet [assumed: modelled on common 评查 sheets; editable].
SCORING_SHEET = (
    "执行案件评查表",
    1,
    {"excellent": 90, "good": 80, "qualified": 60},
    [
        ("filing", "立案与分案", "立案信息完整准确，7日内分案", 8),
        ("notice", "执行通知", "3日内发出执行通知书、报告财产令", 8),
        ("query", "财产调查", "5日内启动网络查控，线索7日内核查，调查全面", 15),
        ("control", "控制措施", "发现财产及时查封、扣押、冻结，续行不脱保", 15),
        ("disposal", "财产处置", "评估、拍卖、变卖程序合法及时", 10),
        ("restriction", "惩戒措施", "依法限制消费、纳入失信名单", 8),
        ("funds", "案款管理", "一案一账户，30日内发放，审批完整", 10),
        ("closing", "结案", "结案方式正确，终本条件齐备，约谈申请人", 12),
        ("documents", "文书与卷宗", "文书规范，电子卷宗同步完整", 8),
        ("deadlines", "审限管理", "在法定期限内结案，延长有审批", 6),
    ],
)


def seed_reference_data(apps=None) -> None:
    from django.apps import apps as global_apps

    registry = apps or global_apps
    AlertRule = registry.get_model("supervision", "AlertRule")
    ScoringSheet = registry.get_model("supervision", "ScoringSheet")
    ScoringItem = registry.get_model("supervision", "ScoringItem")
    for code, name, description, parameters, severity, trigger, source in ALERT_RULES:
        AlertRule.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "parameters": parameters,
                "severity": severity,
                "trigger": trigger,
                "source": source,
            },
        )
    name, version, bands, items = SCORING_SHEET
    sheet, created = ScoringSheet.objects.get_or_create(
        name=name, version=version, defaults={"grade_bands": bands}
    )
    if created:
        for order, (code, section, text, points) in enumerate(items, start=1):
            ScoringItem.objects.create(
                sheet=sheet,
                code=code,
                section=section,
                text=text,
                max_points=points,
                sort_order=order * 10,
            )
