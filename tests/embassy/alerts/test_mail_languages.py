"""Alert mail in the reader's language names the embassy in that language: the confirmation and
the alert, through the real views, the worker's pass and a real SMTP server on loopback."""

import re

import pytest
from django.utils import translation
from taggit.models import Tag

from embassy.alerts.dispatch import run_pass
from embassy.alerts.models import Frequency, Kind
from embassy.siteinfo.models import SiteProfile
from tests.embassy.alerts.conftest import body, messages
from transcripts.models import TopicName

pytestmark = pytest.mark.django_db

ENGLISH_NAME = "Embassy of the People's Republic of China in Viet Nam"
VIETNAMESE_NAME = "Đại sứ quán nước Cộng hòa Nhân dân Trung Hoa tại Việt Nam"


@pytest.fixture
def profile(db):
    return SiteProfile.objects.create(
        site_name_en=ENGLISH_NAME,
        site_name_zh_hans="中华人民共和国驻越南社会主义共和国大使馆",
        site_name_vi=VIETNAMESE_NAME,
    )


@pytest.fixture
def climate(make_briefing):
    briefing = make_briefing(exchanges=1, language="vi", title="Họp báo thường kỳ 1")
    briefing.tags.add("Climate change")
    tag = Tag.objects.get()
    TopicName.objects.create(tag=tag, language="vi", name="Biến đổi khí hậu")
    run_pass()  # announced: only what comes after is alerted
    return tag


def test_a_vietnamese_readers_alerts_name_the_embassy_in_vietnamese(
    client, profile, climate, mailbox, settings, make_briefing
):
    settings.DEFAULT_FROM_EMAIL = "news@embassy.example"
    response = client.post(
        "/vi/alerts/subscribe/",
        {
            "email": "doc.gia@example.vn",
            "kind": Kind.TOPIC,
            "topic": "climate-change",
            "frequency": Frequency.IMMEDIATE,
            "language": "vi",
        },
    )
    assert response.status_code == 302
    [confirmation] = messages(mailbox)
    assert confirmation["From"] == f"{VIETNAMESE_NAME} <news@embassy.example>"
    with translation.override("vi"):
        assert confirmation["Subject"].strip() == (
            translation.gettext("Confirm your alert: %(alert)s")
            % {"alert": "Họp báo mới về một vấn đề: Biến đổi khí hậu"}
        )
    text = body(confirmation)
    assert VIETNAMESE_NAME in text
    assert ENGLISH_NAME not in text and "Embassy of" not in text
    confirm = re.search(r"http://testserver(/vi/alerts/confirm/\S+/)", text)[1]
    assert client.post(confirm).status_code == 200

    on_topic = make_briefing(exchanges=2, language="vi", title="Họp báo về khí hậu")
    on_topic.tags.add("Climate change")
    run_pass()
    [alert] = messages(mailbox)[1:]
    assert alert["From"] == f"{VIETNAMESE_NAME} <news@embassy.example>"
    alert_subject = "Họp báo mới về một vấn đề: Biến đổi khí hậu: Họp báo về khí hậu"
    assert alert["Subject"].strip() == alert_subject
    text = body(alert)
    assert VIETNAMESE_NAME in text and "Họp báo về khí hậu" in text
    assert "Embassy of" not in text


def test_an_english_readers_alerts_name_it_in_english(client, profile, climate, mailbox):
    client.post(
        "/alerts/subscribe/",
        {"email": "reader@example.org", "kind": Kind.BRIEFINGS, "frequency": "immediate"},
    )
    [confirmation] = messages(mailbox)
    assert ENGLISH_NAME in body(confirmation)
    assert VIETNAMESE_NAME not in body(confirmation)
    # DEFAULT_FROM_EMAIL as the tests set it names no one: the embassy is named.
    assert confirmation["From"].addresses[0].display_name == ENGLISH_NAME


def test_a_sender_the_setting_names_is_kept(client, profile, climate, mailbox, settings):
    settings.DEFAULT_FROM_EMAIL = "Press office <press@embassy.example>"
    client.post(
        "/vi/alerts/subscribe/",
        {
            "email": "a@example.vn",
            "kind": Kind.BRIEFINGS,
            "frequency": "immediate",
            "language": "vi",
        },
    )
    [confirmation] = messages(mailbox)
    assert confirmation["From"] == "Press office <press@embassy.example>"
    assert VIETNAMESE_NAME in body(confirmation)


def test_without_a_name_in_the_language_the_default_languages_is_used(client, climate, mailbox):
    SiteProfile.objects.create(site_name_en=ENGLISH_NAME)
    client.post(
        "/vi/alerts/subscribe/",
        {
            "email": "a@example.vn",
            "kind": Kind.BRIEFINGS,
            "frequency": "immediate",
            "language": "vi",
        },
    )
    [confirmation] = messages(mailbox)
    assert ENGLISH_NAME in body(confirmation)
