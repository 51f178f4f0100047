"""Read a form off a rendered page as a browser would submit it, for tests that post it back."""

from html.parser import HTMLParser


class FormReader(HTMLParser):
    """The fields and submit buttons of the first form whose attributes satisfy `is_the_form`.

    Unchecked boxes and file inputs send nothing; a select sends its selected option (or "");
    Django's empty inline templates (names with __prefix__) are not part of what is sent.
    """

    def __init__(self, is_the_form):
        super().__init__(convert_charrefs=True)
        self.is_the_form = is_the_form
        self.fields, self.buttons = {}, []
        self._textarea = self._select = None
        self._in_form = self._fresh_textarea = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and self.is_the_form(a):
            self._in_form = True
        if tag == "option" and self._select and "selected" in a:
            self.fields[self._select] = a.get("value", "")
        name = a.get("name")
        if not self._in_form or not name or "__prefix__" in name:
            return
        kind = a.get("type", "text")
        if tag == "button" or (tag == "input" and kind == "submit"):
            self.buttons.append((name, a.get("value", "")))
        elif tag == "input" and kind == "checkbox":
            if "checked" in a:
                self.fields[name] = a.get("value", "on")
        elif tag == "input" and kind != "file":
            self.fields[name] = a.get("value", "")
        elif tag == "textarea":
            self._textarea, self._fresh_textarea = name, True
            self.fields[name] = ""
        elif tag == "select":
            self._select = name
            self.fields.setdefault(name, "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            if self._fresh_textarea:
                # A browser drops the newline that directly follows <textarea>.
                data = data.removeprefix("\n")
                self._fresh_textarea = False
            self.fields[self._textarea] += data


def read_form(html, is_the_form):
    reader = FormReader(is_the_form)
    reader.feed(html)
    return reader
