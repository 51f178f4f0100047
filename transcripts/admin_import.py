"""The admin's "Import transcript" page: paste or upload, check the preview, confirm.

Step 1 takes the transcript (pasted, or a .txt/.html file) and the section; step 2 shows what
was understood, with the title, date and spokesperson editable, and every exchange: its
outlet, question, answer and who answered, which staff correct, split, merge and move
paragraphs between before confirming, and the other officials' names and titles. Between the
steps the transcript waits in the staff member's session (the preview form carries only a
random token naming it, so a 2 MB transcript is not posted back, past the request size limit),
and is parsed again on every switch and on confirmation; what staff typed into the exchanges is
text like any form's, checked again on confirmation.
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
from django.utils.translation import gettext_lazy, gettext_noop
from django.views import View

from embassy.history.recording import revision
from embassy.languages.models import language_name
from embassy.missions.staff import changeable, is_ministry_staff, seen
from embassy.pages.dates import in_range, validate_in_range
from embassy.pages.publishing import Status
from sections.models import Section

from .importing import (
    MAX_EXCHANGES,
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
from .parsing import OFFICIAL, PARAGRAPH_SEPARATOR, QUESTIONER, ROLES, SPOKESPERSON, ParsedExchange

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


def default_section(sections=None):
    return (
        (Section.objects.all() if sections is None else sections)
        .filter(slug=REMARKS_SECTION_SLUG)
        .first()
    )


def staff_sections(staff):
    """The sections `staff` may import into: their mission's (every one, for the ministry's)."""
    return changeable(Section.objects.all(), staff) if staff is not None else Section.objects.all()


def staff_briefings(staff):
    """The briefings `staff` sees: their mission's and the ministry's (every one, for the
    ministry's staff)."""
    return seen(Briefing.objects.all(), staff) if staff is not None else Briefing.objects.all()


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

    def __init__(self, *args, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = staff_sections(staff)

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


# Typed on a line of its own in a question or answer, where the second exchange starts; the
# exchange's "Split" button then cuts it there.
SPLIT_MARKER = "---"


def joined(parts):
    return PARAGRAPH_SEPARATOR.join(part for part in parts if part)


class PreviewExchangeForm(forms.Form):
    """One exchange of the preview as staff correct it."""

    questioner = forms.CharField(
        label=gettext_lazy("Outlet"),
        required=False,
        max_length=Outlet._meta.get_field("name").max_length,
        help_text=gettext_lazy("Empty when the transcript does not name the questioner."),
    )
    question = forms.CharField(
        label=gettext_lazy("Question"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
    )
    responder = forms.CharField(
        label=gettext_lazy("Answered by"),
        required=False,
        max_length=Spokesperson._meta.get_field("name").max_length,
    )
    answer = forms.CharField(
        label=gettext_lazy("Answer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text=gettext_lazy("Leave empty when no answer was given: the page says so."),
    )

    def clean_question(self):
        return joined(paragraphs(self.cleaned_data["question"]))

    def clean_answer(self):
        return joined(paragraphs(self.cleaned_data["answer"]))

    def clean_questioner(self):
        return " ".join(self.cleaned_data["questioner"].split())

    def clean_responder(self):
        return " ".join(self.cleaned_data["responder"].split())

    def exchange(self):
        data = self.cleaned_data
        return ParsedExchange(
            questioner=data["questioner"],
            question=data["question"],
            answer=data["answer"],
            responder=data["responder"],
        )


class PreviewExchangeFormSet(forms.BaseFormSet):
    def exchanges(self):
        return [form.exchange() for form in self.forms]

    def check_questions(self):
        """On confirmation: an exchange without a question is not one (the change form would
        refuse it). Returns whether every exchange has its question."""
        complete = True
        for form in self.forms:
            if not form.cleaned_data.get("question"):
                form.add_error(
                    "question",
                    _(
                        "Type the question, or merge this exchange into the one before "
                        "(with the “Merge with the next” button of the one before)."
                    ),
                )
                complete = False
        return complete


ExchangeFormSet = forms.formset_factory(
    PreviewExchangeForm,
    formset=PreviewExchangeFormSet,
    extra=0,
    max_num=MAX_EXCHANGES,
    validate_max=True,
    absolute_max=MAX_EXCHANGES,
)
EXCHANGES_PREFIX = "exchange"


class OfficialForm(forms.Form):
    """Someone other than the spokesperson who answers, named in full with their title."""

    found = forms.CharField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(
        label=gettext_lazy("Name"), max_length=Spokesperson._meta.get_field("name").max_length
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        required=False,
        max_length=Spokesperson._meta.get_field("role").max_length,
        help_text=gettext_lazy("For example “National Security Advisor”."),
    )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


OfficialFormSet = forms.formset_factory(
    OfficialForm, extra=0, max_num=MAX_EXCHANGES, absolute_max=MAX_EXCHANGES
)
OFFICIALS_PREFIX = "official"


def edited(exchanges, action):
    """(`exchanges` after one of the preview's buttons, None), the button being "merge 3",
    "split 3", "down 3" or "up 3" on the third exchange; (None, why) when it cannot apply."""
    verb, _space, number = action.partition(" ")
    if not number.isdigit() or not 1 <= int(number) <= len(exchanges):
        return None, _("That exchange is no longer in the preview.")
    index = int(number) - 1
    exchanges = list(exchanges)
    one = exchanges[index]
    question, answer = paragraphs(one.question), paragraphs(one.answer)
    if verb == "merge":
        if index + 1 >= len(exchanges):
            return None, _("The last exchange has no next one to merge with.")
        two = exchanges.pop(index + 1)
        if answer:
            answer += paragraphs(two.question) + paragraphs(two.answer)
        else:  # a question asked twice over, or in two turns: one question, the next's answer
            question += paragraphs(two.question)
            answer = paragraphs(two.answer)
        exchanges[index] = ParsedExchange(
            questioner=one.questioner or two.questioner,
            question=joined(question),
            answer=joined(answer),
            responder=one.responder or two.responder,
        )
    elif verb == "split":
        if len(exchanges) >= MAX_EXCHANGES:
            return None, _("A briefing may have at most %(count)s exchanges.") % {
                "count": MAX_EXCHANGES
            }
        parts = split_at_marker(one)
        if parts is None:
            return None, _(
                "Type %(marker)s on a line of its own where the second exchange starts, then "
                "press “Split”."
            ) % {"marker": SPLIT_MARKER}
        exchanges[index : index + 1] = parts
    elif verb == "down":
        if not question:
            return None, _("The question has no paragraph to move.")
        answer.insert(0, question.pop())
        exchanges[index] = dataclasses.replace(
            one, question=joined(question), answer=joined(answer)
        )
    elif verb == "up":
        if not answer:
            return None, _("The answer has no paragraph to move.")
        question.append(answer.pop(0))
        exchanges[index] = dataclasses.replace(
            one, question=joined(question), answer=joined(answer)
        )
    else:
        return None, _("That exchange is no longer in the preview.")
    return exchanges, None


def split_at_marker(exchange):
    """The two exchanges `exchange` becomes where staff typed the marker, or None without one.

    In the question: the text after it is a second question, which the answer answers. In the
    answer: the paragraph after it is a second question (a "Q" the parser missed), the rest its
    answer, by the same official."""
    for name in ("question", "answer"):
        lines = getattr(exchange, name).replace("\r\n", "\n").split("\n")
        cut = next((i for i, line in enumerate(lines) if line.strip() == SPLIT_MARKER), None)
        if cut is None:
            continue
        before = joined(paragraphs("\n".join(lines[:cut])))
        after = paragraphs("\n".join(lines[cut + 1 :]))
        if name == "question":
            first = dataclasses.replace(exchange, question=before, answer="", responder="")
            second = ParsedExchange(
                question=joined(after), answer=exchange.answer, responder=exchange.responder
            )
        else:
            first = dataclasses.replace(exchange, answer=before)
            second = ParsedExchange(
                question=after[0] if after else "",
                answer=joined(after[1:]),
                responder=exchange.responder,
            )
        return [first, second]
    return None


# An outlet's name longer than this is more likely the start of a question read as a label.
LONG_OUTLET_NAME = 80


def line_of(text, passage):
    """The line of `text` where `passage` starts (its first words), or None if not found."""
    words = " ".join(passage.split()[:6])
    at = text.find(words) if words else -1
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def oddities(parsed, text):
    """What the parser did not warn of but staff should check, each with its line: an exchange
    with no answer (or no question), an outlet named like a sentence."""
    warned = {w.split(":", 1)[0] for w in parsed.warnings if w.startswith("Line ")}
    found = []

    def say(line, message):
        where = f"Line {line}" if line else ""
        if where not in warned or not line:
            found.append(f"{where}: {message}" if line else message)

    for number, exchange in enumerate(parsed.exchanges, start=1):
        line = line_of(text, exchange.question or exchange.answer)
        if not exchange.question:
            say(
                line,
                _("exchange %(number)s has no question text: type it below, or merge it.")
                % {"number": number},
            )
        elif not exchange.answer:
            say(
                line,
                _("exchange %(number)s has no answer; its page will say “No answer was given.”")
                % {"number": number},
            )
        if len(exchange.questioner) > LONG_OUTLET_NAME:
            say(
                line_of(text, exchange.questioner),
                _(
                    "“%(name)s…” is long for an outlet's name: check that it is not the start of "
                    "the question."
                )
                % {"name": exchange.questioner[:40]},
            )
    return found


def officials_of(parsed):
    """The other officials as the preview offers them: the name the parser found, no title."""
    return [
        {"found": speaker.name or speaker.label, "name": speaker.name or speaker.label}
        for speaker in parsed.speakers
        if speaker.role == OFFICIAL
    ]


def with_officials(exchanges, officials):
    """The exchanges answered by each official under the name staff gave them."""
    renamed = {name_key(o["found"]): o["name"] for o in officials if o.get("found")}
    return [
        dataclasses.replace(e, responder=renamed.get(name_key(e.responder), e.responder))
        for e in exchanges
    ]


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

    def __init__(
        self, *args, transcript=None, detected_name="", detected=None, staff=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.transcript = transcript  # from the session, never from the form
        # A mission's staff import into their mission's sections, as its own briefing; they
        # see (and translate) their mission's briefings and the ministry's.
        self.staff = staff
        self.briefings = staff_briefings(staff)
        self.fields["section"].queryset = staff_sections(staff)
        self.fields["translation_of"].queryset = self.briefings
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
            nearby = self.briefings.between_days(
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

    def owner(self, data):
        """Whose the new briefing is: the ministry's when its staff import, else the mission
        of the section chosen (a mission's staff import into their own)."""
        if is_ministry_staff(self.staff) or data.get("section") is None:
            return None
        return data["section"].mission

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
            and (problem := translation_problem(original, language, self.owner(cleaned)))
        ):
            self.add_error("translation_of", problem)
        title, held_at = cleaned.get("title"), cleaned.get("held_at")
        if title and held_at and not cleaned.get("import_duplicate"):
            duplicate = find_duplicate(title, held_at, self.briefings)
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

    def save(self, exchanges, officials):
        """The draft briefing with the exchanges as staff left them; the caller's transaction
        (the revision's) holds it and the officials' titles."""
        data = self.cleaned_data
        parsed = dataclasses.replace(
            self.parsed,
            title=data["title"],
            held_at=data["held_at"],
            spokesperson=" ".join(data["new_spokesperson"].split()) or self.parsed.spokesperson,
            exchanges=with_officials(exchanges, officials),
        )
        briefing = save_briefing(
            parsed,
            section=data["section"],
            spokesperson=data["spokesperson"],
            status=Status.DRAFT,
            language=data["language"],
            translation_of=data["translation_of"],
            mission=self.owner(data),
        )
        give_titles(officials)
        return briefing


def give_titles(officials):
    """Each official's title, on their row when it has none yet (one that has is kept: the
    spokesperson's page shows it, and another briefing may have named it better)."""
    titled = {name_key(o["name"]): o["title"] for o in officials if o.get("title")}
    for key, person in matching_spokespeople([o["name"] for o in officials]).items():
        if key in titled and not person.role:
            person.role = titled[key]
            person.save(update_fields=["role"])


class ImportTranscriptView(View):
    model_admin = None
    step1_template = "admin/transcripts/briefing/import_transcript.html"
    step2_template = "admin/transcripts/briefing/import_preview.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def transcript_form(self, *args, **kwargs):
        return TranscriptForm(*args, staff=self.request.user, **kwargs)

    def confirm_form(self, *args, **kwargs):
        return ConfirmForm(*args, staff=self.request.user, **kwargs)

    def get(self, request):
        sections = staff_sections(request.user)
        return self.step1(self.transcript_form(initial={"section": default_section(sections)}))

    def post(self, request):
        step = request.POST.get("step")
        if "switch" in request.POST:
            return self.switch()
        if "exchange_action" in request.POST:
            return self.edit_exchanges()
        if step == "confirm":
            return self.confirm()
        if step == "edit":
            # Back to step 1 with the text as it was: nothing typed is lost.
            data = request.POST
            text = pending_text(request.session, data.get("pending")) or ""
            return self.step1(
                self.transcript_form(initial={"text": text, "section": data.get("section")})
            )
        form = self.transcript_form(request.POST, request.FILES)
        if not form.is_valid():
            return self.step1(form)
        parsed = form.cleaned_data["parsed"]
        chosen = form.cleaned_data["spokesperson"]
        detected = matching_spokespeople([parsed.spokesperson]).get(name_key(parsed.spokesperson))
        spokesperson = chosen or detected
        language = transcript_language(parsed)
        original = likely_original(parsed, language, staff_briefings(request.user))
        confirm = self.confirm_form(
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
        return self.step2(confirm, parsed, *self.parsed_formsets(parsed))

    @staticmethod
    def parsed_formsets(parsed):
        """The exchanges and officials as the parser read them."""
        exchanges = ExchangeFormSet(
            initial=[dataclasses.asdict(e) for e in parsed.exchanges], prefix=EXCHANGES_PREFIX
        )
        return exchanges, OfficialFormSet(initial=officials_of(parsed), prefix=OFFICIALS_PREFIX)

    def posted_formsets(self):
        data = self.request.POST
        return (
            ExchangeFormSet(data, prefix=EXCHANGES_PREFIX),
            OfficialFormSet(data, prefix=OFFICIALS_PREFIX),
        )

    # What staff typed in the preview's fields above the exchanges, kept as typed.
    KEPT = ["pending", "title", "held_at", "section", "spokesperson", "new_spokesperson"]
    KEPT += ["language", "translation_of", "roles"]

    def edit_exchanges(self):
        """One of an exchange's buttons: the same preview with that exchange split, merged or a
        paragraph moved; nothing typed anywhere else changes."""
        data = self.request.POST
        text = pending_text(self.request.session, data.get("pending"))
        try:
            roles = read_roles(data.get("roles", ""))
        except ValueError:
            roles = None
        parsed = read_transcript_or_none(text, roles or {}) if text is not None else None
        exchanges, officials = self.posted_formsets()
        if roles is None or parsed is None or not officials.is_valid():
            return self.step1(self.start_again(text, data.get("section")))
        confirm = self.confirm_form(
            detected_name=parsed.spokesperson,
            detected=parsed,
            initial={name: data.get(name, "") for name in self.KEPT},
        )
        if not exchanges.is_valid():
            return self.step2(confirm, parsed, exchanges, officials)
        changed, problem = edited(exchanges.exchanges(), data["exchange_action"])
        if problem:
            messages.error(self.request, problem)
            return self.step2(confirm, parsed, exchanges, officials)
        exchanges = ExchangeFormSet(
            initial=[dataclasses.asdict(e) for e in changed], prefix=EXCHANGES_PREFIX
        )
        return self.step2(confirm, parsed, exchanges, officials)

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
        # What staff typed in the preview stays as typed; the exchanges are read again with the
        # new roles (the page says so beside the buttons).
        initial = {name: data.get(name, "") for name in self.KEPT}
        initial["roles"] = json.dumps(roles, ensure_ascii=False)
        confirm = self.confirm_form(
            detected_name=parsed.spokesperson, detected=parsed, initial=initial
        )
        return self.step2(confirm, parsed, *self.parsed_formsets(parsed))

    def confirm(self):
        request = self.request
        try:
            roles = read_roles(request.POST.get("roles", ""))
        except ValueError:
            roles = {}
        text = pending_text(request.session, request.POST.get("pending"))
        detected = read_transcript_or_none(text, roles) if text is not None else None
        form = self.confirm_form(
            request.POST,
            transcript=text,
            detected_name=detected.spokesperson if detected else "",
            detected=detected,
        )
        exchanges, officials = self.posted_formsets()
        if detected is None:
            # The previewed transcript is gone or unusable: start again from the text.
            form.is_valid()
            return self.step1(self.start_again(text, request.POST.get("section")))
        valid = form.is_valid()
        valid = exchanges.is_valid() and exchanges.check_questions() and valid
        valid = officials.is_valid() and valid
        if not valid:
            return self.step2(form, detected, exchanges, officials)
        # One transaction and one revision: the briefing, its exchanges, new outlets and people.
        with revision(request.user, gettext_noop("Imported from a transcript (admin).")):
            briefing = form.save(exchanges.exchanges(), officials.cleaned_data)
        request.session.pop(PENDING_KEY, None)
        may_change = self.model_admin.has_change_permission(request, briefing)
        messages.success(
            request,
            format_html(
                _("Imported “{}” as a draft with {} exchanges. {}"),
                briefing.title,
                len(exchanges.forms),
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

    def start_again(self, text, section):
        """Step 1 with the text and its error, or saying the preview is no longer open."""
        step1 = self.transcript_form({"text": text or "", "section": section})
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

    def step2(self, form, parsed, exchange_forms, official_forms):
        shown = [
            {name: str(row[name].value() or "") for name in PreviewExchangeForm.base_fields}
            for row in exchange_forms
        ]
        outlets = matching_outlets(e["questioner"] for e in shown)
        known_people = matching_spokespeople(
            [parsed.spokesperson, *(e["responder"] for e in shown)]
        )
        exchanges = [
            {
                "position": position,
                "form": row,
                "questioner": values["questioner"],
                "outlet_is_new": values["questioner"].strip() != ""
                and name_key(values["questioner"]) not in outlets,
                "responder": values["responder"],
                "responder_role": ROLE_NAMES[
                    SPOKESPERSON if values["responder"] == parsed.spokesperson else OFFICIAL
                ],
                # The spokesperson's own "new" is said once, at the top.
                "responder_is_new": values["responder"].strip() not in {"", parsed.spokesperson}
                and name_key(values["responder"]) not in known_people,
                "unanswered": not values["answer"].strip(),
            }
            for position, (row, values) in enumerate(
                zip(exchange_forms, shown, strict=True), start=1
            )
        ]
        title, held_at = form_value(form, "title"), form_value(form, "held_at")
        duplicate = None
        # An out-of-range date (from the file) is shown for staff to correct, not looked up.
        if title and held_at and not isinstance(held_at, str) and in_range(held_at):
            duplicate = find_duplicate(title, held_at, form.briefings)
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
                warnings=[
                    *parsed.warnings,
                    *oddities(
                        parsed, (self.request.session.get(PENDING_KEY) or {}).get("text", "")
                    ),
                ],
                exchange_forms=exchange_forms,
                official_forms=official_forms,
                split_marker=SPLIT_MARKER,
                errors_in_exchanges=exchange_forms.is_bound
                and (
                    any(row.errors for row in exchange_forms)
                    or bool(exchange_forms.non_form_errors())
                ),
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
