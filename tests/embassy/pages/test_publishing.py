"""Visibility is a query on status and times: scheduled appears on time, withdrawn disappears."""

import datetime

import pytest
from django.utils import timezone

from embassy.pages.publishing import State, Status, state_of
from sections.models import Article
from transcripts.models import Briefing, Exchange

pytestmark = pytest.mark.django_db


def later(**delta):
    return timezone.now() + datetime.timedelta(**delta)


def test_a_briefing_is_public_from_its_publication_time_not_when_it_was_held(make_briefing):
    briefing = make_briefing(held_at=later(hours=-3), publish_at=later(hours=2))
    assert state_of(briefing) == State.SCHEDULED
    assert not Briefing.objects.published().filter(pk=briefing.pk).exists()
    assert Briefing.objects.scheduled().filter(pk=briefing.pk).exists()
    assert not Exchange.objects.published().filter(briefing=briefing).exists()
    Briefing.objects.filter(pk=briefing.pk).update(publish_at=later(seconds=-1))
    assert Briefing.objects.published().filter(pk=briefing.pk).exists()
    assert Exchange.objects.published().filter(briefing=briefing).count() == 3


def test_without_a_publication_time_a_briefing_is_public_from_when_it_was_held(make_briefing):
    held = make_briefing(held_at=later(hours=-1))
    coming = make_briefing(held_at=later(hours=1))
    assert list(Briefing.objects.published()) == [held]
    assert list(Briefing.objects.scheduled()) == [coming]


def test_a_withdraw_time_that_has_passed_hides_it(make_briefing, make_article):
    briefing = make_briefing(withdraw_at=later(seconds=-1))
    article = make_article(withdraw_at=later(seconds=-1))
    staying = make_article(withdraw_at=later(days=1))
    assert not Briefing.objects.published().exists()
    assert list(Article.objects.published()) == [staying]
    assert state_of(briefing) == State.WITHDRAWN == state_of(article)
    assert set(Article.objects.withdrawn()) == {article}


@pytest.mark.parametrize(
    ("status", "publish_in", "state"),
    [
        (Status.DRAFT, -1, State.DRAFT),
        (Status.REVIEW, -1, State.REVIEW),
        (Status.PUBLISHED, 1, State.SCHEDULED),
        (Status.PUBLISHED, -1, State.PUBLISHED),
        (Status.WITHDRAWN, -1, State.WITHDRAWN),
    ],
)
def test_each_state_has_its_query(make_article, status, publish_in, state):
    article = make_article(status=status, publish_at=later(hours=publish_in))
    assert state_of(article) == state
    for other in State:
        assert Article.objects.in_state(other).filter(pk=article.pk).exists() == (other == state)
