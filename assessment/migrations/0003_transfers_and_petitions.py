from django.db import migrations


def seed(apps, schema_editor):
    from assessment.reference_data import seed_reference_data

    seed_reference_data(apps)


class Migration(migrations.Migration):
    """Version 2 of 首执执行完毕率 and 首执终本率 (from 2026): transfer closures leave
    the sending court's denominator (issue 17 finding 13)."""

    dependencies = [("assessment", "0002_reference_data")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
