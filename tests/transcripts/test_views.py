"""The briefing, exchange, spokesperson, outlet, tag and archive pages, through the test client."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from embassy.pages.publishing import Status
from tests import factories, media_files
from transcripts.models import Briefing, Exchange, Outlet

pytestmark = pytest.mark.django_db

SEED_TITLE = (
    "Foreign Ministry Spokesperson Zhao Lijian's Regular Press Conference on January 28, 2021"
)


def html(response):
    return response.content.decode()


# --- The seed briefing, as `make run` shows it -------------------------------------------------


@pytest.fixture
def seed(demo_site):
    return Briefing.objects.get(language="en")


def test_the_seed_briefing_is_reachable_from_home_through_the_menu(client, seed):
    home = html(client.get("/"))
    assert 'href="/sections/spokespersons-remarks/"' in home
    section = html(client.get("/sections/spokespersons-remarks/"))
    assert f'href="{seed.get_absolute_url()}"' in section


def test_seed_briefing_page_shows_what_the_seed_page_shows(client, seed):
    response = client.get(seed.get_absolute_url())
    assert response.status_code == 200
    page = html(response)
    assert page.count("<h1") == 1
    assert "Regular Press Conference on January 28, 2021</h1>" in page
    assert '<html lang="en" ' in page
    assert "28 January 2021, 19:34 Beijing time" in page
    assert f'href="{seed.spokesperson.get_absolute_url()}">Zhao Lijian</a>' in page
    # Breadcrumb: HOME > Spokesperson's Remarks > the briefing.
    crumbs = re.search(r'<nav class="breadcrumb".*?</nav>', page, re.S).group(0)
    assert ">Home</a>" in crumbs
    assert "Spokesperson&#x27;s Remarks</a>" in crumbs
    assert 'aria-current="page">Foreign Ministry' in crumbs
    # The menu, the Topics group and the landmarks.
    assert 'aria-label="Main menu"' in page
    assert ">Topics</p>" in page and ">China Human Rights</a>" in page
    assert 'href="#main"' in page and '<main id="main"' in page and "<footer" in page
    # All eight exchanges, with their outlets, in the seed's order.
    outlets = ["CCTV", "NPR", "Xinhua News Agency", "Bloomberg", "AFP", "NHK", "AFP", "Bloomberg"]
    headings = re.findall(r'class="exchange-number">\d+\.</span> ([^<]+)</h3>', page)
    assert headings == outlets
    assert "There&#x27;s never ever such thing as genocide in China. Period." in page
    assert "Suggest to a friend" in page and ">Print</a>" in page


def test_question_index_links_to_every_exchange_anchor_on_the_page(client, seed):
    page = html(client.get(seed.get_absolute_url()))
    index = re.search(r'<nav class="question-index".*?</nav>', page, re.S).group(0)
    targets = re.findall(r'href="#(exchange-\d+)"', index)
    exchanges = list(seed.exchanges.all())
    assert targets == [e.anchor for e in exchanges]
    for exchange in exchanges:
        assert f'id="{exchange.anchor}"' in page
        assert f'href="{exchange.get_absolute_url()}"' in page  # the permalink
    assert '<span class="questioner">CCTV:</span> On January 27, U.S. Secretary' in index


def test_exchange_page_stands_alone_and_links_back_to_its_place(client, seed):
    exchange = seed.exchanges.get(outlet__name="NPR")
    response = client.get(exchange.get_absolute_url())
    assert response.status_code == 200
    page = html(response)
    assert page.count("<h1") == 1
    assert "NPR: Secretary of State Blinken said" in page
    assert SEED_TITLE.replace("'", "&#x27;") in page
    assert "Asked at the briefing of <time" in page and "28 January 2021</time>" in page
    assert f'href="{seed.get_absolute_url()}#{exchange.anchor}"' in page
    assert f'href="{exchange.get_absolute_url()}print/"' in page
    assert f'href="{exchange.get_absolute_url()}suggest/"' in page
    assert "Period." in page
    main = re.search(r"<main.*</main>", page, re.S).group(0)
    # Only this one Q&A; the other questions are named only in the links to them.
    main = re.sub(r'<nav class="pager".*?</nav>', "", main, flags=re.S)
    assert "CCTV" not in main


def test_print_versions_carry_the_text_and_the_trace_but_no_menu(client, seed):
    exchange = seed.exchanges.first()
    for url in (seed.get_absolute_url() + "print/", exchange.get_absolute_url() + "print/"):
        response = client.get(url)
        assert response.status_code == 200
        page = html(response)
        assert 'aria-label="Main menu"' not in page
        assert "site-footer" not in page and "site-header" not in page
        assert "Suggest to a friend" not in page and "Permalink" not in page
        assert "28 January 2021, 19:34 Beijing time" in page and "Zhao Lijian" in page
        assert "Climate change is a common challenge faced by humanity." in page
        # The full address of the page (not of its print version) and the printing date.
        page_url = url.removesuffix("print/")
        assert f"http://testserver{page_url} · printed" in page
        assert f"Source: http://testserver{page_url}</p>" in page
        assert timezone.localtime().strftime("%Y-%m-%d") in page
        assert "data-print hidden>Print this page</button>" in page
        assert "/static/js/print.js" in page and "<script>" not in page
    briefing_print = html(client.get(seed.get_absolute_url() + "print/"))
    assert "Bloomberg" in briefing_print and "NHK" in briefing_print  # the whole transcript


# --- Generated content ---------------------------------------------------------------------------


def test_briefing_page_with_200_exchanges_shows_them_all(client, make_briefing):
    briefing = make_briefing(exchanges=200)
    page = html(client.get(briefing.get_absolute_url()))
    assert page.count('class="exchange"') == 200
    assert page.count('<li><a href="#exchange-') == 200
    assert "Answer 200, second paragraph." in page


def test_briefing_page_queries_do_not_grow_with_its_exchanges(client, make_briefing, count_queries):
    small = make_briefing(exchanges=3)
    large = make_briefing(exchanges=200)
    for exchange in large.exchanges.all()[:50]:
        exchange.tags.add("climate", "covid-19")
    small.tags.add("climate")
    large.tags.add("climate")
    for suffix in ("", "print/"):
        assert count_queries(client, small.get_absolute_url() + suffix) == count_queries(
            client, large.get_absolute_url() + suffix
        )
    # The first reader after an edit: the next scheduled change of articles, briefings and
    # site-wide notices in one query (what is kept is bounded by it), the briefing, its
    # versions with its neighbours, its exchanges, their topics, the contact details, the
    # menu, the corrections, the notices, the missions with their host names. The next readers
    # take none (tests/embassy/pages/test_public_reads.py).
    assert count_queries(client, large.get_absolute_url()) == 10


def test_exchange_page_queries_are_constant(client, make_briefing, count_queries):
    small, large = make_briefing(exchanges=1), make_briefing(exchanges=200)
    last = large.exchanges.last()
    last.tags.add("climate")
    assert count_queries(client, small.exchanges.get().get_absolute_url()) == count_queries(
        client, last.get_absolute_url()
    )


def test_previous_and_next_briefing(client, make_briefing):
    day = datetime.timedelta(days=1)
    middle = make_briefing()
    earlier = make_briefing(held_at=middle.held_at - day)
    later = make_briefing(held_at=middle.held_at + day)
    make_briefing(held_at=middle.held_at + day / 2, status=Status.DRAFT)  # skipped: a draft
    page = html(client.get(middle.get_absolute_url()))
    assert f'href="{earlier.get_absolute_url()}" rel="prev"' in page
    assert f'href="{later.get_absolute_url()}" rel="next"' in page
    first = html(client.get(earlier.get_absolute_url()))
    assert 'rel="prev"' not in first and f'href="{middle.get_absolute_url()}" rel="next"' in first


def test_briefing_tags_and_exchange_tags_link_to_their_topic(client, make_briefing):
    briefing = make_briefing(exchanges=2)
    briefing.tags.add("Climate change")
    briefing.exchanges.first().tags.add("Xinjiang")
    page = html(client.get(briefing.get_absolute_url()))
    assert 'href="/tags/climate-change/">Climate change</a>' in page
    assert 'href="/tags/xinjiang/">Xinjiang</a>' in page


def test_each_exchange_shows_its_own_topics_in_name_order(client, make_briefing):
    briefing = make_briefing(exchanges=2)
    first, second = briefing.exchanges.all()
    first.tags.add("Xinjiang", "Cotton")
    second.tags.add("Climate")
    page = html(client.get(briefing.get_absolute_url()))
    first_part = page[page.index(f'id="{first.anchor}"') : page.index(f'id="{second.anchor}"')]
    assert first_part.index(">Cotton</a>") < first_part.index(">Xinjiang</a>")
    assert ">Climate</a>" not in first_part
    alone = html(client.get(second.get_absolute_url()))
    assert 'href="/tags/climate/">Climate</a>' in alone
    assert ">Xinjiang</a>" not in alone


def test_opening_remarks_come_before_the_questions(client, make_briefing):
    briefing = make_briefing(opening_remarks="First announcement.\n\nSecond announcement.")
    page = html(client.get(briefing.get_absolute_url()))
    assert "<p>First announcement.</p><p>Second announcement.</p>" in page
    assert page.index("Second announcement.") < page.index('class="question-index"')


# --- Who sees what -----------------------------------------------------------------------------


def test_drafts_and_scheduled_briefings_are_hidden_from_visitors(client, make_briefing):
    draft = make_briefing(status=Status.DRAFT)
    scheduled = make_briefing(held_at=timezone.now() + datetime.timedelta(days=2))
    for briefing in (draft, scheduled):
        exchange = briefing.exchanges.first()
        for url in (
            briefing.get_absolute_url(),
            briefing.get_absolute_url() + "print/",
            exchange.get_absolute_url(),
            exchange.get_absolute_url() + "print/",
        ):
            assert client.get(url).status_code == 404, url
    assert draft.title not in html(client.get("/sections/spokespersons-remarks/"))
    assert draft.title not in html(client.get("/"))
    assert draft.title not in html(client.get("/briefings/2021/01/"))


def test_staff_with_permission_preview_drafts_with_a_banner(staff_client, make_briefing):
    draft = make_briefing(status=Status.DRAFT)
    for url in (
        draft.get_absolute_url(),
        draft.get_absolute_url() + "print/",
        draft.exchanges.first().get_absolute_url(),
    ):
        response = staff_client.get(url)
        assert response.status_code == 200
        assert '<p class="draft-banner"><strong>Draft</strong>' in html(response)
    published = make_briefing()
    assert "draft-banner" not in html(staff_client.get(published.get_absolute_url()))


def test_staff_without_permission_do_not_see_drafts(
    staff_without_permissions_client, make_briefing
):
    draft = make_briefing(status=Status.DRAFT)
    assert staff_without_permissions_client.get(draft.get_absolute_url()).status_code == 404


# --- Bad addresses -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/briefings/2021/02/30/regular-press-conference-1/",  # no such date
        "/briefings/2021/13/01/regular-press-conference-1/",
        "/briefings/2021/01/27/regular-press-conference-1/",  # the wrong day
        "/briefings/2021/01/28/no-such-briefing/",
        "/briefings/2021/1/28/regular-press-conference-1/",  # one address per briefing
        "/briefings/2021/01/28/regular-press-conference-1/exchanges/999999/",
        "/briefings/2021/01/28/no-such-briefing/exchanges/1/",
        "/briefings/2021/02/30/",
        "/briefings/2020/",
        "/briefings/2021/02/",
        "/briefings/2021/00/",
        "/spokespeople/nobody/",
        "/outlets/nobody/",
        "/tags/nothing/",
        "/spokespeople/zhao-lijian/?page=2",
        "/spokespeople/zhao-lijian/?page=abc",
        "/outlets/cctv/?page=0",
        "/feeds/tags/nothing/rss/",
    ],
)
def test_bad_addresses_get_404(client, make_briefing, path):
    make_briefing()
    assert client.get(path).status_code == 404


def test_an_exchange_of_another_briefing_is_not_found_under_this_one(client, make_briefing):
    one, other = make_briefing(), make_briefing()
    stray = other.exchanges.first()
    url = one.get_absolute_url() + f"exchanges/{stray.pk}/"
    assert client.get(url).status_code == 404


# --- Spokesperson, outlet, tag ------------------------------------------------------------------


def test_spokesperson_page_lists_their_briefings_newest_first(
    client, make_many_briefings, count_queries
):
    make_many_briefings(30, exchanges=0)
    page = html(client.get("/spokespeople/zhao-lijian/"))
    assert "<h1>Zhao Lijian</h1>" in page and "Foreign Ministry Spokesperson" in page
    titles = re.findall(r">(Bulk Press Conference \d+)</a>", page)
    assert titles == [f"Bulk Press Conference {n}" for n in range(20)]
    second = html(client.get("/spokespeople/zhao-lijian/?page=2"))
    assert "Bulk Press Conference 29" in second and "Bulk Press Conference 0<" not in second
    assert client.get("/spokespeople/zhao-lijian/?page=3").status_code == 404


def test_outlet_page_lists_every_question_newest_first(client, make_briefing):
    day = datetime.timedelta(days=1)
    older = make_briefing(exchanges=3)
    newer = make_briefing(exchanges=3, held_at=older.held_at + day)
    make_briefing(exchanges=3, held_at=older.held_at + 2 * day, status=Status.DRAFT)
    page = html(client.get(Outlet.objects.get(name="CCTV").get_absolute_url()))
    # make_briefing gives CCTV questions 3 (of 1..3): one per published briefing.
    assert "<h1>Questions from CCTV</h1>" in page and "2 questions" in page
    assert page.index(f"of briefing {newer.slug[-1]}?") < page.index(
        f"of briefing {older.slug[-1]}?"
    )
    exchange = newer.exchanges.get(outlet__name="CCTV")
    assert f'href="{exchange.get_absolute_url()}"' in page
    assert f'href="{newer.get_absolute_url()}"' in page


def test_outlet_page_is_paginated_with_constant_queries(client, make_many_briefings, count_queries):
    make_many_briefings(3, exchanges=1)
    few = count_queries(client, "/outlets/reuters/")
    Exchange.objects.all().delete()
    Briefing.objects.all().delete()
    make_many_briefings(60, exchanges=2)
    assert count_queries(client, "/outlets/reuters/") == few
    assert count_queries(client, "/outlets/reuters/", page=6) == few
    assert client.get("/outlets/reuters/?page=7").status_code == 404


def test_tag_page_shows_briefings_and_exchanges_on_the_topic(client, make_briefing, make_article):
    briefing = make_briefing(exchanges=2)
    briefing.tags.add("Climate")
    exchange = make_briefing(exchanges=2).exchanges.last()
    exchange.tags.add("Climate")
    article = make_article(title="Climate cooperation")
    article.tags.add("Climate")
    hidden = make_briefing(status=Status.DRAFT, title="Secret draft")
    hidden.tags.add("Climate")
    response = client.get("/tags/climate/")
    assert response.status_code == 200
    page = html(response)
    assert "<h1>Subject: Climate</h1>" in page
    assert f'href="{briefing.get_absolute_url()}"' in page
    assert f'href="{exchange.get_absolute_url()}"' in page
    assert f'href="{article.get_absolute_url()}"' in page
    assert "Secret draft" not in page
    assert 'href="/feeds/tags/climate/rss/"' in page


def test_a_tag_used_only_on_drafts_is_not_a_page(client, make_briefing):
    make_briefing(status=Status.DRAFT).tags.add("Unannounced")
    assert client.get("/tags/unannounced/").status_code == 404


# --- The archive -------------------------------------------------------------------------------


def test_archive_counts_briefings_by_year_and_month(client, make_many_briefings, count_queries):
    make_many_briefings(500, exchanges=0)  # 2021-01-28 back to 2019-09-17
    page = html(client.get("/briefings/"))
    assert '<h2 id="year-2021"><a href="/briefings/2021/">2021</a></h2>' in page
    assert re.search(
        r'href="/briefings/2021/01/">January</a> <span class="count">28 briefings', page
    )
    assert re.search(
        r'href="/briefings/2020/02/">February</a> <span class="count">29 briefings', page
    )
    assert re.search(
        r'href="/briefings/2019/09/">September</a> <span class="count">14 briefings', page
    )
    year = html(client.get("/briefings/2020/"))
    assert year.count('class="count"') == 12
    assert "366" not in year and 'December 2020</a> <span class="count">31 briefings' in year
    month = html(client.get("/briefings/2020/02/"))
    assert month.count('class="item-meta"') == 29
    assert "Bulk Press Conference 334<" in month and "Bulk Press Conference 333<" not in month
    assert 'href="/briefings/2020/01/" rel="prev"' in month
    assert 'href="/briefings/2020/03/" rel="next"' in month
    day = html(client.get("/briefings/2021/01/28/"))
    assert "Bulk Press Conference 0<" in day
    for url in ("/briefings/", "/briefings/2020/", "/briefings/2020/02/", "/briefings/2021/01/28/"):
        assert count_queries(client, url, after_an_edit=False) <= 6, url
        # The first reader after an edit reads the menu and the contact details too, and the
        # site-wide notices with the next scheduled change that bounds what is kept (one
        # aggregate per dated kind: articles, briefings, notices).
        assert count_queries(client, url, after_an_edit=True) <= 11, url


def test_archive_queries_are_constant(client, make_many_briefings, count_queries):
    make_many_briefings(3, exchanges=0)
    few = [
        count_queries(client, u) for u in ("/briefings/", "/briefings/2021/", "/briefings/2021/01/")
    ]
    Briefing.objects.all().delete()
    make_many_briefings(400, exchanges=0)
    many = [
        count_queries(client, u) for u in ("/briefings/", "/briefings/2021/", "/briefings/2021/01/")
    ]
    assert few == many


def test_archive_of_an_empty_site_answers(client, db):
    response = client.get("/briefings/")
    assert response.status_code == 200
    assert "No briefings have been published yet." in html(response)


def test_the_archive_dates_briefings_in_the_sites_time_zone(client, make_briefing):
    # 2021-02-01 02:00 in Beijing is still January 31st in UTC.
    make_briefing(held_at=timezone.make_aware(datetime.datetime(2021, 2, 1, 2, 0)))
    for day_or_month in ("/briefings/2021/02/", "/briefings/2021/02/01/"):
        response = client.get(day_or_month)
        assert response.status_code == 200
        assert "Regular Press Conference" in response.content.decode()
    assert client.get("/briefings/2021/01/31/").status_code == 404


def test_machine_readable_times_have_whole_seconds(client, make_briefing):
    # The HTML standard allows at most milliseconds; Python's isoformat() gives microseconds.
    held_at = timezone.make_aware(datetime.datetime(2021, 1, 28, 15, 1, 49, 969140))
    briefing = make_briefing(held_at=held_at)
    exchange = briefing.exchanges.first()
    for url in ["/", briefing.get_absolute_url(), exchange.get_absolute_url(), "/briefings/"]:
        page = client.get(url).content.decode()
        values = re.findall(r'<time datetime="([^"]+)"', page)
        assert values, url
        for value in values:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d\d:?\d\d)?", value), (
                url,
                value,
            )
        # The exchange page dates its question by the day: its briefing's page has the time.
        assert '<time datetime="2021-01-28T15:01:49+08:00">' in page or url in (
            "/briefings/",
            exchange.get_absolute_url(),
        )


# --- The briefing's facts: place, end, recording ------------------------------------------------


def video():
    return factories.make_document(
        title="Press conference video", upload=media_files.upload("v.mp4", media_files.MP4)
    )


def test_the_page_and_its_print_version_say_where_until_when_and_link_the_recording(
    client, make_briefing
):
    briefing = make_briefing(
        place="Blue Hall, Ministry of Foreign Affairs, Beijing",
        ends_at=factories.seed_time(hours=1, minutes=6),
        recording=video(),
    )
    expected_time = (
        '<time datetime="2021-01-28T19:34:00+08:00">28 January 2021, 19:34</time>–'
        '<time datetime="20:40">20:40 Beijing time</time>'
    )
    document = briefing.recording
    for url in (briefing.get_absolute_url(), briefing.get_absolute_url() + "print/"):
        page = html(client.get(url))
        assert expected_time in page
        assert '<span class="place">Blue Hall, Ministry of Foreign Affairs, Beijing</span>' in page
        assert f'href="/documents/{document.key}/" type="video/mp4"' in page
        assert (
            'Press conference video <span class="document-facts">(MP4 video, 1 KB)</span>' in page
        )
        assert "<video" not in page and "<iframe" not in page
    # Paper cannot be clicked: the print version writes the address out (the numbered one,
    # from the briefing's row alone; it redirects to the document's).
    assert f'<span class="recording-address">http://testserver/documents/{document.pk}/' in html(
        client.get(briefing.get_absolute_url() + "print/")
    )


def test_a_recording_elsewhere_is_a_plain_link_naming_its_site(client, make_briefing):
    url = "https://www.fmprc.gov.cn/video/20210128.mp4"
    briefing = make_briefing(recording_url=url)
    page = html(client.get(briefing.get_absolute_url()))
    assert f'<a href="{url}">Video or audio of the briefing</a>' in page
    assert '<span class="recording-host">(on www.fmprc.gov.cn)</span>' in page
    assert "<iframe" not in page and "<video" not in page and '<script src="http' not in page
    assert f'<span class="recording-address">{url}</span>' in html(
        client.get(briefing.get_absolute_url() + "print/")
    )


def test_a_briefing_without_the_facts_shows_its_date_alone(client, make_briefing):
    page = html(client.get(make_briefing().get_absolute_url()))
    assert (
        '<p class="dateline"><time datetime="2021-01-28T19:34:00+08:00">'
        "28 January 2021, 19:34 Beijing time</time></p>"
    ) in page
    assert 'class="recording"' not in page and 'class="place"' not in page


def test_the_facts_cost_the_briefing_page_no_query(client, make_briefing, count_queries):
    warm, plain = make_briefing(exchanges=5), make_briefing(exchanges=5)
    full = make_briefing(exchanges=5, place="Blue Hall", recording=video())
    client.get(warm.get_absolute_url())  # the process-wide caches
    with CaptureQueriesContext(connection) as without:
        client.get(plain.get_absolute_url())
    with CaptureQueriesContext(connection) as with_facts:
        assert "Press conference video" in html(client.get(full.get_absolute_url()))
    assert len(with_facts) == len(without)
