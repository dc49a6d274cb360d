from django.db import migrations


def seed(apps, schema_editor):
    from cases.reference_data import seed_reference_data

    seed_reference_data(apps)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial"), ("courts", "0002_holiday")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
