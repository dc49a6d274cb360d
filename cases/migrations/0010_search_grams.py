"""Search indexes for parties (cases/search.py says how a query is read).

- ``haikou_grams(text)``: the distinct character pairs of a text, without spaces,
  brackets and separators. A GIN index over a party's name pairs serves “part of a
  name” (``haikou_grams(name) @> haikou_grams('椰城')``); pairs rather than pg_trgm's
  trigrams because Chinese names are two to four characters, and because the
  embedded PostgreSQL of ``make run`` ships no pg_trgm (built-in GIN array support
  only, no extension to create).
- ``reverse(id_number)`` with ``text_pattern_ops``: “the last digits of an ID number
  or credit code” as a prefix search on the reversed value.

Written as SQL (the model state does not carry them): an index on a function the
migration itself creates."""

from django.db import migrations

GRAMS_FUNCTION = r"""
CREATE OR REPLACE FUNCTION haikou_grams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT substr(s, i, 2)), '{}')
    FROM (SELECT translate(lower(value), ' 　（）()【】[]〔〕·.,，、-_/', '') AS s) AS t,
         generate_series(1, length(s) - 1) AS i
$$;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0009_closing_by_class_and_performance"),
    ]

    operations = [
        migrations.RunSQL(GRAMS_FUNCTION, "DROP FUNCTION IF EXISTS haikou_grams(text);"),
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS party_name_grams ON cases_party "
            "USING gin (haikou_grams(name));",
            "DROP INDEX IF EXISTS party_name_grams;",
        ),
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS party_id_suffix ON cases_party "
            "(reverse(id_number) text_pattern_ops);",
            "DROP INDEX IF EXISTS party_id_suffix;",
        ),
    ]
