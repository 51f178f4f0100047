"""Roles on every admin path, tested as each role; submitting, the waiting list, deciding."""

import datetime
import email
import email.policy
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from embassy.pages.publishing import State, Status, state_of
from embassy.review import workflow
from embassy.review.admin import DecisionForm
from embassy.review.models import ReviewNote
from tests.html_forms import read_form
from tests.loopback import smtp_server
from transcripts.models import Briefing

pytestmark = pytest.mark.django_db


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def form_of(client, obj):
    page = client.get(change_url(obj)).content.decode()
    return read_form(page, lambda f: f.get("id") == f"{obj._meta.model_name}_form").fields


def at(when):
    """A time as the decision form's date and time boxes take it (the ISO date is accepted in
    every language, beside the language's own format)."""
    return {"publish_at_0": when.strftime("%Y-%m-%d"), "publish_at_1": when.strftime("%H:%M")}


def decide_url(obj):
    return reverse("admin:review_decide", args=[ContentType.objects.get_for_model(obj).pk, obj.pk])


def test_an_editor_may_choose_only_draft_or_in_review(editor_client, make_article):
    article = make_article(status=Status.DRAFT)
    page = editor_client.get(change_url(article)).content.decode()
    assert 'value="review"' in page and 'value="published"' not in page
    data = {**form_of(editor_client, article), "status": "published"}
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_an_editor_s_edit_of_published_content_is_only_a_draft_change(editor_client, make_briefing):
    """A live briefing, as a live article: an editor's save is kept apart for review
    (tests/embassy/review/test_draft_changes_briefings.py); it never goes live, nor deletes."""
    from embassy.review.models import PendingChange

    briefing = make_briefing(status=Status.PUBLISHED)
    page = editor_client.get(change_url(briefing))
    assert page.status_code == 200
    assert 'value="Save draft change"' in page.content.decode()
    data = {**form_of(editor_client, briefing), "title": "Changed by an editor", "_save": "Save"}
    assert editor_client.post(change_url(briefing), data).status_code == 302
    assert PendingChange.objects.get().fields == {"title": "Changed by an editor"}
    delete = reverse("admin:transcripts_briefing_delete", args=[briefing.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    briefing.refresh_from_db()
    assert briefing.title != "Changed by an editor"


def test_an_editor_has_no_publish_or_delete_action(editor_client, make_briefing):
    draft = make_briefing(status=Status.DRAFT)
    changelist = reverse("admin:transcripts_briefing_changelist")
    page = editor_client.get(changelist).content.decode()
    assert 'value="submit_for_review"' in page
    for action in ("publish", "unpublish", "withdraw", "delete_selected"):
        assert f'value="{action}"' not in page
        editor_client.post(changelist, {"action": action, "_selected_action": [draft.pk]})
    assert Briefing.objects.filter(pk=draft.pk, status=Status.DRAFT).exists()


def test_a_publisher_publishes_from_the_list(publisher_client, make_briefing):
    draft = make_briefing(status=Status.DRAFT)
    changelist = reverse("admin:transcripts_briefing_changelist")
    publisher_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED


def test_submitting_mails_the_publishers_and_lists_it_for_them(
    editor_client, publisher_client, make_article, django_capture_on_commit_callbacks
):
    article = make_article(status=Status.DRAFT, title="Visa rules for 2027")
    data = {**form_of(editor_client, article), "status": "review", "_save": "Save"}
    # The mail leaves once the submission is committed.
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.status == Status.REVIEW
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["publisher@example.org"]
    assert message.subject == "For review: Visa rules for 2027"
    assert "editor submitted the article" in message.body
    assert "http://testserver" + change_url(article) in message.body
    waiting = publisher_client.get(reverse("admin:review_waiting"))
    assert "Article: Visa rules for 2027" in waiting.content.decode()
    assert "Submitted by editor" in waiting.content.decode()
    assert editor_client.get(reverse("admin:review_waiting")).status_code == 403


def test_a_publisher_schedules_it_and_the_list_says_so_in_words(publisher_client, make_article):
    article = make_article(status=Status.REVIEW, title="Statement")
    when = timezone.localtime() + datetime.timedelta(days=1)
    when = when.replace(hour=9, minute=0, second=0, microsecond=0)
    response = publisher_client.post(
        decide_url(article),
        {"decision": "schedule", **at(when)},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert state_of(article) == State.SCHEDULED
    assert article.publish_at == when
    changelist = reverse("admin:sections_article_changelist")
    page = publisher_client.get(changelist, {"state": "scheduled"}).content.decode()
    assert f"Scheduled for {when.day} {when:%B %Y}, 09:00 Beijing time" in page
    assert "Statement" in page
    assert "Statement" not in publisher_client.get(changelist, {"state": "draft"}).content.decode()
    assert ReviewNote.objects.about(article).get().kind == ReviewNote.Kind.APPROVED


def test_scheduling_in_the_past_or_sending_back_without_a_reason_is_refused(
    publisher_client, make_article
):
    article = make_article(status=Status.REVIEW)
    past = timezone.localtime() - datetime.timedelta(hours=1)
    response = publisher_client.post(decide_url(article), {"decision": "schedule", **at(past)})
    assert response.status_code == 400
    assert "That time has passed" in response.content.decode()
    response = publisher_client.post(decide_url(article), {"decision": "send_back"})
    assert "Say what should change" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.REVIEW


def test_sent_back_with_a_comment_the_author_sees(editor_client, publisher_client, make_briefing):
    briefing = make_briefing(status=Status.REVIEW)
    publisher_client.post(
        decide_url(briefing),
        {"decision": "send_back", "comment": "The NHK answer's second paragraph is missing."},
    )
    briefing.refresh_from_db()
    assert briefing.status == Status.DRAFT
    page = editor_client.get(change_url(briefing)).content.decode()
    assert "Sent back by publisher" in page
    assert "The NHK answer&#x27;s second paragraph is missing." in page


def test_waiting_for_review_with_its_count_on_a_publishers_home_page_and_sidebar(
    publisher_client, editor_client, make_article, make_briefing
):
    make_article(status=Status.REVIEW)
    make_briefing(status=Status.REVIEW)
    make_article(status=Status.DRAFT)
    home = publisher_client.get(reverse("admin:index")).content.decode()
    waiting = reverse("admin:review_waiting")
    assert f'<a href="{waiting}">Waiting for review <span class="review-count">2</span></a>' in home
    # In the sidebar of every other page too.
    changelist = reverse("admin:sections_article_changelist")
    sidebar = publisher_client.get(changelist).content.decode().split('id="nav-sidebar"')[1]
    assert "Waiting for review <span" in sidebar
    assert publisher_client.get(reverse("admin:review_reviewnote_changelist")).status_code == 200
    # Not a second "Review" beside it, but the app's page (the notes' breadcrumb) lists them.
    assert home.count(">Review</a>") == 1
    app_page = publisher_client.get(reverse("admin:app_list", args=["review"]))
    assert app_page.status_code == 200 and "Review notes" in app_page.content.decode()
    # An editor decides nothing: no entry.
    assert "Waiting for review" not in editor_client.get(reverse("admin:index")).content.decode()


def test_the_waiting_pages_forms_have_their_own_ids_and_the_languages_date_format(
    publisher_client, make_article
):
    make_article(status=Status.REVIEW)
    make_article(status=Status.REVIEW)
    page = publisher_client.get(reverse("admin:review_waiting")).content.decode()
    ids = re.findall(r' id="(id_[^"]+)"', page)
    assert len(ids) > 6 and len(ids) == len(set(ids))
    assert 'type="datetime-local"' not in page  # the browser's own (US) format
    # The date box is in the admin's language's format: 08/12/2026 in Vietnamese.
    form = DecisionForm(initial={"publish_at": datetime.datetime(2026, 12, 8, 9, 0)})
    with translation.override("vi"):
        assert 'value="08/12/2026"' in str(form["publish_at"])
    with translation.override("en"):
        assert 'value="08 December 2026"' in str(form["publish_at"])


def test_publish_now_publishes_at_that_moment_not_when_the_draft_was_created(
    publisher_client, make_article
):
    article = make_article(status=Status.REVIEW)
    created = timezone.now() - datetime.timedelta(minutes=4)
    Article = type(article)
    Article.objects.filter(pk=article.pk).update(publish_at=created, created_at=created)
    before = timezone.now()
    publisher_client.post(decide_url(article), {"decision": "publish"})
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert before <= article.publish_at <= timezone.now()


def test_publish_now_keeps_a_time_that_staff_chose(publisher_client, make_article):
    article = make_article(status=Status.REVIEW)
    chosen = timezone.now() - datetime.timedelta(days=3)
    type(article).objects.filter(pk=article.pk).update(publish_at=chosen)
    publisher_client.post(decide_url(article), {"decision": "publish"})
    article.refresh_from_db()
    assert article.publish_at == chosen


def test_published_from_its_form_a_draft_is_dated_by_the_save(publisher_client, make_article):
    article = make_article(status=Status.DRAFT)
    created = timezone.now() - datetime.timedelta(minutes=4)
    type(article).objects.filter(pk=article.pk).update(publish_at=created, created_at=created)
    data = {**form_of(publisher_client, article), "status": "published", "_save": "Save"}
    before = timezone.now().replace(microsecond=0)
    assert publisher_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.publish_at >= before


def test_the_sent_back_banner_goes_once_the_author_saves(
    editor_client, publisher_client, make_article
):
    article = make_article(status=Status.REVIEW)
    publisher_client.post(decide_url(article), {"decision": "send_back", "comment": "Shorter."})
    assert "Shorter." in editor_client.get(change_url(article)).content.decode()
    data = {**form_of(editor_client, article), "title": "Shorter title", "_save": "Save"}
    assert editor_client.post(change_url(article), data).status_code == 302
    assert "Shorter." not in editor_client.get(change_url(article)).content.decode()


@pytest.fixture
def smtp_mailbox(settings):
    """A real SMTP server on loopback that the site sends through."""
    with smtp_server() as (controller, mailbox):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 2
        yield mailbox


def received(mailbox, to):
    found = [
        email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        for envelope in mailbox.messages
    ]
    return [message for message in found if message["To"] == to]


def test_the_author_is_mailed_when_sent_back_with_the_comment_and_when_published(
    editor_client,
    publisher_client,
    make_article,
    smtp_mailbox,
    settings,
    django_capture_on_commit_callbacks,
):
    article = make_article(status=Status.DRAFT, title="Visa rules")
    data = {**form_of(editor_client, article), "status": "review", "_save": "Save"}
    editor_client.post(change_url(article), data)
    with django_capture_on_commit_callbacks(execute=True):
        publisher_client.post(
            decide_url(article), {"decision": "send_back", "comment": "Name the visa types."}
        )
    [sent_back] = received(smtp_mailbox, "editor@example.org")
    assert sent_back["Subject"] == "Sent back for changes: Visa rules"
    body = sent_back.get_content()
    assert "publisher sent “Visa rules” back to you for changes" in body
    assert "Name the visa types." in body and change_url(article) in body

    article.refresh_from_db()
    data = {**form_of(editor_client, article), "status": "review", "_save": "Save"}
    editor_client.post(change_url(article), data)
    with django_capture_on_commit_callbacks(execute=True):
        publisher_client.post(decide_url(article), {"decision": "publish"})
    [_, published] = received(smtp_mailbox, "editor@example.org")
    assert published["Subject"] == "Approved: Visa rules"
    assert "publisher approved “Visa rules”: Published." in published.get_content()
    assert article.get_absolute_url() in published.get_content()


def test_the_authors_mail_is_in_the_sites_language(
    role_user, make_article, smtp_mailbox, settings, django_capture_on_commit_callbacks
):
    settings.LANGUAGE_CODE = "vi"  # staff have no language of their own: the site's
    article = make_article(title="Visa rules")
    editor, publisher = role_user("Editor"), role_user("Publisher")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.mail_sent_back(article, editor, publisher, "Ngắn hơn.", "http://x/change/")
    [mail_] = received(smtp_mailbox, "editor@example.org")
    assert mail_["Subject"] == "Đã gửi trả để sửa: Visa rules"
    assert "đã gửi trả “Visa rules” để bạn sửa" in mail_.get_content()


def test_unpublish_withdraw_and_the_withdraw_time_say_how_they_differ(
    publisher_client, make_article
):
    article = make_article()
    changelist = publisher_client.get(reverse("admin:sections_article_changelist"))
    page = changelist.content.decode()
    assert "Unpublish selected articles: off the site and back to Draft" in page
    assert "Withdraw selected articles: off the site, kept as Withdrawn" in page
    form = publisher_client.get(change_url(article)).content.decode()
    assert "leaves the site by itself at this time and shows as Withdrawn" in form
    assert "to unpublish it for changes instead, set it back to Draft" in form
    from embassy.review.actions import unpublish

    with translation.override("vi"):
        assert str(unpublish.short_description).startswith("Hủy đăng các %(verbose_name_plural)s")


def test_the_lists_publish_action_publishes_a_draft_at_that_moment(publisher_client, make_article):
    article = make_article(status=Status.DRAFT)
    created = timezone.now() - datetime.timedelta(minutes=4)
    type(article).objects.filter(pk=article.pk).update(publish_at=created, created_at=created)
    before = timezone.now()
    changelist = reverse("admin:sections_article_changelist")
    publisher_client.post(changelist, {"action": "publish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.publish_at >= before
