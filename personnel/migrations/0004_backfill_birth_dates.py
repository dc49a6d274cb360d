"""Officers recorded before the profile existed get the birth date of their
resident ID number (GB 11643, characters 7–14)."""

import datetime

from django.db import migrations


def backfill(apps, schema_editor):
    Officer = apps.get_model("personnel", "Officer")
    batch = []
    for officer in Officer.objects.filter(birth_date__isnull=True).exclude(id_number="").only(
        "pk", "id_number"
    ).iterator(chunk_size=2000):
        value = officer.id_number
        try:
            officer.birth_date = datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
        except (ValueError, IndexError):
            continue
        batch.append(officer)
        if len(batch) >= 2000:
            Officer.objects.bulk_update(batch, ["birth_date"])
            batch = []
    if batch:
        Officer.objects.bulk_update(batch, ["birth_date"])


class Migration(migrations.Migration):
    dependencies = [("personnel", "0003_people")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
