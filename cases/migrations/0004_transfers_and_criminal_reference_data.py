from django.db import migrations


def seed(apps, schema_editor):
    from cases.reference_data_criminal import seed_criminal_reference_data

    seed_criminal_reference_data(apps)
    SuggestionSettings = apps.get_model("cases", "SuggestionSettings")
    SuggestionSettings.objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_transfers_and_criminal")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
