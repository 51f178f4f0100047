"""Fixtures of the suggest-to-a-friend tests."""

import pytest


@pytest.fixture
def briefing(make_briefing):
    return make_briefing(title="Regular Press Conference on January 28, 2021")


@pytest.fixture
def suggest_url(briefing):
    return briefing.get_absolute_url() + "suggest/"
