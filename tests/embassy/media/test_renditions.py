"""What is published is cleaned, and cut once into the sizes pages choose from."""

import io

from PIL import Image as PILImage

from embassy.media.renditions import cleaned_original, cut_renditions, widths_for
from tests import media_files


def test_the_published_original_has_no_location_or_camera():
    data = media_files.image_bytes("JPEG", size=(400, 300), gps=True)
    assert media_files.has_gps(data)
    cleaned = cleaned_original(io.BytesIO(data))
    assert not media_files.has_gps(cleaned.data)
    assert (cleaned.width, cleaned.height, cleaned.format) == (400, 300, "JPEG")


def test_renditions_come_in_webp_and_a_fallback_never_wider_than_the_image():
    cuts = cut_renditions(io.BytesIO(media_files.image_bytes("JPEG", size=(1000, 500))))
    assert sorted((c.width, c.format) for c in cuts) == [
        (480, "JPEG"), (480, "WEBP"), (960, "JPEG"), (960, "WEBP"), (1000, "JPEG"), (1000, "WEBP")
    ]  # fmt: skip
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
