"""The sources of the seeded rules as a reader sees them (issue 16): no references
to the project's specification ("DOMAIN.md §9") and no "[assumed: …]" notes in
English. The node definitions, measure terms, alert rules and indicators seeded
before read as the reference data now does; a source edited since is left alone
unless it still carries such a reference."""

import re

from django.db import migrations

PLAN = "海口中院执行管理体制改革试点方案"

TABLES = [
    ("cases", "NodeDefinition"),
    ("cases", "MeasureTermRule"),
    ("supervision", "AlertRule"),
    ("assessment", "IndicatorDefinition"),
]


def plain(text: str) -> str:
    text = re.sub(r"^DOMAIN\.md §9", PLAN, text)
    text = re.sub(r"DOMAIN\.md §[\d、§]+(?: [^，；）]*)?", "", text)
    for left, right in (("（，", "（"), ("（；", "（"), ("；）", "）"), ("，）", "）"), ("（）", "")):
        text = text.replace(left, right)
    text = re.sub(r"\s*\[assumed: ([^\]]+)\]", r"（\1，假定口径）", text)
    return text.replace(" [assumed]", "（假定口径）")


def forwards(apps, schema_editor):
    for app, model in TABLES:
        Model = apps.get_model(app, model)
        for row in Model.objects.filter(source__regex=r"DOMAIN\.md|\[assumed"):
            row.source = plain(row.source)
            row.save(update_fields=["source"])


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0003_transfers_and_petitions"),
        ("cases", "0015_party_agents"),
        ("supervision", "0002_reference_data"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
