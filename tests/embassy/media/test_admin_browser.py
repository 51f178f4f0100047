"""A member of staff sets an image's focal point in headless Chromium: a click on the preview
fills the two fields and moves the marker, with no Content-Security-Policy complaint; saved, the
sharing preview is cut around it. axe finds nothing wrong with the page at 1280 and 390 px."""

import pytest
from django.test import Client

from embassy.media.models import Image
from tests import factories, media_files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(page, live_server, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", "b@example.org", "pw")
    client = Client()
    client.force_login(boss)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


def test_a_click_on_the_image_sets_its_focal_point(
    page, live_server, django_user_model, assert_accessible, artifacts_dir
):
    image = factories.make_image(
        "Two colours",
        alt_text="A red half and a blue half",
        upload=media_files.upload("halves.png", media_files.halves((4000, 1000)), "image/png"),
    )
    complaints = []
    page.on(
        "console",
        lambda message: (
            complaints.append((page.url, message.text))
            if "Content Security Policy" in message.text
            else None
        ),
    )
    signed_in(page, live_server, django_user_model)
    page.goto(f"{live_server.url}/admin/media/image/{image.pk}/change/")
    across = page.get_by_label("Focal point across (%)")
    down = page.get_by_label("Focal point down (%)")
    assert (across.input_value(), down.input_value()) == ("50", "50")
    assert page.get_by_text("Click on the image where its subject is").is_visible()
    preview = page.get_by_role("img", name="A red half and a blue half")
    marker = page.locator(".focal-picker-marker")
    assert marker.is_visible()

    box = preview.bounding_box()
    preview.click(position={"x": box["width"] * 0.9, "y": box["height"] * 0.2})
    assert (across.input_value(), down.input_value()) == ("90", "20")
    # The marker's middle is where the click was (its style set through CSSOM, not blocked).
    spot = marker.bounding_box()
    assert abs(spot["x"] + spot["width"] / 2 - (box["x"] + box["width"] * 0.9)) < 2
    assert abs(spot["y"] + spot["height"] / 2 - (box["y"] + box["height"] * 0.2)) < 2
    # Typing moves it too.
    across.fill("10")
    spot = marker.bounding_box()
    assert abs(spot["x"] + spot["width"] / 2 - (box["x"] + box["width"] * 0.1)) < 2
    page.screenshot(path=artifacts_dir / "admin-image-focal-point.png", full_page=True)
    assert complaints == []

    # (axe itself applies inline styles as it checks, which the policy refuses: not counted.)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    complaints.clear()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/media/image/")
    # The list shows its thumbnails without inline styles, too.
    assert complaints == []
    image = Image.objects.with_renditions().get(pk=image.pk)
    assert image.focus == (10, 20)
    assert media_files.red_share(image.card().file.read()) > 0.95
