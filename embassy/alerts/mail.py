"""The alerts' mail: the confirmation, and the alert itself (one briefing, or a digest of
several), each alert with its unsubscribe link and the RFC 8058 headers."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from embassy.core import content, generation
from embassy.siteinfo.models import SiteProfile

from . import tokens

ONE_CLICK = "List-Unsubscribe=One-Click"


def site_address(subscription, path):
    """`path` on the site of the subscription's mission."""
    return subscription.mission.address(path)


def one_line(text):
    return " ".join(str(text).split())


def confirmation_message(request, subscription_request, description):
    """The mail that asks the reader to confirm, in the reader's language and naming the
    embassy in it. Built from the request's host, like the suggestion mail; nothing in it comes
    from a stored row but the embassy's name."""
    token = tokens.confirm_token(subscription_request)
    language = subscription_request["language"]
    profile = SiteProfile.of_request(request)
    context = {
        "description": description,
        "confirm_url": request.build_absolute_uri(reverse("alerts:confirm", args=[token])),
        "hours": int(tokens.CONFIRM_MAX_AGE.total_seconds() // 3600),
        "site_name": profile.name_in(language),
        "site_url": request.build_absolute_uri("/"),
    }
    with translation.override(language):
        return EmailMessage(
            subject=one_line(_("Confirm your alert: %(alert)s") % {"alert": description}),
            body=render_to_string("alerts/confirmation_mail.txt", context),
            from_email=profile.sender(language),
            to=[subscription_request["email"]],
        )


def alert_message(subscription, items, connection=None):
    """The alert for `items`: [(briefing, [exchanges it is about])], newest last, in the
    subscription's language and naming the embassy in it (the profile is read once per content
    generation, not once a mail)."""
    scope = content.mission_scope(subscription.mission_id)
    profile = SiteProfile.of_mission(subscription.mission_id, generation.current_or_none(scope))
    unsubscribe_url = site_address(
        subscription, reverse("alerts:unsubscribe", args=[tokens.unsubscribe_token(subscription)])
    )
    context = {
        "subscription": subscription,
        "items": [
            (
                briefing,
                site_address(subscription, briefing.get_absolute_url()),
                [
                    (exchange, site_address(subscription, exchange.get_absolute_url()))
                    for exchange in exchanges
                ],
            )
            for briefing, exchanges in items
        ],
        "unsubscribe_url": unsubscribe_url,
        "manage_url": site_address(
            subscription, reverse("alerts:manage", args=[tokens.manage_token(subscription.email)])
        ),
        "site_name": profile.name_in(subscription.language),
    }
    with translation.override(subscription.language):
        if len(items) == 1:
            subject = f"{subscription}: {items[0][0].title}"
        else:
            subject = ngettext(
                "%(alert)s: %(count)s new briefing",
                "%(alert)s: %(count)s new briefings",
                len(items),
            ) % {"alert": subscription, "count": len(items)}
        body = render_to_string("alerts/alert_mail.txt", context)
    return EmailMessage(
        subject=one_line(subject),
        body=body,
        from_email=profile.sender(subscription.language),
        to=[subscription.email],
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": ONE_CLICK},
        connection=connection,
    )
