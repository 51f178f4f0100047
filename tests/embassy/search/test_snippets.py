"""The pure text side of search: shortening, terms, snippets and safe highlighting."""

import re

from hypothesis import given
from hypothesis import strategies as st

from embassy.search.snippets import (
    MARK_START,
    MARK_STOP,
    MAX_QUERY_LENGTH,
    highlight,
    marked_to_html,
    shorten,
    terms,
)


def test_shorten_keeps_a_short_query_and_cuts_a_long_one_at_a_word_break():
    assert shorten("  climate   change ") == ("climate change", False)
    long_query, cut = shorten("genocide " * 2000)
    assert cut
    assert len(long_query) <= MAX_QUERY_LENGTH
    assert long_query.split() == ["genocide"] * len(long_query.split())


def test_terms_are_words_and_quoted_phrases():
    assert terms('Xinjiang "cotton  exports" BNO') == ["Xinjiang", "cotton exports", "BNO"]
    assert terms('"open quote runs to the end') == ["open quote runs to the end"]
    assert terms("climate, climate; (change)!") == ["climate", "change"]
    assert terms('; -- \' ""') == []
    assert terms("U.S.") == ["U.S"]


def test_highlight_marks_every_match_ignoring_case_and_escapes_the_rest():
    snippet = highlight("Genocide? There's never such thing as genocide <b>here</b>.", ["genocide"])
    assert snippet == (
        "<mark>Genocide</mark>? There&#x27;s never such thing as <mark>genocide</mark> "
        "&lt;b&gt;here&lt;/b&gt;."
    )


def test_highlight_cuts_a_long_text_around_the_first_match():
    text = " ".join(f"word{i}" for i in range(100)) + " climate " + "tail " * 50
    snippet = highlight(text, ["climate"], words=30)
    assert snippet.startswith("… word95")
    assert "<mark>climate</mark>" in snippet
    assert snippet.endswith(" …")


def test_highlight_without_terms_is_the_opening_words_escaped():
    assert highlight("A & B " * 40, [], words=4) == "A &amp; B A …"


def test_marked_headline_becomes_safe_html():
    headline = f"<script>x</script> {MARK_START}genocide{MARK_STOP} & {MARK_START}<i>{MARK_STOP}"
    assert marked_to_html(headline) == (
        "&lt;script&gt;x&lt;/script&gt; <mark>genocide</mark> &amp; <mark>&lt;i&gt;</mark>"
    )
    # From an article's HTML: PostgreSQL kept "&amp;" as text; it is decoded once.
    assert marked_to_html(f"Climate &amp; {MARK_START}visas{MARK_STOP}", from_html=True) == (
        "Climate &amp; <mark>visas</mark>"
    )


ONLY_MARK_TAGS = re.compile(r"<(?!/?mark>)")


@given(st.text(), st.lists(st.text(min_size=1), max_size=3))
def test_highlight_never_lets_a_tag_through(text, search_terms):
    assert not ONLY_MARK_TAGS.search(highlight(text, search_terms))


@given(st.text())
def test_marked_headlines_never_let_a_tag_through(text):
    assert not ONLY_MARK_TAGS.search(marked_to_html(text))
    assert not ONLY_MARK_TAGS.search(marked_to_html(text, from_html=True))


def test_highlight_finds_words_without_their_marks_and_marks_them_as_written():
    text = "Chúng tôi dạy tiếng Việt ở Đà Nẵng <b>."
    assert highlight(text, ["tieng", "da"]) == (
        "Chúng tôi <mark>dạ</mark>y <mark>tiếng</mark> Việt ở <mark>Đà</mark> Nẵng &lt;b&gt;."
    )
    # Whole words only (what PostgreSQL matched): "da" is not inside "dạy".
    assert highlight(text, ["tieng", "da"], whole_words=True) == (
        "Chúng tôi dạy <mark>tiếng</mark> Việt ở <mark>Đà</mark> Nẵng &lt;b&gt;."
    )


def test_highlight_marks_chinese_inside_unspaced_text_as_one_word():
    assert highlight("抗击新冠肺炎疫情", ["新冠", "肺炎"], whole_words=True) == (
        "抗击<mark>新冠肺炎</mark>疫情"
    )


def test_highlight_reads_combining_marks_as_the_letters_they_make():
    assert highlight("tie\u0302\u0301ng Việt", ["tieng"]) == "<mark>tiếng</mark> Việt"
