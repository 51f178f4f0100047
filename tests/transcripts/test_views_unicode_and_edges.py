"""Names in any script, and addresses at the edges of the calendar and of page numbers."""

import pytest

from transcripts.importing import read_transcript, save_briefing
from transcripts.models import Outlet

pytestmark = pytest.mark.django_db

CHINESE = """2021年1月28日外交部发言人赵立坚主持例行记者会
2021-01-28 15:00

越南快讯网记者：美方对此有何评论？

赵立坚：我们已经多次表明立场。
"""


def test_chinese_topics_link_to_their_pages(client, make_briefing):
    briefing = make_briefing(exchanges=1)
    briefing.tags.add("新冠肺炎")
    briefing.exchanges.first().tags.add("Café")
    page = client.get(briefing.get_absolute_url())
    assert page.status_code == 200
    assert 'href="/tags/%E6%96%B0%E5%86%A0%E8%82%BA%E7%82%8E/"' in page.content.decode()
    assert client.get("/tags/新冠肺炎/").status_code == 200
    assert client.get("/tags/café/").status_code == 200
    assert client.get("/feeds/tags/新冠肺炎/rss/").status_code == 200
    assert client.get("/sitemap-tags.xml").status_code == 200


def test_a_chinese_transcript_gets_addresses_in_chinese(client, remarks_section):
    briefing = save_briefing(read_transcript(CHINESE), section=remarks_section, status="published")
    # An outlet the table of known names does not know is named, and addressed, as written.
    outlet = Outlet.objects.get()
    assert outlet.name == "越南快讯网"
    assert outlet.slug == "越南快讯网"
    assert briefing.slug == "2021年1月28日外交部发言人赵立坚主持例行记者会"
    for url in (
        briefing.get_absolute_url(),
        briefing.exchanges.get().get_absolute_url(),
        outlet.get_absolute_url(),
        briefing.spokesperson.get_absolute_url(),
    ):
        assert client.get(url).status_code == 200, url


def test_outlet_names_match_ignoring_case_in_every_script(remarks_section):
    for day, questioner in enumerate(("Écho Médias", "ÉCHO MÉDIAS"), start=1):
        text = f"Press Conference\n2021-03-0{day} 15:00\n\n{questioner}: Q?\n\nA: No."
        save_briefing(read_transcript(text), section=remarks_section)
    assert list(Outlet.objects.values_list("name", flat=True)) == ["Écho Médias"]


@pytest.mark.parametrize(
    "url",
    [
        "/briefings/9999/12/31/x/",
        "/briefings/9999/12/31/",
        "/briefings/9999/",
        "/briefings/0001/01/01/x/",
        "/briefings/0001/01/01/",
        "/briefings/2999/12/31/x/",
        "/briefings/2999/12/31/",
        "/briefings/1000/01/01/x/exchanges/1/",
        "/briefings/2021/13/01/x/",
    ],
)
def test_dates_at_the_ends_of_the_calendar_are_404(client, make_briefing, url):
    make_briefing()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("number", ["²", "٣", "0", "-1", "1.0", "99999999999999999999"])
def test_odd_page_numbers_are_404(client, make_briefing, number):
    briefing = make_briefing()
    assert client.get(briefing.section.get_absolute_url(), {"page": number}).status_code == 404
    assert client.get("/outlets/cctv/", {"page": number}).status_code == 404
