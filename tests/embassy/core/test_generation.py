"""Exact invalidation: every kind of change is on the very next request, never a stale copy."""

import io

import pytest
import reversion
from django.apps import apps
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from reversion.models import Version
from taggit.models import Tag

from embassy.alerts.models import Delivery, Kind, Subscription
from embassy.alerts.tasks import send_alerts
from embassy.core import content
from embassy.core import generation as invalidation
from embassy.core.content import SITE
from embassy.core.generation import key_of
from embassy.demo.management.commands.load_demo import SEED_TRANSCRIPT
from embassy.pages.publishing import Status
from embassy.review.models import ReviewNote
from sections.models import Section
from tests import factories
from tests.html_forms import read_form
from transcripts.models import Briefing, Exchange

GENERATION_KEY = key_of(SITE)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache")]


@pytest.fixture
def stored(visitor, rendered):
    """GET `url` twice as a visitor: the second answer must come from the page cache."""

    def store(url):
        visitor.get(url)
        response = visitor.get(url)
        assert response.status_code == 200 and not rendered(response), url
        return response.content.decode()

    return store


def test_a_save_is_on_the_next_request(visitor, make_briefing, stored):
    briefing = make_briefing(title="The first title")
    url = briefing.get_absolute_url()
    assert "The first title" in stored(url)
    briefing.title = "The corrected title"
    briefing.save()
    page = visitor.get(url).content.decode()
    assert "The corrected title" in page and "The first title" not in page


def test_a_delete_is_on_the_next_request(visitor, make_briefing, stored):
    briefing = make_briefing(exchanges=2)
    url = briefing.get_absolute_url()
    assert "Question 2 of briefing" in stored(url)
    briefing.exchanges.get(position=2).delete()
    assert "Question 2 of briefing" not in visitor.get(url).content.decode()


def test_a_bulk_update_is_on_the_next_request(visitor, make_briefing, stored):
    url = make_briefing(exchanges=1).get_absolute_url()
    stored(url)
    Exchange.objects.update(answer="Answered in bulk.")  # no signal is sent for this
    assert "Answered in bulk." in visitor.get(url).content.decode()


def test_the_publish_and_unpublish_actions_are_on_the_next_request(
    visitor, staff_client, make_briefing, stored
):
    draft = make_briefing(title="Just published", status=Status.DRAFT)
    assert "Just published" not in stored("/")
    changelist = reverse("admin:transcripts_briefing_changelist")
    staff_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    assert "Just published" in visitor.get("/").content.decode()

    url = draft.get_absolute_url()
    stored(url)
    staff_client.post(changelist, {"action": "unpublish", "_selected_action": [draft.pk]})
    assert visitor.get(url).status_code == 404


def test_an_admin_edit_is_on_the_next_request(visitor, staff_client, stored):
    section = Section.objects.create(title="Visas", slug="visas")
    assert "Visas" in stored("/sections/visas/")
    url = reverse("admin:sections_section_change", args=[section.pk])
    page = staff_client.get(url).content.decode()
    data = read_form(page, lambda form: form.get("id") == "section_form").fields
    # The title field of the default language (modeltranslation names it by the language).
    title = next(name for name in data if name.startswith("title"))
    data[title] = "Visas and passports"
    response = staff_client.post(url, data)
    assert response.status_code == 302
    assert "Visas and passports" in visitor.get("/sections/visas/").content.decode()


def test_an_import_is_on_the_next_request(visitor, remarks_section, stored, tmp_path):
    transcript = tmp_path / "seed.txt"
    transcript.write_text(SEED_TRANSCRIPT.read_text(encoding="utf-8"), encoding="utf-8")
    assert "Regular Press Conference on January 28, 2021" not in stored("/briefings/")
    call_command("import_briefing", str(transcript), "--publish", stdout=io.StringIO())
    assert Briefing.objects.filter(status=Status.PUBLISHED).exists()
    assert "Regular Press Conference on January 28, 2021" in (
        visitor.get("/briefings/").content.decode()
    )


def test_a_menu_change_is_on_every_page(visitor, make_briefing, stored):
    url = make_briefing().get_absolute_url()
    assert "Spokesperson&#x27;s Remarks" in stored(url)
    Section.objects.filter(slug="spokespersons-remarks").update(title="Remarks and Answers")
    assert "Remarks and Answers" in visitor.get(url).content.decode()
    Section.objects.create(title="A new menu entry", slug="new-entry")
    assert "A new menu entry" in visitor.get(url).content.decode()


def test_a_tag_change_is_on_the_next_request(visitor, make_briefing, stored):
    briefing = make_briefing()
    url = briefing.get_absolute_url()
    assert "Climate" not in stored(url)
    briefing.tags.add("Climate")  # many-to-many rows
    assert "Climate" in visitor.get(url).content.decode()
    stored(url)
    Tag.objects.filter(name="Climate").update(name="Climate change")
    assert "Climate change" in visitor.get(url).content.decode()


def test_writes_outside_the_content_apps_keep_the_pages(visitor, make_briefing, stored):
    url = make_briefing().get_absolute_url()
    stored(url)
    generation = cache.get(GENERATION_KEY)
    User.objects.create_user("reader")
    SessionStore().create()
    assert cache.get(GENERATION_KEY) == generation


@pytest.mark.django_db(transaction=True)
def test_a_transaction_changes_the_generation_again_when_it_commits(make_briefing):
    briefing = make_briefing()
    with transaction.atomic():
        briefing.title = "In a transaction"
        briefing.save()
        Exchange.objects.filter(briefing=briefing).update(answer="Also changed.")
        during = cache.get(GENERATION_KEY)
    # Once more, however many statements: a visitor who rendered the page before the commit
    # read the old rows under the generation of the writes; this makes that copy stale.
    assert cache.get(GENERATION_KEY) == during + 1


def test_a_new_generation_never_meets_an_old_one():
    first = invalidation.current()
    cache.delete(GENERATION_KEY)  # evicted, or the cache restarted
    # What the next process to ask finds (one listening for changes asks after the next).
    assert invalidation.read() != first
    assert invalidation.current() != first


@pytest.mark.parametrize(
    ("sql", "content"),
    [
        ('INSERT INTO "transcripts_exchange" ("briefing_id") VALUES (%s)', True),
        ('UPDATE "sections_section" SET "title" = %s', True),
        ('DELETE FROM "taggit_taggeditem" WHERE "id" IN (%s)', True),
        ('INSERT OR IGNORE INTO "transcripts_outlet" ("name") VALUES (%s)', True),
        ('TRUNCATE "django_session", "transcripts_briefing"', True),
        ('UPDATE "django_session" SET "expire_date" = %s', False),
        ('INSERT INTO "auth_user" ("username") VALUES (%s)', False),
        ('SELECT "transcripts_briefing"."id" FROM "transcripts_briefing"', False),
        ("  update transcripts_briefing set title = 'x'", True),
    ],
)
def test_which_statements_change_what_pages_show(sql, content):
    assert bool(invalidation.scopes_written(sql)) is content


def test_every_connection_reports_its_writes():
    connection.ensure_connection()
    assert invalidation.watch_writes in connection.execute_wrappers


def test_clear_page_cache_makes_every_page_stale(visitor, make_briefing, stored, rendered):
    url = make_briefing().get_absolute_url()
    stored(url)
    out = io.StringIO()
    call_command("clear_page_cache", stdout=out)
    assert "Every stored page is stale" in out.getvalue()
    assert rendered(visitor.get(url))


def test_a_media_change_is_on_the_next_request(visitor, make_article, stored):
    image = factories.make_image(alt_text="The first description")
    article = make_article(lead_image=image)
    assert "The first description" in stored(article.get_absolute_url())
    image.alt_text = "A better description"
    image.save()  # a table of embassy/media: covered without the media app doing anything
    assert "A better description" in visitor.get(article.get_absolute_url()).content.decode()


def test_a_restored_revision_is_on_the_next_request(visitor, make_briefing, stored):
    briefing = make_briefing(title="As first published")
    with reversion.create_revision():
        briefing.save()
    url = briefing.get_absolute_url()
    briefing.title = "A later wording"
    briefing.save()
    assert "A later wording" in stored(url)
    Version.objects.get_for_object(briefing).first().revision.revert()
    assert "As first published" in visitor.get(url).content.decode()


def test_each_language_is_its_own_page_and_invalidated_alike(visitor, make_briefing, stored):
    english = make_briefing(title="In English")
    chinese = make_briefing(title="用中文", language="zh-hans")
    urls = [english.get_absolute_url(), chinese.get_absolute_url()]
    assert urls[1].startswith("/zh-hans/")
    assert 'lang="en"' in stored(urls[0])
    assert 'lang="zh-hans"' in stored(urls[1])
    Briefing.objects.update(opening_remarks="Remarks changed in bulk.")
    for url in urls:
        assert "Remarks changed in bulk." in visitor.get(url).content.decode(), url


def test_failed_sign_ins_keep_the_stored_page_a_hit(visitor, make_briefing, stored, rendered):
    """A loop of wrong passwords at the admin's door must not keep the site cold."""
    url = make_briefing().get_absolute_url()
    stored(url)
    for attempt in range(3):
        Client().post(reverse("admin:login"), {"username": "victim", "password": f"wrong{attempt}"})
        response = visitor.get(url)
        assert response.status_code == 200 and not rendered(response)


def session_written(briefing):
    SessionStore().create()


def signed_in(briefing):
    user = User.objects.create_user("colleague", password="right")
    Client().force_login(user)  # the session, and the user's last_login


def subscribed(briefing):
    subscription = Subscription.objects.create(email="reader@example.net", kind=Kind.BRIEFINGS)
    Delivery.objects.create(subscription=subscription, briefing=briefing)


def reviewed(briefing):
    ReviewNote.objects.create(
        content_type=ContentType.objects.get_for_model(briefing),
        object_id=briefing.pk,
        kind=ReviewNote.Kind.SENT_BACK,
        comment="The second answer needs its source.",
    )


def task_queued(briefing):
    send_alerts.enqueue()
    assert apps.get_model("django_tasks_database.DBTaskResult").objects.exists()


def failed_sign_in(briefing):
    # axes' attempt and failure log, the sign-in log: every row a wrong password writes.
    Client().post(reverse("admin:login"), {"username": "victim", "password": "wrong"})
    assert apps.get_model("axes.AccessFailureLog").objects.exists()


@pytest.mark.parametrize(
    "write", [session_written, signed_in, subscribed, reviewed, task_queued, failed_sign_in]
)
def test_writes_no_page_shows_keep_the_generation(write, make_briefing):
    # Anything a stranger can make the site write (a session, a subscription) and the staff's
    # own bookkeeping (a review note no page shows) is no edit of the site.
    briefing = make_briefing()
    before = invalidation.current()
    write(briefing)
    assert invalidation.current() == before


@pytest.mark.parametrize(
    "model",
    [
        "sessions.Session",
        "axes.AccessAttempt",
        "axes.AccessFailureLog",
        "axes.AccessLog",
        "alerts.Subscription",
        "alerts.Delivery",
        "alerts.Announcement",
        "django_tasks_database.DBTaskResult",
        "review.ReviewNote",
        "auth.User",
    ],
)
def test_tables_no_page_shows_are_not_registered(model):
    assert not content.is_content_table(apps.get_model(model)._meta.db_table)


@pytest.mark.parametrize(
    "model",
    [
        "sections.Section",
        "sections.Article",
        "transcripts.Briefing",
        "transcripts.Exchange",
        "transcripts.Outlet",
        "transcripts.Spokesperson",
        "media.Image",
        "media.Document",
        "siteinfo.SiteProfile",
        "history.Correction",
        "taggit.Tag",
        "taggit.TaggedItem",
    ],
)
def test_what_pages_show_is_registered(model):
    assert content.is_content_table(apps.get_model(model)._meta.db_table)


def test_a_write_is_scoped():
    assert invalidation.scopes_written('UPDATE "transcripts_briefing" SET "title" = %s') == (
        content.SITE,
    )
    assert invalidation.key_of("hcmc") != invalidation.key_of(content.SITE)
