"""The admin's "Import transcript" page: paste or upload, check the preview, confirm.

Step 1 takes the transcript (pasted, or a .txt/.html file) and the section; step 2 shows what
was understood, with the title, date and spokesperson editable. Between the steps the
transcript waits in the staff member's session (the preview form carries only a random token
naming it, so a 2 MB transcript is not posted back, past the request size limit), and is
parsed again on every switch and on confirmation: the preview is never trusted.
"""

import dataclasses
import datetime
import json
import secrets
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from embassy.history.recording import revision
from embassy.languages.models import language_name
from embassy.pages.dates import in_range, validate_in_range
from embassy.pages.publishing import Status
from sections.models import Section

from .importing import (
    MAX_TRANSCRIPT_BYTES,
    REMARKS_SECTION_SLUG,
    TranscriptError,
    aware,
    check_size,
    decode_transcript,
    find_duplicate,
    likely_original,
    matching_outlets,
    matching_spokespeople,
    name_key,
    read_transcript,
    save_briefing,
    transcript_language,
    translation_problem,
)
from .models import Briefing, Exchange, Outlet, Spokesperson, paragraphs
from .parsing import OFFICIAL, QUESTIONER, ROLES, SPOKESPERSON

UPLOAD_SUFFIXES = {".txt", ".html", ".htm"}
# The briefings offered as the one a transcript translates: held this many days either side.
NEARBY_DAYS = 3
NEW_SPOKESPERSON = "new"
# How the preview names what the parser took each speaker for.
ROLE_NAMES = {
    SPOKESPERSON: gettext_lazy("spokesperson"),
    OFFICIAL: gettext_lazy("other official"),
    QUESTIONER: gettext_lazy("questioner"),
}
# An import adds the briefing, its exchanges, and any outlet or spokesperson not known yet.
IMPORT_PERMISSIONS = [
    f"{model._meta.app_label}.{get_permission_codename('add', model._meta)}"
    for model in (Briefing, Exchange, Outlet, Spokesperson)
]


# The transcript being previewed, in the session: {"token": ..., "text": ...}. One at a time:
# previewing another replaces it, confirming removes it.
PENDING_KEY = "transcripts:pending-import"
EXPIRED = gettext_lazy(
    "This preview is no longer open (it was imported already, or another one was started "
    "since): paste or upload the transcript again."
)


def keep_pending(session, text):
    token = secrets.token_urlsafe(16)
    session[PENDING_KEY] = {"token": token, "text": text}
    return token


def pending_text(session, token):
    """The transcript previewed under `token`, or None if that preview is not open."""
    pending = session.get(PENDING_KEY) or {}
    if token and secrets.compare_digest(str(pending.get("token", "")), str(token)):
        return pending["text"]
    return None


def may_import(user):
    """All four, whatever the transcript: who may import should not depend on what it names."""
    return user.has_perms(IMPORT_PERMISSIONS)


def default_section():
    return Section.objects.filter(slug=REMARKS_SECTION_SLUG).first()


class TranscriptForm(forms.Form):
    """Step 1: the transcript and where it goes."""

    text = forms.CharField(
        label=gettext_lazy("Transcript"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 20, "cols": 100, "class": "vLargeTextField"}),
        help_text=gettext_lazy(
            "Paste the whole page if you like: the menu, breadcrumb and footer are left out."
        ),
    )
    file = forms.FileField(
        label=gettext_lazy("Or upload a file"),
        required=False,
        help_text=format_lazy(
            gettext_lazy("A .txt or .html file in UTF-8, at most {megabytes} MB."),
            megabytes=MAX_TRANSCRIPT_BYTES // 1024 // 1024,
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(sorted(UPLOAD_SUFFIXES))}),
    )
    section = forms.ModelChoiceField(label=gettext_lazy("Section"), queryset=Section.objects.all())
    spokesperson = forms.ModelChoiceField(
        label=gettext_lazy("Spokesperson"),
        queryset=Spokesperson.objects.all(),
        required=False,
        empty_label=gettext_lazy("As named in the transcript"),
        help_text=gettext_lazy("You can still change it on the next page."),
    )

    def clean(self):
        cleaned = super().clean()
        if self.has_error("text") or self.has_error("file"):
            return cleaned
        text, upload = cleaned.get("text") or "", cleaned.get("file")
        if upload and text.strip():
            raise forms.ValidationError(_("Paste the text or upload a file, not both."))
        field = "text"
        if upload:
            field = "file"
            text = self.read_upload(upload)
            if text is None:
                return cleaned
        try:
            cleaned["parsed"] = read_transcript(text)
        except TranscriptError as error:
            self.add_error(field, str(error))
            return cleaned
        cleaned["transcript"] = text
        return cleaned

    def read_upload(self, upload):
        if Path(upload.name).suffix.lower() not in UPLOAD_SUFFIXES:
            self.add_error("file", f"“{upload.name}” is not a .txt or .html file.")
            return None
        try:
            # Checked before reading it: a huge upload is not worth holding in memory.
            check_size(upload.size)
            return decode_transcript(upload.read())
        except TranscriptError as error:
            self.add_error("file", f"{upload.name}: {error}")
            return None


def read_roles(value):
    """Staff's choices of role, {label: role}, as the preview carries them; ValueError if bad."""
    if not value:
        return {}
    roles = json.loads(value)
    if not isinstance(roles, dict) or not all(
        isinstance(label, str) and role in ROLES for label, role in roles.items()
    ):
        raise ValueError("not a mapping of labels to roles")
    return roles


class ConfirmForm(forms.Form):
    """Step 2: what the parser understood, editable where staff may know better."""

    # Who is who, where staff switched the parser's guess (cleaned before the transcript, which
    # is read with it).
    roles = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
    pending = forms.CharField(widget=forms.HiddenInput)
    title = forms.CharField(
        label=gettext_lazy("Title"), max_length=Briefing._meta.get_field("title").max_length
    )
    held_at = forms.DateTimeField(
        label=gettext_lazy("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=gettext_lazy("As dated on the transcript, in the site's time zone."),
        validators=[validate_in_range],
    )
    section = forms.ModelChoiceField(label=gettext_lazy("Section"), queryset=Section.objects.all())
    spokesperson = forms.ChoiceField(label=gettext_lazy("Spokesperson"))
    new_spokesperson = forms.CharField(
        label=gettext_lazy("New spokesperson's name"),
        required=False,
        max_length=Spokesperson._meta.get_field("name").max_length,
        help_text=gettext_lazy("Used when “Create new” is chosen above."),
    )
    import_duplicate = forms.BooleanField(
        label=gettext_lazy("Import it anyway, as a second briefing"), required=False
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        help_text=gettext_lazy("The language the transcript is written in."),
    )
    translation_of = forms.ModelChoiceField(
        label=gettext_lazy("Translation of"),
        queryset=Briefing.objects.all(),
        required=False,
        empty_label=gettext_lazy("None: a briefing of its own"),
        help_text=gettext_lazy(
            "The same press conference already here in another language: the new "
            "briefing becomes its version in the language above (“Also in”, side by side)."
        ),
    )

    def __init__(self, *args, transcript=None, detected_name="", detected=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.transcript = transcript  # from the session, never from the form
        self.spokespeople = {str(s.pk): s for s in Spokesperson.objects.all()}
        new_label = (
            _("Create new: %(name)s") % {"name": detected_name}
            if detected_name
            else _("Create new (name below)")
        )
        self.fields["spokesperson"].choices = [(NEW_SPOKESPERSON, new_label)] + [
            (pk, s.name) for pk, s in self.spokespeople.items()
        ]
        self.fields["language"].choices = settings.LANGUAGES
        if detected is not None:
            self.fields["language"].help_text = _(
                "Detected from the text: %(language)s. Choose another if it is wrong."
            ) % {"language": language_name(transcript_language(detected))}
            self.offer_originals(detected)

    def offer_originals(self, parsed):
        """The briefings held within a few days of the transcript's date, to choose from (all
        of them would make a select of thousands); any briefing is accepted when posted."""
        choices = [("", self.fields["translation_of"].empty_label)]
        if parsed.held_at is not None and in_range(parsed.held_at):
            day = timezone.localtime(aware(parsed.held_at)).date()
            nearby = Briefing.objects.between_days(
                day - datetime.timedelta(days=NEARBY_DAYS),
                day + datetime.timedelta(days=NEARBY_DAYS),
            ).order_by("held_at", "pk")
            choices += [
                (
                    briefing.pk,
                    f"{briefing.title} ({briefing.language_name}, "
                    f"{timezone.localtime(briefing.held_at):%Y-%m-%d})",
                )
                for briefing in nearby
            ]
        self.fields["translation_of"].widget.choices = choices

    def clean_roles(self):
        try:
            return read_roles(self.cleaned_data["roles"])
        except ValueError:
            raise forms.ValidationError(
                _("The speakers' roles could not be read; go back to the text and preview again.")
            ) from None

    def clean_pending(self):
        if self.transcript is None:
            raise forms.ValidationError(EXPIRED)
        try:
            self.parsed = read_transcript(self.transcript, self.cleaned_data.get("roles"))
        except TranscriptError as error:
            raise forms.ValidationError(str(error)) from None
        return self.cleaned_data["pending"]

    def clean_spokesperson(self):
        choice = self.cleaned_data["spokesperson"]
        return None if choice == NEW_SPOKESPERSON else self.spokespeople[choice]

    def clean(self):
        cleaned = super().clean()
        if (
            "spokesperson" in cleaned
            and cleaned["spokesperson"] is None
            and not cleaned.get("new_spokesperson", "").strip()
        ):
            self.add_error(
                "new_spokesperson", _("Enter the new spokesperson's name, or choose one.")
            )
        original, language = cleaned.get("translation_of"), cleaned.get("language")
        if (
            original is not None
            and language
            and (problem := translation_problem(original, language))
        ):
            self.add_error("translation_of", problem)
        title, held_at = cleaned.get("title"), cleaned.get("held_at")
        if title and held_at and not cleaned.get("import_duplicate"):
            duplicate = find_duplicate(title, held_at)
            if duplicate:
                self.add_error(
                    "import_duplicate",
                    format_html(
                        _(
                            "“{}” of that day is already here (<a href='{}'>see it</a>). "
                            "Tick this box to import it anyway."
                        ),
                        duplicate.title,
                        reverse("admin:transcripts_briefing_change", args=[duplicate.pk]),
                    ),
                )
        return cleaned

    def save(self):
        """The draft briefing with all its exchanges, in one transaction."""
        data = self.cleaned_data
        parsed = dataclasses.replace(
            self.parsed,
            title=data["title"],
            held_at=data["held_at"],
            spokesperson=" ".join(data["new_spokesperson"].split()) or self.parsed.spokesperson,
        )
        return save_briefing(
            parsed,
            section=data["section"],
            spokesperson=data["spokesperson"],
            status=Status.DRAFT,
            language=data["language"],
            translation_of=data["translation_of"],
        )


class ImportTranscriptView(View):
    model_admin = None
    step1_template = "admin/transcripts/briefing/import_transcript.html"
    step2_template = "admin/transcripts/briefing/import_preview.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.step1(TranscriptForm(initial={"section": default_section()}))

    def post(self, request):
        step = request.POST.get("step")
        if "switch" in request.POST:
            return self.switch()
        if step == "confirm":
            return self.confirm()
        if step == "edit":
            # Back to step 1 with the text as it was: nothing typed is lost.
            data = request.POST
            text = pending_text(request.session, data.get("pending")) or ""
            return self.step1(
                TranscriptForm(initial={"text": text, "section": data.get("section")})
            )
        form = TranscriptForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.step1(form)
        parsed = form.cleaned_data["parsed"]
        chosen = form.cleaned_data["spokesperson"]
        detected = matching_spokespeople([parsed.spokesperson]).get(name_key(parsed.spokesperson))
        spokesperson = chosen or detected
        language = transcript_language(parsed)
        original = likely_original(parsed, language)
        confirm = ConfirmForm(
            detected_name=parsed.spokesperson,
            detected=parsed,
            initial={
                "language": language,
                "translation_of": original.pk if original else "",
                "pending": keep_pending(request.session, form.cleaned_data["transcript"]),
                "title": parsed.title,
                "held_at": parsed.held_at,
                "section": form.cleaned_data["section"],
                "spokesperson": str(spokesperson.pk) if spokesperson else NEW_SPOKESPERSON,
                "new_spokesperson": parsed.spokesperson,
            },
        )
        return self.step2(confirm, parsed)

    def switch(self):
        """One click on a speaker's new role: the same preview, read again with it."""
        data = self.request.POST
        role, _space, label = data.get("switch", "").partition(" ")
        try:
            roles = read_roles(data.get("roles", ""))
        except ValueError:
            roles = None
        text = pending_text(self.request.session, data.get("pending"))
        parsed = read_transcript_or_none(text, roles or {}) if text is not None else None
        if roles is None or parsed is None or role not in ROLES:
            # Nothing usable came back: start again from the text.
            return self.step1(self.start_again(text, data.get("section")))
        switched = read_transcript_or_none(text, {**roles, label: role})
        if switched is None:
            messages.error(
                self.request,
                _(
                    "With “%(label)s” as %(role)s, no question and answer would be left; "
                    "the roles are as they were."
                )
                % {"label": label, "role": ROLE_NAMES[role]},
            )
        else:
            roles[label], parsed = role, switched
        # What staff typed in the preview stays as typed.
        kept = ["pending", "title", "held_at", "section", "spokesperson", "new_spokesperson"]
        kept += ["language", "translation_of"]
        initial = {name: data.get(name, "") for name in kept}
        initial["roles"] = json.dumps(roles, ensure_ascii=False)
        confirm = ConfirmForm(detected_name=parsed.spokesperson, detected=parsed, initial=initial)
        return self.step2(confirm, parsed)

    def confirm(self):
        request = self.request
        try:
            roles = read_roles(request.POST.get("roles", ""))
        except ValueError:
            roles = {}
        text = pending_text(request.session, request.POST.get("pending"))
        detected = read_transcript_or_none(text, roles) if text is not None else None
        form = ConfirmForm(
            request.POST,
            transcript=text,
            detected_name=detected.spokesperson if detected else "",
            detected=detected,
        )
        if not form.is_valid():
            if detected is None:
                # The previewed transcript is gone or unusable: start again from the text.
                return self.step1(self.start_again(text, request.POST.get("section")))
            return self.step2(form, detected)
        with revision(request.user, "Imported from a transcript (admin)."):
            briefing = form.save()
        request.session.pop(PENDING_KEY, None)
        may_change = self.model_admin.has_change_permission(request, briefing)
        messages.success(
            request,
            format_html(
                _("Imported “{}” as a draft with {} exchanges. {}"),
                briefing.title,
                len(form.parsed.exchanges),
                _("Check it, then publish it.")
                if may_change
                else _("Someone who may change briefings can check and publish it."),
            ),
        )
        # Importing needs no permission to change briefings; without it the change page is a 403.
        if may_change:
            return redirect("admin:transcripts_briefing_change", briefing.pk)
        if self.model_admin.has_view_permission(request):
            return redirect("admin:transcripts_briefing_changelist")
        return redirect("admin:index")

    @staticmethod
    def start_again(text, section):
        """Step 1 with the text and its error, or saying the preview is no longer open."""
        step1 = TranscriptForm({"text": text or "", "section": section})
        step1.is_valid()
        if text is None:
            step1.errors.clear()
            step1.add_error("text", EXPIRED)
        return step1

    def context(self, **extra):
        opts = Briefing._meta
        return {
            **self.model_admin.admin_site.each_context(self.request),
            "opts": opts,
            "app_label": opts.app_label,
            "has_view_permission": self.model_admin.has_view_permission(self.request),
            "title": _("Import transcript"),
            **extra,
        }

    def step1(self, form):
        admin_form = helpers.AdminForm(
            form, [(None, {"fields": ["text", "file", "section", "spokesperson"]})], {}
        )
        return TemplateResponse(
            self.request,
            self.step1_template,
            self.context(form=form, adminform=admin_form, media=form.media),
        )

    def step2(self, form, parsed):
        outlets = matching_outlets(e.questioner for e in parsed.exchanges)
        known_people = matching_spokespeople(
            [parsed.spokesperson, *(e.responder for e in parsed.exchanges)]
        )
        exchanges = [
            {
                "position": position,
                "questioner": exchange.questioner,
                "outlet_is_new": exchange.questioner.strip() != ""
                and name_key(exchange.questioner) not in outlets,
                "responder": exchange.responder,
                "responder_role": ROLE_NAMES[
                    SPOKESPERSON if exchange.responder == parsed.spokesperson else OFFICIAL
                ],
                # The spokesperson's own "new" is said once, at the top.
                "responder_is_new": exchange.responder.strip() not in {"", parsed.spokesperson}
                and name_key(exchange.responder) not in known_people,
                "question_paragraphs": paragraphs(exchange.question),
                "answer_paragraphs": paragraphs(exchange.answer),
            }
            for position, exchange in enumerate(parsed.exchanges, start=1)
        ]
        title, held_at = form_value(form, "title"), form_value(form, "held_at")
        duplicate = None
        # An out-of-range date (from the file) is shown for staff to correct, not looked up.
        if title and held_at and not isinstance(held_at, str) and in_range(held_at):
            duplicate = find_duplicate(title, held_at)
        admin_form = helpers.AdminForm(
            form,
            [
                (None, {"fields": ["title", "held_at", "section"]}),
                (_("Spokesperson"), {"fields": ["spokesperson", "new_spokesperson"]}),
                (_("Language"), {"fields": ["language", "translation_of"]}),
            ],
            {},
        )
        return TemplateResponse(
            self.request,
            self.step2_template,
            self.context(
                form=form,
                adminform=admin_form,
                media=form.media,
                parsed=parsed,
                exchanges=exchanges,
                preamble_paragraphs=paragraphs(parsed.preamble),
                speakers=[
                    {
                        "label": speaker.label,
                        "name": speaker.name,
                        "role": ROLE_NAMES[speaker.role],
                        "turns": speaker.turns,
                        "switches": [
                            (f"{role} {speaker.label}", ROLE_NAMES[role])
                            for role in ROLES
                            if role != speaker.role
                        ],
                    }
                    for speaker in parsed.speakers
                ],
                new_outlets=sorted({e["questioner"] for e in exchanges if e["outlet_is_new"]}),
                duplicate=duplicate,
                spokesperson_known=name_key(parsed.spokesperson) in known_people,
            ),
        )


def read_transcript_or_none(text, roles=None):
    try:
        return read_transcript(text, roles)
    except TranscriptError:
        return None


def form_value(form, name):
    """The field's cleaned value when the form was checked, else its initial value."""
    if form.is_bound:
        return getattr(form, "cleaned_data", {}).get(name)
    return form.initial.get(name)
