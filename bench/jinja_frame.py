# ruff: noqa: E501  (the port keeps the lines of the templates it ports)
"""What the page frame would cost in Jinja2: a prototype for a decision, not a way to serve.

    . env.sh && .venv/bin/python bench/jinja_frame.py [PAIRS]

The contact page is almost nothing but the frame every page shares (head, metadata, language
links, header, menu, breadcrumb, printed letterhead, draft banner, footer), and it costs as much
to render as a briefing (bench/README.md, "what the templates cost"). This renders it twice in
one process from the same context (the view's and the context processors'): through the site's
Django templates, and through a port of base.html and contact.html to Jinja2 (below) that calls
the same Python for every tag (the metadata, the running header, the language versions, the
menu's kept markup, the `{% kept %}` blocks' keys and memo, the dates, reverse() and static()).
Only the template engine differs. The two outputs are compared (whitespace aside) before timing,
so the port renders the same page. Jinja2 comes with the test environment (Flask, for moto's
S3 server); the site does not depend on it.
"""

import os
import re
import statistics
import sys
import time

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy.settings")

import django  # noqa: E402

django.setup()

import jinja2  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.handlers.wsgi import WSGIRequest  # noqa: E402
from django.template import engines  # noqa: E402
from django.templatetags.static import static  # noqa: E402
from django.urls import get_script_prefix, reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from django.utils.module_loading import import_string  # noqa: E402
from django.utils.safestring import SafeData  # noqa: E402
from markupsafe import Markup  # noqa: E402

from bench.in_process import environ_for  # noqa: E402
from embassy.languages.templatetags.languages import language_versions  # noqa: E402
from embassy.pages.fragments import NotKeyable, memo, state  # noqa: E402
from embassy.pages.templatetags import pages as page_tags  # noqa: E402
from embassy.pages.templatetags.metadata import page_metadata  # noqa: E402
from embassy.siteinfo.views import ContactView  # noqa: E402

BASE = """<!DOCTYPE html>
<html lang="{{ LANGUAGE_CODE }}"{{ running_header() }}>
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{% block title %}{{ site_name }}{% endblock %} · {{ site_name }}</title>
  {% call kept("head") %}<link rel="stylesheet" href="{{ static('css/site.css') }}">
  <link rel="icon" href="{{ static('favicon.svg') }}" type="image/svg+xml">
  <link rel="alternate" type="application/rss+xml" title="{{ _('Latest briefings (RSS)') }}" href="{{ url('transcripts:feed-rss') }}">
  <link rel="alternate" type="application/atom+xml" title="{{ _('Latest briefings (Atom)') }}" href="{{ url('transcripts:feed-atom') }}">{% endcall %}
  {% set versions = language_versions() %}{% include "hreflang.html" %}
  {% block metadata %}{{ page_metadata() }}{% endblock %}
  {% block head %}{% endblock %}
</head>
<body>
  <a class="skip-link" href="#main">{{ _("Skip to main content") }}</a>
  <header class="site-header">
    <div class="site-header-inner">
      {% call kept("site name", site_profile, site_name) %}<a class="site-name" href="{{ url('home') }}">{% include "seal.html" %}{{ site_name }}</a>{% endcall %}
      {% include "language_switcher.html" %}
      <form class="site-search" role="search" aria-label="{{ _('Site search') }}" method="get" action="{{ url('search') }}">
        <label for="site-search-q">{{ _("Search the site") }}</label>
        <input id="site-search-q" type="search" name="q" value="{{ search_query or '' }}">
        <button type="submit">{{ _("Search") }}</button>
      </form>
    </div>
  </header>
  <div class="site-body">
    <details class="menu-fold">
      <summary class="menu-button">{{ _("Menu") }}</summary>
      {{ site_menu() }}
    </details>
    <div class="site-content">
      {% block breadcrumb %}
        <nav class="breadcrumb" aria-label="{{ _('Breadcrumb') }}">
          <ol>
            <li><a href="{{ url('home') }}">{{ _("Home") }}</a></li>
            {% block crumbs %}{% endblock %}
          </ol>
        </nav>
      {% endblock %}
      <main id="main" tabindex="-1">
        {% with address=request.build_absolute_uri(), only_on_paper=True %}{% include "print_letterhead.html" %}{% endwith %}
        {% if is_preview %}<p class="draft-banner">{{ _("<strong>Draft</strong> — not published: only staff can see this page.")|safe }}</p>{% endif %}
        {% block content %}{% endblock %}
      </main>
    </div>
  </div>
  {% call kept("footer", site_profile, site_name) %}<footer class="site-footer">
    <div class="site-footer-inner">
      <ul class="footer-links">
        <li><a href="{{ url('transcripts:archive') }}">{{ _("Briefings archive") }}</a></li>
        <li><a href="{{ url('transcripts:feed-rss') }}">{{ _("RSS feed") }}</a></li>
        <li><a href="{{ url('transcripts:feed-atom') }}">{{ _("Atom feed") }}</a></li>
        <li><a href="{{ url('search') }}">{{ _("Search") }}</a></li>
        <li><a href="{{ url('contact') }}">{{ _("Contact") }}</a></li>
      </ul>
      {% include "footer_contact.html" %}
      <p>&copy; {{ now_year() }} {{ site_name }}</p>
    </div>
  </footer>{% endcall %}
</body>
</html>
"""
TEMPLATES = {
    "base.html": BASE,
    "hreflang.html": """{% for version in versions %}{% if version.url %}
  <link rel="alternate" hreflang="{{ version.code }}" href="{{ version.absolute_url }}">{% endif %}{% endfor %}""",
    "seal.html": """{% if site_profile.seal %}{% set rendition = site_profile.seal.renditions.all()|first %}<img class="site-emblem" src="{{ rendition.file.url }}" width="{{ rendition.width }}" height="{{ rendition.height }}" alt="">{% else %}<img class="site-emblem" src="{{ static('img/seal.svg') }}" width="64" height="64" alt="">{% endif %}""",
    "language_switcher.html": """{% if versions|length > 1 %}
<nav class="language-switcher" aria-label="{{ _('Languages') }}">
  <ul>
    {% for version in versions %}<li lang="{{ version.code }}">{% if version.current %}<span aria-current="true">{{ version.name }}</span>{% else %}<a href="{{ version.link }}" hreflang="{{ version.code }}">{{ version.name }}</a>{% endif %}</li>{% endfor %}
  </ul>
</nav>
{% endif %}""",
    "print_letterhead.html": """<header class="print-header{% if only_on_paper %} print-only{% endif %}">
  {% include "seal.html" %}
  <div>
    <p class="print-site">{{ site_name }}</p>
    <p class="print-trace">{{ address }} · {{ _("printed") }} {{ today() }}</p>
  </div>
</header>""",
    "telephone.html": """<a href="tel:{{ number|replace(' ', '') }}">{{ number }}</a>""",
    "footer_contact.html": """{% set profile = site_profile %}{% if profile.has_contact_details %}<address class="footer-contact">
  {% if profile.address %}<span class="footer-address">{{ profile.address_lines|join(", ") }}</span>{% endif %}
  {% if profile.telephone %}<span>{{ _("Telephone") }}: {% with number=profile.telephone %}{% include "telephone.html" %}{% endwith %}</span>{% endif %}
  {% if profile.consular_emergency_line %}<span>{{ _("Consular emergency line") }}: {% with number=profile.consular_emergency_line %}{% include "telephone.html" %}{% endwith %}</span>{% endif %}
  {% if profile.office_hours %}<span>{{ _("Office hours") }}: {{ profile.office_hours_lines|join("; ") }}</span>{% endif %}
  {% if profile.email %}<span><a href="mailto:{{ profile.email }}">{{ profile.email }}</a></span>{% endif %}
</address>{% endif %}""",
    "contact.html": """{% extends "base.html" %}
{% block title %}{{ _("Contact") }}{% endblock %}
{% block metadata %}{{ page_metadata(_("Contact"), _("The embassy's address, telephone, consular emergency line, office hours and email.")) }}{% endblock %}
{% block crumbs %}<li aria-current="page">{{ _("Contact") }}</li>{% endblock %}
{% block content %}
<article class="contact-page">
  <header class="page-header"><h1>{{ _("Contact") }}</h1></header>
  {% set profile = site_profile %}
  {% if profile.has_contact_details or profile.office_hours %}
  <dl class="contact-details">
    {% if profile.address %}<dt>{{ _("Address") }}</dt><dd><address>{% for line in profile.address_lines %}{{ line }}{% if not loop.last %}<br>{% endif %}{% endfor %}</address></dd>{% endif %}
    {% if profile.telephone %}<dt>{{ _("Telephone") }}</dt><dd>{% with number=profile.telephone %}{% include "telephone.html" %}{% endwith %}</dd>{% endif %}
    {% if profile.consular_emergency_line %}<dt>{{ _("Consular emergency line") }}</dt><dd>{% with number=profile.consular_emergency_line %}{% include "telephone.html" %}{% endwith %} <span class="contact-note">{{ _("for citizens in distress, at any hour") }}</span></dd>{% endif %}
    {% if profile.office_hours %}<dt>{{ _("Office hours") }}</dt><dd>{{ profile.office_hours|e|replace("\\n", "<br>"|safe) }}</dd>{% endif %}
    {% if profile.email %}<dt>{{ _("Email") }}</dt><dd><a href="mailto:{{ profile.email }}">{{ profile.email }}</a></dd>{% endif %}
  </dl>
  {% else %}
  <p>{{ _("The embassy's contact details have not been published yet.") }}</p>
  {% endif %}
</article>
{% endblock %}
""",
}


def html(value):
    """Django's safe strings are Jinja2's Markup (both mark what is already escaped)."""
    return Markup(value) if isinstance(value, SafeData) else value


def kept(name, *shown, caller):
    """{% kept %} as KeptNode keeps it: the same key, the same memo."""
    try:
        what = state(list(shown), {})
    except NotKeyable:
        return caller()
    key = (
        "jinja kept",
        name,
        translation.get_language(),
        get_script_prefix(),
        timezone.localdate(),
        what,
    )
    found = memo.get(key)
    if found is None:
        found = str(caller())
        memo.put(key, found)
    return Markup(found)


def environment():
    env = jinja2.Environment(
        loader=jinja2.DictLoader(TEMPLATES),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    env.globals.update(
        url=lambda name, *args: reverse(name, args=args),
        static=static,
        kept=kept,
        today=lambda: html(page_tags.today()),
        now_year=lambda: f"{timezone.localdate():%Y}",
        running_header=jinja2.pass_context(lambda c: html(page_tags.running_header(c))),
        language_versions=jinja2.pass_context(lambda c: language_versions(c)),
        page_metadata=jinja2.pass_context(lambda c, *a, **k: html(page_metadata(c, *a, **k))),
        site_menu=jinja2.pass_context(lambda c: html(c["menu"].html(c))),
    )
    return env


def contact_request():
    request = WSGIRequest(environ_for("/contact/"))
    request.user = AnonymousUser()
    request.session = {}
    return request


def words(markup):
    """The markup without its white space, and the apostrophe escaped one way (Django writes
    &#x27;, MarkupSafe &#39;)."""
    return re.sub(r"\s+", "", markup).replace("&#39;", "&#x27;")


def main():
    pairs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    translation.activate(settings.LANGUAGE_CODE)
    request = contact_request()
    view = ContactView()
    view.setup(request)
    context = view.get_context_data()
    django_template = engines["django"].get_template("siteinfo/contact.html")
    processors = [
        import_string(path) for path in settings.TEMPLATES[0]["OPTIONS"]["context_processors"]
    ]
    jinja_template = environment().get_template("contact.html")

    def with_django():
        return django_template.render(context, request)

    def with_jinja():
        full = {"request": request}
        for processor in processors:
            full.update(processor(request))
        full.update(context)
        return jinja_template.render(full)

    ours, theirs = words(with_django()), words(with_jinja())
    if ours != theirs:
        for n, (a, b) in enumerate(zip(ours, theirs, strict=False)):
            if a != b:
                sys.exit(
                    f"the port renders another page, from character {n}:\n"
                    f"django: {ours[n - 80 : n + 80]}\njinja2: {theirs[n - 80 : n + 80]}"
                )
        sys.exit("the port renders another page (one is longer)")

    def block(render, count=100):
        started = time.process_time()
        for _ in range(count):
            render()
        return (time.process_time() - started) / count * 1000

    for _ in range(50):
        with_django(), with_jinja()
    django_ms, jinja_ms = [], []
    for _ in range(pairs):
        django_ms.append(block(with_django))
        jinja_ms.append(block(with_jinja))
    print(f"the same page from both ({len(ours)} characters, whitespace aside)")
    print(
        f"Django templates: median {statistics.median(django_ms):.3f} ms, min {min(django_ms):.3f}"
    )
    print(f"Jinja2:           median {statistics.median(jinja_ms):.3f} ms, min {min(jinja_ms):.3f}")


if __name__ == "__main__":
    main()
