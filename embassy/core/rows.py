"""A row that knows its scope: its save and delete change its mission's pages alone.

The SQL watcher (generation.py) sees statements, not rows; a statement of a table whose rows
belong to missions could be any mission's, so on its own it changes SITE (every mission). A
model with `@shown_on_pages(scopes=...)` inherits this to say, around its own save and delete,
whose rows these statements write. Anything it writes to other tables on the way (a cascade, an
old address) still counts as usual.
"""

from django.db import models

from . import content, generation


class ScopedRow(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        with generation.rows_written(content.own_tables(type(self)), content.scopes_of_row(self)):
            super().save(*args, **kwargs)

    save.alters_data = True

    def delete(self, *args, **kwargs):
        with generation.rows_written(content.own_tables(type(self)), content.scopes_of_row(self)):
            return super().delete(*args, **kwargs)

    delete.alters_data = True
