"""The library in the admin, used as staff use it: uploads through the real forms.

Each bad upload gets a form error that says what is wrong, and leaves no file and no row.
"""

import pytest

from embassy.media.models import Document, Image, Rendition
from tests import factories, media_files
from tests.conftest import stored_files

ADD_IMAGE = "/admin/media/image/add/"
ADD_DOCUMENT = "/admin/media/document/add/"


def image_form(upload, **fields):
    return {
        "title": "The ambassador",
        "alt_text": "Ambassador Xiong Bo at his desk",
        "alt_language": "en",
        "caption": "",
        "credit": "",
        "file": upload,
        **fields,
    }


def document_form(upload, **fields):
    return {
        "title": "Visa application form",
        "language": "en",
        "description": "",
        "file": upload,
        **fields,
    }


def test_an_uploaded_image_is_cleaned_and_cut_into_renditions(library_staff_client, media_root):
    response = library_staff_client.post(
        ADD_IMAGE, image_form(media_files.jpeg_upload(gps=True, size=(2000, 1000)))
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    image = Image.objects.get()
    assert (image.width, image.height, image.format) == (2000, 1000, "JPEG")
    assert not media_files.has_gps(image.file.read())
    assert sorted({(r.width, r.format) for r in image.whole_renditions()}) == [
        (480, "JPEG"), (480, "WEBP"), (960, "JPEG"), (960, "WEBP"),
        (1600, "JPEG"), (1600, "WEBP"), (2000, "JPEG"), (2000, "WEBP"),
    ]  # fmt: skip
    # And the sharing preview, 1200 by 630 around the middle (no focal point chosen).
    card = image.card()
    assert (card.width, card.height, card.format) == (1200, 630, "JPEG")
    # The original, its eight renditions and the preview, nothing else.
    assert len(stored_files(media_root)) == 10
    rendition = image.renditions.get(width=960, format="WEBP")
    served = library_staff_client.get(rendition.file.url)
    assert served["Content-Type"] == "image/webp"
    assert b"".join(served.streaming_content).startswith(b"RIFF")


@pytest.mark.parametrize(
    ("upload", "error"),
    [
        (
            media_files.upload("seal.svg", media_files.SVG, "image/svg+xml"),
            "SVG images are not accepted",
        ),
        (media_files.upload("photo.jpg", b"not a photo at all"), "not an image that can be read"),
        (media_files.upload("bomb.png", media_files.bomb_png()), "million pixels accepted"),
        (media_files.upload("cut.jpg", media_files.truncated_jpeg()), "damaged or incomplete"),
    ],
    ids=["svg", "renamed-text", "decompression-bomb", "truncated"],
)
def test_a_bad_image_is_a_form_error_and_leaves_nothing(
    library_staff_client, media_root, upload, error
):
    response = library_staff_client.post(ADD_IMAGE, image_form(upload))
    assert response.status_code == 200
    assert error in str(response.context["adminform"].form.errors["file"])
    assert error in response.content.decode()
    assert not Image.objects.exists() and not Rendition.objects.exists()
    assert stored_files(media_root) == []


def test_an_image_over_the_size_limit_is_a_form_error(library_staff_client, media_root, settings):
    settings.MEDIA_IMAGE_MAX_BYTES = 20 * 1024
    upload = media_files.jpeg_upload(size=(1500, 1500))
    assert upload.size > 20 * 1024
    response = library_staff_client.post(ADD_IMAGE, image_form(upload))
    assert "images may be at most 20 KB" in str(response.context["adminform"].form.errors["file"])
    assert stored_files(media_root) == []


def test_an_image_needs_a_text_alternative_or_the_decorative_tick(library_staff_client, media_root):
    response = library_staff_client.post(
        ADD_IMAGE, image_form(media_files.jpeg_upload(), alt_text="")
    )
    assert "Describe the image for readers who cannot see it" in str(
        response.context["adminform"].form.errors["alt_text"]
    )
    assert stored_files(media_root) == []
    response = library_staff_client.post(
        ADD_IMAGE, image_form(media_files.jpeg_upload(), alt_text="", decorative="on")
    )
    assert response.status_code == 302
    assert Image.objects.get().alt == ""


def test_replacing_an_image_file_removes_the_old_files(
    library_staff_client, media_root, django_capture_on_commit_callbacks
):
    image = factories.make_image()
    before = set(stored_files(media_root))
    with django_capture_on_commit_callbacks(execute=True):
        response = library_staff_client.post(
            f"/admin/media/image/{image.pk}/change/",
            image_form(
                media_files.upload("new.png", media_files.image_bytes("PNG", size=(700, 500)))
            ),
        )
    assert response.status_code == 302
    image.refresh_from_db()
    after = set(stored_files(media_root))
    assert not before & after
    assert image.format == "PNG" and image.width == 700
    assert len(after) == 1 + image.renditions.count()
    assert all(name.startswith(f"images/{image.key}/") for name in after)


def test_the_library_is_searched_and_filtered(library_staff_client):
    factories.make_image("Consulate entrance", caption="The entrance on Tran Phu street")
    factories.make_image("National Day reception", credit="Photo: Xinhua")
    response = library_staff_client.get("/admin/media/image/", {"q": "xinhua"})
    assert [i.title for i in response.context["cl"].result_list] == ["National Day reception"]
    response = library_staff_client.get("/admin/media/image/", {"format__exact": "JPEG"})
    assert response.context["cl"].result_count == 2


def test_deleting_an_image_used_in_an_article_is_refused_naming_it(
    library_staff_client, make_article, media_root
):
    image = factories.make_image()
    article = make_article(
        title="Visa notice",
        body=f'<p><img src="/media/{image.reference_marker}x-960w.jpg" alt="x"></p>',
    )
    response = library_staff_client.get(f"/admin/media/image/{image.pk}/delete/")
    page = response.content.decode()
    assert "Visa notice" in page and f"/admin/sections/article/{article.pk}/change/" in page
    response = library_staff_client.post(f"/admin/media/image/{image.pk}/delete/", {"post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()
    assert stored_files(media_root)
    # The change page says where it is used.
    page = library_staff_client.get(f"/admin/media/image/{image.pk}/change/").content.decode()
    assert "Visa notice" in page


def test_deleting_an_unused_image_removes_its_files(
    library_staff_client, media_root, django_capture_on_commit_callbacks
):
    image = factories.make_image()
    # The original, 3 widths in 2 formats, the sharing preview.
    assert len(stored_files(media_root)) == 8
    with django_capture_on_commit_callbacks(execute=True):
        library_staff_client.post(f"/admin/media/image/{image.pk}/delete/", {"post": "yes"})
    assert not Image.objects.exists() and not Rendition.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("form.pdf", media_files.PDF, "pdf"),
        ("fees.xlsx", media_files.office_bytes("xlsx"), "xlsx"),
        ("letter.docx", media_files.office_bytes("docx"), "docx"),
        ("rules.odt", media_files.odt_bytes(), "odt"),
    ],
)
def test_documents_are_uploaded_with_their_kind(library_staff_client, name, data, kind):
    response = library_staff_client.post(
        ADD_DOCUMENT, document_form(media_files.upload(name, data))
    )
    assert response.status_code == 302
    assert Document.objects.get().kind == kind


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("form.pdf", b"MZ\x90\x00 an executable"),
        ("macro.docx", media_files.office_bytes("docm")),
        ("photo.pdf", media_files.image_bytes("PNG", size=(10, 10))),
    ],
    ids=["exe-named-pdf", "macro-docx", "png-named-pdf"],
)
def test_a_bad_document_is_a_form_error_and_leaves_nothing(
    library_staff_client, media_root, name, data
):
    response = library_staff_client.post(
        ADD_DOCUMENT, document_form(media_files.upload(name, data))
    )
    assert response.status_code == 200
    assert "upload PDF, Word (.docx), Excel (.xlsx), OpenDocument text (.odt)" in str(
        response.context["adminform"].form.errors["file"]
    )
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_a_document_over_the_size_limit_is_a_form_error(library_staff_client, media_root, settings):
    settings.MEDIA_DOCUMENT_MAX_BYTES = 1024
    response = library_staff_client.post(
        ADD_DOCUMENT, document_form(media_files.upload("big.pdf", media_files.PDF * 20))
    )
    assert "documents may be at most 1 KB" in str(response.context["adminform"].form.errors["file"])
    assert stored_files(media_root) == []


def test_replacing_a_document_keeps_its_address(
    library_staff_client, client, media_root, django_capture_on_commit_callbacks
):
    document = factories.make_document()
    address = document.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True):
        response = library_staff_client.post(
            f"/admin/media/document/{document.pk}/change/",
            document_form(media_files.upload("form-2026.docx", media_files.office_bytes("docx"))),
        )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.get_absolute_url() == address and document.kind == "docx"
    assert len(stored_files(media_root)) == 1
    download = client.get(address)
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert download["Content-Disposition"] == 'attachment; filename="visa-application-form.docx"'


def test_the_editor_picker_finds_images_and_documents(library_staff_client):
    image = factories.make_image("Consulate entrance", alt_text="The entrance")
    factories.make_image("Reception")
    document = factories.make_document()
    found = library_staff_client.get("/admin/media/image/choices/", {"q": "entrance"}).json()
    assert [r["title"] for r in found["results"]] == ["Consulate entrance"]
    choice = found["results"][0]
    assert choice["alt"] == "The entrance" and choice["width"] == 960
    assert choice["src"].endswith("-960w.jpg") and image.reference_marker in choice["src"]
    found = library_staff_client.get("/admin/media/document/choices/").json()
    assert found["results"] == [
        {
            "id": document.pk,
            "title": "Visa application form",
            "label": "Visa application form (PDF, 1 KB)",
            "href": f"/documents/{document.key}/",
        }
    ]


def test_the_picker_is_for_staff_who_may_see_the_library(staff_without_permissions_client):
    assert staff_without_permissions_client.get("/admin/media/image/choices/").status_code == 403
    staff_without_permissions_client.logout()
    assert staff_without_permissions_client.get("/admin/media/image/choices/").status_code == 302


@pytest.mark.parametrize(
    ("add", "form"),
    [
        (ADD_IMAGE, lambda: image_form(media_files.jpeg_upload())),
        (ADD_DOCUMENT, lambda: document_form(media_files.upload("form.pdf", media_files.PDF))),
    ],
)
def test_a_media_folder_that_cannot_be_written_is_a_form_error(
    library_staff_client, settings, tmp_path, caplog, add, form
):
    # Under a regular file, so that the write fails even for root (who ignores permissions).
    (tmp_path / "not-a-folder").write_text("a file")
    settings.MEDIA_ROOT = tmp_path / "not-a-folder" / "media"
    with caplog.at_level("ERROR"):
        response = library_staff_client.post(add, form())
    assert response.status_code == 200
    page = response.content.decode()
    assert "the server cannot write to its media folder" in page
    # The form as posted, the title kept.
    assert "The ambassador" in page or "Visa application form" in page
    assert not Image.objects.exists() and not Document.objects.exists()
    assert not Rendition.objects.exists()
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1
    assert "media storage cannot be written" in errors[0].getMessage()


def test_an_image_left_untitled_is_titled_from_its_file_name(library_staff_client):
    upload = media_files.jpeg_upload(name="ambassador_visit-to-Hanoi.2021.jpg")
    response = library_staff_client.post(ADD_IMAGE, image_form(upload, title=""))
    assert response.status_code == 302, response.context["adminform"].form.errors
    image = Image.objects.get()
    assert image.title == "Ambassador visit to Hanoi 2021"
    assert "ambassador_visit" not in image.file.name  # the stored name is the site's own
    # A title typed later is kept.
    image.title = "The ambassador in Hanoi"
    image.save()
    assert Image.objects.get().title == "The ambassador in Hanoi"


def focal_point_form(image, **fields):
    """The change form as posted with no new file: the image's fields as they are."""
    return {
        "title": image.title,
        "alt_text": image.alt_text,
        "alt_language": image.alt_language,
        "caption": image.caption,
        "credit": image.credit,
        "focus_x": image.focus_x,
        "focus_y": image.focus_y,
        **fields,
    }


def halves_image():
    return factories.make_image(
        "Two colours",
        alt_text="A red half and a blue half",
        upload=media_files.upload("halves.png", media_files.halves((4000, 1000)), "image/png"),
    )


def test_the_change_form_shows_the_image_to_click_and_the_two_fields(library_staff_client):
    image = halves_image()
    response = library_staff_client.get(f"/admin/media/image/{image.pk}/change/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="focal-picker" data-focus-fields="id_focus_x id_focus_y"' in page
    assert image.whole_renditions()[0].file.url in page
    # The number fields, the way without a pointer or a script, start at the middle.
    assert 'name="focus_x" value="50"' in page and 'name="focus_y" value="50"' in page
    assert 'min="0"' in page and 'max="100"' in page
    assert "/static/js/focal-point.js" in page
    assert "Click on the image where its subject is" in page


def test_staff_move_the_focal_point_and_the_shared_preview_follows(
    library_staff_client, client, media_root, django_capture_on_commit_callbacks
):
    image = halves_image()
    article = factories.make_article(1, title="Two colours", lead_image=image)
    with django_capture_on_commit_callbacks(execute=True):
        response = library_staff_client.post(
            f"/admin/media/image/{image.pk}/change/",
            focal_point_form(image, focus_x=90, focus_y=40),
        )
    assert response.status_code == 302, response.context["adminform"].form.errors
    image = Image.objects.with_renditions().get(pk=image.pk)
    assert image.focus == (90, 40)
    assert len(stored_files(media_root)) == 1 + image.renditions.count()  # no orphan
    # The article's page shares the new preview: the right, blue half of the image.
    page = client.get(article.get_absolute_url()).content.decode()
    card_url = "http://testserver" + image.card().file.url
    assert f'<meta property="og:image" content="{card_url}">' in page
    assert f'<meta name="twitter:image" content="{card_url}">' in page
    assert '<meta property="og:image:width" content="1200">' in page
    served = client.get(image.card().file.url)
    assert media_files.red_share(b"".join(served.streaming_content)) < 0.05


@pytest.mark.parametrize(
    ("fields", "field", "error"),
    [
        ({"focus_x": 101}, "focus_x", "Ensure this value is less than or equal to 100."),
        ({"focus_y": -5}, "focus_y", "Ensure this value is greater than or equal to 0."),
        ({"focus_x": "left"}, "focus_x", "Enter a whole number."),
    ],
)
def test_a_focal_point_outside_the_image_is_a_form_error(
    library_staff_client, media_root, fields, field, error
):
    image = halves_image()
    before = set(stored_files(media_root))
    response = library_staff_client.post(
        f"/admin/media/image/{image.pk}/change/", focal_point_form(image, **fields)
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [error]
    image.refresh_from_db()
    assert image.focus == (50, 50)
    assert set(stored_files(media_root)) == before


def test_an_emptied_focal_point_field_means_the_middle(library_staff_client):
    image = factories.make_image(focus_x=10, focus_y=90)
    response = library_staff_client.post(
        f"/admin/media/image/{image.pk}/change/", focal_point_form(image, focus_x="", focus_y="")
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    image.refresh_from_db()
    assert image.focus == (50, 50)
