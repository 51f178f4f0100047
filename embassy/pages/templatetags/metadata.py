"""The head's description, canonical link, sharing tags and JSON-LD (embassy/pages/metadata.py).

base.html renders `{% page_metadata %}` in its `metadata` block; a page kind with content of its
own overrides the block with its tag: `{% briefing_metadata briefing first_question %}`.
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from embassy.core.addresses import address
from embassy.pages import metadata, public_reads

register = template.Library()


def canonical_url(context):
    """The page's address without its query, but the page number of a list past its first."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    page = context.get("page_obj")
    if page is not None and getattr(page, "number", 1) > 1:
        url += f"?page={page.number}"
    return url


def rendered(context, page):
    request = context["request"]
    site_name = context.get("site_name", "")
    profile = context["site_profile"]
    home = address("home")
    # A member of staff looking at what the public cannot see yet: never to be indexed.
    page.noindex = page.noindex or bool(context.get("is_preview"))
    things = [metadata.organization(request, profile, site_name, home), *page.things]
    return metadata.head_markup(
        page,
        site_name,
        page.image or metadata.seal_image(request, profile, site_name),
        mark_safe(metadata.json_ld(things)),  # noqa: S308 escaped by json_ld()
    )


@register.simple_tag(takes_context=True)
def page_metadata(context, title="", description="", noindex=False, home=False):
    """Any page: its title and a sentence saying what it holds (the site's own by default)."""
    site_name = context.get("site_name", "")
    request = context["request"]
    page = metadata.PageMetadata(
        title=title or site_name,
        description=metadata.cut(
            description
            or _(
                "Statements, the spokesperson's briefings with every question and answer, and "
                "consular information from the %(site)s."
            )
            % {"site": site_name},
            metadata.DESCRIPTION_LENGTH,
        ),
        url=canonical_url(context),
        noindex=noindex,
    )
    if home:
        page.things.append(metadata.website(request, site_name, address("home"), address("search")))
    return rendered(context, page)


@register.simple_tag(takes_context=True)
def section_metadata(context, section):
    """A section: its intro, or what it lists."""
    description = metadata.description_of(section.intro) or _(
        "%(section)s: pages and notices of the %(site)s."
    ) % {"section": section.title, "site": context.get("site_name", "")}
    page = metadata.PageMetadata(
        title=section.title,
        description=metadata.cut(description, metadata.DESCRIPTION_LENGTH),
        url=canonical_url(context),
    )
    return rendered(context, page)


@register.simple_tag(takes_context=True)
def article_metadata(context, article):
    page = metadata.article_metadata(
        context["request"], address("home"), article, article.section.title
    )
    return rendered(context, page)


@register.simple_tag(takes_context=True)
def briefing_metadata(context, briefing, first_question):
    request = context["request"]

    def render():
        return rendered(
            context, metadata.briefing_metadata(request, address("home"), briefing, first_question)
        )

    if context.get("is_preview") or request.user.is_staff:  # drafts: what staff see is theirs
        return render()
    # The briefing's JSON-LD is a tenth of its page's rendering: kept per content generation,
    # for each address it is read at (absolute links name the host).
    key = ("briefing metadata", briefing.pk, first_question, get_language())
    key += (request.scheme, request.get_host(), request.path)
    return public_reads.read(request, key, render)


@register.simple_tag(takes_context=True)
def exchange_metadata(context, exchange):
    return rendered(
        context, metadata.exchange_metadata(context["request"], address("home"), exchange)
    )
