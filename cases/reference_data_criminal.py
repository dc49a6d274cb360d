"""Node definitions of the criminal enforcement bureau, seeded by a data migration
and editable in the admin (DOMAIN.md §4):

- the property part of a criminal judgment is filed within 7 days of the
  transfer form's receipt (the 6-month enforcement term is the ordinary closing
  node of a 执 case, opened at filing);
- the certificate of performance status is issued within 7 days of the
  prison's request in a 刑更 case.

Both are triggered by ``transfer_received`` (the form, or the prison's request
with its materials) and completed by the criminal services, not by a generic
completion event."""

CRIMINAL_FILING = "criminal_filing"
COMMUTATION_CERTIFICATE = "commutation_certificate"

# code, name, limit (days), case types, source, order
CRIMINAL_NODE_DEFINITIONS = [
    (
        CRIMINAL_FILING,
        "收到移送执行表后立案",
        7,
        ["执"],
        "刑事裁判涉财产部分移送执行后7日内立案（最高人民法院《关于刑事裁判涉财产部分执行的若干规定》）",
        170,
    ),
    (
        COMMUTATION_CERTIFICATE,
        "出具财产性判项履行情况证明",
        7,
        ["刑更"],
        "监狱提请减刑、假释后7日内出具罪犯财产性判项履行情况证明（法释〔2024〕5号）",
        180,
    ),
]


def seed_criminal_reference_data(apps=None) -> None:
    from django.apps import apps as global_apps

    NodeDefinition = (apps or global_apps).get_model("cases", "NodeDefinition")
    for code, name, days, types, source, order in CRIMINAL_NODE_DEFINITIONS:
        NodeDefinition.objects.get_or_create(
            code=code,
            defaults=dict(
                name=name,
                trigger="transfer_received",
                limit_value=days,
                limit_unit="days",
                pausable=False,
                extendable=False,
                case_types=types,
                origin_limit_overrides={},
                completion_event="",
                source=source,
                sort_order=order,
            ),
        )
