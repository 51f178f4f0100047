"""The sharing previews of images uploaded before there were cards, cut from the command line:
once each, the files written as a save writes them, nothing left behind when storage fails."""

import errno
import io

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.core.management.base import CommandError

from embassy.media.models import Image, Rendition
from tests import factories, media_files
from tests.conftest import stored_files

pytestmark = pytest.mark.django_db


def image_from_before_cards(title="Two colours", **fields):
    """An image as one uploaded before the focal point: its renditions, but no card."""
    image = factories.make_image(
        title,
        upload=media_files.upload("halves.png", media_files.halves((4000, 1000)), "image/png"),
        **fields,
    )
    card = image.card()
    card.file.delete(save=False)
    card.delete()
    return Image.objects.get(pk=image.pk)


def cut_sharing_cards(*args):
    out = io.StringIO()
    call_command("cut_sharing_cards", *args, stdout=out)
    return out.getvalue()


def test_images_without_a_card_get_one_and_a_second_run_cuts_nothing(
    media_root, django_capture_on_commit_callbacks
):
    left = image_from_before_cards("Left", focus_x=10)
    right = image_from_before_cards("Right", focus_x=90)
    factories.make_image("Has its card")
    before = set(stored_files(media_root))
    with django_capture_on_commit_callbacks(execute=True):
        # One at a time: the batches follow on from each other.
        assert cut_sharing_cards("--batch-size", "1") == (
            "2 sharing previews cut for 2 images without one.\n"
        )
    assert not Image.objects.without_card().exists()
    cards = {
        image.pk: image.card()
        for image in Image.objects.with_renditions().filter(pk__in=[left.pk, right.pk])
    }
    for image, red in ((left, True), (right, False)):
        card = cards[image.pk]
        assert (card.width, card.height, card.format) == (1200, 630, "JPEG")
        # Cut around each image's own focal point.
        assert (media_files.red_share(card.file.read()) > 0.95) is red
    # Only the two cards were written, where the model writes them.
    after = set(stored_files(media_root))
    assert after - before == {card.file.name for card in cards.values()}
    for image in (left, right):
        assert cards[image.pk].file.name.startswith(f"images/{image.key}/")
    assert len(after) == Image.objects.count() + Rendition.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        assert cut_sharing_cards() == "0 sharing previews cut for 0 images without one.\n"
    assert set(stored_files(media_root)) == after


def test_a_failing_storage_stops_with_a_clear_message_and_leaves_nothing(media_root, monkeypatch):
    image = image_from_before_cards()
    before = set(stored_files(media_root))

    def disk_full(storage, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", disk_full)
    with pytest.raises(
        CommandError, match=rf"failed on image {image.pk} .*No space left"
    ) as failed:
        cut_sharing_cards()
    assert "0 sharing previews cut before it" in str(failed.value)
    assert Image.objects.with_renditions().get(pk=image.pk).card() is None
    assert set(stored_files(media_root)) == before


def test_a_batch_size_below_one_is_refused():
    with pytest.raises(CommandError, match="at least 1"):
        cut_sharing_cards("--batch-size", "0")
