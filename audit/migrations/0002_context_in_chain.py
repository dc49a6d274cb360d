"""The audit context (who, from where) is as tamper-evident as the change itself.

- Seals made before this hashed the event rows only: they keep ``scheme = 1`` and
  verify as they were made; new seals hash each event with its context (scheme 2).
- pghistory's context rows become append-only: never deleted, and a value once
  recorded never changes. pghistory itself re-writes a context while its request
  runs (a token-authenticated API call learns its user after the context opened),
  so a key may go from null to a value, or be added; nothing else.
"""

from django.db import migrations, models

APPEND_ONLY = r"""
CREATE OR REPLACE FUNCTION audit_context_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'the audit context is append-only: % cannot be deleted', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.id <> OLD.id OR NEW.created_at <> OLD.created_at OR EXISTS (
        SELECT 1 FROM jsonb_each(OLD.metadata) AS old_value
        WHERE old_value.value <> 'null'::jsonb
          AND (NEW.metadata -> old_value.key) IS DISTINCT FROM old_value.value
    ) THEN
        RAISE EXCEPTION 'the audit context is append-only: recorded values of % cannot change', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS audit_context_append_only ON pghistory_context;
CREATE TRIGGER audit_context_append_only
    BEFORE UPDATE OR DELETE ON pghistory_context
    FOR EACH ROW EXECUTE FUNCTION audit_context_append_only();
"""

DROP = r"""
DROP TRIGGER IF EXISTS audit_context_append_only ON pghistory_context;
DROP FUNCTION IF EXISTS audit_context_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("pghistory", "0007_auto_20250421_0444"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditseal",
            name="scheme",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="hashing scheme"),
        ),
        migrations.AlterField(
            model_name="auditseal",
            name="scheme",
            field=models.PositiveSmallIntegerField(default=2, verbose_name="hashing scheme"),
        ),
        migrations.RunSQL(APPEND_ONLY, DROP),
    ]
