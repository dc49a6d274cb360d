from django.db import migrations


def seed(apps, schema_editor):
    from command_center.reference_data import seed_reference_data

    seed_reference_data(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("command_center", "0004_centre_affairs_queries_command"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
