"""What is published is cleaned, and cut once into the sizes pages choose from."""

import io

from PIL import Image as PILImage

from embassy.media.renditions import (
    CARD_SIZE,
    cleaned_original,
    crop_box,
    cut_card,
    cut_renditions,
    widths_for,
)
from tests import media_files


def test_the_published_original_has_no_location_or_camera():
    data = media_files.image_bytes("JPEG", size=(400, 300), gps=True)
    assert media_files.has_gps(data)
    cleaned = cleaned_original(io.BytesIO(data))
    assert not media_files.has_gps(cleaned.data)
    assert (cleaned.width, cleaned.height, cleaned.format) == (400, 300, "JPEG")


def test_renditions_come_in_webp_and_a_fallback_never_wider_than_the_image():
    cuts = cut_renditions(io.BytesIO(media_files.image_bytes("JPEG", size=(1000, 500))))
    assert sorted((c.width, c.format) for c in cuts if not c.crop) == [
        (480, "JPEG"), (480, "WEBP"), (960, "JPEG"), (960, "WEBP"), (1000, "JPEG"), (1000, "WEBP")
    ]  # fmt: skip
    # And the sharing preview: the biggest 1.91:1 box inside the 2:1 image, not enlarged.
    assert [(c.width, c.height, c.format) for c in cuts if c.crop] == [(952, 500, "JPEG")]
    for cut in cuts:
        with PILImage.open(io.BytesIO(cut.data)) as image:
            assert image.format == cut.format
            assert image.size == (cut.width, cut.height)
            assert not image.getexif()


def test_transparent_images_fall_back_to_png():
    cuts = cut_renditions(io.BytesIO(media_files.image_bytes("PNG", size=(300, 200), alpha=True)))
    assert {c.format for c in cuts} == {"WEBP", "PNG"}


def test_widths_stop_at_the_image_and_include_it():
    assert widths_for(300) == [300]
    assert widths_for(1600) == [480, 960, 1600]
    assert widths_for(4000) == [480, 960, 1600]


def test_the_sharing_preview_follows_the_focal_point_across():
    data = media_files.halves((4000, 1000))
    left = cut_card(io.BytesIO(data), (10, 50))
    right = cut_card(io.BytesIO(data), (90, 50))
    middle = cut_card(io.BytesIO(data), (50, 50))
    assert (left.width, left.height) == (right.width, right.height) == CARD_SIZE
    assert media_files.red_share(left.data) > 0.95
    assert media_files.red_share(right.data) < 0.05
    assert 0.45 < media_files.red_share(middle.data) < 0.55


def test_the_sharing_preview_follows_the_focal_point_down():
    data = media_files.halves((800, 2000), across=False)
    top = cut_card(io.BytesIO(data), (50, 10))
    bottom = cut_card(io.BytesIO(data), (50, 90))
    # 800 pixels wide: not enlarged to 1200.
    assert (top.width, top.height) == (bottom.width, bottom.height) == (800, 420)
    assert media_files.red_share(top.data) > 0.95
    assert media_files.red_share(bottom.data) < 0.05


def test_the_crop_stays_inside_the_image():
    # A point at an edge moves the box as far as the edge, never past it.
    assert crop_box(3000, 1000, (0, 0)) == (0, 0, 1905, 1000)
    assert crop_box(3000, 1000, (100, 100)) == (1095, 0, 3000, 1000)
    # An image of the card's own shape is kept whole wherever the point is.
    assert crop_box(1200, 630, (90, 10)) == (0, 0, 1200, 630)
    assert crop_box(1, 1, (50, 50)) == (0, 0, 1, 1)
