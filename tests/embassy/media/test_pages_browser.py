"""Public pages with library images in headless Chromium: the right rendition loads, the
layout does not shift, and axe finds no violation."""

import pytest

from tests import factories, media_files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_briefing_and_an_article_with_lead_images_are_accessible(
    page, live_server, make_briefing, make_article, assert_accessible, artifacts_dir
):
    photo = factories.make_image(
        "Press room",
        alt_text="The spokesperson at the lectern in the press room",
        caption="The regular press conference",
        credit="Photo: Foreign Ministry",
        upload=media_files.jpeg_upload(size=(2000, 1200)),
    )
    briefing = make_briefing(lead_image=photo)
    article = make_article(lead_image=photo, title="Ambassador Information")
    for url in (briefing.get_absolute_url(), article.get_absolute_url()):
        page.goto(live_server.url + url)
        image = page.get_by_role("img", name="The spokesperson at the lectern in the press room")
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
        # A 1280-pixel window takes a screen rendition in WebP, not the original.
        assert "-960w.webp" in image.evaluate("img => img.currentSrc") or "-1600w.webp" in (
            image.evaluate("img => img.currentSrc")
        )
        assert page.get_by_text("Photo: Foreign Ministry").is_visible()
        assert_accessible(page)
    page.screenshot(path=artifacts_dir / "article-lead-image.png", full_page=True)
    # Printing uses the print rendition.
    page.goto(live_server.url + article.get_absolute_url() + "print/")
    printed = page.get_by_role("img", name="The spokesperson at the lectern in the press room")
    assert printed.evaluate("img => img.currentSrc").endswith("-2000w.jpg")
