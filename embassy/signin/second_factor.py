"""The second factor for staff: a TOTP app (RFC 6238), with one-time recovery codes.

django-otp keeps the devices and checks the codes (with its throttle on wrong ones); this module
decides who needs one and what an account that signed in with a password alone may reach.
STAFF_REQUIRE_SECOND_FACTOR (on in production) turns it on for every staff account.
"""

import django_otp
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10
# Where a staff member without the second factor may still go: these pages, and signing out
# (or in as someone else).
OPEN_VIEWS = {
    "signin:second-factor",
    "signin:enrol",
    "signin:invitation",
    "admin:logout",
    "admin:login",
}


def required_for(user):
    return bool(settings.STAFF_REQUIRE_SECOND_FACTOR and user.is_authenticated and user.is_staff)


def has_app(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_app(user):
    """The user's app device waiting for its first code, made on the first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def verified_device(user, token):
    """The device of `user` that accepts `token` (app code or recovery code), or None.

    Each device is checked on its own, so django-otp's throttle (a growing delay after each wrong
    code) holds per device. A recovery code is spent when used.
    """
    token = "".join(token.split())
    for device in django_otp.devices_for_user(user):
        if django_otp.verify_token(user, device.persistent_id, token):
            return device
    return None


@transaction.atomic
def confirm_app(device, token):
    """Confirm the pending app device with its first code; then the recovery codes, new.

    Returns the recovery codes (to be shown once), or None when the code is wrong.
    """
    if not device.verify_token("".join(token.split())):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


def new_recovery_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    return codes


@transaction.atomic
def reset(user):
    """Forget the user's app and recovery codes: at the next sign-in they enrol again."""
    deleted = 0
    for model in (TOTPDevice, StaticDevice):
        deleted += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
    return deleted


class SecondFactorMiddleware:
    """Staff who signed in with a password alone reach only the second-factor pages.

    In the admin they are sent to enter their code (or to enrol); on the public site they count
    as visitors, so that a stolen password shows no drafts. After django-otp's OTPMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not required_for(user) or user.is_verified():
            return None
        match = request.resolver_match
        if match.view_name in OPEN_VIEWS:
            return None
        if "admin" in match.namespaces:
            page = "signin:second-factor" if has_app(user) else "signin:enrol"
            return redirect(f"{reverse(page)}?{urlencode({'next': request.get_full_path()})}")
        request.user = AnonymousUser()
        return None
