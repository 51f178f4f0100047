"""Subscribe, confirm, unsubscribe, manage: no account, only signed links.

The subscribe form sends the confirmation mail in the request (as "Suggest to a friend" does):
queued, the unconfirmed address would be stored in the task queue, and the reader would not
learn that the mail could not be sent.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from embassy import limits
from embassy.core.mailboxes import folded
from embassy.core.mailforms import SEND_ERRORS
from embassy.missions.middleware import mission_of
from embassy.pagecache.middleware import no_page_cache

from . import tokens
from .forms import FIELD_OF_KIND, SubscribeForm
from .mail import ONE_CLICK, confirmation_message
from .models import Frequency, Kind, Subscription

logger = logging.getLogger(__name__)

REQUESTED_KEY = "alerts_requested"
# At most one confirmation mail an hour to one inbox, however many requests name it and however
# it is spelled ("+tag", case: embassy.core.mailboxes.folded, as every mail limit counts).
CONFIRMATION_GAP = 60 * 60


class OverLimit(Exception):
    pass


def count_request(request, email):
    """Count one subscription request against the client and the address, or raise OverLimit."""
    limit = settings.ALERTS_RATE_LIMIT["requests"]
    period = settings.ALERTS_RATE_LIMIT["period"]
    keys = [
        limits.window_key("alerts:client", limits.client_address(request), period),
        limits.window_key("alerts:address", folded(email), period),
    ]
    over = [limits.add(key, 1, period) > limit for key in keys]
    if any(over):
        raise OverLimit


def form_initial(request):
    """What the form's page starts with: ?kind=topic&topic=climate (as the list pages' forms
    name it) chooses the kind and what it follows."""
    kind = request.GET.get("kind", Kind.BRIEFINGS)
    return {
        "kind": kind if kind in Kind.values else Kind.BRIEFINGS,
        **{field: request.GET.get(field, "") for field in FIELD_OF_KIND.values()},
        "language": request.GET.get("language", request.LANGUAGE_CODE),
        "frequency": Frequency.IMMEDIATE,
    }


def render_form(request, form, status=200, problem=None):
    return render(
        request, "alerts/subscribe_form.html", {"form": form, "problem": problem}, status=status
    )


# No CSRF token, on purpose: the short form sits on the list pages, and a token would set a
# cookie that keeps them out of the page cache. A forged POST can do no more than a direct
# one: ask for a confirmation mail, at most one an hour per address, within the limits per
# client and per address; nothing is stored until the reader confirms (a CSRF-checked POST).
@csrf_exempt
@no_page_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        return render_form(request, SubscribeForm(initial=form_initial(request)))
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        if form.is_bot:
            logger.info("Subscription refused: the honeypot was filled")
        return render_form(request, form, status=400)
    wanted = {**form.request(), "mission": mission_of(request).pk}
    confirmation_key = limits.key("alerts:confirmation", folded(wanted["email"]))
    try:
        count_request(request, wanted["email"])
        first_this_hour = limits.counts().add(confirmation_key, 1, CONFIRMATION_GAP)
    except OverLimit:
        problem = _("You have asked for too many alerts this hour. Please try again later.")
        return render_form(request, form, status=429, problem=problem)
    except Exception:
        logger.exception("The cache holding the alerts' limits failed")
        problem = _("Alerts cannot be set up right now. Nothing was sent; please try again later.")
        return render_form(request, form, status=503, problem=problem)
    if first_this_hour:
        description = str(Subscription.from_request(wanted))
        try:
            confirmation_message(request, wanted, description).send()
        except SEND_ERRORS:
            logger.exception("Could not send an alert confirmation")
            limits.counts().delete(confirmation_key)
            problem = _(
                "The confirmation mail could not be sent. Nothing was kept; "
                "please try again in a few minutes."
            )
            return render_form(request, form, status=503, problem=problem)
    # The same answer either way: whether a mail went out this hour is not for a stranger.
    request.session[REQUESTED_KEY] = True
    return redirect("alerts:requested")


@no_page_cache
def requested(request):
    if not request.session.pop(REQUESTED_KEY, False):
        # Nothing was asked from this browser: the form to ask.
        return render_form(request, SubscribeForm(initial=form_initial(request)))
    hours = int(tokens.CONFIRM_MAX_AGE.total_seconds() // 3600)
    return render(request, "alerts/subscription_requested.html", {"hours": hours})


def bad_link(request, error):
    return render(request, "alerts/bad_link.html", {"expired": error.expired}, status=400)


# The pages behind a link name its reader's address: never stored in the shared page cache.
@no_page_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    try:
        wanted = tokens.read_confirm(token)
        subscription = Subscription.from_request(wanted)
    except tokens.BadToken as error:
        return bad_link(request, error)
    except LookupError:
        # What it follows was removed since the mail was sent.
        return bad_link(request, tokens.BadToken())
    if request.method == "GET":
        # A button, not the GET itself: mail scanners that open links confirm nothing.
        return render(request, "alerts/confirm.html", {"subscription": subscription})
    with transaction.atomic():
        subscription = Subscription.objects.confirm(subscription)
    return render(
        request,
        "alerts/confirmed.html",
        {
            "subscription": subscription,
            "manage_token": tokens.manage_token(subscription.email),
        },
    )


@csrf_exempt  # RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click", with no form
@no_page_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        pk = tokens.read_unsubscribe(token)
    except tokens.BadToken as error:
        return bad_link(request, error)
    subscription = Subscription.objects.filter(pk=pk).first()
    if request.method == "GET":
        return render(request, "alerts/unsubscribe.html", {"subscription": subscription})
    if request.POST.get("List-Unsubscribe") not in (None, ONE_CLICK.partition("=")[2]):
        logger.info("An unsubscribe POST with an unexpected List-Unsubscribe value")
    if subscription is not None:
        subscription.delete()
    return render(request, "alerts/unsubscribed.html", {"subscription": subscription})


@no_page_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    try:
        email = tokens.read_manage(token)
    except tokens.BadToken as error:
        return bad_link(request, error)
    subscriptions = Subscription.objects.of_address(email)
    removed = 0
    if request.method == "POST":
        chosen = subscriptions
        if "all" not in request.POST:
            picked = [pk for pk in request.POST.getlist("remove") if pk.isascii() and pk.isdigit()]
            chosen = subscriptions.filter(pk__in=picked)
        removed = len(chosen.values_list("pk", flat=True))
        chosen.delete()
    return render(
        request,
        "alerts/manage.html",
        {
            "email": email,
            "subscriptions": subscriptions.select_related("topic", "outlet", "spokesperson"),
            "removed": removed,
            "token": token,
        },
    )
