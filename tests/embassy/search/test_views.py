"""The search page at /search/: results, filters in the address, bad input, queries, a browser."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from embassy.pages.dates import out_of_range_message
from embassy.pages.publishing import Status
from embassy.search import query as search
from transcripts.models import Exchange, Outlet

URL = reverse("search")


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 15, 0))


@pytest.fixture
def genocide_exchange(make_briefing):
    briefing = make_briefing(
        exchanges=3, title="Regular Press Conference on January 28, 2021", held_at=at(2021, 1, 28)
    )
    exchange = briefing.exchanges.get(position=2)
    exchange.outlet = Outlet.objects.get_or_create(name="NPR", defaults={"slug": "npr"})[0]
    exchange.question = 'Blinken considers it to be "genocide". Does the ministry have a comment?'
    exchange.answer = "There's never ever such thing as genocide in China. Period."
    exchange.save()
    return exchange


def test_a_search_lists_the_exchange_with_outlet_briefing_date_snippet_and_permalink(
    client, genocide_exchange
):
    response = client.get(URL, {"q": "genocide"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 exchange for “genocide”" in html
    assert f'href="{genocide_exchange.get_absolute_url()}"' in html
    assert "NPR: Blinken considers it" in html
    # The briefing by its date, said once (its title would say it again in other words).
    assert 'Asked at the briefing of <time datetime="2021-01-28">28 January 2021</time>' in html
    results = html[html.index('<ol class="search-results"') :]
    assert results[: results.index("</ol>")].count("28 January 2021") == 1
    assert "<mark>genocide</mark>" in html.lower()
    # The header's search box keeps the query.
    assert 'name="q" value="genocide"' in html


def test_drafts_are_not_found_even_by_exact_words(client, make_briefing):
    draft = make_briefing(exchanges=1, status=Status.DRAFT)
    response = client.get(URL, {"q": "Question 1 of briefing"})
    assert draft.exchanges.get().get_absolute_url() not in response.content.decode()
    assert "0 exchanges" in response.content.decode()


def test_an_empty_query_without_filters_asks_for_words(client, db):
    response = client.get(URL, {"q": "   "})
    assert response.status_code == 200
    assert "Type a word" in response.content.decode()


def test_filters_alone_list_all_exchanges_by_an_outlet_in_a_year(client, make_briefing):
    in_2021 = make_briefing(exchanges=6, held_at=at(2021, 5, 1))
    make_briefing(exchanges=6, held_at=at(2020, 5, 1))
    response = client.get(
        URL, {"outlet": "bloomberg", "date_from": "2021-01-01", "date_to": "2021-12-31"}
    )
    html = response.content.decode()
    bloomberg = list(in_2021.exchanges.filter(outlet__slug="bloomberg"))
    assert f"{len(bloomberg)} exchanges, newest first" in html
    for exchange in Exchange.objects.all():
        expected = exchange in bloomberg
        assert (f'href="{exchange.get_absolute_url()}"' in html) == expected


def test_kind_tabs_show_counts_and_keep_the_query(client, genocide_exchange, make_article):
    make_article(title="Genocide claims rebutted", body="<p>A statement.</p>")
    html = client.get(URL, {"q": "genocide"}).content.decode()
    assert "Exchanges (1)" in html and "Articles (1)" in html and "Briefings (0)" in html
    assert 'href="?q=genocide&amp;kind=articles"' in html
    html = client.get(URL, {"q": "genocide", "kind": "articles"}).content.decode()
    assert "1 article for “genocide”" in html
    assert "Genocide claims rebutted" in html


def test_pagination_links_keep_the_query_and_filters(client, make_briefing):
    make_briefing(exchanges=45)
    html = client.get(URL, {"q": "briefing", "sort": "newest"}).content.decode()
    assert "Page 1 of 3" in html
    assert 'href="?q=briefing&amp;sort=newest&amp;page=2"' in html
    html = client.get(URL, {"q": "briefing", "sort": "newest", "page": "3"}).content.decode()
    assert "Page 3 of 3" in html
    assert '<ol class="search-results" start="41">' in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": '"open quote genocide'},
        {"q": "'; DROP TABLE transcripts_exchange; --"},
        {"q": "1' OR '1'='1"},
        {"q": "<script>alert(1)</script>"},
        {"q": "genocide", "outlet": "no-such-outlet"},
        {"q": "genocide", "spokesperson": "nobody"},
        {"q": "genocide", "tag": "nothing"},
        {"q": "genocide", "kind": "everything"},
        {"q": "genocide", "sort": "random"},
        {"q": "genocide", "date_from": "yesterday"},
        {"q": "genocide", "date_from": "0001-01-01", "date_to": "9999-12-31"},
        {"q": "genocide", "date_from": "2022-01-01", "date_to": "2021-01-01"},
        {"q": "genocide", "page": "abc"},
        {"q": "genocide", "page": "-1"},
        {"q": "genocide", "page": "99999999999999999999999"},
        {"q": "genocide\x00"},
        {"outlet": "\x00"},
        {"q": ["genocide", "twice"]},
    ],
)
def test_bad_input_gets_a_normal_page(client, genocide_exchange, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content


def test_unknown_filter_values_are_named_and_left_out_and_the_search_still_runs(
    client, genocide_exchange
):
    html = client.get(
        URL, {"q": "genocide", "outlet": "no-such-outlet", "date_from": "0001-01-01"}
    ).content.decode()
    assert "could not be used and was left out" in html
    assert "Outlet: Select a valid choice." in html
    assert f"From: {out_of_range_message()}" in html
    assert genocide_exchange.get_absolute_url() in html


def test_the_query_is_echoed_escaped(client, genocide_exchange):
    html = client.get(URL, {"q": '<b onmouseover="x">genocide</b>'}).content.decode()
    assert "<b onmouseover" not in html
    assert "&lt;b onmouseover=&quot;x&quot;&gt;genocide&lt;/b&gt;" in html


def test_a_very_long_query_is_shortened_with_a_message(client, genocide_exchange):
    response = client.get(URL, {"q": "genocide " * 1250})  # 10,000 characters
    html = response.content.decode()
    assert response.status_code == 200
    assert "only its first 200 characters were used" in html
    assert "genocide " * 30 not in html  # the echo is the shortened query, not 10,000 characters


def test_page_9999_shows_the_last_page_and_says_so(client, genocide_exchange):
    html = client.get(URL, {"q": "genocide", "page": "9999"}).content.decode()
    assert "There is no page 9999: this is the last page, page 1." in html
    assert genocide_exchange.get_absolute_url() in html


def test_a_results_page_takes_the_same_number_of_queries_for_few_or_many_hits(
    client, make_briefing, count_queries
):
    make_briefing(exchanges=2)
    few = count_queries(client, URL, q="briefing")
    few_by_outlet = count_queries(client, URL, outlet="bloomberg", tag="")
    make_briefing(exchanges=60)
    assert count_queries(client, URL, q="briefing") == few
    assert count_queries(client, URL, outlet="bloomberg", tag="") == few_by_outlet


def test_more_hits_than_are_counted_say_more_than_and_list_the_newest(client, make_briefing):
    make_briefing(exchanges=search.MOST_COUNTED + 1, held_at=at(2020, 1, 1))
    newest = make_briefing(exchanges=2, held_at=at(2021, 1, 1))
    html = client.get(URL, {"q": "briefing", "sort": "newest"}).content.decode()
    assert "More than 500 exchanges for “briefing”, newest first" in html
    assert "Exchanges (more than 500)" in html
    assert "Only the newest 500 exchanges are listed. To find older ones" in html
    assert "Page 1 of 25" in html
    for exchange in newest.exchanges.all():
        assert f'href="{exchange.get_absolute_url()}"' in html
    html = client.get(URL, {"q": "briefing", "page": "9999"}).content.decode()
    assert "There is no page 9999: this is the last page, page 25." in html
    assert "the most relevant of them first" in html


def test_a_chosen_filter_stays_selected_in_the_form(client, genocide_exchange):
    html = client.get(URL, {"q": "genocide", "outlet": "npr", "sort": "newest"}).content.decode()
    assert '<option value="npr" selected>NPR</option>' in html
    assert '<option value="newest" selected>Newest first</option>' in html
    assert '<select name="outlet" id="id_outlet">' in html


def test_the_demo_site_finds_the_npr_genocide_exchange_of_28_january_2021(client, demo_site):
    html = client.get(URL, {"q": "genocide"}).content.decode()
    npr = Exchange.objects.get(outlet__name="NPR", briefing__language="en")
    assert f'href="{npr.get_absolute_url()}"' in html
    assert "28 January 2021" in html
    assert "<mark>genocide</mark>" in html.lower()
    assert "1 exchange for “genocide”" in html


@pytest.mark.browser
def test_searching_from_the_header_works_without_javascript_and_is_accessible(
    live_server, browser, genocide_exchange, artifacts_dir
):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        page.get_by_role("search").first.get_by_label("Search").fill("genocide")
        page.get_by_role("search").first.get_by_role("button", name="Search").click()
        page.wait_for_url("**/search/?q=genocide")
        assert page.locator("mark").first.inner_text().lower() == "genocide"
        page.screenshot(path=artifacts_dir / "search-results.png", full_page=True)
        page.get_by_role("link", name="NPR: Blinken considers").click()
        assert page.url == live_server.url + genocide_exchange.get_absolute_url()
    finally:
        context.close()


@pytest.mark.browser
def test_the_results_page_is_accessible_on_a_phone(
    live_server, page, genocide_exchange, assert_accessible
):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url + URL + "?q=genocide&outlet=nope")
    assert_accessible(page)


@pytest.mark.django_db
def test_the_filters_are_named_in_the_page_language(client):
    page = client.get("/vi/search/").content.decode()
    assert '<label for="id_spokesperson">Người phát ngôn</label>' in page
    assert '<label for="id_outlet">Cơ quan báo chí</label>' in page


def test_nothing_in_the_readers_language_shows_what_the_others_have_and_says_so(
    client, genocide_exchange
):
    # The genocide exchange exists in English only; a Vietnamese reader searches for it.
    page = client.get("/vi" + URL, {"q": "genocide"}).content.decode()
    assert "Không tìm thấy kết quả nào bằng Tiếng Việt" in page
    assert f'href="{genocide_exchange.get_absolute_url()}"' in page
    assert '<span class="search-hit-language">English</span>' in page


def test_a_language_the_reader_chose_is_searched_alone(client, genocide_exchange):
    page = client.get("/vi" + URL, {"q": "genocide", "language": "zh-hans"}).content.decode()
    assert "Không tìm thấy kết quả nào bằng" not in page
    assert genocide_exchange.get_absolute_url() not in page


def test_the_readers_own_results_are_not_widened(client, genocide_exchange):
    page = client.get(URL, {"q": "genocide"}).content.decode()
    assert "results in every language" not in page
    assert '<span class="search-hit-language">' not in page
