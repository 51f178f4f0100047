"""Which language a transcript is written in. Pure: no database, no settings."""

from pathlib import Path

from embassy.languages.detecting import vietnamese_share, written_language

GOLDEN = Path(__file__).parents[2] / "transcripts" / "golden"
OFFERED = ["en", "zh-hans", "vi"]


def detect(text, offered=OFFERED):
    return written_language(text, offered, "en")


def test_the_golden_transcripts_in_their_languages():
    assert detect((GOLDEN / "chinese.txt").read_text()) == "zh-hans"
    assert detect((GOLDEN / "seed.txt").read_text()) == "en"
    assert detect((GOLDEN / "real_vietnam_mofa_2020_10_15.txt").read_text()) == "en"


def test_chinese_with_english_names_and_numbers_is_chinese():
    assert detect("彭博社记者：WHO专家组1月14日抵达武汉，COVID-19溯源工作何时开始？") == "zh-hans"


def test_english_quoting_chinese_names_stays_english():
    assert detect("Zhao Lijian said the 中国 position is consistent and clear.") == "en"


def test_vietnamese_is_recognised_by_its_marks():
    text = (
        "Người Phát ngôn Bộ Ngoại giao Lê Thị Thu Hằng trả lời câu hỏi của phóng viên về Biển Đông."
    )
    assert vietnamese_share(text) > 0.2
    assert detect(text) == "vi"
    assert detect("The spokesperson spoke in Đà Nẵng and Hà Nội on Monday afternoon.") == "en"


def test_only_languages_the_site_offers():
    assert written_language("中方对此有何回应？", ["en", "vi"], "en") == "en"
    assert written_language("中方對此有何回應？", ["en", "zh-hant"], "en") == "zh-hant"
    assert written_language("", OFFERED, "en") == "en"
