"""Field records now exist (command_center): the nullable ``field_record_id`` slot
becomes a ForeignKey on the same column, so existing links are kept."""

import django.db.models.deletion
from django.db import migrations, models

LINK = """
UPDATE equipment_equipmentassignment SET field_record_id = NULL
 WHERE field_record_id IS NOT NULL
   AND field_record_id NOT IN (SELECT id FROM command_center_fieldrecord);
ALTER TABLE equipment_equipmentassignment
  ADD CONSTRAINT equipment_assignment_field_record_fk FOREIGN KEY (field_record_id)
  REFERENCES command_center_fieldrecord (id) DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX equipment_assignment_field_record_idx
  ON equipment_equipmentassignment (field_record_id);
"""
UNLINK = """
DROP INDEX equipment_assignment_field_record_idx;
ALTER TABLE equipment_equipmentassignment DROP CONSTRAINT equipment_assignment_field_record_fk;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("command_center", "0005_seed_task_time_limits"),
        ("equipment", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(LINK, UNLINK)],
            state_operations=[
                migrations.RemoveField(model_name="equipmentassignment", name="field_record_id"),
                migrations.RemoveField(
                    model_name="equipmentassignmentevent", name="field_record_id"
                ),
                migrations.AddField(
                    model_name="equipmentassignment",
                    name="field_record",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="equipment_assignments",
                        to="command_center.fieldrecord",
                        verbose_name="field record",
                    ),
                ),
                migrations.AddField(
                    model_name="equipmentassignmentevent",
                    name="field_record",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="command_center.fieldrecord",
                        verbose_name="field record",
                    ),
                ),
            ],
        )
    ]
