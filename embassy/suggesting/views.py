"""The "Suggest to a friend" page of every content page: <page URL>suggest/."""

import logging
from urllib.parse import quote

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from embassy.environment import FILE_BACKEND
from embassy.limits import client_address

from . import limits
from .forms import SuggestForm
from .mail import deliver, page_date, suggestion_for

logger = logging.getLogger(__name__)

# The confirmation travels in the session, not the URL: reloading it sends nothing and shows
# nothing that a link could fake.
CONFIRMATION_KEY = "suggest_sent"


def page_object(view, request, **kwargs):
    """The published object behind a content page's URL as a visitor sees it, and None; or
    None and its page's address under its own language's prefix; or Http404."""
    page = view.view_class(public_only=True)
    page.setup(request, **kwargs)
    return page.object_or_its_address()


def moved_page_address(view, request, **kwargs):
    """Where the page at a stale address lives now (a briefing whose slug changed), or None."""
    page = view.view_class()
    page.setup(request, **kwargs)
    moved_address = getattr(page, "moved_address", None)
    return moved_address(request) if moved_address else None


def own_segment(path):
    """The last segment of this page's address ("suggest/"), which follows its page's."""
    return path.rstrip("/").rpartition("/")[2] + "/"


@require_http_methods(["GET", "POST"])
def suggest_view(request, page_view, **kwargs):
    # Drafts and unknown pages are 404 here even for staff: a draft is never mailed.
    try:
        page, elsewhere = page_object(page_view, request, **kwargs)
    except Http404:
        moved = moved_page_address(page_view, request, **kwargs)
        if moved is None:
            raise
        return redirect(moved, permanent=True)
    if elsewhere is not None:
        # Asked under another language's prefix: this page beside the page in its language.
        return redirect(elsewhere + own_segment(request.path), permanent=True)
    if request.method == "POST":
        return suggest(request, page)
    confirmation = request.session.pop(CONFIRMATION_KEY, None)
    if confirmation and confirmation["path"] == request.path:
        return render(
            request,
            "suggesting/suggestion_sent.html",
            {
                "page": page,
                "sent_count": confirmation["count"],
                "mail_directory": local_mail_directory(),
            },
        )
    return render_form(request, page, SuggestForm())


def suggest(request, page):
    form = SuggestForm(request.POST)
    if not form.is_valid():
        if form.is_bot:
            logger.info("Suggestion refused: the honeypot was filled (%s)", request.path)
        return render_form(request, page, form)

    data = form.cleaned_data
    friends = data["friends"]
    try:
        reservation = limits.reserve(client_address(request), data["email"], friends)
    except limits.LimitReached as refusal:
        return render_form(request, page, form, status=429, problem=limit_message(refusal))
    except limits.LimitUnavailable:
        problem = _(
            "Suggestions cannot be sent right now. Nothing was sent; please try again later."
        )
        return render_form(request, page, form, status=503, problem=problem)

    suggestion = suggestion_for(request, page, data["name"], data["email"], data["note"])
    delivery = deliver(suggestion, friends)
    reservation.give_back(delivery.failed)

    if not delivery.failed:
        request.session[CONFIRMATION_KEY] = {"path": request.path, "count": len(delivery.sent)}
        return redirect(request.path)

    # Keep only the addresses still to be sent to, so that sending again reaches each friend once.
    unsent = form.data.copy()
    unsent["friends"] = "\n".join(delivery.failed)
    unsent.pop("website", None)
    return render_form(
        request,
        page,
        SuggestForm(unsent),
        status=503,
        problem=delivery_message(delivery),
        sent_to=delivery.sent,
    )


def render_form(request, page, form, status=200, problem=None, sent_to=()):
    page_url = request.build_absolute_uri(page.get_absolute_url())
    context = {
        "page": page,
        "page_url": page_url,
        "held_at": page_date(page),
        "form": form,
        "problem": problem,
        "sent_to": sent_to,
        "mailto": mailto(page.title, page_url),
    }
    return render(request, "suggesting/suggestion_form.html", context, status=status)


def mailto(title, url):
    """A link that opens the visitor's own mail program with the page's title and address."""
    body = f"{title}\n{url}"
    return f"mailto:?subject={quote(title, safe='')}&body={quote(body, safe='')}"


def limit_message(refusal):
    limit = settings.SUGGEST_RATE_LIMIT["sends"]
    if refusal.friends:
        most = settings.SUGGEST_LIMIT_PER_FRIEND_PER_DAY
        return ngettext(
            "%(addresses)s already received %(count)s suggestion from this site today. "
            "Nothing was sent: remove that address, or try again tomorrow.",
            "%(addresses)s already received %(count)s suggestions from this site today. "
            "Nothing was sent: remove that address, or try again tomorrow.",
            most,
        ) % {"addresses": ", ".join(refusal.friends), "count": most}
    if refusal.remaining:
        return ngettext(
            "You can suggest pages to %(count)s more friend this hour, not more. "
            "Nothing was sent: remove some addresses, or try again later.",
            "You can suggest pages to %(count)s more friends this hour, not more. "
            "Nothing was sent: remove some addresses, or try again later.",
            refusal.remaining,
        ) % {"count": refusal.remaining}
    return _(
        "You have reached the limit of %(limit)s suggestions an hour. "
        "Nothing was sent; please try again later."
    ) % {"limit": limit}


def delivery_message(delivery):
    if not delivery.sent:
        return _(
            "The mail server could not be reached or did not accept the mail, so nothing was "
            "sent. Your message is kept below: please try again in a few minutes."
        )
    return _(
        "Your suggestion was sent to %(sent)s, but the mail server did not accept it for "
        "%(failed)s. Those addresses are kept below: please check them and try again."
    ) % {"sent": ", ".join(delivery.sent), "failed": ", ".join(delivery.failed)}


def local_mail_directory():
    """Where mail went, when it was written to files instead of sent (DEBUG only)."""
    if settings.DEBUG and settings.EMAIL_BACKEND == FILE_BACKEND:
        return settings.EMAIL_FILE_PATH
    return None
