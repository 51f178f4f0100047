"""The admin in Chinese and Vietnamese (/zh-hans/admin/, /vi/admin/): model names, field labels
and help texts in the admin's language, and a new page written in it by default (#28)."""

import html
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def admin_page(client, name, language, *args):
    with translation.override(language):
        url = reverse(name, args=args)
    assert url.startswith(f"/{language}/admin/")
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("zh-hans", ["网站管理", "发布会", "菜单与页面", "人员与媒体", "栏目", "文章", "发言人"]),
        ("vi", ["Quản trị trang web", "Họp báo", "Trình đơn & trang", "Các mục", "Bài viết"]),
    ],
)
def test_the_admin_home_names_apps_and_models_in_the_admin_s_language(
    staff_client, language, words
):
    page = admin_page(staff_client, "admin:index", language)
    for word in words:
        assert word in page


def test_a_briefing_s_fields_and_help_in_chinese(staff_client, make_briefing):
    briefing = make_briefing(exchanges=1)
    page = admin_page(staff_client, "admin:transcripts_briefing_change", "zh-hans", briefing.pk)
    for words in ["开场发布", "地点", "举行地点，例如", "回答人", "未作回答时留空", "网址"]:
        assert words in page, words
    assert "Blank lines separate paragraphs." not in page


def test_an_image_s_fields_in_vietnamese(library_staff_client):
    page = admin_page(library_staff_client, "admin:media_image_add", "vi")
    for words in ["Văn bản thay thế", "Chú thích", "Để trống thì lấy tên tệp."]:
        assert words in page, words


@pytest.mark.parametrize("language", ["zh-hans", "vi"])
def test_a_new_article_is_in_the_admin_s_language(staff_client, language):
    page = admin_page(staff_client, "admin:sections_article_add", language)
    assert f'<option value="{language}" selected>' in page


def test_a_new_article_in_the_english_admin_is_in_english(staff_client):
    page = staff_client.get(reverse("admin:sections_article_add")).content.decode()
    assert '<option value="en" selected>' in page


@pytest.mark.parametrize(("language", "clock"), [("zh-hans", "北京时间"), ("vi", "giờ Bắc Kinh")])
def test_beijing_time_is_named_in_the_admin_s_language(
    staff_client, make_briefing, language, clock
):
    briefing = make_briefing(exchanges=1)
    page = admin_page(staff_client, "admin:transcripts_briefing_change", language, briefing.pk)
    assert f'<span class="time-zone">{clock}, UTC+8</span>' in page


def test_the_editor_s_library_buttons_speak_the_admin_s_language(staff_client):
    with translation.override("zh-hans"):
        url = reverse("admin:sections_article_add")
    page = staff_client.get(url).content.decode()
    words = json.loads(html.unescape(re.search(r'data-words="([^"]*)"', page).group(1)))
    assert words["Insert image from the library"] == "从媒体库插入图片"
    assert words["{count} matches"] == "找到{count}项"
