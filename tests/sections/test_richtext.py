"""One table for the editor's tools and the sanitizer; staff are told what sanitizing removed."""

from sections.richtext import ALLOWED_TAGS, EDITOR_FEATURES, sanitize


def test_sanitizing_names_what_it_removed():
    cleaned, removed = sanitize(
        '<p onclick="x">Hi <b>there</b><script>alert(1)</script> '
        '<a href="javascript:alert(1)">x</a>'
        '<span style="color:red">r</span></p>'
    )
    assert cleaned == '<p>Hi <strong>there</strong> <a rel="noopener noreferrer">x</a>r</p>'
    assert removed == [
        "<script> (with its content)",
        "<span> (its text is kept)",
        "an unsafe address on <a>",
        "the onclick attribute on <p>",
    ]
    assert sanitize("<p>Fine</p>") == ("<p>Fine</p>", [])


def test_the_allow_list_is_the_editors_features():
    assert {
        "h2",
        "h3",
        "h4",
        "strong",
        "em",
        "ul",
        "ol",
        "li",
        "a",
        "blockquote",
        "table",
        "img",
    } <= ALLOWED_TAGS
    assert "h1" not in ALLOWED_TAGS and "script" not in ALLOWED_TAGS and "span" not in ALLOWED_TAGS
    assert set(EDITOR_FEATURES) >= {"Bold", "Link", "Table", "Image", "Blockquote"}
