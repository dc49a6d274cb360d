from django.db import migrations


def seed(apps, schema_editor):
    from courts.reference_data import seed_calendar

    seed_calendar(apps)


class Migration(migrations.Migration):
    """2025 and 2026 from the State Council's notices (2026's two make-up working
    days, 4 January and 20 September, were missing), 2027 provisional."""

    dependencies = [("courts", "0003_calendar_years")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
