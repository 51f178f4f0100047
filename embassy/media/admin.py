import json
import logging

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from embassy.history.admin import HistoryAdmin
from embassy.missions.staff import MissionStaffAdmin, may_see

from .models import Document, Image, StorageUnwritable
from .usage import used_by

log = logging.getLogger(__name__)


def admin_link(obj):
    """A link to the row's admin page, named by its kind and title."""
    kind = obj._meta.verbose_name.capitalize()
    try:
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return format_html("{}: {}", kind, obj)
    return format_html('{}: <a href="{}">{}</a>', kind, url, obj)


PICKER_LIMIT = 60
# A page that uses a file, as a mission's staff see it when it is another mission's.
OTHER_MISSION_PAGE = gettext_lazy("A page of another mission")


# What the picker says (static/js/library-picker.js looks each up by its English).
PICKER_WORDS = [
    gettext_noop("Insert image from the library"),
    gettext_noop("Link a document from the library"),
    gettext_noop("Insert an image from the library"),
    gettext_noop("Search the library"),
    gettext_noop("Cancel"),
    gettext_noop("Searching…"),
    gettext_noop("1 match"),
    gettext_noop("{count} matches"),
    gettext_noop("Nothing in the library matches."),
    gettext_noop("The library could not be reached; try again."),
]


class LibraryPickerMixin:
    """For a ModelAdmin with rich text: the editor gets the library's image and document
    buttons (static/js/library-picker.js), told where to search and what to say, in the
    admin's language, by data attributes."""

    @property
    def media(self):
        picker = forms.Script(
            "js/library-picker.js",
            **{
                "data-image-choices": reverse("admin:media_image_choices"),
                "data-document-choices": reverse("admin:media_document_choices"),
                "data-words": json.dumps(
                    {word: gettext(word) for word in PICKER_WORDS},
                    ensure_ascii=False,
                ),
            },
        )
        return super().media + forms.Media(js=[picker])


class UnwritableStorageForm(forms.ModelForm):
    """The same form, refused: the upload could not be written (LibraryAdmin.changeform_view)."""

    def clean(self):
        self.add_error(
            "file" if "file" in self.fields else None,
            gettext(
                "The file could not be saved: the server cannot write to its media folder. "
                "Nothing was kept. Please tell the site's administrator, then try again."
            ),
        )
        return super().clean()


FOCUS_FIELDS = ("focus_x", "focus_y")


class ImageForm(forms.ModelForm):
    """The focal point's fields: a number from 0 to 100 (the browser offers no other), and left
    empty or not sent (a form posted by code from before there was a focal point), the middle."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in FOCUS_FIELDS:
            if name in self.fields:
                self.fields[name].required = False
                self.fields[name].widget.attrs.update(min=0, max=100, step=1)

    def _middle_if_empty(self, name):
        value = self.cleaned_data.get(name)
        return Image._meta.get_field(name).default if value is None else value

    def clean_focus_x(self):
        return self._middle_if_empty("focus_x")

    def clean_focus_y(self):
        return self._middle_if_empty("focus_y")


class LibraryAdmin(MissionStaffAdmin, HistoryAdmin):
    """Images and documents: deleting one that a page uses is refused, naming the pages.

    `choices/` answers the editor's library picker (static/js/library-picker.js) with JSON:
    the newest matches of `?q=`, as the picker inserts them.
    """

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "choices/",
                self.admin_site.admin_view(self.choices_view),
                name=f"{opts.app_label}_{opts.model_name}_choices",
            ),
            *super().get_urls(),
        ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A storage that cannot be written is the form's error, not a 500.

        The failed save was rolled back whole and its written files removed (LibraryFile.save);
        the form is then shown again as posted, with the error on the file.
        """
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StorageUnwritable as failure:
            log.error("Upload not saved: the media storage cannot be written (%s)", failure.reason)
            request.media_storage_unwritable = True
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if getattr(request, "media_storage_unwritable", False):
            return type(form.__name__, (form, UnwritableStorageForm), {})
        return form

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj.seen_by = request.user  # its usage names the pages this user may see
        return obj

    def choices_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        found = self.get_queryset(request).search(request.GET.get("q", "")[:200])
        return JsonResponse({"results": [self.choice(obj) for obj in found[:PICKER_LIMIT]]})

    def choice(self, obj):
        raise NotImplementedError

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        users = [(obj, user) for obj in objs for user in used_by(obj)]
        if users:
            protected = [
                format_html(
                    "{} — used by {}",
                    obj,
                    admin_link(user) if may_see(request.user, user) else OTHER_MISSION_PAGE,
                )
                for obj, user in users
            ]
        return deleted, counts, perms_needed, protected

    @admin.display(description="used by")
    def usage(self, obj):
        if not obj.pk:
            return "—"
        users = used_by(obj)
        if not users:
            return "Not used on any page yet."
        viewer = getattr(obj, "seen_by", None)
        shown = [user for user in users if viewer is None or may_see(viewer, user)]
        items = [(admin_link(user),) for user in shown]
        items += [(OTHER_MISSION_PAGE,)] * (len(users) - len(shown))
        return format_html(
            "<ul class='library-usage'>{}</ul>", format_html_join("", "<li>{}</li>", items)
        )


@admin.register(Image)
class ImageAdmin(LibraryAdmin):
    form = ImageForm
    list_display = ["thumbnail", "title", "alt_text", "size", "credit", "uploaded_at"]
    list_display_links = ["thumbnail", "title"]
    list_filter = ["format", "decorative", "alt_language", "uploaded_at"]
    search_fields = ["title", "alt_text", "caption", "credit"]
    readonly_fields = ["preview", "size", "usage"]
    fieldsets = [
        (None, {"fields": ["file", "preview", FOCUS_FIELDS, "title"]}),
        (
            "For readers",
            {"fields": ["alt_text", "decorative", "alt_language", "caption", "credit"]},
        ),
        ("On the site", {"fields": ["size", "usage"]}),
    ]

    @property
    def media(self):
        # Deferred: it looks for the preview and the fields once the page is read.
        return super().media + forms.Media(js=[forms.Script("js/focal-point.js", defer=True)])

    def get_queryset(self, request):
        return super().get_queryset(request).with_renditions()

    def choice(self, image):
        by_format = image.rendition_set()
        fallback = next((r for f, r in by_format.items() if f != "WEBP"), [])
        if not fallback:
            return {"id": image.pk, "title": image.title, "usable": False}
        # The editor inserts the widest screen rendition; pages swap it for the whole set.
        screen = [r for r in fallback if not r.for_print] or fallback
        return {
            "id": image.pk,
            "title": image.title,
            "alt": image.alt,
            "caption": image.caption,
            "src": screen[-1].file.url,
            "thumbnail": fallback[0].file.url,
            "width": screen[-1].width,
            "height": screen[-1].height,
            "usable": True,
        }

    def _smallest(self, image):
        renditions = sorted(image.whole_renditions(), key=lambda r: (r.format == "WEBP", r.width))
        return renditions[0] if renditions else None

    @admin.display(description="image")
    def thumbnail(self, image):
        smallest = self._smallest(image)
        if smallest is None:
            return "—"
        # Sized by admin.css: the policy (style-src 'self') drops style attributes.
        return format_html(
            '<img class="library-thumbnail" src="{}" alt="" width="96" height="{}">',
            smallest.file.url,
            max(1, round(96 * smallest.height / smallest.width)),
        )

    @admin.display(description="preview")
    def preview(self, image):
        """The image, on which a click sets the focal point (static/js/focal-point.js, which
        also shows the sentence saying so); without a script, the two fields below do."""
        smallest = self._smallest(image) if image.pk else None
        if smallest is None:
            return "Shown here once uploaded."
        return format_html(
            '<div class="focal-picker" data-focus-fields="id_focus_x id_focus_y"'
            ' data-help="focal-picker-help">'
            '<img src="{}" alt="{}" width="{}" height="{}">'
            '<span class="focal-picker-marker" aria-hidden="true" hidden></span></div>'
            '<p class="help focal-picker-help" id="focal-picker-help" hidden>{}</p>',
            smallest.file.url,
            image.alt,
            smallest.width,
            smallest.height,
            gettext(
                "Click on the image where its subject is to set the focal point: crops of the "
                "image, such as the preview shown when a page is shared, keep it in view."
            ),
        )

    @admin.display(description="size")
    def size(self, image):
        if not image.pk:
            return "—"
        return f"{image.width} × {image.height} pixels, {image.get_format_display()}"


@admin.register(Document)
class DocumentAdmin(LibraryAdmin):
    list_display = ["title", "kind", "size_label", "language", "updated_at", "address"]
    list_filter = ["kind", "language", "updated_at"]
    search_fields = ["title", "description"]
    readonly_fields = ["address", "facts", "usage"]
    fields = ["file", "title", "language", "description", "facts", "address", "usage"]

    def choice(self, document):
        return {
            "id": document.pk,
            "title": document.title,
            "label": document.link_label,
            "href": document.get_absolute_url(),
        }

    @admin.display(description="size", ordering="file_size")
    def size_label(self, document):
        return document.size_label

    @admin.display(description="public address")
    def address(self, document):
        if not document.pk:
            return "Given once uploaded; it stays the same when the file is replaced."
        url = document.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)

    @admin.display(description="as readers see it")
    def facts(self, document):
        if not document.pk:
            return "—"
        return document.link_label
