"""Keep each exchange's search vector in its row, not in the TOAST table (PostgreSQL only).

A search reads the vectors of the newest exchanges one by one until it has found enough
matches (embassy/search/query.py): for a phrase found in 6 % of exchanges that is some 17,000
vectors. A vector averages 1.5 kB, so with the default threshold (rows over 2 kB are
compressed and moved out) most sat in TOAST and each check cost a TOAST index lookup and a
second page: 5 µs a row. In the row it is about 1.5 µs (bench/README.md).

- toast_tuple_target 8160 (the maximum): a row is only toasted above 8 kB, so a typical
  exchange (question, answer, vector: about 3 kB) stays whole in its page. The table grows
  (144 MB to about 310 MB for 100,000 exchanges) and TOAST shrinks by as much.
- STORAGE MAIN for the vector: in an exchange that is still too long (a very long answer) the
  answer is compressed and moved out first and the vector stays in the row.

Existing rows are rewritten once: the vector trigger of migration 0002 recomputes each
vector, which then goes into the row.
"""

from django.db import migrations

POSTGRESQL_FORWARDS = """
ALTER TABLE transcripts_exchange SET (toast_tuple_target = 8160);
ALTER TABLE transcripts_exchange ALTER COLUMN search_vector SET STORAGE MAIN;
UPDATE transcripts_exchange SET outlet_id = outlet_id;
"""

POSTGRESQL_BACKWARDS = """
ALTER TABLE transcripts_exchange ALTER COLUMN search_vector SET STORAGE EXTENDED;
ALTER TABLE transcripts_exchange RESET (toast_tuple_target);
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("transcripts", "0002_search_vectors"),
    ]

    operations = [
        migrations.RunPython(
            on_postgresql(POSTGRESQL_FORWARDS), on_postgresql(POSTGRESQL_BACKWARDS)
        ),
    ]
