"""The site with its page templates made free: a measurement, never a way to serve the site.

    gunicorn bench.template_ceiling:application     # (from the project's folder, PAGE_CACHE=false)

Each page's template is rendered once per process, address and language, and that output is
returned for every later request; everything else runs as usual (every middleware, the view,
its reads, the transcript kept per generation, the response). What this serves per second is
the most any template engine, however fast, could give the uncached page: the ceiling of
making the templates cheaper. bench/cluster_bench.py --peers measures it beside the peers
(bench/README.md, "What the templates cost").
"""

import threading

from django.template.backends.django import Template
from django.utils.translation import get_language

from embassy.wsgi import application  # noqa: F401  (what gunicorn serves)

_render = Template.render
_rendered = {}
_lock = threading.Lock()


def render_once(self, context=None, request=None):
    if request is None:  # a fragment or a mail, rendered inside a page's view: as usual
        return _render(self, context, request)
    key = (self.origin.name, request.get_full_path(), get_language())
    html = _rendered.get(key)
    if html is None:
        html = _render(self, context, request)
        with _lock:
            _rendered[key] = html
    return html


Template.render = render_once
