"""Pages show library images as sized, responsive renditions, and documents as telling links."""

import re

from django.template import Context, Template

from embassy.media.models import Image
from tests import factories, media_files


def render(source, **context):
    return Template("{% load media %}" + source).render(Context(context))


def test_a_picture_offers_webp_and_a_fallback_with_sizes_and_lazy_loading(db):
    image = Image.objects.with_renditions().get(pk=factories.make_image().pk)
    html = render("{% picture image %}", image=image)
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)"', html).group(1)
    assert [part.split()[1] for part in webp.split(", ")] == ["480w", "960w"]
    assert 'width="1000" height="600"' in html
    assert 'loading="lazy"' in html
    assert f'alt="{image.alt_text}"' in html
    assert re.search(r'<source media="print" type="image/webp" srcset="[^"]+-1000w.webp">', html)
    assert re.search(r'<img class="library-image" src="[^"]+-960w.jpg"', html)


def test_the_print_version_shows_the_print_rendition_alone(db):
    image = factories.make_image(upload=media_files.jpeg_upload(size=(3000, 2000)))
    html = render("{% picture image printable=True %}", image=image)
    assert "<picture>" not in html
    assert re.search(r'src="[^"]+-2400w.jpg" width="3000" height="2000"', html)


def test_a_decorative_image_has_an_empty_alt(db):
    image = factories.make_image(alt_text="", decorative=True)
    assert 'alt=""' in render("{% picture image eager=True %}", image=image)


def test_rich_text_images_become_pictures_with_the_alt_typed_in_the_editor(
    db, django_assert_num_queries
):
    image = factories.make_image()
    other = factories.make_image("Second")
    html = (
        f'<p>Before</p><img src="/media/{image.reference_marker}old-960w.jpg" '
        'alt="The &quot;new&quot; consulate">'
        f'<img src="/media/{other.reference_marker}x.jpg">'
        '<img src="https://example.org/a.png" alt="outside">'
    )
    with django_assert_num_queries(2):  # the images, their renditions
        out = render("{{ html|library_media }}", html=html)
    assert out.count("<picture>") == 2
    assert 'alt="The &quot;new&quot; consulate"' in out
    assert f'alt="{other.alt_text}"' in out
    assert '<img src="https://example.org/a.png" alt="outside">' in out


def test_rich_text_without_library_images_costs_no_query(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert render("{{ html|library_media }}", html="<p>Hi</p>") == "<p>Hi</p>"


def test_a_document_link_names_its_type_and_size(db):
    document = factories.make_document(
        upload=media_files.upload("f.pdf", media_files.PDF + b"%" * 240_000)
    )
    html = render("{% document_link document %}", document=document)
    assert f'href="/documents/{document.key}/"' in html
    assert 'Visa application form <span class="document-facts">(PDF, 234 KB)</span>' in html


def test_a_rich_text_image_shows_its_library_caption_and_credit(db):
    image = factories.make_image(caption="The new consulate <opened>", credit="Photo: Xinhua")
    img = f'<img src="/media/{image.reference_marker}old-960w.jpg" alt="Consulate">'
    out = render("{{ html|library_media }}", html=f"<h2>Opening</h2>{img}<p>After</p>")
    assert re.search(
        r'<figure class="library-figure"><picture>.*</picture>\s*<figcaption>The new consulate '
        r'&lt;opened&gt; <span class="credit">Photo: Xinhua</span></figcaption></figure><p>After',
        out,
        re.S,
    )


def test_a_caption_typed_in_the_editor_wins_and_gets_the_credit(db):
    image = factories.make_image(caption="Library caption", credit="Photo: Xinhua")
    img = f'<img src="/media/{image.reference_marker}old-960w.jpg" alt="Consulate">'
    typed = render(
        "{{ html|library_media }}",
        html=f"<figure>{img}<figcaption>Typed caption</figcaption></figure>",
    )
    assert "Library caption" not in typed
    assert 'Typed caption <span class="credit">Photo: Xinhua</span></figcaption>' in typed
    bare = render("{{ html|library_media }}", html=f"<figure>{img}</figure>")
    assert bare.count("<figcaption>") == 1 and "Library caption" in bare
    # Inside a paragraph a figure is not allowed: the picture alone.
    inline = render("{{ html|library_media }}", html=f"<p>Text {img}</p>")
    assert "<figure" not in inline and "<picture>" in inline


def test_an_image_without_caption_or_credit_gets_no_figure(db):
    image = factories.make_image()
    img = f'<img src="/media/{image.reference_marker}old-960w.jpg" alt="Consulate">'
    assert "<figure" not in render("{{ html|library_media }}", html=img)
