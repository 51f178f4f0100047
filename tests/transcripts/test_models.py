import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from embassy.pages.publishing import Status
from transcripts.models import Briefing, Exchange, Outlet, paragraphs

pytestmark = pytest.mark.django_db


def test_published_hides_drafts_and_briefings_dated_in_the_future(make_briefing):
    live = make_briefing()
    make_briefing(status=Status.DRAFT)
    make_briefing(held_at=timezone.now() + datetime.timedelta(days=1))
    assert list(Briefing.objects.published()) == [live]


def test_exchanges_of_a_draft_are_not_published(make_briefing):
    live = make_briefing(exchanges=2)
    make_briefing(exchanges=3, status=Status.DRAFT)
    assert set(Exchange.objects.published()) == set(live.exchanges.all())


def test_staff_with_view_permission_see_drafts_others_do_not(make_briefing, django_user_model):
    draft = make_briefing(status=Status.DRAFT)
    editor = django_user_model.objects.create_superuser("boss", "b@example.org", "pw")
    staff_without_permission = django_user_model.objects.create_user("x", is_staff=True)
    assert draft in Briefing.objects.visible_to(editor)
    assert draft not in Briefing.objects.visible_to(staff_without_permission)
    assert draft not in Briefing.objects.visible_to(AnonymousUser())


def test_exchanges_keep_their_order(make_briefing):
    briefing = make_briefing(exchanges=0)
    for position, question in [(3, "third"), (1, "first"), (2, "second")]:
        Exchange.objects.create(briefing=briefing, position=position, question=question, answer="a")
    assert [e.question for e in briefing.exchanges.all()] == ["first", "second", "third"]


def test_outlet_names_are_unique_ignoring_case(db):
    Outlet.objects.create(name="Xinhua News Agency", slug="xinhua")
    with pytest.raises(IntegrityError), transaction.atomic():
        Outlet.objects.create(name="XINHUA NEWS AGENCY", slug="xinhua-2")


def test_dated_urls_use_the_local_date(make_briefing):
    # 23:30 on 27 January in UTC is already 28 January in Beijing, where the briefing is dated.
    held_at = datetime.datetime(2021, 1, 27, 23, 30, tzinfo=datetime.UTC)
    briefing = make_briefing(held_at=held_at, slug="regular-press-conference")
    exchange = briefing.exchanges.first()
    assert briefing.get_absolute_url() == "/briefings/2021/01/28/regular-press-conference/"
    assert exchange.get_absolute_url() == (
        f"/briefings/2021/01/28/regular-press-conference/exchanges/{exchange.pk}/"
    )
    assert exchange.get_briefing_anchor_url().endswith(f"#exchange-{exchange.pk}")


def test_paragraphs_are_kept_exactly():
    text = "First line.\n\n  Second, with  two spaces inside.\r\n\r\nThird."
    assert paragraphs(text) == ["First line.", "Second, with  two spaces inside.", "Third."]


def test_unnamed_questioner_and_question_opening(make_briefing):
    briefing = make_briefing(exchanges=0)
    exchange = Exchange.objects.create(
        briefing=briefing, question=" ".join(f"w{i}" for i in range(20)), answer="a"
    )
    assert exchange.questioner_name == "Question"
    assert exchange.question_opening == "w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11…"


def test_a_chinese_question_opening_is_cut_by_characters(make_briefing):
    """Chinese has no spaces: cut by words, the whole question was its "opening" (the question
    index and the page titles showed it whole)."""
    briefing = make_briefing(exchanges=0)
    question = (
        "1月27日，美国国务卿布林肯和总统气候问题特使克里多次表示，"
        "中美可以在气候变化问题上开展合作。中方对此有何评论？"
    )
    exchange = Exchange.objects.create(briefing=briefing, question=question, answer="答")
    assert exchange.question_opening == "1月27日，美国国务卿布林肯和总统气候问题特使克…"
    short = Exchange.objects.create(briefing=briefing, question="中方有何评论？", answer="答")
    assert short.question_opening == "中方有何评论？"
