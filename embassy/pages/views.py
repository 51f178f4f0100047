"""The view behind every content page and its print version."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView

from embassy.core import generation
from embassy.missions.middleware import mission_of

from . import public_reads
from .publishing import may_preview
from .routes import PRINT, page_action_urls


class InAnotherLanguage(Exception):  # noqa: N818 (a signal to redirect, not an error)
    """The object asked for is written in another language: its page is under that prefix."""

    def __init__(self, obj):
        self.obj = obj


class ContentPageView(DetailView):
    """A public page about one object.

    Visitors see published objects only; staff who may view the model also see drafts, which the
    template marks with a banner. The print route renders `<app>/<model>_print.html` instead of
    `<app>/<model>_detail.html` from the same context, so page and print never disagree.
    Subclasses narrow `get_queryset()` (by date, by parent) and always call super() first.

    Content written in one language (an article, a briefing and its exchanges) names the field
    that says which in `language_field`: its page lives under that language's prefix (another
    prefix redirects there), and the page lists its translations ("Also in", the switcher,
    hreflang) from one query.
    """

    # The query parameters the page reads (embassy/pagecache/parameters.py): none.
    query_parameters = {}
    printable = False
    public_only = False  # the suggest page sets it: a draft is never mailed
    language_field = ""  # e.g. "language", "briefing__language"
    # A page asked for under a language it is not written in, and has no version in: True says
    # so there and links the versions there are; False redirects to its own address.
    says_when_elsewhere = False

    def setup(self, request, *args, **kwargs):
        self.printable = kwargs.pop("printable", False)
        super().setup(request, *args, **kwargs)
        if self.printable:
            self.template_name_suffix = "_print"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except InAnotherLanguage as elsewhere:
            if self.says_when_elsewhere and not self.printable:
                answer = self.in_another_language(elsewhere.obj)
                if answer is not None:
                    return answer
            address = self.address_in_its_language(elsewhere.obj)
            return redirect(address + (PRINT if self.printable else ""), permanent=True)

    def object_or_its_address(self):
        """(the object, None), or (None, its page's address) when the object at this address is
        written in another language: for the pages beside this one that are other views
        (suggest/), which redirect as the page does. Http404 when there is none."""
        try:
            return self.get_object(), None
        except InAnotherLanguage as elsewhere:
            return None, self.address_in_its_language(elsewhere.obj)

    def in_another_language(self, obj):
        """The page saying that `obj` is not written in the reader's language, with a link to
        each version there is; None when there is one in theirs (the redirect leads to it)."""
        self.object = obj
        versions = list(self.visible_versions())
        current = translation.get_language()
        mine = next((version for version in versions if version.language == current), None)
        if mine is not None:
            return redirect(self.address_of(mine), permanent=True)
        shown = [
            {"object": version, "code": version.language, "url": self.address_of(version)}
            for code, _name in settings.LANGUAGES
            for version in versions
            if version.language == code
        ]
        if not shown:
            return None
        context = {
            "elsewhere": obj,
            "versions": shown,
            # The switcher leads to each version from here.
            "translations": {version["code"]: version["url"] for version in shown},
        }
        return TemplateResponse(self.request, "languages/in_another_language.html", context)

    def address_in_its_language(self, obj):
        """Where the page asked for under another language's prefix lives: `obj`'s own."""
        return obj.get_absolute_url()

    def get_queryset(self):
        # What the request's mission shows, whoever reads it: another mission's page is a 404.
        queryset = super().get_queryset().shown_on(mission_of(self.request))
        if self.public_only:
            return queryset.published()
        return queryset.visible_to(self.request.user)

    def object_language(self, obj):
        value = obj
        for name in self.language_field.split("__"):
            value = getattr(value, name)
        return value

    def get_object(self, queryset=None):
        if not self.language_field:
            return super().get_object(queryset)
        if queryset is None:
            # The same rows for every reader of the address, whatever their language.
            address = (type(self).__qualname__, tuple(sorted(self.kwargs.items())))
            found = self.public_read(address, self.rows_at_address)
        else:
            found = self.rows_at_address(queryset)
        # The version in the current language if there is one, else any (then redirected). The
        # address names one piece, so at most one row per language matches: choosing among them
        # here costs less than ordering them in SQL (a Case/When to compile on every page).
        current = translation.get_language()
        obj = next(
            (row for row in found if self.object_language(row) == current),
            found[0] if found else None,
        )
        if obj is None:
            raise Http404("No such page.")
        if self.object_language(obj) != current:
            raise InAnotherLanguage(obj)
        return obj

    def rows_at_address(self, queryset=None):
        """The rows the address names, one per language at most, as a tuple."""
        queryset = self.get_queryset() if queryset is None else queryset
        pk, slug = self.kwargs.get(self.pk_url_kwarg), self.kwargs.get(self.slug_url_kwarg)
        if pk is not None:
            queryset = queryset.filter(pk=pk)
        if slug is not None and (pk is None or self.query_pk_and_slug):
            queryset = queryset.filter(**{self.get_slug_field(): slug})
        return tuple(queryset)

    def sees_drafts(self):
        """Whether this reader is shown drafts (staff previewing): what they read is theirs."""
        return not self.public_only and may_preview(self.request.user, self.model)

    def memo_generation(self, scope=None):
        """The content generation (of the page's scope, or `scope`) what this page derives from
        the content is kept under in the core memo (embassy/core/memo.py); None keeps nothing,
        nor finds anything kept."""
        return generation.of_request(self.request, scope)

    def public_read(self, key, read):
        """What `read()` returns: kept per content generation (embassy/pages/public_reads.py)
        unless this reader sees drafts. `key` names what is read."""
        if self.sees_drafts():
            return read()
        return public_reads.read(self.request, key, read)

    def translated_object(self):
        """The object whose versions are the page's translations (a briefing for an exchange)."""
        return self.object

    def translations(self):
        """{language code: address} of the versions the reader may see, this one included."""
        translated = self.translated_object()
        return self.public_read(
            ("versions", translated._meta.label, translated.pk, type(self).__qualname__),
            self.addresses_of_versions,
        )

    def addresses_of_versions(self):
        return {version.language: self.address_of(version) for version in self.visible_versions()}

    def visible_versions(self):
        """The translated object's versions as the reader may see them (a queryset)."""
        # The versions this mission shows: its own translation of a ministry briefing, not
        # another mission's.
        versions = self.translated_object().versions().shown_on(mission_of(self.request))
        if self.public_only:
            return versions.published()
        return versions.visible_to(self.request.user)

    def address_of(self, version):
        """This page's address for `version` (one of the object's translations)."""
        return version.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["printable"] = self.printable
        context["page_urls"] = page_action_urls(self.request.path)
        # Printed on paper so that it can be traced back to the page it came from.
        context["page_address"] = self.request.build_absolute_uri(context["page_urls"]["page"])
        context["is_preview"] = self.is_preview()
        if self.language_field:
            found = self.translations()
            found[self.object_language(self.object)] = self.address_of(self.object)
            suffix = PRINT if self.printable else ""
            # In the order the site lists its languages.
            translations = {
                code: found[code] + suffix for code, _name in settings.LANGUAGES if code in found
            }
            context["translations"] = translations
            context["other_versions"] = [
                {"code": code, "url": url}
                for code, url in translations.items()
                if code != self.object_language(self.object)
            ]
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"]:
            # What the public cannot see is no cache's to keep, shared or the browser's.
            add_never_cache_headers(response)
        return response

    def is_preview(self):
        """Whether a member of staff is looking at something the public cannot see (yet)."""
        user = self.request.user
        if self.public_only or not (user.is_authenticated and user.is_staff):
            return False
        public = self.model._default_manager.shown_on(mission_of(self.request)).published()
        return not public.filter(pk=self.object.pk).exists()
