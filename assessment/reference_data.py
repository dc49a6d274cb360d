"""Default assessment reference data, seeded by a data migration: the quality
indicators of DOMAIN.md §9 as version 1 of each definition, the reporting rule
for monthly reports, and a default annual scheme. Definitions are data: a
changed formula is a new version with its own effective date."""

from __future__ import annotations

import datetime as dt

EFFECTIVE = dt.date(2021, 1, 1)  # the reform plan's year
IMPLEMENTATION = ["执", "执恢"]

# code, name, formula, numerator, denominator, unit, target, higher_is_better,
# parameters, source, order
INDICATORS = [
    (
        "actual_execution_in_term",
        "有财产可供执行案件法定期限内实际执结率",
        "法定期限内以执行完毕方式结案的有财产案件数 ÷ 期内结案的有财产案件数 × 100%",
        "期内结案、结案方式为执行完毕，且结案日不晚于法定结案期限（结案节点到期日，已扣除中止、暂缓等期间和经批准的延长；无节点时为立案后6个月）的有财产案件",
        "期内结案（首执、执恢）且有财产可供执行的案件：有财产线索、控制措施或执行到位金额，结案方式非终本、销案、不予执行、驳回申请",
        "percent",
        90,
        True,
        {
            "case_types": IMPLEMENTATION,
            "term_months": 6,
            "actual_closing_types": ["fully_executed"],
            "excluded_closing_types": ["terminated_procedure", "cancelled", "refused", "rejected"],
        },
        "海口中院执行管理体制改革试点方案（目标≥90%）",
        10,
    ),
    (
        "termination_compliance",
        "无财产可供执行案件终本合格率",
        "符合终本全部条件的终本案件数 ÷ 期内终本结案数 × 100%",
        "期内终本结案且满足终本规定第一条全部条件（执行通知书与报告财产令、限制消费与失信、财产调查穷尽、立案满3个月、查找被执行人）并约谈申请执行人的案件",
        "期内以终结本次执行程序结案的首执、执恢案件",
        "percent",
        90,
        True,
        {"case_types": IMPLEMENTATION},
        "终本规定第一条（目标≥90%）",
        20,
    ),
    (
        "petition_conclusion",
        "执行信访办结率",
        "按期办结的信访件数 ÷ 期内到期的信访件数 × 100%",
        "办结期限在期内、且在期限内办结的执行信访（信访办结节点已完成）",
        "办结期限（收到信访后30个工作日）落在期内的执行信访",
        "percent",
        90,
        True,
        {"node_code": "petition_conclusion"},
        "执行信访30个工作日内办结（目标≥90%）",
        30,
    ),
    (
        "three_year_overall",
        "三年整体执结率",
        "（终本结案数 + 法定期限内实际执结数）÷ 近三年受理数 × 100%（即终本结案率 + 法定期限内实际执结率）",
        "近三年受理的案件中，截至期末以终本结案，或在法定期限内以执行完毕结案的案件",
        "截至期末的近三年（含期末当日往前三年）受理的首执、执恢案件",
        "percent",
        80,
        True,
        {
            "case_types": IMPLEMENTATION,
            "years": 3,
            "term_months": 6,
            "actual_closing_types": ["fully_executed"],
        },
        "海口中院执行管理体制改革试点方案（目标≥80%）",
        40,
    ),
    (
        "first_fully_executed_rate",
        "首执执行完毕率",
        "期内以执行完毕结案的首执案件数 ÷ 期内结案的首执案件数 × 100%",
        "期内结案、结案方式为执行完毕的首次执行案件",
        "期内结案的首次执行（执）案件",
        "percent",
        None,
        True,
        {"case_types": ["执"]},
        "海口中院执行管理体制改革试点方案（公式为假定口径；2025年一季度全国44.32%）",
        50,
    ),
    (
        "recovery_rate",
        "执行到位率",
        "期内结案案件执行到位金额之和 ÷ 申请执行标的金额之和 × 100%",
        "期内结案案件的执行到位金额（列出到位金额大于0的案件）",
        "期内结案的首执、执恢案件的申请执行标的金额",
        "percent",
        None,
        True,
        {"case_types": IMPLEMENTATION},
        "海口中院执行管理体制改革试点方案（2025年一季度全国56.74%）",
        60,
    ),
    (
        "first_termination_rate",
        "首执终本率",
        "期内以终本结案的首执案件数 ÷ 期内结案的首执案件数 × 100%",
        "期内以终结本次执行程序结案的首次执行案件",
        "期内结案的首次执行（执）案件",
        "percent",
        None,
        False,
        {"case_types": ["执"]},
        "海口中院执行管理体制改革试点方案（假定口径，与首执执行完毕率同理）",
        70,
    ),
    (
        "closed_within_term",
        "法定期限内结案率",
        "法定期限内结案数 ÷ 期内结案数 × 100%",
        "期内结案且结案日不晚于法定结案期限（结案节点到期日；无节点时为立案后6个月）的案件",
        "期内结案的首执、执恢案件",
        "percent",
        None,
        True,
        {"case_types": IMPLEMENTATION, "term_months": 6},
        "立案后6个月内执结，扣除中止、暂缓、公告、评估期间",
        80,
    ),
    (
        "average_days_to_close",
        "平均执行天数",
        "期内结案案件自立案至结案天数之和 ÷ 期内结案数",
        "期内结案案件自立案至结案的天数之和",
        "期内结案的首执、执恢案件数",
        "days",
        None,
        False,
        {"case_types": IMPLEMENTATION},
        "海口中院执行管理体制改革试点方案",
        90,
    ),
    (
        "timely_disbursement",
        "案款及时发放率",
        "按期发放的案款笔数 ÷ 发放期限在期内的案款笔数 × 100%",
        "发放期限（到账后30日）在期内、且在期限内发放的到账案款",
        "发放期限落在期内的到账案款（每笔到账一个发放节点）",
        "percent",
        None,
        True,
        {"node_code": "funds_disbursement"},
        "执行款到账后30日内发放",
        100,
    ),
]

# Later versions (a formula change is a new version, never an edit). Transfer
# closures (终结执行 because the case moved by 提级/交叉/指定 or was commissioned,
# DOMAIN.md §3) are not the sending court's closings: the receiving court files the
# case anew and its closing is counted there (issue 17 finding 13).
TRANSFER_REASONS = ["transferred", "commissioned"]
REVISIONS = [
    # code, version, effective from, changes
    (
        "first_fully_executed_rate",
        2,
        dt.date(2026, 1, 1),
        {
            "formula": "期内以执行完毕结案的首执案件数 ÷ 期内结案的首执案件数（不含因提级、交叉、指定、委托执行移送而终结执行的案件）× 100%",
            "denominator_text": "期内结案的首次执行（执）案件，不含因移送他院执行而终结执行的案件（由受理法院立案、结案并计入其统计）",
            "parameters": {"case_types": ["执"], "excluded_termination_reasons": TRANSFER_REASONS},
        },
    ),
    (
        "first_termination_rate",
        2,
        dt.date(2026, 1, 1),
        {
            "formula": "期内以终本结案的首执案件数 ÷ 期内结案的首执案件数（不含因提级、交叉、指定、委托执行移送而终结执行的案件）× 100%",
            "denominator_text": "期内结案的首次执行（执）案件，不含因移送他院执行而终结执行的案件",
            "parameters": {"case_types": ["执"], "excluded_termination_reasons": TRANSFER_REASONS},
        },
    ),
]

# The default bureau assessment: the plan's four rates with targets (DOMAIN.md §9:
# actual execution, 终本 compliance, petition conclusion ≥ 90%, three-year overall
# ≥ 80%) carry the most weight.
DEFAULT_SCHEME_COMPONENTS = [
    # kind, indicator code, weight, parameters
    ("indicator", "actual_execution_in_term", 15, {}),
    ("indicator", "termination_compliance", 10, {}),
    ("indicator", "petition_conclusion", 10, {}),
    ("indicator", "three_year_overall", 10, {}),
    ("indicator", "closed_within_term", 5, {"target": 90}),
    ("indicator", "recovery_rate", 5, {"target": 60}),
    ("indicator", "timely_disbursement", 5, {"target": 95}),
    ("equipment", "", 10, {}),
    (
        "supervision",
        "",
        15,
        {
            "minor": 1,
            "major": 3,
            "serious": 5,
            "established_case": 5,
            "conduct_violation": 5,
            "overdue_order": 2,
        },
    ),
    ("report_timeliness", "", 5, {}),
    ("duty_report", "", 10, {}),
]


def seed_reference_data(apps=None) -> None:
    from django.apps import apps as global_apps

    registry = apps or global_apps
    IndicatorDefinition = registry.get_model("assessment", "IndicatorDefinition")
    ReportingRule = registry.get_model("assessment", "ReportingRule")
    for (
        code,
        name,
        formula,
        numerator,
        denominator,
        unit,
        target,
        higher,
        parameters,
        source,
        order,
    ) in INDICATORS:
        IndicatorDefinition.objects.get_or_create(
            code=code,
            version=1,
            defaults={
                "name": name,
                "formula": formula,
                "numerator_text": numerator,
                "denominator_text": denominator,
                "unit": unit,
                "target": target,
                "higher_is_better": higher,
                "parameters": parameters,
                "effective_from": EFFECTIVE,
                "source": source,
                "sort_order": order,
            },
        )
    for code, version, effective_from, changes in REVISIONS:
        if IndicatorDefinition.objects.filter(code=code, version=version).exists():
            continue
        previous = IndicatorDefinition.objects.filter(code=code, version=version - 1).first()
        if previous is None:
            continue
        fields = {
            f: getattr(previous, f)
            for f in (
                "name",
                "formula",
                "numerator_text",
                "denominator_text",
                "unit",
                "target",
                "higher_is_better",
                "parameters",
                "source",
                "sort_order",
            )
        }
        fields.update(changes)
        IndicatorDefinition.objects.create(
            code=code, version=version, effective_from=effective_from, **fields
        )
    if not ReportingRule.objects.exists():
        ReportingRule.objects.create(
            name="月度报表：次月5日前报送", due_day=5, remind_days_before=3
        )
