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


def table_text(page, table_id):
    found = re.search(rf'(?s)<table id="{table_id}".*?</table>', page)
    assert found, table_id
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", found.group(0))))


HISTORY_WORDS = {
    "zh-hans": ["已修改标题。", "从列表发布。", "已发布 editor 的待审修改。", "从实录导入。"],
    "vi": [
        "Đã thay đổi Tiêu đề.",
        "Đã đăng từ danh sách.",
        "Đã đăng bản sửa chờ duyệt của editor.",
        "Nhập từ biên bản.",
    ],
}
ENGLISH_FRAME = ["Changed", "Published", "from the list", "draft change", "Imported", "Title"]


@pytest.mark.parametrize("language", ["zh-hans", "vi"])
def test_history_entries_are_worded_in_the_admin_s_language(
    editor_client, publisher_client, language, make_briefing
):
    """Each revision's "What" is kept as what to say, and said in each reader's language
    (embassy/history/entries.py): a save, a publish from the list, a draft change approved."""
    from reversion.models import Version

    from embassy.pages.publishing import Status
    from tests.html_forms import read_form
    from transcripts.models import Briefing

    briefing = make_briefing(exchanges=1, status=Status.DRAFT)
    # A first revision as the importer records it (plain words, known to the catalogue).
    from embassy.history.recording import revision

    with revision(None, "Imported from a transcript."):  # as transcripts/importing.py says
        briefing.save()
    change = reverse("admin:transcripts_briefing_change", args=[briefing.pk])

    def save(client, **changes):
        page = client.get(change).content.decode()
        data = read_form(page, lambda f: f.get("id") == "briefing_form").fields
        assert client.post(change, {**data, **changes, "_save": "Save"}).status_code == 302

    save(editor_client, title="A new title")
    changelist = reverse("admin:transcripts_briefing_changelist")
    publisher_client.post(changelist, {"action": "publish", "_selected_action": [briefing.pk]})
    assert Briefing.objects.get(pk=briefing.pk).status == Status.PUBLISHED
    save(editor_client, title="A corrected title")  # live now: a draft change
    draft = reverse("admin:transcripts_briefing_draft_change", args=[briefing.pk])
    assert publisher_client.post(draft, {"action": "publish"}).status_code == 302
    assert Version.objects.get_for_object(briefing).count() == 4

    page = admin_page(publisher_client, "admin:transcripts_briefing_history", language, briefing.pk)
    history = table_text(page, "change-history")
    for words in HISTORY_WORDS[language]:
        assert words in history, (words, history)
    for english in ENGLISH_FRAME:
        assert english not in history, (english, history)


@pytest.mark.parametrize(
    ("language", "editor", "publisher"),
    [("zh-hans", "编辑", "发布人"), ("vi", "Biên tập viên", "Người xuất bản")],
)
def test_the_groups_are_named_in_the_admin_s_language(admin_client, language, editor, publisher):
    page = admin_page(admin_client, "admin:auth_group_changelist", language)
    groups = table_text(page, "result_list")
    assert editor in groups and publisher in groups, groups
    assert "Editor" not in groups and "Publisher" not in groups
