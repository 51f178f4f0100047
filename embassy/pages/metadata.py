"""What a page says about itself to search engines and sharing previews.

Every page's head carries a description from its own content, its canonical address, Open Graph
and Twitter card tags, and schema.org JSON-LD: the embassy as a `GovernmentOrganization` on every
page (the publisher the other objects point to by its @id), and per kind of page what it is (one
function per kind below: a briefing is a `NewsArticle` and an `Event`, an article and an exchange
a `NewsArticle`). The template tags in templatetags/metadata.py call these, and `head_markup()`
writes the tags.

The functions read the objects they are given (briefing, article, exchange, section) by their
attributes: this module serves both apps and imports neither (tests/test_layout.py).
"""

import html
import json
import re
from dataclasses import dataclass, field

from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from embassy.missions.origin import absolute_origin

# What search engines show of a description; longer ones are cut there anyway.
DESCRIPTION_LENGTH = 160
# Google's limit for a NewsArticle's headline.
HEADLINE_LENGTH = 110
# An image for sharing previews must be raster (no SVG): the seal's own PNG rendition of
# static/img/seal.svg, until staff choose a seal in the library.
SEAL_PNG = "img/seal.png"
SEAL_PNG_SIZE = 512
# Formats every previewer reads (some cannot read WebP), preferred in this order.
SHAREABLE_FORMATS = ("JPEG", "PNG")
# Markup a JSON text must not carry inside <script>: "</script>" would end the element, "<!--"
# would open a comment; & for good measure (the same escapes as Django's json_script).
JSON_SCRIPT_ESCAPES = (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026"))
FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S | re.I)


@dataclass(frozen=True)
class SharedImage:
    url: str  # absolute
    width: int
    height: int
    alt: str = ""
    large: bool = True  # a photograph, shown wide; the seal is a small square


@dataclass
class PageMetadata:
    title: str
    description: str
    url: str  # the canonical address, absolute
    og_type: str = "website"
    image: SharedImage | None = None
    noindex: bool = False
    # schema.org objects of this page, beside the site's organization
    things: list = field(default_factory=list)


# Where one block of staff HTML ends and the next begins: a space, or "Articles.</p><p>This"
# reads "Articles.This".
BLOCK_END = re.compile(
    r"</(?:p|h[1-6]|li|blockquote|div|tr|td|th|dd|dt|figcaption)>|<br\s*/?>", re.I
)


def plain_text(markup):
    """The words of staff HTML or plain text, on one line, its entities read ("&amp;" is "&":
    the template escapes the text once, when it shows it)."""
    return " ".join(html.unescape(strip_tags(BLOCK_END.sub(" ", markup or ""))).split())


def cut(text, length):
    """`text` cut to `length` characters at a word's end, with "…" when cut. Chinese has no
    spaces between words: where there is no space to cut at, it is cut at the character."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    shown = text[: length - 1]
    space = shown.rfind(" ")
    if space > length // 2:
        shown = shown[:space]
    return shown.rstrip(" ,.;:") + "…"


def description_of(markup):
    return cut(plain_text(markup), DESCRIPTION_LENGTH)


def first_paragraph(markup):
    """The first <p> of staff HTML that has words, else all of its words."""
    for paragraph in FIRST_PARAGRAPH.findall(markup or ""):
        if plain_text(paragraph):
            return paragraph
    return markup


def json_ld(things):
    """A JSON text safe inside <script type="application/ld+json">."""
    data = {"@context": "https://schema.org", "@graph": things}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # str.replace, not str.translate: on text with any character past ASCII (a no-break space
    # in an English transcript, every Chinese page) translate looks up each character in
    # Python, thirty times slower: 0.14 ms for the seed briefing's 2 kB of JSON-LD.
    for character, escaped in JSON_SCRIPT_ESCAPES:
        text = text.replace(character, escaped)
    return text


def iso(moment):
    """In the site's time zone, as the page shows it: 2021-01-28T19:34:00+08:00."""
    return timezone.localtime(moment).replace(microsecond=0).isoformat() if moment else None


def shared_image(request, image, cropped=True):
    """A library image as a preview shows it: its sharing preview, cut to the previewers' shape
    around the focal point staff chose; else (`cropped=False`, or an image saved before there
    were previews) its widest JPEG or PNG rendition, else the widest of any format. From the
    renditions already loaded with it."""
    best = image.card() if cropped else None
    if best is None:
        renditions = sorted(
            image.whole_renditions(),
            key=lambda r: (r.format in SHAREABLE_FORMATS, r.width),
            reverse=True,
        )
        if not renditions:
            return None
        best = renditions[0]
    return SharedImage(
        url=request.build_absolute_uri(best.file.url),
        width=best.width,
        height=best.height,
        alt="" if image.decorative else image.alt_text,
    )


def seal_image(request, profile, site_name):
    """The site's seal: the one staff chose in the library, else the site's own PNG; described
    by what staff say it shows, else by the site's name."""
    alt = profile.seal_text or site_name
    if profile.seal_id:
        # Whole: a seal cut to a wide strip would lose its edge.
        chosen = shared_image(request, profile.seal, cropped=False)
        if chosen:
            return SharedImage(chosen.url, chosen.width, chosen.height, alt, large=False)
    return SharedImage(
        url=request.build_absolute_uri(static(SEAL_PNG)),
        width=SEAL_PNG_SIZE,
        height=SEAL_PNG_SIZE,
        alt=alt,
        large=False,
    )


def organization_id(request, home_url):
    return request.build_absolute_uri(home_url) + "#organization"


def organization(request, profile, site_name, home_url):
    """The embassy, with the contact details of Site › Contact details and seal."""
    thing = {
        "@type": "GovernmentOrganization",
        "@id": organization_id(request, home_url),
        "name": site_name,
        "url": request.build_absolute_uri(home_url),
        "logo": seal_image(request, profile, site_name).url,
    }
    if profile.address:
        thing["address"] = {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(profile.address_lines),
        }
    if profile.telephone:
        thing["telephone"] = profile.telephone
    if profile.email:
        thing["email"] = profile.email
    return thing


def website(request, site_name, home_url, search_url):
    """The home page's: the site and its search box (`?q=`)."""
    return {
        "@type": "WebSite",
        "name": site_name,
        "url": request.build_absolute_uri(home_url),
        "publisher": {"@id": organization_id(request, home_url)},
        "potentialAction": {
            "@type": "SearchAction",
            "target": request.build_absolute_uri(search_url) + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
    }


def person(spokesperson, request):
    thing = {
        "@type": "Person",
        "name": spokesperson.name,
        "url": request.build_absolute_uri(spokesperson.get_absolute_url()),
    }
    if spokesperson.role:
        thing["jobTitle"] = spokesperson.role
    return thing


def news_article(request, home_url, *, headline, description, url, published, modified,
                 language, image=None, author=None, **more):  # fmt: skip
    publisher = {"@id": organization_id(request, home_url)}
    thing = {
        "@type": "NewsArticle",
        "headline": cut(headline, HEADLINE_LENGTH),
        "description": description,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": iso(published),
        "dateModified": iso(modified or published),
        "inLanguage": language,
        "author": author or publisher,
        "publisher": publisher,
        **more,
    }
    if image:
        thing["image"] = image.url
    return thing


def canonical_address(request, item, owner=None):
    """`item`'s absolute address: on its origin's host when its rows are shown on several
    missions (a ministry briefing, embassy/missions/origin.py)."""
    owner = owner or item
    if "mission" not in {field.name for field in type(owner)._meta.fields}:
        return request.build_absolute_uri(item.get_absolute_url())
    return absolute_origin(request, item.get_absolute_url(), owner.mission_id)


def news_page(request, home_url, item, description, published, **more):
    """The metadata of a page whose main thing is news: an article, a briefing. `more` adds to
    its NewsArticle (its section, its author, the event it reports)."""
    url = canonical_address(request, item)
    image = shared_image(request, item.lead_image) if item.lead_image_id else None
    return PageMetadata(
        title=item.title,
        description=description,
        url=url,
        og_type="article",
        image=image,
        things=[
            news_article(
                request,
                home_url,
                headline=item.title,
                description=description,
                url=url,
                published=published,
                modified=item.updated_at,
                language=item.language,
                image=image,
                **more,
            )
        ],
    )


def article_metadata(request, home_url, article, section_title):
    description = description_of(first_paragraph(article.body)) or cut(
        article.title, DESCRIPTION_LENGTH
    )
    return news_page(
        request,
        home_url,
        article,
        description,
        published=article.publish_at,
        articleSection=section_title,
    )


def briefing_metadata(request, home_url, briefing, first_question):
    """A briefing is news (its transcript) and an event (held at a time, by a spokesperson)."""
    if first_question is not None:
        description = description_of(first_question)
    else:
        description = description_of(briefing.opening_remarks) or cut(
            briefing.title, DESCRIPTION_LENGTH
        )
    spokesperson = person(briefing.spokesperson, request)
    event = {
        "@type": "Event",
        "name": briefing.title,
        "url": request.build_absolute_uri(briefing.get_absolute_url()),
        "startDate": iso(briefing.held_at),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "inLanguage": briefing.language,
        "organizer": {"@id": organization_id(request, home_url)},
        "performer": spokesperson,
    }
    if briefing.ends_at:
        event["endDate"] = iso(briefing.ends_at)
    if briefing.place:
        event["location"] = {"@type": "Place", "name": briefing.place}
    return news_page(
        request,
        home_url,
        briefing,
        description,
        published=briefing.visible_from,
        author=spokesperson,
        about=event,
    )


def exchange_metadata(request, home_url, exchange):
    """One question and its answer, quoted: part of its briefing's transcript."""
    briefing = exchange.briefing
    url = canonical_address(request, exchange, owner=briefing)
    description = description_of(exchange.question)
    image = shared_image(request, briefing.lead_image) if briefing.lead_image_id else None
    answered_by = exchange.responder or briefing.spokesperson
    return PageMetadata(
        title=exchange.title,
        description=description,
        url=url,
        og_type="article",
        image=image,
        things=[
            news_article(
                request,
                home_url,
                headline=exchange.title,
                description=description,
                url=url,
                published=briefing.visible_from,
                modified=briefing.updated_at,
                language=briefing.language,
                image=image,
                author=person(answered_by, request),
                isPartOf={
                    "@type": "NewsArticle",
                    "headline": cut(briefing.title, HEADLINE_LENGTH),
                    "url": request.build_absolute_uri(briefing.get_absolute_url()),
                },
            )
        ],
    )


def head_markup(page, site_name, image, json_ld_text):
    """The head's lines for `page`: its description, canonical address, sharing tags (Open
    Graph, Twitter card) and JSON-LD, each value escaped as the text it is.

    Written from one table, escaped with the standard library's escape: some twenty values on
    every page, for which a template (or format_html, which checks each value for a lazy string
    first) took about 0.1 ms a page, this 0.03.

    ld+json is data, never run by a browser: the CSP's "no inline script" does not concern it,
    and json_ld() escapes <, > and & so that nothing ends the element."""
    lines = [
        ("property", "og:site_name", site_name),
        ("property", "og:type", page.og_type),
        ("property", "og:title", page.title),
        ("property", "og:description", page.description),
        ("property", "og:url", page.url),
        ("property", "og:image", image.url),
        ("property", "og:image:width", image.width),
        ("property", "og:image:height", image.height),
        *([("property", "og:image:alt", image.alt)] if image.alt else []),
        ("name", "twitter:card", "summary_large_image" if image.large else "summary"),
        ("name", "twitter:title", page.title),
        ("name", "twitter:description", page.description),
        ("name", "twitter:image", image.url),
        *([("name", "twitter:image:alt", image.alt)] if image.alt else []),
    ]
    sharing = "".join(
        f'  <meta {attribute}="{name}" content="{html.escape(str(value))}">\n'
        for attribute, name, value in lines
    )
    robots = '  <meta name="robots" content="noindex">\n' if page.noindex else ""
    return mark_safe(  # noqa: S308 every value escaped here, the JSON-LD by json_ld()
        f'<meta name="description" content="{html.escape(page.description)}">\n{robots}'
        f'  <link rel="canonical" href="{html.escape(page.url)}">\n{sharing}'
        f'  <script type="application/ld+json">{json_ld_text}</script>\n'
    )
