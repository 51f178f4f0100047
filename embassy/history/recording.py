"""One revision around a block of writes, whoever does them (a view, an action, a command)."""

from contextlib import contextmanager

import reversion


@contextmanager
def revision(user=None, comment=""):
    """Every registered object saved inside is recorded in one revision, by `user`.

    Nested inside another revision (the admin's), the writes join it; the comment given here
    then says what was done. It is set last: the admin's log of each object ("Changed
    Status.") would otherwise replace it.
    """
    with reversion.create_revision():
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        yield
        if comment:
            reversion.set_comment(comment)
