"""Draft changes to live briefings, their exchanges included: an editor's correction of a
published briefing waits apart while the public (and the page cache and the content memo) keep
the live one; previewed through an uncached path, compared part by part, approved or discarded."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version
from taggit.models import Tag, TaggedItem

from embassy.history.entries import in_words
from embassy.pages.publishing import Status
from embassy.review.models import PendingChange, ReviewNote
from tests.html_forms import read_form
from transcripts.models import Exchange

pytestmark = pytest.mark.django_db


def url(briefing, name):
    return reverse(f"admin:transcripts_briefing_{name}", args=[briefing.pk])


def form_of(client, briefing):
    page = client.get(url(briefing, "change")).content.decode()
    return read_form(page, lambda f: f.get("id") == "briefing_form").fields


def public_text(client, briefing):
    response = client.get(briefing.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def reader():
    return Client()


@pytest.fixture
def live(make_briefing):
    return make_briefing(exchanges=3, status=Status.PUBLISHED, title="Press Conference")


def corrected(client, live, button="_save"):
    """The live briefing's form with its title, second answer corrected, the third exchange
    deleted and a fourth added, as an editor sends it."""
    data = form_of(client, live)
    first = Exchange.objects.filter(briefing=live).order_by("position").first()
    data.update(
        {
            "title": "Press Conference, corrected",
            "exchanges-1-answer": "Answer 2, as corrected.",
            "exchanges-2-DELETE": "on",
            "exchanges-TOTAL_FORMS": "4",
            "exchanges-3-id": "",
            "exchanges-3-briefing": str(live.pk),
            "exchanges-3-position": "4",
            "exchanges-3-outlet": str(first.outlet_id),
            "exchanges-3-responder": "",
            "exchanges-3-question": "A question asked after?",
            "exchanges-3-answer": "An answer added in review.",
            "exchanges-3-tag_names": "",
            button: "Save",
        }
    )
    return client.post(url(live, "change"), data)


def live_exchanges(briefing):
    return list(
        Exchange.objects.filter(briefing=briefing)
        .order_by("position")
        .values_list("position", "question", "answer")
    )


def test_an_editor_corrects_a_live_briefing_and_readers_keep_the_live_one(
    editor_client, reader, live
):
    before = live_exchanges(live)
    # A reader's visit first: the page and its transcript are kept (page cache, content memo).
    assert "Answer 2, first paragraph." in public_text(reader, live)
    page = editor_client.get(url(live, "change")).content.decode()
    assert 'value="Save draft change"' in page and 'name="status"' not in page

    response = corrected(editor_client, live)
    assert response.status_code == 302, response.context and [
        f.errors for f in response.context["inline_admin_formsets"][0].formset.forms
    ]
    assert response["Location"] == url(live, "draft_change")
    live.refresh_from_db()
    assert live.title == "Press Conference" and live_exchanges(live) == before
    change = PendingChange.objects.get()
    assert change.fields == {"title": "Press Conference, corrected"}
    kept = change.children["exchanges"]
    assert [row["answer"] for row in kept] == [
        "Answer 1, first paragraph.\n\nAnswer 1, second paragraph.",
        "Answer 2, as corrected.",
        "An answer added in review.",
    ]
    assert kept[-1]["id"] is None
    assert Version.objects.get_for_object(live).count() == 0

    # The draft change's page compares it with the live briefing, exchange by exchange.
    draft_page = editor_client.get(url(live, "draft_change")).content.decode()
    assert "<del>Conference</del><ins>Conference, corrected</ins>" in draft_page
    assert "Exchange 2 — changed" in draft_page and "<ins>as</ins>" in draft_page
    assert "Exchange 3 — removed" in draft_page and "Exchange 4 — added" in draft_page
    assert "1 other part unchanged." in draft_page

    # The preview shows the pending version, never cached, and keeps nothing of it.
    preview = editor_client.get(url(live, "draft_preview"))
    assert preview.status_code == 200
    shown = preview.content.decode()
    assert "Press Conference, corrected" in shown
    assert "Answer 2, as corrected." in shown and "An answer added in review." in shown
    assert "Question 3 of briefing" not in shown
    assert "no-cache" in preview["Cache-Control"]
    # Readers still get the live briefing: neither the memo nor the page cache took the preview.
    text = public_text(reader, live)
    assert "Answer 2, first paragraph." in text and "Question 3 of briefing" in text
    assert "as corrected" not in text and "added in review" not in text
    assert "Press Conference, corrected" not in text

    # The change form opens on the draft change: its exchanges as drafted, the new one last.
    fields = form_of(editor_client, live)
    assert fields["title"] == "Press Conference, corrected"
    assert fields["exchanges-1-answer"] == "Answer 2, as corrected."
    assert fields["exchanges-TOTAL_FORMS"] == "3" and fields["exchanges-INITIAL_FORMS"] == "2"
    assert fields["exchanges-2-answer"] == "An answer added in review."
    # Saved again unchanged, it is the same draft change (the added exchange not doubled).
    data = {**fields, "_save": "Save"}
    assert editor_client.post(url(live, "change"), data).status_code == 302
    assert PendingChange.objects.get().children["exchanges"] == kept


def test_approved_it_is_published_in_one_revision(editor_client, publisher_client, reader, live):
    public_text(reader, live)
    corrected(editor_client, live, button="_submit_draft_change")
    change = PendingChange.objects.get()
    assert change.submitted_at is not None
    page = publisher_client.get(url(live, "draft_change")).content.decode()
    assert "Approve and publish" in page
    # An editor may not approve it.
    assert editor_client.post(url(live, "draft_change"), {"action": "publish"}).status_code == 403
    response = publisher_client.post(url(live, "draft_change"), {"action": "publish"})
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.title == "Press Conference, corrected" and live.status == Status.PUBLISHED
    rows = live_exchanges(live)
    assert [answer for _position, _question, answer in rows] == [
        "Answer 1, first paragraph.\n\nAnswer 1, second paragraph.",
        "Answer 2, as corrected.",
        "An answer added in review.",
    ]
    assert not PendingChange.objects.exists()
    assert ReviewNote.objects.about(live).first().kind == ReviewNote.Kind.APPROVED
    [version] = Version.objects.get_for_object(live)
    assert in_words(version.revision.comment) == "Published the draft change by editor."
    # Readers see it at once (the content changed: memo and page cache start again).
    text = public_text(reader, live)
    assert "Answer 2, as corrected." in text and "An answer added in review." in text
    assert "Question 3 of briefing" not in text


def test_discarded_the_live_briefing_is_as_it_was(editor_client, live):
    before = live_exchanges(live)
    corrected(editor_client, live)
    response = editor_client.post(url(live, "draft_change"), {"action": "discard"})
    assert response.status_code == 302 and response["Location"] == url(live, "change")
    assert not PendingChange.objects.exists()
    assert live_exchanges(live) == before
    fields = form_of(editor_client, live)
    assert fields["title"] == "Press Conference"
    assert fields["exchanges-TOTAL_FORMS"] == "3"
    assert editor_client.get(url(live, "draft_preview")).status_code == 404


def test_a_publishers_live_save_of_the_drafted_form_writes_its_exchanges(
    editor_client, publisher_client, live
):
    corrected(editor_client, live)
    data = {**form_of(publisher_client, live), "_save": "Save"}
    response = publisher_client.post(url(live, "change"), data)
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.title == "Press Conference, corrected"
    assert [answer for _p, _q, answer in live_exchanges(live)][1:] == [
        "Answer 2, as corrected.",
        "An answer added in review.",
    ]
    assert not PendingChange.objects.exists()


def test_a_draft_briefing_is_saved_as_before(editor_client, make_briefing):
    draft = make_briefing(exchanges=2, status=Status.DRAFT)
    data = {**form_of(editor_client, draft), "exchanges-0-answer": "Edited.", "_save": "Save"}
    assert editor_client.post(url(draft, "change"), data).status_code == 302
    assert not PendingChange.objects.exists()
    assert Exchange.objects.filter(briefing=draft, answer="Edited.").exists()


# --- an exchange's tags are part of the draft change (#28) ---------------------------------


def test_an_exchanges_new_tags_wait_with_the_draft_change_until_approved(
    editor_client, publisher_client, reader, live
):
    second = Exchange.objects.filter(briefing=live).order_by("position")[1]
    second.tags.add("trade")
    data = {
        **form_of(editor_client, live),
        "exchanges-1-tag_names": "trade, climate talks",
        "_submit_draft_change": "Submit",
    }
    response = editor_client.post(url(live, "change"), data)
    assert response.status_code == 302 and response["Location"] == url(live, "draft_change")

    # The live exchange keeps its tags: its page and the topic's page are as they were.
    assert sorted(t.name for t in second.tags.all()) == ["trade"]
    assert reader.get("/tags/climate-talks/").status_code == 404
    assert "climate talks" not in public_text(reader, live)
    change = PendingChange.objects.get()
    assert change.children["exchanges"][1]["tags"] == ["climate talks", "trade"]
    # The form opens on the draft change, its tags included.
    assert form_of(editor_client, live)["exchanges-1-tag_names"] == '"climate talks", trade'
    # Its page shows the new tag in the exchange's comparison, the other exchanges unchanged.
    draft_page = editor_client.get(url(live, "draft_change")).content.decode()
    assert "Exchange 2 — changed" in draft_page and "<ins>climate talks," in draft_page
    assert "Exchange 1 —" not in draft_page and "2 other parts unchanged." in draft_page

    response = publisher_client.post(url(live, "draft_change"), {"action": "publish"})
    assert response.status_code == 302
    assert sorted(t.name for t in second.tags.all()) == ["climate talks", "trade"]
    assert "climate talks" in public_text(reader, live)
    topic = reader.get("/tags/climate-talks/")
    assert topic.status_code == 200 and "Question 2 of briefing" in topic.content.decode()


def test_the_preview_shows_an_exchanges_drafted_tags_and_writes_none(editor_client, reader, live):
    second = Exchange.objects.filter(briefing=live).order_by("position")[1]
    second.tags.add("trade", "visas")
    public_text(reader, live)  # kept by the page cache and the memo before the change
    data = {
        **form_of(editor_client, live),
        "exchanges-1-tag_names": "trade, climate talks",
        "_save": "Save",
    }
    assert editor_client.post(url(live, "change"), data).status_code == 302
    tags_before = list(Tag.objects.values_list("name", flat=True).order_by("name"))
    tagged_before = TaggedItem.objects.count()

    preview = editor_client.get(url(live, "draft_preview"))
    assert preview.status_code == 200
    shown = preview.content.decode()
    # The drafted tags in name order: the new one by its name alone (it has no page yet), the
    # kept one linked to its page; the removed one is gone.
    assert (
        '<ul class="tags" aria-label="Subjects"><li>climate talks</li>'
        '<li><a href="/tags/trade/">trade</a></li></ul>' in shown
    )
    assert "/tags/visas/" not in shown
    # Previewing wrote nothing: no tag for the new name, no tagging.
    assert list(Tag.objects.values_list("name", flat=True).order_by("name")) == tags_before
    assert TaggedItem.objects.count() == tagged_before
    assert sorted(t.name for t in second.tags.all()) == ["trade", "visas"]
    # The public page is the live one until approval.
    text = public_text(reader, live)
    assert "climate talks" not in text and 'href="/tags/visas/"' in text


def test_the_preview_shows_the_briefings_own_drafted_tags(editor_client, reader, live):
    Tag.objects.create(name="trade")
    data = {**form_of(editor_client, live), "tags": "press freedom, trade", "_save": "Save"}
    assert editor_client.post(url(live, "change"), data).status_code == 302
    assert PendingChange.objects.get().related == {"tags": ["press freedom", "trade"]}
    shown = editor_client.get(url(live, "draft_preview")).content.decode()
    assert '<li>press freedom</li><li><a href="/tags/trade/">trade</a></li>' in shown
    assert not Tag.objects.filter(name="press freedom").exists()
    assert "press freedom" not in public_text(reader, live)


def test_an_exchanges_removed_tag_stays_public_until_approved(editor_client, reader, live):
    second = Exchange.objects.filter(briefing=live).order_by("position")[1]
    second.tags.add("trade")
    assert "Question 2 of briefing" in reader.get("/tags/trade/").content.decode()
    data = {**form_of(editor_client, live), "exchanges-1-tag_names": "", "_save": "Save"}
    assert editor_client.post(url(live, "change"), data).status_code == 302
    assert [t.name for t in second.tags.all()] == ["trade"]
    assert "Question 2 of briefing" in reader.get("/tags/trade/").content.decode()
    assert PendingChange.objects.get().children["exchanges"][1]["tags"] == []


def test_a_publishers_live_save_of_the_drafted_form_writes_its_exchanges_tags(
    editor_client, publisher_client, live
):
    data = {**form_of(editor_client, live), "exchanges-0-tag_names": "trade", "_save": "Save"}
    assert editor_client.post(url(live, "change"), data).status_code == 302
    first = Exchange.objects.filter(briefing=live).order_by("position").first()
    assert not first.tags.exists()
    data = {**form_of(publisher_client, live), "_save": "Save"}
    assert data["exchanges-0-tag_names"] == "trade"
    assert publisher_client.post(url(live, "change"), data).status_code == 302
    assert [t.name for t in first.tags.all()] == ["trade"]
    assert not PendingChange.objects.exists()
