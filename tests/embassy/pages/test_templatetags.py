import datetime
import re

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from tests import factories

HELD_AT = timezone.make_aware(datetime.datetime(2021, 1, 28, 19, 34, 5, 123456))


def render(source, **context):
    return Template("{% load pages %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (
            "datetime",
            '<time datetime="2021-01-28T19:34:05+08:00">28 January 2021, 19:34 Beijing time</time>',
        ),
        ("date", '<time datetime="2021-01-28">28 January 2021</time>'),
        ("time", '<time datetime="19:34">19:34 Beijing time</time>'),
        ("month", '<time datetime="2021-01">January 2021</time>'),
        ("year", '<time datetime="2021">2021</time>'),
    ],
)
def test_time_tag_names_the_zone_and_gives_a_valid_machine_value(style, expected):
    assert render("{% time_tag value style %}", value=HELD_AT, style=style) == expected


def test_a_time_is_shown_in_the_sites_zone_whatever_zone_it_arrives_in():
    utc = HELD_AT.astimezone(datetime.UTC)  # 11:34 UTC
    assert "19:34 Beijing time" in render("{% time_tag value %}", value=utc)


def test_a_day_shown_as_a_datetime_is_shown_as_a_day():
    assert render("{% time_tag value %}", value=HELD_AT.date()) == (
        '<time datetime="2021-01-28">28 January 2021</time>'
    )


def test_shown_as_gives_the_same_words_without_markup():
    assert render('{{ value|shown_as:"datetime" }}', value=HELD_AT) == (
        "28 January 2021, 19:34 Beijing time"
    )
    assert render("{{ value|shown_as }}", value=None) == ""


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "2021年1月28日 19:34 北京时间"), ("vi", "28/01/2021 19:34 giờ Bắc Kinh")],
)
def test_each_language_has_its_one_format(language, expected):
    with translation.override(language):
        assert render('{{ value|shown_as:"datetime" }}', value=HELD_AT) == expected


def test_written_dates_are_kept_per_moment_zone_format_and_language():
    from embassy.pages.templatetags.pages import written

    utc = HELD_AT.astimezone(datetime.UTC)
    assert utc == HELD_AT  # the same moment, and equal as keys would be without the zone
    assert written(HELD_AT, "H:i") == "19:34" and written(utc, "H:i") == "11:34"
    assert written(HELD_AT, "H:i") == "19:34"  # kept, and still its own
    assert written(HELD_AT, "F") == "January"
    with translation.override("vi"):
        assert written(HELD_AT, "F") != "January"


def test_today_is_written_as_a_date_in_the_sites_zone():
    today = timezone.localdate()
    words = render("{{ day|shown_as:'date' }}", day=today)
    assert render("{% today %}") == f'<time datetime="{today:%Y-%m-%d}">{words}</time>'


def test_a_zone_without_a_name_is_shown_by_its_identifier(settings):
    from django.utils.dateformat import format as date_format

    from embassy.pages.dates import with_zone_name

    settings.TIME_ZONE = "Europe/Paris"
    time_format = with_zone_name("H:i", {"Asia/Shanghai": "Beijing time"})
    assert date_format(HELD_AT, time_format) == "19:34 Europe/Paris"


def test_a_span_on_one_day_names_the_day_and_zone_once():
    end = HELD_AT.replace(hour=20, minute=40)
    assert render("{% time_span start end %}", start=HELD_AT, end=end) == (
        '<time datetime="2021-01-28T19:34:05+08:00">28 January 2021, 19:34</time>–'
        '<time datetime="20:40">20:40 Beijing time</time>'
    )


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("zh-hans", '2021年1月28日 19:34</time>–<time datetime="20:40">20:40 北京时间'),
        ("vi", '28/01/2021 19:34</time>–<time datetime="20:40">20:40 giờ Bắc Kinh'),
    ],
)
def test_a_span_follows_each_languages_format(language, shown):
    end = HELD_AT.replace(hour=20, minute=40)
    with translation.override(language):
        assert shown in render("{% time_span start end %}", start=HELD_AT, end=end)


def test_a_span_across_days_gives_both_in_full_and_without_an_end_the_start():
    end = HELD_AT + datetime.timedelta(days=1)
    across = render("{% time_span start end %}", start=HELD_AT, end=end)
    assert across == (
        render("{% time_tag start %}", start=HELD_AT)
        + " – "
        + render("{% time_tag end %}", end=end)
    )
    assert render("{% time_span start None %}", start=HELD_AT) == render(
        "{% time_tag start %}", start=HELD_AT
    )


class Page:
    title = "Regular Press Conference on 28 January 2021 & <more>"


@pytest.mark.parametrize(
    ("language", "before", "between", "after"),
    [("en", "Page ", " of ", ""), ("zh-hans", "第", "页，共", "页"), ("vi", "Trang ", "/", "")],
)
def test_the_running_header_gives_the_margins_the_site_title_and_page_words(
    language, before, between, after
):
    with translation.override(language):
        attributes = render("{% running_header %}", object=Page(), site_name="Embassy")
    assert attributes == (
        ' data-print-site="Embassy"'
        ' data-print-title="Regular Press Conference on 28 January 2021 &amp; &lt;more&gt;"'
        f' data-page-before="{before}" data-page-between="{between}" data-page-after="{after}"'
    )


def test_a_page_without_an_object_has_no_title_in_its_header_and_a_long_one_is_cut():
    assert ' data-print-title=""' in render("{% running_header %}", site_name="Embassy")
    long = Page()
    long.title = "word " * 40
    shown = render("{% running_header %}", object=long)
    title = re.search(r'data-print-title="([^"]*)"', shown)[1]
    assert len(title) == 90 and title.endswith("…")


def test_a_kept_block_is_rendered_once_per_generation_of_what_it_shows(db, settings, rf):
    from django.utils.functional import SimpleLazyObject

    from embassy.siteinfo.models import SiteProfile

    settings.DEBUG = False
    profile = SiteProfile(telephone="+84 1")
    profile.save()
    request = factories.through_missions(rf.get("/"))
    source = '{% kept "test" profile %}<p>{{ profile.telephone }} {{ words }}</p>{% endkept %}'
    shown = {"request": request, "profile": profile}
    assert render(source, **shown, words="first") == "<p>+84 1 first</p>"
    # The same content: what was rendered is reused (the block shows nothing else).
    assert render(source, **shown, words="second") == "<p>+84 1 first</p>"
    lazy = SimpleLazyObject(lambda: SiteProfile.objects.get())
    assert render(source, request=request, profile=lazy, words="third") == "<p>+84 1 first</p>"
    with translation.override("zh-hans"):  # per language
        assert render(source, **shown, words="中文") == "<p>+84 1 中文</p>"
    # Without a request there is no generation to keep it by: rendered.
    assert render(source, profile=profile, words="alone") == "<p>+84 1 alone</p>"
    profile.telephone = "+84 2"  # an edit: a new generation, read by the next request
    profile.save()
    after = {"request": factories.through_missions(rf.get("/")), "profile": profile}
    assert render(source, **after, words="fourth") == "<p>+84 2 fourth</p>"


def test_a_kept_block_is_kept_by_the_rows_in_a_list_it_shows(db, settings, rf, make_article):
    """The footer shows the statements as [(label, article)]: kept, not rendered each time."""
    settings.DEBUG = False
    article = make_article()
    request = factories.through_missions(rf.get("/"))
    source = '{% kept "footer" statements %}{{ words }}{% endkept %}'
    statements = [("Privacy notice", article)]
    assert render(source, request=request, statements=statements, words="first") == "first"
    assert render(source, request=request, statements=statements, words="second") == "first"
    other = [("Privacy notice", None)]
    assert render(source, request=request, statements=other, words="third") == "third"
