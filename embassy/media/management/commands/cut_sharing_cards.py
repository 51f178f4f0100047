from django.core.management.base import BaseCommand, CommandError

from embassy.media.models import Image, StorageUnwritable


class Command(BaseCommand):
    help = (
        "Cut the sharing preview (the 1200x630 card around the focal point) of every library "
        "image that has none: those uploaded before there were cards. Each image in its own "
        "transaction; run it again and it cuts nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=100,
            help="Images read from the database at a time (100).",
        )

    def handle(self, *args, batch_size=100, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        cut = skipped = 0
        last_pk = 0
        while True:
            # By key order from the last one seen, so that a long run neither holds every image
            # in memory nor sees one twice; each batch's query leaves out those cut meanwhile.
            batch = list(
                Image.objects.without_card().filter(pk__gt=last_pk).order_by("pk")[:batch_size]
            )
            if not batch:
                break
            for image in batch:
                last_pk = image.pk
                try:
                    done = image.cut_missing_card()
                except StorageUnwritable as error:
                    raise CommandError(
                        f"The media storage failed on image {image.pk} ({error.reason}): "
                        f"{cut} sharing previews cut before it, nothing of this one kept. "
                        "Run the command again once the storage is fixed."
                    ) from error
                if done:
                    cut += 1
                else:
                    skipped += 1
        remark = f", {skipped} had one by then (saved meanwhile)" if skipped else ""
        self.stdout.write(
            f"{cut} sharing previews cut for {cut + skipped} images without one{remark}."
        )
