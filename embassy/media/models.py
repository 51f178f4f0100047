"""The library: images with their renditions, and documents. Pages point at these rows."""

import re
import secrets
from contextlib import contextmanager
from pathlib import PurePosixPath

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from embassy.core.content import shown_on_pages
from embassy.missions.models import Mission

from .inspection import (
    DOCUMENT_KINDS,
    IMAGE_KINDS,
    Refused,
    human_size,
    inspect_document,
    inspect_image,
)
from .renditions import CARD, PRINT_WIDTH, cleaned_original, cut_card, cut_renditions


def content_languages():
    """The languages the site is written in (settings.LANGUAGES), read when the form is built
    so that a change of languages needs no migration."""
    return settings.LANGUAGES


def default_language():
    return settings.LANGUAGE_CODE


def new_key():
    return secrets.token_hex(8)


def title_from_file_name(name):
    """ "ambassador_visit-2021.jpg" as a title: "Ambassador visit 2021"."""
    words = re.sub(r"[-_.+]+", " ", PurePosixPath(name.replace("\\", "/")).stem).split()
    title = " ".join(words)[: Image._meta.get_field("title").max_length]
    return title[:1].upper() + title[1:] if title else "Image"


def image_path(instance, filename):
    return f"images/{instance.key}/{filename}"


def rendition_path(instance, filename):
    return f"images/{instance.image.key}/{filename}"


def document_path(instance, filename):
    return f"documents/{secrets.token_hex(8)}/{filename}"


def is_fresh_upload(field_file):
    """A file just uploaded in a form and not yet written to storage."""
    return bool(field_file) and not field_file._committed


def _write(field_file, name, data, written):
    field_file.save(name, ContentFile(data), save=False)
    written.append((field_file.storage, field_file.name))


def delete_after_commit(storage, names):
    """Remove files once the rows that pointed at them are gone for good."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [storage.delete(name) for name in names])


class StorageUnwritable(Exception):
    """The media storage refused a write (a folder not writable, a full disk): nothing was kept."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


@contextmanager
def writing_files(written):
    """One transaction for rows and the files they point at: if it fails, the files written in
    it (the `written` list of (storage, name)) are removed again, and a storage's refusal is
    StorageUnwritable (the admin shows it as the form's error)."""
    try:
        with transaction.atomic():
            yield
    except BaseException as error:
        for storage, name in written:
            storage.delete(name)
        if isinstance(error, OSError):
            raise StorageUnwritable(f"{type(error).__name__}: {error}") from error
        raise


class LibraryFile(models.Model):
    """What images and documents share: a fresh upload is inspected in clean() (a form error
    for staff) and again in save() for code that skips forms; nothing reaches storage before
    it is accepted, and what save() wrote is removed again if the row cannot be saved."""

    # Whose library it is in: a mission's staff see their mission's files and the ministry's
    # (embassy/missions/staff.py). Its pages' scope stays every mission's (SITE): a file of
    # the ministry's shows on every mission, and a page of any mission may use one.
    mission = models.ForeignKey(
        Mission,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="library_%(class)ss",
        verbose_name=gettext_lazy("mission"),
        help_text=gettext_lazy(
            "Empty: the ministry's, for every mission's pages. A mission's own: its staff's."
        ),
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not is_fresh_upload(self.file):
            return super().save(*args, **kwargs)
        facts = getattr(self, "_facts", None)
        if facts is None:
            try:
                facts = self.inspect_upload()
            except Refused as refusal:
                raise ValidationError({"file": str(refusal)}) from None
        old_names = []
        if self.pk:
            old_names = list(type(self).objects.filter(pk=self.pk).values_list("file", flat=True))
        written = []
        with writing_files(written):
            self.store_upload(facts, written)
            super().save(*args, **kwargs)
            self.after_store(written)
        self._facts = None
        delete_after_commit(self.file.storage, [n for n in old_names if n != self.file.name])

    def clean(self):
        super().clean()
        if is_fresh_upload(self.file):
            try:
                self._facts = self.inspect_upload()
            except Refused as refusal:
                raise ValidationError({"file": str(refusal)}) from None

    def inspect_upload(self):
        raise NotImplementedError

    def store_upload(self, facts, written):
        raise NotImplementedError

    def after_store(self, written):
        pass


class ImageQuerySet(models.QuerySet):
    def with_renditions(self):
        return self.prefetch_related("renditions")

    def without_card(self):
        """The images with a stored file but no sharing preview: uploaded before there were
        cards (cut_sharing_cards cuts theirs)."""
        return self.exclude(file="").exclude(renditions__crop=CARD)

    def search(self, words):
        query = models.Q()
        for word in words.split():
            query &= (
                models.Q(title__icontains=word)
                | models.Q(alt_text__icontains=word)
                | models.Q(caption__icontains=word)
                | models.Q(credit__icontains=word)
            )
        return self.filter(query)


def focus_field(name, help_text):
    return models.PositiveSmallIntegerField(
        name,
        default=50,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=help_text,
    )


@reversion.register()
@shown_on_pages
class Image(LibraryFile):
    title = models.CharField(
        max_length=200,
        blank=True,
        help_text=gettext_lazy(
            "For finding it in the library; readers do not see it. Left empty, it is "
            "the file's name."
        ),
        verbose_name=gettext_lazy("title"),
    )
    file = models.FileField(
        gettext_lazy("image file"),
        upload_to=image_path,
        max_length=300,
        help_text=gettext_lazy(
            "JPEG, PNG or WebP. Location and camera details are removed before it is published."
        ),
    )
    alt_text = models.CharField(
        gettext_lazy("text alternative"),
        max_length=300,
        blank=True,
        help_text=gettext_lazy(
            "What the image shows, for readers who cannot see it (read aloud by screen "
            "readers). Leave empty only if the image is decorative."
        ),
    )
    decorative = models.BooleanField(
        default=False,
        help_text=gettext_lazy(
            "Tick when the image adds nothing to the text (an ornament); screen readers "
            "then skip it."
        ),
        verbose_name=gettext_lazy("decorative"),
    )
    alt_language = models.CharField(
        gettext_lazy("language of the text alternative"),
        max_length=10,
        choices=content_languages,
        default=default_language,
    )
    caption = models.CharField(
        max_length=300,
        blank=True,
        help_text=gettext_lazy("Shown under the image."),
        verbose_name=gettext_lazy("caption"),
    )
    credit = models.CharField(
        max_length=200,
        blank=True,
        help_text=gettext_lazy('Who took or owns it, e.g. "Photo: Xinhua".'),
        verbose_name=gettext_lazy("credit"),
    )
    # Where the subject is, in percent of the width and of the height: crops of the image
    # (the sharing preview) keep it in view. Set by a click on the image in the admin.
    focus_x = focus_field(
        gettext_lazy("focal point across (%)"),
        gettext_lazy("From the left edge (0) to the right edge (100); 50 is the middle."),
    )
    focus_y = focus_field(
        gettext_lazy("focal point down (%)"),
        gettext_lazy("From the top edge (0) to the bottom edge (100); 50 is the middle."),
    )
    key = models.CharField(max_length=16, unique=True, default=new_key, editable=False)
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    format = models.CharField(
        max_length=4, choices=[(k, v.label) for k, v in IMAGE_KINDS.items()], editable=False
    )
    file_size = models.PositiveIntegerField(default=0, editable=False)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(focus_x__lte=100, focus_y__lte=100),
                name="focal_point_inside_the_image",
            )
        ]
        verbose_name_plural = gettext_lazy("images")
        verbose_name = gettext_lazy("image")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.title.strip() and self.file:
            self.title = title_from_file_name(self.file.name)
        if is_fresh_upload(self.file) or not self.card_is_stale():
            return super().save(*args, **kwargs)
        # The same file, a new focal point (or an image from before there were cards).
        written = []
        with writing_files(written):
            super().save(*args, **kwargs)
            self.recut_card(written)

    @property
    def focus(self):
        return (self.focus_x, self.focus_y)

    def card_is_stale(self):
        """Whether the sharing preview on file was cut around another focal point than this
        one (or is missing): read from the row as stored, before this save."""
        if not self.pk or not self.file:
            return False
        stored = (
            Image.objects.filter(pk=self.pk)
            .annotate(cards=models.Count("renditions", filter=models.Q(renditions__crop=CARD)))
            .values_list("focus_x", "focus_y", "cards")
            .first()
        )
        return stored is not None and (stored[:2] != self.focus or not stored[2])

    def cut_missing_card(self):
        """The sharing preview of an image that has none, in a transaction of its own: False
        when it has one by now (cut by a save meanwhile). A storage's refusal is
        StorageUnwritable, with nothing written left behind."""
        written = []
        with writing_files(written):
            missing = Image.objects.select_for_update().without_card().filter(pk=self.pk)
            if not missing.exists():
                return False
            self.recut_card(written)
        return True

    def recut_card(self, written):
        """The sharing preview cut again from the stored original, under a new name (sharing
        sites keep the old address's picture); the old file goes after commit (signals)."""
        self.renditions.filter(crop=CARD).delete()
        with self.file.open("rb") as original:
            cut = cut_card(original, self.focus)
        self._store_cuts([cut], secrets.token_hex(4), written)

    def clean(self):
        super().clean()
        if not self.decorative and not self.alt_text.strip():
            raise ValidationError(
                {
                    "alt_text": "Describe the image for readers who cannot see it, or tick "
                    "“Decorative” if it adds nothing to the text."
                }
            )

    def inspect_upload(self):
        return inspect_image(
            self.file.file,
            max_bytes=settings.MEDIA_IMAGE_MAX_BYTES,
            max_pixels=settings.MEDIA_IMAGE_MAX_PIXELS,
        )

    def store_upload(self, facts, written):
        upload = self.file.file
        version = secrets.token_hex(4)
        original = cleaned_original(upload)
        self._cuts = cut_renditions(upload, self.focus)
        extension = IMAGE_KINDS[original.format].extension
        _write(self.file, f"{version}-original.{extension}", original.data, written)
        self.width, self.height = original.width, original.height
        self.format = original.format
        self.file_size = len(original.data)
        self._version = version

    def after_store(self, written):
        # The old renditions' files go after commit (signals.py); the new ones are written now.
        self.renditions.all().delete()
        self._store_cuts(self._cuts, self._version, written)
        self._cuts = None

    def _store_cuts(self, cuts, version, written):
        renditions = []
        for cut in cuts:
            rendition = Rendition(
                image=self, width=cut.width, height=cut.height, format=cut.format, crop=cut.crop
            )
            extension = IMAGE_KINDS[cut.format].extension
            size = f"{cut.crop}-{cut.width}x{cut.height}" if cut.crop else f"{cut.width}w"
            _write(rendition.file, f"{version}-{size}.{extension}", cut.data, written)
            renditions.append(rendition)
        Rendition.objects.bulk_create(renditions)
        # The prefetch cache, if any, describes the renditions just deleted.
        getattr(self, "_prefetched_objects_cache", {}).pop("renditions", None)

    @property
    def alt(self):
        return "" if self.decorative else self.alt_text

    @property
    def reference_marker(self):
        """What every address of this image's files contains (rich text points at it so)."""
        return f"images/{self.key}/"

    @property
    def reference_markers(self):
        return [self.reference_marker]

    def whole_renditions(self):
        """The renditions of the whole image (not its crops), from those already loaded."""
        return [rendition for rendition in self.renditions.all() if not rendition.crop]

    def rendition_set(self):
        """The renditions grouped for a <picture>: by format, narrowest first."""
        by_format = {}
        for rendition in sorted(self.whole_renditions(), key=lambda r: r.width):
            by_format.setdefault(rendition.format, []).append(rendition)
        return by_format

    def card(self):
        """The sharing preview around the focal point, if it was cut (from those loaded)."""
        return next((r for r in self.renditions.all() if r.crop == CARD), None)


@shown_on_pages
class Rendition(models.Model):
    """One size of one image in one format, cut when the image was saved."""

    image = models.ForeignKey(
        Image,
        on_delete=models.CASCADE,
        related_name="renditions",
        verbose_name=gettext_lazy("image"),
    )
    width = models.PositiveIntegerField(verbose_name=gettext_lazy("width"))
    height = models.PositiveIntegerField(verbose_name=gettext_lazy("height"))
    format = models.CharField(
        max_length=4,
        choices=[(k, v.label) for k, v in IMAGE_KINDS.items()],
        verbose_name=gettext_lazy("format"),
    )
    file = models.FileField(
        upload_to=rendition_path, max_length=300, verbose_name=gettext_lazy("file")
    )
    crop = models.CharField(
        max_length=8,
        blank=True,
        default="",
        choices=[("", gettext_lazy("the whole image")), (CARD, gettext_lazy("sharing preview"))],
        verbose_name=gettext_lazy("crop"),
    )

    class Meta:
        # The whole image's renditions first: "the first rendition" is never a crop.
        ordering = ["image", "crop", "format", "width"]
        constraints = [
            models.UniqueConstraint(
                fields=["image", "crop", "format", "width"],
                name="one_rendition_per_crop_size_and_format",
            )
        ]
        verbose_name_plural = gettext_lazy("renditions")
        verbose_name = gettext_lazy("rendition")

    def __str__(self):
        return f"{self.image} {self.width}w {self.format}"

    @property
    def content_type(self):
        return IMAGE_KINDS[self.format].content_type

    @property
    def for_print(self):
        return not self.crop and self.width == min(PRINT_WIDTH, self.image.width)


class DocumentQuerySet(models.QuerySet):
    def search(self, words):
        query = models.Q()
        for word in words.split():
            query &= models.Q(title__icontains=word) | models.Q(description__icontains=word)
        return self.filter(query)


@reversion.register()
@shown_on_pages
class Document(LibraryFile):
    title = models.CharField(
        max_length=200,
        help_text=gettext_lazy(
            'As readers see it in links: "Visa application form" becomes '
            "“Visa application form (PDF, 240 KB)”."
        ),
        verbose_name=gettext_lazy("title"),
    )
    file = models.FileField(
        gettext_lazy("document file"),
        upload_to=document_path,
        max_length=300,
        help_text=gettext_lazy(
            "PDF, Word (.docx), Excel (.xlsx), OpenDocument text (.odt), or a "
            "briefing's recording in MP3 or MP4. Uploading a new file later keeps the document's "
            "address, so links to it keep working."
        ),
    )
    language = models.CharField(
        max_length=10,
        choices=content_languages,
        default=default_language,
        verbose_name=gettext_lazy("language"),
    )
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text=gettext_lazy("One sentence on what it is for; shown beside links."),
        verbose_name=gettext_lazy("description"),
    )
    kind = models.CharField(
        "type",
        max_length=4,
        choices=[(k, v.label) for k, v in DOCUMENT_KINDS.items()],
        editable=False,
    )
    file_size = models.PositiveIntegerField(default=0, editable=False)
    # In the address, so that a document cannot be found by counting (/documents/1/, 2/, ...).
    key = models.CharField(max_length=16, unique=True, default=new_key, editable=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        verbose_name_plural = gettext_lazy("documents")
        verbose_name = gettext_lazy("document")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("media:document", kwargs={"key": self.key})

    @property
    def numbered_url(self):
        """The address documents had before their key: rich text saved then still links it."""
        return reverse("media:numbered-document", kwargs={"pk": self.pk})

    def inspect_upload(self):
        return inspect_document(self.file.file, max_bytes=settings.MEDIA_DOCUMENT_MAX_BYTES)

    def store_upload(self, facts, written):
        upload = self.file.file
        upload.seek(0)
        self.kind, self.file_size = facts.kind, facts.size
        _write(self.file, self.download_name, upload.read(), written)

    @property
    def kind_facts(self):
        return DOCUMENT_KINDS[self.kind]

    @property
    def download_name(self):
        stem = slugify(self.title, allow_unicode=True) or "document"
        return f"{stem}.{DOCUMENT_KINDS[self.kind].extension}"

    @property
    def size_label(self):
        return human_size(self.file_size)

    @property
    def link_label(self):
        return f"{self.title} ({self.kind_facts.label}, {self.size_label})"

    @property
    def reference_marker(self):
        return self.get_absolute_url()

    @property
    def reference_markers(self):
        return [self.reference_marker, self.numbered_url]


@receiver(post_delete, sender=Image)
@receiver(post_delete, sender=Rendition)
@receiver(post_delete, sender=Document)
def delete_file_with_row(sender, instance, **kwargs):
    """A row's file leaves storage with the row, once the deletion is committed (no orphans)."""
    delete_after_commit(instance.file.storage, [instance.file.name])
