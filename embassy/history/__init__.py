"""Nothing said is ever lost: revisions of every content object, compared and restored.

django-reversion records the revisions (a briefing and its exchanges are one); this app adds
what staff see of them: the history page, comparisons, restoring, the deleted list, recent
changes across the site and the sign-ins of staff.
"""
