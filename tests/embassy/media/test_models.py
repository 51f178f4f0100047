"""A library image's focal point: checked, and the sharing preview cut around it again when it
moves (the old file removed once the change is committed, nothing left behind)."""

import pytest
from django.core.exceptions import ValidationError

from embassy.media.models import Image
from tests import factories, media_files
from tests.conftest import stored_files

pytestmark = pytest.mark.django_db


def halves_image(**fields):
    """A 4000 by 1000 image, red on the left and blue on the right."""
    return factories.make_image(
        "Two colours",
        upload=media_files.upload("halves.png", media_files.halves((4000, 1000)), "image/png"),
        **fields,
    )


@pytest.mark.parametrize(("x", "y"), [(101, 50), (50, 250), (-1, 50)])
def test_a_focal_point_outside_the_image_is_refused(x, y):
    image = factories.make_image()
    image.focus_x, image.focus_y = x, y
    with pytest.raises(ValidationError) as refused:
        image.full_clean()
    assert set(refused.value.message_dict) == {"focus_x" if y == 50 else "focus_y"}


def test_an_image_is_cut_around_its_focal_point_from_the_start():
    image = halves_image(focus_x=10)
    assert media_files.red_share(image.card().file.read()) > 0.95


def test_moving_the_focal_point_recuts_the_preview_and_removes_the_old_one(
    media_root, django_capture_on_commit_callbacks
):
    image = halves_image()
    old_card = image.card()
    before = set(stored_files(media_root))
    image.focus_x = 90
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    image = Image.objects.with_renditions().get(pk=image.pk)
    card = image.card()
    assert card.file.name != old_card.file.name
    assert media_files.red_share(card.file.read()) < 0.05
    after = set(stored_files(media_root))
    # Only the preview changed; the whole image's renditions are the same files.
    assert before - after == {old_card.file.name}
    assert after - before == {card.file.name}
    assert len(after) == 1 + image.renditions.count()


def test_saving_without_moving_the_point_cuts_nothing(
    media_root, django_capture_on_commit_callbacks
):
    image = halves_image()
    before = set(stored_files(media_root))
    image.caption = "Red and blue"
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    assert set(stored_files(media_root)) == before


def test_an_image_from_before_previews_gets_one_when_saved(
    media_root, django_capture_on_commit_callbacks
):
    image = halves_image()
    with django_capture_on_commit_callbacks(execute=True):
        image.renditions.filter(crop="card").delete()
    assert Image.objects.with_renditions().get(pk=image.pk).card() is None
    image = Image.objects.get(pk=image.pk)
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    card = Image.objects.with_renditions().get(pk=image.pk).card()
    assert (card.width, card.height) == (1200, 630)
    assert len(stored_files(media_root)) == 1 + image.renditions.count()
