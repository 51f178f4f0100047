"""Fixtures of the page cache tests: a visitor and a member of staff side by side."""

import pytest
from django.test import Client


@pytest.fixture
def visitor():
    """An anonymous visitor (a client of its own, next to `staff_client`)."""
    return Client()


@pytest.fixture
def rendered():
    """Whether a response was rendered by the view (the test client records its templates)
    rather than answered from the page cache."""
    return lambda response: bool(response.templates)
