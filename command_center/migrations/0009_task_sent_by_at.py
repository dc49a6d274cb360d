from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    # Built without blocking the affairs centre's writes (CREATE INDEX CONCURRENTLY).
    atomic = False

    dependencies = [
        ("command_center", "0008_platform_rows_moved"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="affairstask",
            index=models.Index(fields=["sent_by", "sent_at"], name="cc_task_sent_by_at"),
        ),
    ]
