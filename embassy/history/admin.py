"""What every admin of versioned content shares: its history, comparisons and restoring."""

from reversion.admin import VersionAdmin


class HistoryAdmin(VersionAdmin):
    """An admin whose every save (form, inline, list edit) is recorded as a revision."""

    # reversion's own list template would hide the model's (the briefings' "Import transcript").
    change_list_template = None
    history_latest_first = True
