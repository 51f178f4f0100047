"""One outlet, one spokesperson in every language: the table, the importer's matching, the
admin's merge (#26)."""

import pytest
from django.urls import reverse
from django.utils import translation

from embassy.alerts.models import Subscription
from transcripts import known_names
from transcripts.importing import outlet_named, save_briefing, spokesperson_named
from transcripts.models import Exchange, Outlet, Spokesperson
from transcripts.parsing import ParsedBriefing, ParsedExchange

from .test_importing import HELD_AT


def test_the_table_knows_afp_in_three_languages_and_its_reporters():
    afp = known_names.known(known_names.OUTLETS, "AFP")
    assert afp.names == {"en": "AFP", "zh-hans": "法新社", "vi": "AFP"}
    for spelling in ["法新社记者", "Hãng thông tấn AFP", "Agence France-Presse", "phóng viên AFP"]:
        assert known_names.known(known_names.OUTLETS, spelling) is afp, spelling
    assert known_names.known(known_names.OUTLETS, "《环球时报》记者").names["en"] == "Global Times"
    assert known_names.known(known_names.OUTLETS, "Tuoi Tre") is None
    assert known_names.known(known_names.SPOKESPEOPLE, "赵立坚").names["vi"] == "Triệu Lập Kiên"


def test_no_spelling_of_the_table_names_two_outlets():
    seen = {}
    for table in (known_names.OUTLETS, known_names.SPOKESPEOPLE):
        for entry in table:
            for spelling in entry.spellings():
                key = known_names.key(spelling)
                assert seen.setdefault(key, entry) is entry, spelling


def test_the_reporters_title_is_not_part_of_the_outlets_name():
    assert known_names.press_name("越南快讯网记者") == "越南快讯网"
    assert known_names.press_name("Phóng viên  VnExpress") == "VnExpress"
    assert known_names.press_name("记者") == "记者"  # nothing else: kept as written


@pytest.mark.django_db
def test_afp_in_chinese_and_vietnamese_is_the_english_afp():
    afp = outlet_named("AFP")
    assert afp.names() == {"en": "AFP", "zh-hans": "法新社", "vi": "AFP"}
    assert afp.slug == "afp"
    assert outlet_named("法新社记者") == afp
    assert outlet_named("Hãng thông tấn AFP") == afp
    assert Outlet.objects.count() == 1
    with translation.override("zh-hans"):
        assert Outlet.objects.get().name == "法新社"


@pytest.mark.django_db
def test_an_existing_row_is_found_by_any_spelling_of_the_table():
    # Named by staff before the table existed, in English only.
    agency = Outlet.objects.create(name="Agence France-Presse", slug="agence-france-presse")
    assert outlet_named("法新社记者") == agency


@pytest.mark.django_db
def test_an_unknown_outlet_is_named_in_the_language_it_is_written_in():
    new = outlet_named("越南快讯网记者")
    assert new.names() == {"zh-hans": "越南快讯网"}
    # A reader of another language reads it in the language there is (the fall-back order).
    assert new.name == "越南快讯网"
    with translation.override("vi"):
        assert Outlet.objects.get().name == "越南快讯网"
    assert outlet_named("越南快讯网") == new


@pytest.mark.django_db
def test_the_spokesperson_is_one_person_in_every_language():
    zhao = spokesperson_named("Zhao Lijian", "Foreign Ministry Spokesperson")
    assert spokesperson_named("赵立坚") == zhao
    assert spokesperson_named("Triệu Lập Kiên") == zhao
    assert zhao.names() == {"en": "Zhao Lijian", "zh-hans": "赵立坚", "vi": "Triệu Lập Kiên"}


@pytest.mark.django_db
def test_a_chinese_transcript_answered_by_its_spokesperson_records_no_other_responder(
    remarks_section,
):
    spokesperson_named("Zhao Lijian")
    parsed = ParsedBriefing(
        title="2021年1月28日外交部发言人赵立坚主持例行记者会",
        held_at=HELD_AT,
        spokesperson="赵立坚",
        exchanges=[ParsedExchange("法新社记者", "问题？", "回答。", responder="赵立坚")],
    )
    saved = save_briefing(parsed, section=remarks_section, language="zh-hans")
    exchange = saved.exchanges.get()
    assert (exchange.responder, exchange.outlet.name_en) == (None, "AFP")
    assert Spokesperson.objects.count() == 1


@pytest.fixture
def two_afps(make_briefing, spokesperson):
    """AFP imported twice, before the table: "AFP" and "法新社记者", each with a question."""
    english = Outlet.objects.create(name_en="AFP", slug="afp")
    chinese = Outlet.objects.create(name_zh_hans="法新社记者", slug="法新社记者")
    briefing = make_briefing(exchanges=2)
    first, second = briefing.exchanges.order_by("position")
    Exchange.objects.filter(pk=first.pk).update(outlet=english)
    Exchange.objects.filter(pk=second.pk).update(outlet=chinese)
    Outlet.objects.exclude(pk__in=[english.pk, chinese.pk]).delete()
    Subscription.objects.create(email="reader@example.org", kind="outlet", outlet=chinese)
    return english, chinese


def merge(client, model, rows, **data):
    url = reverse(f"admin:transcripts_{model}_changelist")
    return client.post(
        url, {"action": "merge", "_selected_action": [row.pk for row in rows], **data}
    )


@pytest.mark.django_db
def test_staff_merge_two_outlets_after_confirming_which_to_keep(staff_client, two_afps):
    english, chinese = two_afps
    confirmation = merge(staff_client, "outlet", two_afps)
    assert confirmation.status_code == 200
    page = confirmation.content.decode()
    assert "Choose the one to keep" in page
    assert '<span lang="zh-hans">法新社记者</span>' in page
    assert Outlet.objects.count() == 2  # nothing done before the confirmation

    done = merge(staff_client, "outlet", two_afps, confirm="yes", kept=english.pk)
    assert done.status_code == 302
    kept = Outlet.objects.get()
    assert kept.pk == english.pk
    assert kept.names() == {"en": "AFP", "zh-hans": "法新社记者"}
    assert set(Exchange.objects.values_list("outlet", flat=True)) == {english.pk}
    # The reader who followed the Chinese row follows the kept one: no alert lost.
    assert Subscription.objects.get().outlet_id == english.pk
    messages = [str(m) for m in done.wsgi_request._messages]
    assert messages == ["Merged 1 into “AFP”."]


@pytest.mark.django_db
def test_merging_without_choosing_asks_again_and_changes_nothing(staff_client, two_afps):
    again = merge(staff_client, "outlet", two_afps, confirm="yes", kept="")
    assert again.status_code == 200
    assert "Choose the outlet to keep." in again.content.decode()
    assert Outlet.objects.count() == 2


@pytest.mark.django_db
def test_one_row_is_not_merged(staff_client, two_afps):
    response = merge(staff_client, "outlet", two_afps[:1])
    assert response.status_code == 302
    assert Outlet.objects.count() == 2


@pytest.mark.django_db
def test_staff_without_delete_permission_are_not_offered_the_merge(
    client, django_user_model, two_afps
):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("viewer", "v@example.org", "pw", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_outlet", "change_outlet"])
    )
    client.force_login(user)
    page = client.get(reverse("admin:transcripts_outlet_changelist")).content.decode()
    assert 'value="merge"' not in page
    merge(client, "outlet", two_afps, confirm="yes", kept=two_afps[0].pk)
    assert Outlet.objects.count() == 2


@pytest.mark.django_db
def test_two_spokesperson_rows_merge_with_their_briefings(
    staff_client, make_briefing, spokesperson
):
    chinese = Spokesperson.objects.create(name_zh_hans="赵立坚", slug="赵立坚")
    briefing = make_briefing(spokesperson=chinese)
    merge(
        staff_client, "spokesperson", [spokesperson, chinese], confirm="yes", kept=spokesperson.pk
    )
    briefing.refresh_from_db()
    assert briefing.spokesperson_id == spokesperson.pk
    spokesperson.refresh_from_db()
    assert spokesperson.names() == {"en": "Zhao Lijian", "zh-hans": "赵立坚"}


@pytest.mark.django_db
def test_staff_name_an_outlet_in_every_language_in_the_admin(staff_client):
    add = reverse("admin:transcripts_outlet_add")
    form = staff_client.get(add).content.decode()
    for column in ("name_en", "name_zh_hans", "name_vi"):
        assert f'name="{column}"' in form
    response = staff_client.post(
        add,
        {"name_en": "Lianhe Zaobao", "name_zh_hans": "联合早报", "name_vi": "", "slug": "zaobao"},
    )
    assert response.status_code == 302
    outlet = Outlet.objects.get(slug="zaobao")
    assert outlet.names() == {"en": "Lianhe Zaobao", "zh-hans": "联合早报"}
    assert outlet.name_vi is None  # blank is NULL: never two blanks that collide
    with translation.override("vi"):
        assert outlet.name == "Lianhe Zaobao"  # the first fall-back
    assert outlet_named("联合早报记者") == outlet
