"""Paper, as Chromium prints it: page numbers, the running header, the letterhead on the first
page, no question parted from its answer and no page left half empty at a break.

Each briefing is printed to PDF by headless Chromium (what "Save as PDF" gives a reader) and
the PDF read back with pypdf: the words on each page and where they stand.
"""

import io

import pytest
from pypdf import PdfReader

from tests import factories
from transcripts.models import Briefing, Exchange

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# static/css/site.css, @media print: body text is 11pt with a line height of 1.5.
LINE = 11 * 1.5
# The sheet's foot margin (static/css/site.css, @page), in points: the page number stands in it.
MARGIN_BOTTOM = 18 / 25.4 * 72
# The most a sheet may leave blank at its foot, in lines. What moves whole to the next sheet is
# an exchange's heading, its question (never cut) and the first three lines of its answer: with
# a question of four or five lines, as the seed has, that is about nine lines.
MOST_BLANK_LINES = 10
# A pair kept whole moves to the next sheet when it does not fit: at most a third of a sheet
# (about 48 lines) left blank for it. Before, 60 % of the first sheet was.
MOST_BLANK_LINES_BEFORE_A_PAIR = 16

SENTENCES = [
    "China stands ready to work with all parties to uphold peace and stability in the region.",
    "We have noted the relevant reports and I would refer you to the competent authorities.",
    "The two sides agreed to deepen practical cooperation in trade, investment and culture.",
    "Our position on this question is consistent and clear, and it has not changed.",
    "We hope the parties concerned will meet each other halfway and resolve differences.",
    "Multilateralism is the right answer to the common challenges faced by humanity.",
    "The details of the visit will be released in due course, so please stay tuned.",
    "Vaccines should be a global public good that developing countries can afford.",
]


def text_of(n, sentences):
    """`sentences` sentences from the pool, starting at `n`: varied lengths, always the same."""
    return " ".join(SENTENCES[(n + i) % len(SENTENCES)] for i in range(sentences))


def long_briefing(exchanges=40):
    """A briefing like a busy day's: questions of one to five sentences, answers of one to four
    paragraphs of one to seven sentences, so that page breaks fall everywhere."""
    briefing = factories.make_briefing(
        99,
        exchanges=0,
        title="Regular Press Conference with Forty Questions",
        place="Blue Hall, Ministry of Foreign Affairs, Beijing",
        opening_remarks=text_of(0, 4),
    )
    outlets = [factories.outlet(name) for name in ("CCTV", "Bloomberg", "AFP", "NHK", "Reuters")]
    Exchange.objects.bulk_create(
        Exchange(
            briefing=briefing,
            position=i,
            outlet=outlets[i % len(outlets)],
            # Each question ends, and each answer starts, in words found nowhere else.
            question=f"Question {i}. {text_of(i, i * 7 % 5)} What is your response to number {i}?",
            answer="\n\n".join(
                (f"Answer {i}. " if p == 0 else "") + text_of(i + p, 1 + (i * 3 + p * 5) % 7)
                for p in range(1 + i * 5 % 4)
            ),
        )
        for i in range(1, exchanges + 1)
    )
    return briefing


def printed(page, url, keep):
    """The PDF Chromium makes of `url` on A4, as pypdf reads it; kept in `keep` to look at."""
    page.goto(url)
    data = page.pdf(format="A4")
    keep.write_bytes(data)
    return PdfReader(io.BytesIO(data))


def lines_of(pdf_page):
    """The page's text as (y, words) lines, top first; y from the foot of the page in points."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((round(y, 1), text.strip()))

    pdf_page.extract_text(visitor_text=visit)
    lines = {}
    for y, words in found:
        lines.setdefault(y, []).append(words)
    return [(y, " ".join(words)) for y, words in sorted(lines.items(), reverse=True)]


def words(text):
    return " ".join(text.split())


def page_of(pages_text, passage):
    """The number of the first page (from 1) whose words hold `passage`."""
    passage = words(passage)
    for number, text in enumerate(pages_text, start=1):
        if passage in text:
            return number
    raise AssertionError(f"{passage!r} is on no page")


def check_paper(pdf, briefing, address):
    pages_text = [words(p.extract_text()) for p in pdf.pages]
    assert len(pages_text) >= 2
    total = len(pages_text)
    first, second = pages_text[0], pages_text[1]
    # The first page is the letterhead: the site, the page's address, the title; then numbers.
    assert "Embassy of the People's Republic of China" in first
    # A long address wraps where a line ends; read without the spaces.
    assert address in "".join(first.split())
    assert briefing.title in first
    assert f"Page 1 of {total}" in first
    # Every later page carries the running header and its number.
    assert "Embassy of the People's Republic of China" in second
    assert briefing.title[:40] in second
    assert f"Page 2 of {total}" in second
    # No question ends a page whose next page starts its answer.
    for exchange in briefing.exchanges.all():
        question_end = " ".join(exchange.question.split()[-6:])
        answer_start = " ".join(exchange.answer_paragraphs[0].split()[:6])
        assert page_of(pages_text, question_end) == page_of(pages_text, answer_start), (
            f"exchange {exchange.position}: its question and the start of its answer are on "
            "different pages"
        )
    return pages_text


def blank_lines_at_foot(pdf_page):
    """How many lines of body text would still have fitted under the sheet's last line."""
    lowest = min(y for y, _ in lines_of(pdf_page) if y > MARGIN_BOTTOM)
    return (lowest - MARGIN_BOTTOM) / LINE


def test_the_seed_briefing_on_paper(page, live_server, demo_site, artifacts_dir):
    briefing = Briefing.objects.get(language="en")
    address = live_server.url + briefing.get_absolute_url()
    # The print version, and the page itself printed through the stylesheet: the same paper.
    for url in (address + "print/", address):
        kept = "seed-print.pdf" if url.endswith("print/") else "seed-page.pdf"
        pdf = printed(page, url, artifacts_dir / kept)
        check_paper(pdf, briefing, address)
        assert "28 January 2021, 19:34 Beijing time" in words(pdf.pages[0].extract_text())
        for number, sheet in enumerate(pdf.pages[:-1], start=1):
            assert blank_lines_at_foot(sheet) <= MOST_BLANK_LINES, f"sheet {number}"


def test_forty_questions_on_paper(page, live_server, remarks_section, artifacts_dir):
    briefing = long_briefing()
    address = live_server.url + briefing.get_absolute_url()
    pdf = printed(page, address + "print/", artifacts_dir / "forty-questions-print.pdf")
    assert len(pdf.pages) > 10
    pages_text = check_paper(pdf, briefing, address)
    assert (
        "28 January 2021, 19:34 Beijing time · Blue Hall, Ministry of Foreign Affairs"
        in (pages_text[0])
    )
    blanks = [blank_lines_at_foot(sheet) for sheet in pdf.pages[:-1]]
    assert max(blanks) <= MOST_BLANK_LINES, [round(b, 1) for b in blanks]
    # Every later sheet opens with its margins: the site's name, the page's title, its number.
    for number, text in enumerate(pages_text[1:], start=2):
        assert text.startswith(
            f"Embassy of the People's Republic of China {briefing.title} "
            f"Page {number} of {len(pages_text)} "
        ), f"sheet {number}: {text[:120]}"


def test_the_side_by_side_print_lets_the_pairs_flow(page, live_server, demo_site, artifacts_dir):
    """The pairs (an exchange beside its translation) follow each other down the sheets: the
    first pair starts under the letterhead, no pair waits for a new sheet leaving the rest of
    one blank, and each question keeps the start of its answer. Before: 9 sheets for 7
    exchanges, the first one empty under the letterhead, every pair on its own sheet."""
    briefing = Briefing.objects.get(language="en")
    address = live_server.url + briefing.side_by_side_url("zh-hans")
    pdf = printed(page, address + "print/", artifacts_dir / "seed-side-by-side-print.pdf")
    # Chinese is read back as unknown glyphs (the PDF's font has no Unicode map): the English
    # column tells where the pairs stand.
    pages_text = [words(p.extract_text()) for p in pdf.pages]
    exchanges = list(briefing.exchanges.all())
    first = exchanges[0]
    assert page_of(pages_text, " ".join(first.question.split()[:6])) == 1
    assert len(pdf.pages) < len(exchanges)
    for exchange in exchanges:
        question_end = " ".join(exchange.question.split()[-6:])
        answer_start = " ".join(exchange.answer_paragraphs[0].split()[:6])
        assert page_of(pages_text, question_end) == page_of(pages_text, answer_start), (
            exchange.position
        )
    for number, sheet in enumerate(pdf.pages[:-1], start=1):
        assert blank_lines_at_foot(sheet) <= MOST_BLANK_LINES_BEFORE_A_PAIR, f"sheet {number}"
