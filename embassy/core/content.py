"""What public pages show: the one registry of content, opt-in.

A write to a registered table changes the generation of its scope (generation.py), and with it
every page and every value kept from that scope. A write to anything else (a session, a sign-in,
a failed sign-in, a subscription, a queued task, a review note) changes nothing: an anonymous
stranger who can make the site write a row cannot make it forget what it has rendered.

A model opts in where it is defined, with `@shown_on_pages`; a third-party model whose rows
pages show (taggit's tags) is registered by the app that shows it, in its AppConfig.ready().
The many-to-many tables a registered model declares are registered with it.

Scope: what part of the installation a write can change. SITE is what every mission shows (the
ministry's briefings, outlets, topics, the missions themselves); a mission's own rows (its menu,
articles, contact details, its own briefings) are of its scope, `mission_scope(pk)`, and a page
of a mission is rendered under both (generation.parts_of). A model whose rows belong to one
mission says which with `@shown_on_pages(scopes=function of a row)`; a write that cannot name
its rows (`QuerySet.update()`, a bulk insert, raw SQL) counts as a write of SITE: more pages
rendered again, never a stale one.
"""

SITE = "site"
MISSION_PREFIX = "mission:"


def mission_scope(mission_id):
    """The scope of one mission's own rows."""
    return f"{MISSION_PREFIX}{mission_id}"


_models = []  # registered model classes, in the order they registered
_tables = None  # frozenset of their tables and m2m tables, computed on first use
_row_scopes = {}  # model: function of a row giving the scopes a write of it changes


def shown_on_pages(model=None, *, scopes=None):
    """Class decorator: rows of `model` are shown on public pages; `scopes(row)`, when given,
    names the scopes a write of one row changes (a mission's own rows)."""

    def decorate(model):
        register(model)
        if scopes is not None:
            _row_scopes[model] = scopes
        return model

    return decorate if model is None else decorate(model)


def scopes_of_row(row):
    """The scopes a write of `row` changes: SITE unless its model names them."""
    scopes = _row_scopes.get(type(row)._meta.concrete_model)
    return tuple(scopes(row)) if scopes is not None else (SITE,)


def own_tables(model):
    """The tables a save of one row of `model` writes: its own and its many-to-many tables."""
    return frozenset(
        [model._meta.db_table]
        + [field.remote_field.through._meta.db_table for field in model._meta.local_many_to_many]
    )


def register(*models):
    global _tables
    for model in models:
        if model not in _models:
            _models.append(model)
    _tables = None


def registered_models():
    return tuple(_models)


def tables():
    """Every table whose rows public pages show (the models' own and their m2m tables)."""
    global _tables
    if _tables is None:
        _tables = frozenset(table for model in _models for table in own_tables(model))
    return _tables


def is_content_table(table):
    return table in tables()


def scopes_of_table(table):
    """The scopes a write to `table` may change: none for a table no page shows."""
    return (SITE,) if table in tables() else ()
