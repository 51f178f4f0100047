"""The staff sign-in's own pages: the lock-out, the second factor, its invitation and enrolment."""

import base64

import django_otp
import segno
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from . import invitations, second_factor

# 429 Too Many Requests: the client may try again later, and monitoring can tell it from a 403.
LOCKED_OUT_STATUS = 429


def signed_in_with_second_factor(request, device):
    """The code was right: the session is verified, under a new key.

    A session key seen before this step (on a shared computer, in a log) must not carry the
    verified session.
    """
    django_otp.login(request, device)
    request.session.cycle_key()


def locked_out(request, original_response, credentials):
    """django-axes' lock-out answer (AXES_LOCKOUT_CALLABLE), as an admin page."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {**admin.site.each_context(request), "title": _("Signing in is paused")}
    context["cooloff_minutes"] = minutes
    response = TemplateResponse(
        request, "signin/locked_out.html", context, status=LOCKED_OUT_STATUS
    )
    response["Retry-After"] = str(minutes * 60)
    return response.render()


class CodeForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class StaffPage(LoginRequiredMixin, View):
    """A page for a signed-in staff member whose second factor is still to be given."""

    login_url = reverse_lazy("admin:login")
    template_name = None
    title = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_staff:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def next_url(self):
        url = self.request.POST.get(REDIRECT_FIELD_NAME) or self.request.GET.get(
            REDIRECT_FIELD_NAME, ""
        )
        safe = url_has_allowed_host_and_scheme(
            url, {self.request.get_host()}, self.request.is_secure()
        )
        return url if safe else reverse("admin:index")

    def render(self, status=200, **context):
        context = {
            **admin.site.each_context(self.request),
            "title": self.title,
            "next": self.next_url(),
            **context,
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)


class SecondFactorView(StaffPage):
    """ "Enter the code from your app (or a recovery code)", after the password."""

    template_name = "signin/second_factor.html"
    title = gettext_lazy("Second step: your code")

    def get(self, request):
        if not second_factor.has_app(request.user):
            return redirect(f"{reverse('signin:enrol')}?{request.GET.urlencode()}")
        return self.render(form=CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_valid():
            device = second_factor.verified_device(request.user, form.cleaned_data["token"])
            if device is not None:
                signed_in_with_second_factor(request, device)
                return redirect(self.next_url())
            form.add_error(
                "token",
                _(
                    "That code is not right (or was already used). Codes change every 30 "
                    "seconds; after several wrong ones, wait a little before the next try."
                ),
            )
        return self.render(form=form, status=400)


def grouped(secret):
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


class EnrolView(StaffPage):
    """Set up the authenticator app: its QR code and key, then its first code."""

    template_name = "signin/enrol.html"
    title = gettext_lazy("Set up your second factor")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and second_factor.has_app(request.user):
            # Replacing an app takes a reset by a superuser: a password alone must not do it.
            return redirect(f"{reverse('signin:second-factor')}?{request.GET.urlencode()}")
        if request.user.is_authenticated and not invitations.admitted(request):
            # A password alone must not see the key: the mailed invitation is needed too.
            self.template_name = "signin/invitation_needed.html"
            self.title = _("Open your invitation first")
            if not request.user.is_staff:
                raise PermissionDenied
            return self.render(status=403, hours=settings.SIGNIN_INVITATION_HOURS)
        return super().dispatch(request, *args, **kwargs)

    def device_context(self, device):
        url = device.config_url
        return {
            # Inline SVG: no image address to allow in the Content-Security-Policy.
            "qr_svg": mark_safe(segno.make(url, error="m").svg_inline(scale=4, border=2)),
            "secret": grouped(base64.b32encode(device.bin_key).decode()),
        }

    def get(self, request):
        device = second_factor.pending_app(request.user)
        return self.render(form=CodeForm(), **self.device_context(device))

    def post(self, request):
        device = second_factor.pending_app(request.user)
        form = CodeForm(request.POST)
        status = 400
        if form.is_valid():
            allowed, _details = device.verify_is_allowed()
            codes = allowed and second_factor.confirm_app(device, form.cleaned_data["token"])
            if codes:
                invitations.spend(request)
                signed_in_with_second_factor(request, device)
                self.template_name = "signin/recovery_codes.html"
                self.title = _("Your recovery codes")
                return self.render(codes=codes)
            if allowed:
                form.add_error(
                    "token",
                    _(
                        "That code is not right: check the app's clock and retry. After "
                        "several wrong ones, wait a little before the next try."
                    ),
                )
            else:
                # django-otp's pause after a wrong code (1 s, then doubling), as at sign-in.
                status = LOCKED_OUT_STATUS
                form.add_error(
                    "token",
                    _("Too many wrong codes in a row: wait a few seconds, then try again."),
                )
        return self.render(form=form, status=status, **self.device_context(device))


class InvitationView(StaffPage):
    """The mailed link: opened while signed in as its addressee, it opens the enrolment."""

    template_name = "signin/invitation_invalid.html"
    title = gettext_lazy("This invitation cannot be used")

    def get(self, request, token):
        if second_factor.has_app(request.user):
            return redirect("signin:second-factor")
        if invitations.accept(request, token):
            return redirect(f"{reverse('signin:enrol')}?next={reverse('admin:index')}")
        return self.render(status=404, hours=settings.SIGNIN_INVITATION_HOURS)
