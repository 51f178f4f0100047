"""Content made the same way by the tests' fixtures and by bench/: plain functions, no pytest.

Call them with the database ready (inside a test, or after django.setup()).
"""

import datetime

from django.conf import settings
from django.utils import timezone, translation

from embassy.media.models import Document, Image
from embassy.missions.models import Mission, MissionHost
from embassy.pages.publishing import Status
from sections.models import Article, Section
from tests.media_files import PDF, jpeg_upload
from tests.media_files import upload as media_upload
from transcripts.models import Briefing, Exchange, Outlet, Spokesperson

# The seed briefing's date and time: 28 January 2021, 19:34 Beijing time.
SEED_HELD_AT = datetime.datetime(2021, 1, 28, 19, 34)


def seed_time(**delta):
    return timezone.make_aware(SEED_HELD_AT) + datetime.timedelta(**delta)


def remarks_section():
    return Section.objects.get_or_create(
        mission=Mission.home(),
        slug="spokespersons-remarks",
        defaults={"title": "Spokesperson's Remarks", "position": 80},
    )[0]


def spokesperson():
    # Named in the default language whichever language a request left active: "name" means
    # the current language's column (transcripts/translation.py).
    with translation.override(settings.LANGUAGE_CODE):
        return Spokesperson.objects.get_or_create(
            slug="zhao-lijian",
            defaults={"name": "Zhao Lijian", "role": "Foreign Ministry Spokesperson"},
        )[0]


def outlet(name):
    with translation.override(settings.LANGUAGE_CODE):
        return Outlet.objects.get_or_create(name=name, defaults={"slug": name.lower()})[0]


def make_section(title="Consular Services", slug=None, **fields):
    return Section.objects.create(
        title=title, slug=slug or title.lower().replace(" ", "-"), **fields
    )


def make_article(n, section=None, status=Status.PUBLISHED, **fields):
    fields.setdefault("title", f"Article {n}")
    fields.setdefault("slug", f"article-{n}")
    fields.setdefault("body", f"<p>Body of article {n}.</p>")
    if section is None:
        section = Section.objects.filter(slug="consular-services").first() or make_section()
    return Article.objects.create(section=section, status=status, **fields)


def make_briefing(n, exchanges=3, status=Status.PUBLISHED, held_at=None, **fields):
    """Briefing number `n` with `exchanges` Q&As from CCTV, Bloomberg and AFP in turn."""
    fields.setdefault("title", f"Regular Press Conference {n}")
    fields.setdefault("slug", f"regular-press-conference-{n}")
    briefing = Briefing.objects.create(
        spokesperson=fields.pop("spokesperson", None) or spokesperson(),
        section=fields.pop("section", None) or remarks_section(),
        held_at=held_at or seed_time(),
        status=status,
        **fields,
    )
    outlets = [outlet(name) for name in ("CCTV", "Bloomberg", "AFP")]
    Exchange.objects.bulk_create(
        Exchange(
            briefing=briefing,
            position=i,
            outlet=outlets[i % len(outlets)],
            question=f"Question {i} of briefing {n}?",
            answer=f"Answer {i}, first paragraph.\n\nAnswer {i}, second paragraph.",
        )
        for i in range(1, exchanges + 1)
    )
    return briefing


def make_many_briefings(count, exchanges=2, start=None, tagged=False):
    """`count` published briefings, one a day back from `start` (the seed's time), `exchanges`
    each, all asked by Reuters. bulk_create keeps thousands fast.
    """
    start = start or seed_time()
    reuters = outlet("Reuters")
    briefings = Briefing.objects.bulk_create(
        (
            Briefing(
                title=f"Bulk Press Conference {n}",
                slug=f"bulk-press-conference-{n}",
                spokesperson=spokesperson(),
                section=remarks_section(),
                held_at=start - datetime.timedelta(days=n),
                status=Status.PUBLISHED,
                opening_remarks=f"Opening remarks of briefing {n}.",
            )
            for n in range(count)
        ),
        batch_size=1000,
    )
    made = add_bulk_exchanges([(briefing, exchanges) for briefing in briefings], reuters)
    if tagged:
        for exchange in made:
            exchange.tags.add("climate")
    return briefings


def add_bulk_exchanges(briefings_and_counts, asked_by):
    """`count` exchanges for each (briefing, count), in one bulk insert."""
    return Exchange.objects.bulk_create(
        (
            Exchange(
                briefing=briefing,
                position=i,
                outlet=asked_by,
                question=f"Bulk question {i}?",
                answer=f"Bulk answer {i}.\n\nSecond paragraph.",
            )
            for briefing, count in briefings_and_counts
            for i in range(1, count + 1)
        ),
        batch_size=1000,
    )


def make_image(title="The ambassador", upload=None, **fields):
    """A library image saved as the admin saves one (inspected, cleaned, renditions cut)."""
    fields.setdefault("alt_text", f"{title}, photographed at the embassy")
    image = Image(title=title, file=upload or jpeg_upload(), **fields)
    image.full_clean()
    image.save()
    return image


def make_document(title="Visa application form", upload=None, **fields):
    document = Document(
        title=title, file=upload or media_upload("form.pdf", PDF, "application/pdf"), **fields
    )
    document.full_clean()
    document.save()
    return document


def through_missions(request):
    """`request` (a request factory's) as the missions' middleware passes it to a view: with
    its mission and the scope its pages are kept under."""
    from embassy.missions.middleware import MissionMiddleware

    return MissionMiddleware(lambda passed: passed)(request)


def embassy_answers_the_test_client():
    """The demo makes two missions, each with its host names: the test client's host
    ("testserver") and the live server's are the embassy's, serving it without a redirect."""
    MissionHost.objects.get_or_create(
        host="testserver", defaults={"mission": Mission.home(), "redirects": False}
    )
    # And the live server's (pytest-django's live_server is http://localhost:PORT), which the
    # demo makes an alias that redirects to 127.0.0.1.
    MissionHost.objects.filter(host="localhost").update(redirects=False)
