"""The pieces of the forms that send mail: one-line fields, the address field, the honeypot."""

from django import forms

from embassy.core.mailforms import Honeypot, OneLineCharField, OneLineEmailField


class Contact(Honeypot):
    HONEYPOT_MESSAGE = "Not sent."

    name = OneLineCharField(label="Your name")
    email = OneLineEmailField(label="Your address")


def errors(**data):
    form = Contact({"name": "Alice", "email": "alice@example.org", **data})
    form.is_valid()
    return form


def test_an_ordinary_form_is_valid():
    form = errors()
    assert form.is_valid() and not form.is_bot
    assert form.cleaned_data == {"name": "Alice", "email": "alice@example.org", "website": ""}


def test_a_line_break_is_refused_in_the_fields_own_words():
    form = errors(name="Alice\r\nBcc: x@example.org", email="a@example.org\n")
    assert form.errors["name"] == ["Your name must be on one line, without line breaks."]
    assert form.errors["email"] == ["Your address must be on one line, without line breaks."]


def test_the_address_field_refuses_what_the_site_never_mails():
    assert errors(email="target@[127.0.0.1]").errors["email"] == [
        "target@[127.0.0.1]: use an address with a full domain name, not a network address."
    ]
    assert errors(email='"target"@example.net').errors["email"] == [
        '"target"@example.net: use an ordinary address, without quotation marks or the '
        "characters % and !."
    ]
    assert "email" in errors(email="x" * 250 + "@example.org").errors


def test_the_honeypot_filled_is_a_bot():
    form = errors(website="http://spam.example")
    assert form.is_bot
    assert form.non_field_errors() == ["Not sent."]


def test_the_email_field_is_an_email_field():
    assert isinstance(OneLineEmailField(), forms.EmailField)
    assert OneLineEmailField().max_length == 254
