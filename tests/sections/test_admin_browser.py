"""A member of staff writes a consular notice in headless Chromium: types in the editor, makes
text bold, inserts a photo from the library and links a PDF form from it, publishes; a visitor
sees it with responsive images (axe finds nothing wrong) and downloads the form."""

import pytest

from sections.models import Article
from tests import factories, media_files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password-1"


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_superuser(
        "press-officer", "press@example.org", PASSWORD
    )


def log_in(page, live_server):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("press-officer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def test_staff_write_a_notice_with_a_photo_and_a_form_and_visitors_see_it(
    page, live_server, officer, assert_accessible, artifacts_dir
):
    section = factories.make_section("Consular Services")
    factories.make_image(
        "Consulate entrance",
        alt_text="The consulate's entrance on Tran Phu street",
        upload=media_files.jpeg_upload(size=(1800, 1000)),
    )
    factories.make_document(
        "Visa application form", upload=media_files.upload("f.pdf", media_files.PDF)
    )
    log_in(page, live_server)
    page.goto(live_server.url + "/admin/sections/article/add/")
    page.get_by_label("Title").fill("Consular notice")
    page.locator("#id_section").select_option(str(section.pk))
    page.locator("#id_status").select_option("published")

    editor = page.locator(".prose-editor .ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type("The consular section is ")
    page.keyboard.press("Control+b")
    page.keyboard.type("closed on Monday")
    page.keyboard.press("Control+b")
    page.keyboard.type(". Apply with the form: ")

    page.get_by_role("button", name="Link a document from the library").first.click()
    dialog = page.get_by_role("dialog", name="Link a document from the library")
    dialog.get_by_role("button", name="Visa application form (PDF, 1 KB)").click()
    # Typing goes on in the editor at once, not in the button that opened the dialog.
    assert page.evaluate("document.activeElement.closest('.ProseMirror') !== null")
    page.keyboard.press("End")
    page.keyboard.press("Enter")

    page.get_by_role("button", name="Insert image from the library").first.click()
    dialog = page.get_by_role("dialog", name="Insert an image from the library")
    dialog.get_by_label("Search the library").fill("entrance")
    dialog.get_by_role("button", name="Consulate entrance").click()
    page.screenshot(path=artifacts_dir / "admin-editor-notice.png", full_page=True)

    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/sections/article/")
    article = Article.objects.get(title="Consular notice")
    assert "<strong>closed on Monday</strong>" in article.body
    assert "/documents/" in article.body and "<img" in article.body

    visitor = page.context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    visitor.goto(live_server.url + article.get_absolute_url())
    main = visitor.get_by_role("main")
    assert main.locator("strong", has_text="closed on Monday").is_visible()
    photo = main.get_by_role("img", name="The consulate's entrance on Tran Phu street")
    photo.scroll_into_view_if_needed()
    assert photo.evaluate("img => img.complete && img.naturalWidth > 0")
    assert photo.evaluate("img => img.currentSrc.endsWith('.webp')")
    assert photo.get_attribute("srcset") and photo.get_attribute("width") == "1800"
    assert_accessible(visitor)
    visitor.screenshot(path=artifacts_dir / "notice-public.png", full_page=True)

    link = main.get_by_role("link", name="Visa application form (PDF, 1 KB)")
    response = visitor.request.get(live_server.url + link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body() == media_files.PDF

    # On a phone the photo fits the screen, at its own proportions.
    visitor.set_viewport_size({"width": 320, "height": 640})
    box = photo.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    assert abs(box["height"] / box["width"] - 1000 / 1800) < 0.02
    visitor.context.close()
