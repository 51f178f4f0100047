""" "Suggest to a friend" through the test client, with Django's in-memory mail backend."""

import logging

import pytest
from django.core import mail
from django.test import Client
from django.utils.html import escape

from embassy.environment import FILE_BACKEND
from embassy.limits import client_address
from embassy.pages.publishing import Status
from tests.loopback import free_port
from transcripts.models import Briefing

pytestmark = pytest.mark.django_db

ALICE = {
    "name": "Alice Example",
    "email": "alice@example.org",
    "friends": "bob@example.net, carol@example.com",
    "note": "Have a look at the second question.\nIt's about climate.",
    "website": "",
}


def form_data(**changes):
    return {**ALICE, **changes}


def field_errors(response, field):
    return response.context["form"].errors.get(field, [])


# The whole flow ------------------------------------------------------------------------------


def test_the_form_shows_the_page_title_date_address_and_a_mailto_link(client, briefing):
    response = client.get(briefing.get_absolute_url() + "suggest/")
    assert response.status_code == 200
    html = response.content.decode()
    assert briefing.title in html
    assert "28 January 2021, 19:34 Beijing time" in html
    assert "http://testserver" + briefing.get_absolute_url() in html
    assert 'name="csrfmiddlewaretoken"' in html
    mailto = response.context["mailto"]
    assert mailto.startswith("mailto:?subject=Regular%20Press%20Conference")
    assert "http%3A%2F%2Ftestserver%2Fbriefings%2F2021%2F01%2F28%2F" in mailto
    assert 'href="mailto:?subject=' in html
    assert '<meta name="robots" content="noindex">' in html


def test_one_mail_per_friend_with_the_right_headers_link_and_both_parts(
    client, briefing, suggest_url, settings
):
    settings.DEFAULT_FROM_EMAIL = "Embassy <news@embassy.example>"
    response = client.post(suggest_url, form_data())
    assert response.status_code == 302
    assert response["Location"] == suggest_url

    assert [m.to for m in mail.outbox] == [["bob@example.net"], ["carol@example.com"]]
    link = "http://testserver" + briefing.get_absolute_url()
    for message in mail.outbox:
        assert message.from_email == "Embassy <news@embassy.example>"
        assert message.reply_to == ["alice@example.org"]
        assert message.cc == [] and message.bcc == []
        assert message.recipients() == message.to
        assert message.subject == f"A page suggested to you: {briefing.title}"
        headers = message.message()
        assert headers["To"] == message.to[0]
        assert headers["Reply-To"] == "alice@example.org"
        assert headers["Cc"] is None and headers["Bcc"] is None
        other = {"bob@example.net", "carol@example.com"} - set(message.to)
        assert not any(address in headers.as_string() for address in other)

        text = message.body
        assert briefing.title in text
        assert "28 January 2021, 19:34 Beijing time" in text
        assert link in text
        assert "> Have a look at the second question.\n> It's about climate." in text
        assert (
            'They gave their name as "Alice Example" and their address as alice@example.org' in text
        )
        assert "Embassy of the People's Republic of China" in text
        assert "http://testserver/" in text

        [(html, mimetype)] = message.alternatives
        assert mimetype == "text/html"
        assert f'<a href="{link}">' in html
        assert "28 January 2021, 19:34 Beijing time" in html
        assert "Have a look at the second question.<br>It&#x27;s about climate." in html
        assert (
            "They gave their name as “Alice Example” and their address as alice@example.org" in html
        )


def test_confirmation_after_redirect_and_a_reload_sends_nothing(client, briefing, suggest_url):
    response = client.post(suggest_url, form_data(), follow=True)
    html = response.content.decode()
    assert "Your suggestion was sent to 2 friends." in html
    assert f'href="{briefing.get_absolute_url()}"' in html
    assert len(mail.outbox) == 2
    assert response.redirect_chain == [(suggest_url, 302)]  # the count is not in the URL

    reloaded = client.get(suggest_url)
    assert len(mail.outbox) == 2
    assert "was sent to" not in reloaded.content.decode()
    assert "form" in reloaded.context


def test_one_friend_is_a_friend_not_friends(client, suggest_url):
    response = client.post(suggest_url, form_data(friends="bob@example.net"), follow=True)
    assert "Your suggestion was sent to 1 friend." in response.content.decode()


def test_the_confirmation_belongs_to_the_page_it_was_sent_from(client, make_briefing):
    first, second = make_briefing(), make_briefing()
    client.post(first.get_absolute_url() + "suggest/", form_data())
    response = client.get(second.get_absolute_url() + "suggest/")
    assert "was sent to" not in response.content.decode()


def test_duplicate_friends_get_one_mail(client, suggest_url):
    client.post(suggest_url, form_data(friends="bob@example.net\nBOB@example.net, bob@example.net"))
    assert [m.to for m in mail.outbox] == [["bob@example.net"]]


def test_spellings_of_one_inbox_are_one_friend(client, suggest_url):
    client.post(
        suggest_url, form_data(friends="bob+1@example.net, B.ob+2@example.net\nbob@EXAMPLE.net")
    )
    assert [m.to for m in mail.outbox] == [["bob+1@example.net"]]


def test_refused_addresses_are_said_in_the_readers_language(client, make_section):
    suggest_url = "/vi" + make_section().get_absolute_url() + "suggest/"
    response = client.post(
        suggest_url, form_data(friends='target@[127.0.0.1], "target"@example.net')
    )
    errors = field_errors(response, "friends")
    assert errors == [
        "target@[127.0.0.1]: hãy dùng địa chỉ có tên miền đầy đủ, không phải địa chỉ mạng.",
        '"target"@example.net: hãy dùng địa chỉ thông thường, không có dấu ngoặc kép '
        "hay các ký tự % và !.",
    ]
    assert mail.outbox == []


def test_friends_may_be_separated_by_newlines_commas_and_semicolons(client, suggest_url):
    friends = "a@example.net\r\nb@example.net; c@example.net,d@example.net  e@example.net"
    client.post(suggest_url, form_data(friends=friends))
    assert len(mail.outbox) == 5


@pytest.mark.parametrize("kind", ["section", "article", "exchange"])
def test_every_kind_of_page_can_be_suggested(client, kind, make_section, make_article, briefing):
    page = {
        "section": lambda: make_section("Consular Services"),
        "article": lambda: make_article(title="Visa rules"),
        "exchange": lambda: briefing.exchanges.first(),
    }[kind]()
    response = client.post(page.get_absolute_url() + "suggest/", form_data())
    assert response.status_code == 302
    [message, _] = mail.outbox
    assert message.subject == f"A page suggested to you: {page.title}"
    assert "http://testserver" + page.get_absolute_url() in message.body
    assert ("28 January 2021, 19:34 Beijing time" in message.body) == (kind == "exchange")


def test_the_link_is_the_canonical_address_whatever_the_visitor_posts(
    client, briefing, suggest_url
):
    client.post(
        suggest_url + "?next=https://evil.example/",
        form_data(url="https://evil.example/", page="https://evil.example/", next="/x"),
        HTTP_X_FORWARDED_HOST="evil.example",
    )
    [first, _] = mail.outbox
    assert "evil.example" not in first.body + first.alternatives[0][0]
    assert "http://testserver" + briefing.get_absolute_url() in first.body


def test_a_host_that_is_not_allowed_is_refused_and_nothing_is_sent(client, suggest_url):
    response = client.post(suggest_url, form_data(), HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert mail.outbox == []


def test_without_the_csrf_token_nothing_is_sent(suggest_url):
    response = Client(enforce_csrf_checks=True).post(suggest_url, form_data())
    assert response.status_code == 403
    assert mail.outbox == []


def test_other_methods_are_refused(client, suggest_url):
    assert client.put(suggest_url).status_code == 405
    assert mail.outbox == []


# Pages that may not be suggested --------------------------------------------------------------


def test_a_draft_briefing_is_404_even_for_staff(staff_client, make_briefing):
    draft = make_briefing(status=Status.DRAFT)
    url = draft.get_absolute_url() + "suggest/"
    assert staff_client.get(url).status_code == 404
    assert staff_client.post(url, form_data()).status_code == 404
    assert mail.outbox == []


def test_an_exchange_of_a_draft_briefing_is_404(client, make_briefing):
    exchange = make_briefing(status=Status.DRAFT).exchanges.first()
    assert client.post(exchange.get_absolute_url() + "suggest/", form_data()).status_code == 404
    assert mail.outbox == []


def test_a_draft_article_is_404(client, make_article):
    article = make_article(status=Status.DRAFT)
    assert client.post(article.get_absolute_url() + "suggest/", form_data()).status_code == 404
    assert mail.outbox == []


@pytest.mark.parametrize("prefix", ["/vi", "/zh-hans"])
@pytest.mark.parametrize("kind", ["article", "briefing", "exchange", "side-by-side"])
def test_under_another_languages_prefix_the_suggest_page_redirects_as_its_page_does(
    client, make_article, make_briefing, briefing, kind, prefix
):
    if kind == "side-by-side":
        make_briefing(
            title="例行记者会",
            slug="例行记者会",
            language="zh-hans",
            translation_key=briefing.translation_key,
        )
    page = {
        "article": lambda: make_article(title="Visa rules").get_absolute_url(),
        "briefing": briefing.get_absolute_url,
        "exchange": lambda: briefing.exchanges.first().get_absolute_url(),
        "side-by-side": lambda: briefing.side_by_side_url("zh-hans"),
    }[kind]()
    itself = client.get(prefix + page)
    if kind in ("article", "briefing"):  # the page says it is in another language and links it
        assert itself.status_code == 200 and f'href="{page}"' in itself.content.decode()
    else:
        assert itself["Location"] == page
    response = client.get(prefix + page + "suggest/")
    assert response.status_code == 301
    assert response["Location"] == page + "suggest/"
    assert client.get(response["Location"]).status_code == 200
    sent = client.post(prefix + page + "suggest/", form_data())
    assert (sent.status_code, sent["Location"]) == (301, page + "suggest/")
    assert mail.outbox == []


def test_unknown_pages_are_404(client, briefing):
    for url in (
        "/briefings/2021/01/28/no-such-briefing/suggest/",
        "/briefings/2021/01/29/" + briefing.slug + "/suggest/",
        briefing.get_absolute_url() + "exchanges/999999/suggest/",
        "/sections/no-such-section/suggest/",
    ):
        assert client.post(url, form_data()).status_code == 404, url
    assert mail.outbox == []


# Bad input: an error next to the field, what was typed is kept, nothing is sent ---------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"name": "x" * 41}, "name", "at most 40 characters"),
        ({"name": "Alice\r\nBcc: victim@example.com"}, "name", "on one line"),
        ({"name": "Alice\n"}, "name", "on one line"),
        ({"name": "Alice\rX"}, "name", "on one line"),
        ({"email": ""}, "email", "This field is required."),
        ({"email": "not an address"}, "email", "Enter a valid email address."),
        ({"email": "alice@example.org\nBcc: victim@example.com"}, "email", "on one line"),
        ({"email": "alice@example.org\r\n"}, "email", "on one line"),
        ({"friends": ""}, "friends", "This field is required."),
        ({"friends": " , ;\n"}, "friends", "at least one email address"),
        ({"friends": "bob@example.net, nobody"}, "friends", "Not a valid email address: nobody."),
        ({"friends": "Bob <bob@example.net>"}, "friends", "Not a valid email address"),
        ({"friends": '"\x0b"@example.net'}, "friends", "Not a valid email address"),
        # The visitor would choose which host the relay delivers to.
        (
            {"friends": "target@[127.0.0.1]"},
            "friends",
            "target@[127.0.0.1]: use an address with a full domain name, not a network address.",
        ),
        ({"friends": "bob@example.net, root@localhost"}, "friends", "root@localhost: use an"),
        ({"email": "alice@[10.0.0.1]"}, "email", "not a network address"),
        # Another spelling of target@example.net, which the per-friend limit would count apart.
        (
            {"friends": '"target"@example.net'},
            "friends",
            '"target"@example.net: use an ordinary address, without quotation marks',
        ),
        ({"friends": "target%intranet@example.net"}, "friends", "the characters % and !"),
        (
            {"friends": ",".join(f"f{i}@example.net" for i in range(6))},
            "friends",
            "at most 5 friends at a time; you gave 6 addresses",
        ),
        ({"note": "x" * 501}, "note", "at most 500 characters (it has 501)"),
    ],
)
def test_bad_input_gets_an_error_next_to_its_field_and_keeps_what_was_typed(
    client, suggest_url, changes, field, message
):
    data = form_data(**changes)
    response = client.post(suggest_url, data)
    assert response.status_code == 200
    assert mail.outbox == []
    errors = field_errors(response, field)
    assert any(message in error for error in errors), errors
    html = response.content.decode()
    # The error is rendered beside its field, and the field points to it for screen readers.
    assert f'id="id_{field}_error"' in html
    assert f'aria-describedby="id_{field}_helptext id_{field}_error"' in html or (
        f'aria-describedby="id_{field}_error"' in html
    )
    assert 'aria-invalid="true"' in html
    # Everything typed comes back, including the fields that were fine.
    form = response.context["form"]
    for name in ("name", "email", "friends", "note"):
        assert form[name].value() == data[name]
    assert escape(data["note"]) in html


def test_a_note_of_exactly_500_characters_is_fine(client, suggest_url):
    client.post(suggest_url, form_data(note="x" * 500))
    assert len(mail.outbox) == 2


def test_the_note_is_plain_text_in_both_parts(client, suggest_url):
    note = '<script>alert("hi")</script> <a href="https://spam.example">win</a>'
    client.post(suggest_url, form_data(note=note, name="<b>Alice</b>"))
    [message, _] = mail.outbox
    html = message.alternatives[0][0]
    assert "<script>" not in html and '<a href="https://spam.example">' not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;Alice&lt;/b&gt;" in html
    assert '> <script>alert("hi")</script> <a href="[link left out]' in message.body
    assert "Alice" not in message.subject


def test_no_header_can_be_injected_through_any_field(client, suggest_url):
    attempts = [
        form_data(name="Alice\nBcc: victim@example.com"),
        form_data(email="alice@example.org\nBcc: victim@example.com"),
        form_data(email="alice@example.org\rBcc: victim@example.com"),
        form_data(friends="bob@example.net\nBcc: victim@example.com"),
        form_data(friends="bob@example.net%0ABcc:victim@example.com"),
        form_data(name="Alice\u2028Bcc: victim@example.com"),
    ]
    for data in attempts:
        response = client.post(suggest_url, data)
        assert response.status_code == 200, data
    assert mail.outbox == []
    # A note may hold line breaks: it is the body, never a header.
    client.post(suggest_url, form_data(note="Hi\nBcc: victim@example.com"))
    assert len(mail.outbox) == 2
    assert all(m.recipients() == m.to for m in mail.outbox)
    assert not any(m.message()["Bcc"] for m in mail.outbox)


# The honeypot -------------------------------------------------------------------------------


def test_the_honeypot_is_hidden_from_people(client, suggest_url):
    html = client.get(suggest_url).content.decode()
    honeypot = html[html.index('class="suggest-honeypot"') - 5 :]
    honeypot = honeypot[: honeypot.index("</div>")]
    assert 'aria-hidden="true"' in honeypot
    assert 'tabindex="-1"' in honeypot
    assert 'autocomplete="off"' in honeypot
    assert "Leave this field empty" in honeypot


def test_a_filled_honeypot_sends_nothing_and_says_so_vaguely(client, suggest_url, caplog):
    with caplog.at_level(logging.INFO, logger="embassy.suggesting"):
        response = client.post(suggest_url, form_data(website="https://spam.example"))
    assert response.status_code == 200
    assert mail.outbox == []
    html = response.content.decode()
    assert "Your suggestion could not be sent. Please try again." in html
    assert "spam.example" not in html  # the bot's value is not handed back
    assert response.context["form"]["name"].value() == "Alice Example"
    assert "honeypot" in caplog.text
    # A person whose browser filled it by mistake sends again and succeeds.
    client.post(suggest_url, form_data())
    assert len(mail.outbox) == 2


# Rate limits ---------------------------------------------------------------------------------


def test_each_friend_counts_towards_the_hourly_limit(client, suggest_url, settings):
    settings.SUGGEST_RATE_LIMIT = {"sends": 5, "period": 3600}
    client.post(suggest_url, form_data(friends="a@example.net, b@example.net"))
    client.post(suggest_url, form_data(friends="c@example.net, d@example.net"))
    assert len(mail.outbox) == 4

    response = client.post(suggest_url, form_data(friends="e@example.net, f@example.net"))
    assert response.status_code == 429
    assert len(mail.outbox) == 4
    html = response.content.decode()
    assert "You can suggest pages to 1 more friend this hour" in html
    assert "Nothing was sent" in html
    assert response.context["form"]["friends"].value() == "e@example.net, f@example.net"

    client.post(suggest_url, form_data(friends="e@example.net"))
    assert len(mail.outbox) == 5
    response = client.post(suggest_url, form_data(friends="g@example.net"))
    assert response.status_code == 429
    assert "You have reached the limit of 5 suggestions an hour." in response.content.decode()
    assert len(mail.outbox) == 5


def test_the_limit_holds_per_client_address_whatever_the_sender(client, suggest_url, settings):
    settings.SUGGEST_RATE_LIMIT = {"sends": 3, "period": 3600}
    client.post(suggest_url, form_data(email="one@example.org", friends="a@x.example, b@x.example"))
    response = client.post(
        suggest_url, form_data(email="two@example.org", friends="c@x.example, d@x.example")
    )
    assert response.status_code == 429
    assert len(mail.outbox) == 2
    # Another client is not affected.
    other = client.post(suggest_url, form_data(friends="c@x.example"), REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 302


def test_the_limit_holds_per_sender_whatever_the_client(client, suggest_url, settings):
    settings.SUGGEST_RATE_LIMIT = {"sends": 3, "period": 3600}
    client.post(suggest_url, form_data(friends="a@x.example, b@x.example"), REMOTE_ADDR="192.0.2.1")
    response = client.post(
        suggest_url,
        form_data(email="ALICE@example.org", friends="c@x.example, d@x.example"),
        REMOTE_ADDR="192.0.2.2",
    )
    assert response.status_code == 429
    assert len(mail.outbox) == 2


def test_invalid_posts_and_the_honeypot_do_not_use_up_the_limit(client, suggest_url, settings):
    settings.SUGGEST_RATE_LIMIT = {"sends": 2, "period": 3600}
    for _ in range(5):
        client.post(suggest_url, form_data(website="spam"))
        client.post(suggest_url, form_data(friends="nobody"))
    assert client.post(suggest_url, form_data()).status_code == 302
    assert len(mail.outbox) == 2


def test_the_limit_ends_with_its_window(client, suggest_url, settings):
    import time

    settings.SUGGEST_RATE_LIMIT = {"sends": 1, "period": 1}
    time.sleep(1 - time.time() % 1)  # start at the beginning of a window
    assert client.post(suggest_url, form_data(friends="a@x.example")).status_code == 302
    assert client.post(suggest_url, form_data(friends="b@x.example")).status_code == 429
    time.sleep(1.05)
    assert client.post(suggest_url, form_data(friends="b@x.example")).status_code == 302
    assert len(mail.outbox) == 2


def test_with_the_cache_down_nothing_is_sent(client, suggest_url, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "embassy.redis_cache.SharedClientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    response = client.post(suggest_url, form_data())
    assert response.status_code == 503
    assert "Suggestions cannot be sent right now" in response.content.decode()
    assert response.context["form"]["note"].value() == ALICE["note"]
    assert mail.outbox == []
    assert "The cache holding the suggestion limits failed" in caplog.text


# The client's address ------------------------------------------------------------------------


def test_x_forwarded_for_is_ignored_without_trusted_proxies(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_address(request) == "203.0.113.5"


def test_behind_one_trusted_proxy_the_last_forwarded_address_is_the_client(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    forged_then_real = "198.51.100.66, 203.0.113.5"
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forged_then_real)
    assert client_address(request) == "203.0.113.5"
    # A proxy that forwards nothing: the proxy's own address, which is strict, not open.
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"


def test_ipv6_clients_count_by_their_64_network(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    one = client_address(rf.get("/", REMOTE_ADDR="2001:db8:1:2:aaaa::1"))
    two = client_address(rf.get("/", REMOTE_ADDR="2001:db8:1:2:bbbb::2"))
    assert one == two == "2001:db8:1:2::/64"
    assert client_address(rf.get("/", REMOTE_ADDR="::ffff:192.0.2.7")) == "192.0.2.7"


def test_trusted_proxy_limits_count_the_forwarded_client(client, suggest_url, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SUGGEST_RATE_LIMIT = {"sends": 2, "period": 3600}
    for sender, forwarded in (
        ("one@example.org", "1.2.3.4, 203.0.113.5"),
        ("two@example.org", "5.6.7.8, 203.0.113.5"),
    ):
        response = client.post(
            suggest_url,
            form_data(email=sender, friends="a@x.example, b@x.example"),
            HTTP_X_FORWARDED_FOR=forwarded,
        )
    assert response.status_code == 429
    assert len(mail.outbox) == 2


# Local development: mail in files, and the confirmation says where -----------------------------


def test_in_debug_the_confirmation_says_where_the_mail_files_are(
    client, briefing, suggest_url, settings, tmp_path
):
    settings.DEBUG = True
    settings.EMAIL_BACKEND = FILE_BACKEND
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    response = client.post(suggest_url, form_data(), follow=True)
    assert f"written to files in <code>{tmp_path / 'mail'}</code>" in response.content.decode()
    [written] = list((tmp_path / "mail").iterdir())
    content = written.read_text()
    assert content.count("Subject: A page suggested to you:") == 2
    assert "http://testserver" + briefing.get_absolute_url() in content


def test_without_debug_the_confirmation_does_not_mention_files(client, suggest_url, settings):
    settings.DEBUG = False
    response = client.post(suggest_url, form_data(), follow=True)
    assert "written to files" not in response.content.decode()


def test_the_seed_briefing_can_be_suggested(client, demo_site):
    briefing = Briefing.objects.published().get(title__contains="January 28, 2021")
    response = client.post(briefing.get_absolute_url() + "suggest/", form_data(), follow=True)
    assert "Your suggestion was sent to 2 friends." in response.content.decode()
    [message, _] = mail.outbox
    assert message.subject == (
        "A page suggested to you: Foreign Ministry Spokesperson Zhao Lijian's Regular Press "
        "Conference on January 28, 2021"
    )
    assert "\nhttp://testserver/briefings/2021/01/28/" in message.body
    assert "http://testserver" + briefing.get_absolute_url() in message.body
    assert "28 January 2021, 19:34 Beijing time" in message.body


def test_a_friend_who_had_enough_today_is_named_in_the_readers_language(
    client, make_section, settings
):
    settings.SUGGEST_LIMIT_PER_FRIEND_PER_DAY = 1
    url = "/zh-hans" + make_section().get_absolute_url() + "suggest/"
    assert client.post(url, form_data(friends="bob@example.net")).status_code == 302
    refused = client.post(url, form_data(friends="bob@example.net"), REMOTE_ADDR="192.0.2.8")
    assert refused.status_code == 429
    assert "bob@example.net 今天已收到本网站的 1 次推荐" in refused.content.decode()


def test_the_forms_help_texts_are_in_the_page_language(client, make_article):
    """They were written once, at import, in English ("Up to 5, separated by commas…")."""
    article = make_article(language="vi", slug="trang")
    page = client.get(article.get_absolute_url() + "suggest/").content.decode()
    assert "Tối đa 5 địa chỉ, cách nhau bằng dấu phẩy hoặc mỗi địa chỉ một dòng." in page
    assert "Văn bản thuần, tối đa 500 ký tự." in page
    assert "Up to 5" not in page and "Plain text" not in page
