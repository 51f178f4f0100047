"""What public pages show: the one registry of content, opt-in.

A write to a registered table changes the generation of its scope (generation.py), and with it
every page and every value kept from that scope. A write to anything else (a session, a sign-in,
a failed sign-in, a subscription, a queued task, a review note) changes nothing: an anonymous
stranger who can make the site write a row cannot make it forget what it has rendered.

A model opts in where it is defined, with `@shown_on_pages`; a third-party model whose rows
pages show (taggit's tags) is registered by the app that shows it, in its AppConfig.ready().
The many-to-many tables a registered model declares are registered with it.

Scope: what part of the site a write can change. Today every registered table is of the one
scope SITE; a model that belongs to one part (a mission's own rows) can name a function of its
row later without changing any caller, since callers ask `scopes_of_table()`.
"""

SITE = "site"

_models = []  # registered model classes, in the order they registered
_tables = None  # frozenset of their tables and m2m tables, computed on first use


def shown_on_pages(model):
    """Class decorator: rows of `model` are shown on public pages."""
    register(model)
    return model


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
        found = set()
        for model in _models:
            found.add(model._meta.db_table)
            for field in model._meta.local_many_to_many:
                found.add(field.remote_field.through._meta.db_table)
        _tables = frozenset(found)
    return _tables


def is_content_table(table):
    return table in tables()


def scopes_of_table(table):
    """The scopes a write to `table` may change: none for a table no page shows."""
    return (SITE,) if table in tables() else ()
