"""Search latency over 100,000 exchanges on PostgreSQL. Not part of the test suite.

    .venv/bin/python bench/search_bench.py            # build embassy_bench, measure API and HTTP
    .venv/bin/python bench/search_bench.py --reuse    # measure again without rebuilding

It (re)creates its own database (default embassy_bench on 127.0.0.1:5432 as postgres), migrates
it, generates briefings in three languages (English, Chinese, Vietnamese: LANGUAGE_SHARES) and
their exchanges, whose words follow each language's vocabulary (English: the seed transcript's,
at its frequencies; Chinese and Vietnamese: a briefing's common words, Zipf-weighted), plus a
few words at known rates, loads them with COPY (with their searchable copies, as save() would
fill them; the triggers fill the search vectors as rows arrive), then measures, each query in
its language as its page searches it (/zh-hans/search/ searches Chinese):

- the search API, `embassy.search.query.search()`: the three counts (capped at
  search.MOST_COUNTED) and one page of 20 hits with their headlines, as the page does,
  REPEAT times per query; p50 and p95 in milliseconds;
- the page over HTTP: gunicorn on 127.0.0.1 (2 workers, DEBUG off), a bounded sequential loop of
  requests per query (p50/p95), then wrk for throughput with 4 connections.
"""

import argparse
import io
import os
import random
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import serving  # bench/serving.py, next to this script
from serving import percentile

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    ("rare word", {"q": "genocide"}),
    ("common word", {"q": "China"}),
    ("two words", {"q": "Xinjiang cotton"}),
    ("phrase", {"q": '"climate change"'}),
    ("stemmed form", {"q": "questions"}),
    ("word, newest first", {"q": "Xinjiang", "sort": "newest"}),
    (
        "word + outlet + year",
        {
            "q": "cooperation",
            "outlet": "bloomberg",
            "date_from": "2021-01-01",
            "date_to": "2021-12-31",
        },
    ),
    (
        "no word: outlet + year",
        {"outlet": "bloomberg", "date_from": "2021-01-01", "date_to": "2021-12-31"},
    ),
    ("no match", {"q": "zzyzx"}),
    ("zh rare word", {"q": "反恐", "language": "zh-hans"}),
    ("zh country", {"q": "巴基斯坦", "language": "zh-hans"}),
    ("zh compound (2 words)", {"q": "新冠肺炎", "language": "zh-hans"}),
    ("zh common word", {"q": "中方", "language": "zh-hans"}),
    ("zh phrase", {"q": '"气候变化"', "language": "zh-hans"}),
    ("zh newest first", {"q": "巴基斯坦", "sort": "newest", "language": "zh-hans"}),
    ("vi rare, with marks", {"q": "biển Đông", "language": "vi"}),
    ("vi rare, without", {"q": "bien dong", "language": "vi"}),
    ("vi common, with marks", {"q": "hợp tác", "language": "vi"}),
    ("vi common, without", {"q": "hop tac", "language": "vi"}),
    ("vi phrase, without", {"q": '"tieng viet"', "language": "vi"}),
]
# The share of briefings (and so of exchanges) written in each language.
LANGUAGE_SHARES = {"en": 0.5, "zh-hans": 0.3, "vi": 0.2}
# Words planted at known rates (share of exchanges of their language), so results sizes are
# known.
PLANTED = {
    "en": {"genocide": 0.002, "Xinjiang": 0.05, "cotton": 0.01, "climate change": 0.03},
    "zh-hans": {"反恐": 0.002, "巴基斯坦": 0.01, "新冠肺炎": 0.03, "气候变化": 0.03},
    "vi": {"biển Đông": 0.002, "tiếng Việt": 0.03},
}
# A briefing's common words, most frequent first (Zipf-weighted), none of the planted ones.
CHINESE_WORDS = [
    "中方",
    "我们",
    "问题",
    "美方",
    "合作",
    "发展",
    "国际",
    "关系",
    "国家",
    "表示",
    "希望",
    "有关",
    "记者",
    "问",
    "答",
    "发言人",
    "外交部",
    "坚持",
    "推动",
    "双方",
    "支持",
    "各国",
    "和平",
    "稳定",
    "地区",
    "原则",
    "立场",
    "一贯",
    "主权",
    "领土",
    "安全",
    "经济",
    "人民",
    "政府",
    "共同",
    "努力",
    "重要",
    "积极",
    "加强",
    "领域",
    "交流",
    "世界",
    "全球",
    "多边",
    "主义",
    "对话",
    "协商",
    "尊重",
    "利益",
    "干涉",
    "内政",
    "一道",
    "伙伴",
    "战略",
    "全面",
    "深化",
    "务实",
    "互利",
    "共赢",
    "倡议",
    "一带一路",
    "建设",
    "疫苗",
    "疫情",
    "防控",
    "抗击",
    "公共",
    "卫生",
    "贸易",
    "投资",
    "科技",
    "文化",
    "教育",
    "旅游",
    "访问",
    "会见",
    "会谈",
    "举行",
    "出席",
    "会议",
    "论坛",
    "峰会",
    "东盟",
    "联合国",
    "安理会",
    "决议",
    "国际法",
    "南海",
    "台湾",
    "香港",
    "新疆",
    "西藏",
    "人权",
    "民主",
    "自由",
    "媒体",
    "报道",
    "信息",
    "情况",
    "了解",
    "介绍",
    "回应",
    "评论",
    "关注",
    "注意到",
    "强调",
    "指出",
    "认为",
    "呼吁",
    "反对",
    "谴责",
    "制裁",
    "措施",
    "方面",
    "进一步",
    "继续",
    "已经",
    "正在",
    "将",
    "同",
    "与",
    "和",
    "在",
    "对",
    "就",
    "为",
    "的",
    "了",
    "是",
    "也",
    "都",
    "不",
    "这",
    "那",
    "一个",
    "这个",
    "有",
    "没有",
    "还",
    "以及",
]
VIETNAMESE_WORDS = [
    "chúng tôi",
    "Việt Nam",
    "Trung Quốc",
    "hợp tác",
    "quan hệ",
    "hai nước",
    "phát triển",
    "kinh tế",
    "người phát ngôn",
    "Bộ Ngoại giao",
    "khu vực",
    "hòa bình",
    "ổn định",
    "an ninh",
    "quốc tế",
    "luật pháp",
    "tôn trọng",
    "chủ quyền",
    "vấn đề",
    "thông tin",
    "phóng viên",
    "câu hỏi",
    "trả lời",
    "đề nghị",
    "các bên",
    "liên quan",
    "tình hình",
    "đối tác",
    "chiến lược",
    "toàn diện",
    "thúc đẩy",
    "tăng cường",
    "đoàn kết",
    "hữu nghị",
    "láng giềng",
    "thương mại",
    "đầu tư",
    "du lịch",
    "giáo dục",
    "văn hóa",
    "nhân dân",
    "chính phủ",
    "lãnh đạo",
    "cấp cao",
    "chuyến thăm",
    "hội nghị",
    "diễn đàn",
    "ASEAN",
    "Liên Hợp Quốc",
    "công dân",
    "bảo hộ",
    "lãnh sự",
    "dịch bệnh",
    "vắc xin",
    "đã",
    "đang",
    "sẽ",
    "và",
    "của",
    "với",
    "cho",
    "về",
    "trong",
    "này",
    "những",
    "được",
    "là",
    "có",
    "không",
    "một",
    "các",
    "như",
    "theo",
    "đến",
    "từ",
    "tại",
    "khi",
    "nếu",
    "cũng",
    "rất",
    "nhiều",
]
OPENINGS = {"zh-hans": "记者：", "vi": "Phóng viên: "}
OUTLETS = [
    "CCTV",
    "Bloomberg",
    "AFP",
    "Reuters",
    "NPR",
    "Xinhua News Agency",
    "China Daily",
    "Global Times",
    "Phoenix TV",
    "China News Service",
    "Kyodo News",
    "NHK",
    "TASS",
    "RIA Novosti",
    "EFE",
    "Dragon TV",
    "Hubei Media Group",
    "CNR",
    "Beijing Youth Daily",
    "The Paper",
    "Yonhap",
    "Al Jazeera",
    "BBC",
    "CNN",
    "Associated Press",
    "Anadolu Agency",
    "Prasar Bharati",
    "Bernama",
    "Shenzhen TV",
    "Macau Monthly",
]
SPOKESPEOPLE = ["Zhao Lijian", "Hua Chunying", "Wang Wenbin", "Geng Shuang", "Mao Ning"]


def vocabulary():
    """Words of the seed transcript with their counts: generated text reads like a briefing."""
    text = (ROOT / "embassy/demo/spokespersons_remarks_2021-01-28.txt").read_text()
    counts = {}
    for word in re.findall(r"[A-Za-z][A-Za-z'-]*", text):
        counts[word] = counts.get(word, 0) + 1
    for planted in ("genocide", "Xinjiang", "cotton", "climate", "zzyzx"):
        counts.pop(planted, None)
    return list(counts), list(counts.values())


def zipf(words):
    return words, [1 / rank for rank in range(1, len(words) + 1)]


def sentence_maker(rng):
    """text(language, n_words): about n_words of that language, in sentences."""
    vocabularies = {
        "en": vocabulary(),
        "zh-hans": zipf(CHINESE_WORDS),
        "vi": zipf(VIETNAMESE_WORDS),
    }

    def text(language, n_words):
        words, weights = vocabularies[language]
        chosen = rng.choices(words, weights, k=n_words)
        for planted, rate in PLANTED[language].items():
            if rng.random() < rate:
                chosen.insert(rng.randrange(len(chosen) + 1), planted)
        # Sentences of about 15 words; Chinese is written without spaces.
        out = []
        for i in range(0, len(chosen), 15):
            if language == "zh-hans":
                out.append("".join(chosen[i : i + 15]) + "。")
            else:
                sentence = " ".join(chosen[i : i + 15])
                out.append(sentence[0].upper() + sentence[1:] + ".")
        return ("" if language == "zh-hans" else " ").join(out)

    return text


def title_of(language, day):
    if language == "zh-hans":
        return f"{day.year}年{day.month}月{day.day}日外交部发言人例行记者会"
    if language == "vi":
        return f"Họp báo thường kỳ ngày {day:%d/%m/%Y}"
    return f"Regular Press Conference on {day:%B %-d, %Y}"


def build(database, n_exchanges, seed):
    import datetime

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from embassy.languages.segmenting import search_copy
    from embassy.pages.publishing import Status
    from sections.models import Section
    from transcripts.models import Briefing, Outlet, Spokesperson

    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    make_text = sentence_maker(rng)
    started = time.perf_counter()
    section = Section.objects.create(title="Spokesperson's Remarks", slug="spokespersons-remarks")
    spokespeople = [
        Spokesperson.objects.create(name=name, slug=name.lower().replace(" ", "-"))
        for name in SPOKESPEOPLE
    ]
    outlets = [
        Outlet.objects.create(name=name, slug=re.sub(r"[^a-z0-9]+", "-", name.lower()))
        for name in OUTLETS
    ]
    # One briefing a working day, about 15 exchanges each, going back from 2024.
    per_briefing = 15
    n_briefings = -(-n_exchanges // per_briefing)
    day = datetime.date(2024, 12, 31)
    briefings = []
    languages, shares = zip(*LANGUAGE_SHARES.items(), strict=True)
    while len(briefings) < n_briefings:
        if day.weekday() < 5:
            held_at = timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 15))
            language = rng.choices(languages, shares)[0]
            title = title_of(language, day)
            opening_remarks = make_text(language, rng.randint(0, 80))
            briefings.append(
                Briefing(
                    title=title,
                    slug=f"regular-press-conference-{day:%Y-%m-%d}",
                    spokesperson=rng.choice(spokespeople),
                    held_at=held_at,
                    section=section,
                    # One in fifty is a draft: drafts must cost nothing and never show.
                    status=Status.DRAFT if rng.random() < 0.02 else Status.PUBLISHED,
                    opening_remarks=opening_remarks,
                    language=language,
                    # bulk_create skips save(), which fills it.
                    search_text=search_copy(title, opening_remarks),
                )
            )
        day -= datetime.timedelta(days=1)
    Briefing.objects.bulk_create(briefings, batch_size=1000)
    briefing_languages = list(Briefing.objects.order_by("id").values_list("id", "language"))

    buffer = io.StringIO()
    written = 0
    written_in = dict.fromkeys(LANGUAGE_SHARES, 0)
    for briefing_id, language in briefing_languages:
        for position in range(1, per_briefing + 1):
            if written == n_exchanges:
                break
            question = OPENINGS.get(language, "") + make_text(language, rng.randint(20, 80))
            # Chinese says in fewer characters what the others say in words: about a third.
            length = rng.randint(40, 300)
            answer = make_text(language, length // 3 if language == "zh-hans" else length)
            outlet = rng.choice(outlets).id
            copy = search_copy(question, answer)
            row = [str(briefing_id), str(position), str(outlet), question, answer, copy]
            buffer.write("\t".join(field.replace("\\", "\\\\") for field in row) + "\n")
            written += 1
            written_in[language] += 1
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            "COPY transcripts_exchange "
            "(briefing_id, position, outlet_id, question, answer, search_text) FROM STDIN",
            buffer,
        )
        # As autovacuum would leave it: statistics, hint bits and the visibility map set (the
        # covering briefing index is read without visiting the table).
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    shares = ", ".join(f"{code} {count}" for code, count in written_in.items())
    print(
        f"built {database}: {len(briefing_languages)} briefings, {written} exchanges "
        f"({shares}), {time.perf_counter() - started:.1f} s, database {size}"
    )


def criteria_for(params):
    import datetime

    from embassy.search import query as search
    from transcripts.models import Outlet

    return search.Criteria(
        text=params.get("q", ""),
        outlet=Outlet.objects.get(slug=params["outlet"]) if "outlet" in params else None,
        date_from=datetime.date.fromisoformat(params["date_from"])
        if "date_from" in params
        else None,
        date_to=datetime.date.fromisoformat(params["date_to"]) if "date_to" in params else None,
        sort=params.get("sort", search.RELEVANCE),
        language=language_of(params),
    )


def language_of(params):
    return params.get("language", "en")


def search_url(base, params):
    """The search page in the query's language (its prefix), the words and filters after."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language_of(params)):
        path = reverse("search")
    query = {name: value for name, value in params.items() if name != "language"}
    return base + path + "?" + urllib.parse.urlencode(query)


def print_per_language(timings_by_query, columns):
    """p50 and p95 of every query of each language together, then of all queries."""
    by_language = {}
    for params, timings in timings_by_query:
        by_language.setdefault(language_of(params), []).extend(timings)
    by_language["all"] = [t for timings in by_language.values() for t in timings]
    for language, timings in by_language.items():
        label = "all queries" if language == "all" else f"all {language} queries"
        print(
            f"{label:<26} {columns}"
            f"{percentile(timings, 0.5):>7.1f} {percentile(timings, 0.95):>7.1f}"
        )


def measure_api(repeat):
    from django.db import connection, reset_queries

    from embassy.search import query as search

    print(f"\nAPI: search.search(), counts + one page of 20 with headlines, {repeat} runs each")
    print(f"{'query':<26} {'hits':>7} {'queries':>7} {'p50 ms':>7} {'p95 ms':>7}")
    everything = []
    for label, params in QUERIES:
        criteria = criteria_for(params)
        search.search(criteria)  # warm
        timings = []
        for _ in range(repeat):
            reset_queries()
            started = time.perf_counter()
            results = search.search(criteria)
            list(results.page)
            timings.append((time.perf_counter() - started) * 1000)
        queries = len(connection.queries)
        everything.append((params, timings))
        hits = f">{results.most_counted}" if results.more_than_counted else results.total
        print(
            f"{label:<26} {hits:>7} {queries:>7} "
            f"{percentile(timings, 0.5):>7.1f} {percentile(timings, 0.95):>7.1f}"
        )
    print_per_language(everything, f"{'':>7} {'':>7} ")


def measure_http(database_url, repeat, port, wrk_seconds):
    env = serving.server_env(database_url)
    server = serving.start_gunicorn(env, port, ready_path="/search/")
    base = f"http://127.0.0.1:{port}"
    try:
        print(
            f"\nHTTP: GET /search/ through gunicorn (2 workers), {repeat} sequential requests each"
        )
        print(f"{'query':<26} {'p50 ms':>7} {'p95 ms':>7}")
        everything = []
        for label, params in QUERIES:
            url = search_url(base, params)
            urllib.request.urlopen(url).read()
            timings = []
            for _ in range(repeat):
                started = time.perf_counter()
                with urllib.request.urlopen(url) as response:
                    response.read()
                    assert response.status == 200, url
                timings.append((time.perf_counter() - started) * 1000)
            everything.append((params, timings))
            print(f"{label:<26} {percentile(timings, 0.5):>7.1f} {percentile(timings, 0.95):>7.1f}")
        print_per_language(everything, "")
        if os.access(serving.WRK, os.X_OK):
            chinese = next(query for query in QUERIES if language_of(query[1]) == "zh-hans")
            for label, params in (QUERIES[0], QUERIES[1], QUERIES[7], chinese):
                url = search_url(base, params)
                print(f"\nwrk, 2 threads, 4 connections, {wrk_seconds} s: {label} ({url})")
                output = serving.wrk(url, seconds=wrk_seconds)["output"]
                for line in output.splitlines():
                    if re.match(r"\s+(50|90|99)%|Requests/sec|\s+Non-2xx", line):
                        print("  " + line.strip())
    finally:
        serving.stop(server)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default="embassy_bench")
    parser.add_argument("--host", default="postgres@127.0.0.1:5432")
    parser.add_argument("--exchanges", type=int, default=100_000)
    parser.add_argument("--reuse", action="store_true", help="measure the existing database")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--wrk-seconds", type=int, default=10)
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()

    database_url = f"postgres://{args.host}/{args.database}"
    if not args.reuse:
        user_host, port = args.host.rsplit(":", 1)
        user, host = user_host.split("@")
        for command in ("dropdb", "createdb"):
            extra = ["--if-exists"] if command == "dropdb" else []
            subprocess.run(
                [command, "-h", host, "-p", port, "-U", user, *extra, args.database], check=True
            )
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy.settings")
    os.environ["DEBUG"] = "true"  # records queries, to report how many a search takes
    import django

    django.setup()
    if not args.reuse:
        build(args.database, args.exchanges, args.seed)
    print(f"machine: {os.cpu_count()} cores, {os.uname().sysname} {os.uname().release}")
    measure_api(args.repeat)
    if not args.no_http:
        measure_http(database_url, args.repeat, args.port, args.wrk_seconds)


if __name__ == "__main__":
    main()
