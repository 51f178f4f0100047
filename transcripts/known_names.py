"""The outlets and spokespeople of the Foreign Ministry's briefings, named in each language.

One transcript says "AFP", its Chinese version "法新社记者", a Vietnamese one "Hãng thông tấn AFP":
one outlet. The importer (transcripts/importing.py) looks each name up here to find the row
that already holds the outlet under another language's name, and to give a new row its name in
every language at once. A name that is not in the table is matched as it is written.

Pure data and plain functions, no Django: the table is read once, by name.
"""

from dataclasses import dataclass, field

# Who asks, not what they write for: "法新社记者" is AFP's reporter, "Phóng viên AFP" too.
_PRESS_SUFFIXES = ("记者问", "記者問", "记者", "記者", " reporter", " correspondent", " journalist")
_PRESS_PREFIXES = ("phóng viên ", "pv ", "nhà báo ")


@dataclass(frozen=True)
class Known:
    """One outlet or person: {language code: name} and other spellings met in transcripts."""

    names: dict[str, str]
    also: tuple[str, ...] = field(default=())

    def spellings(self):
        return (*self.names.values(), *self.also)


def key(name):
    """The one comparison of names: spaces folded, case folded in every script ("Straße" and
    "STRASSE" are one outlet), the reporter's title dropped ("法新社记者" is "法新社")."""
    folded = " ".join(name.split()).casefold()
    for suffix in _PRESS_SUFFIXES:
        if folded.endswith(suffix) and len(folded) > len(suffix):
            folded = folded[: -len(suffix)].strip()
            break
    for prefix in _PRESS_PREFIXES:
        if folded.startswith(prefix) and len(folded) > len(prefix):
            folded = folded[len(prefix) :].strip()
            break
    return folded.strip("《》 ")


def press_name(name):
    """The outlet's name as a transcript's label writes it, without the reporter's title and
    quotation marks ("《环球时报》记者" is 环球时报)."""
    name = " ".join(name.split())
    folded = key(name)
    start = name.casefold().find(folded)
    return name[start : start + len(folded)] if folded and start >= 0 else name


def _outlet(en, zh, vi=None, *also):
    return Known({"en": en, "zh-hans": zh, "vi": vi or en}, tuple(also))


# The outlets that ask questions at the Foreign Ministry's briefings: English as the Ministry's
# English transcripts write them, Chinese as its Chinese ones do, Vietnamese as the Vietnamese
# press does (which keeps most foreign names in their own spelling).
OUTLETS = (
    _outlet(
        "AFP",
        "法新社",
        "AFP",
        "Agence France-Presse",
        "Agence France Presse",
        "Hãng thông tấn AFP",
        "Hãng tin AFP",
        "Hãng thông tấn Pháp",
        "法国新闻社",
    ),
    _outlet(
        "Reuters",
        "路透社",
        "Reuters",
        "Hãng tin Reuters",
        "Hãng thông tấn Reuters",
        "Thomson Reuters",
    ),
    _outlet(
        "AP",
        "美联社",
        "AP",
        "Associated Press",
        "The Associated Press",
        "Hãng thông tấn AP",
        "Hãng tin AP",
        "美国联合通讯社",
    ),
    _outlet(
        "Bloomberg", "彭博社", "Bloomberg", "Bloomberg News", "Hãng tin Bloomberg", "彭博新闻社"
    ),
    _outlet("CNN", "美国有线电视新闻网", "CNN", "Đài CNN"),
    _outlet("BBC", "英国广播公司", "BBC", "British Broadcasting Corporation", "Đài BBC"),
    _outlet("NPR", "美国全国公共广播电台", "NPR", "National Public Radio", "Đài NPR"),
    _outlet("VOA", "美国之音", "VOA", "Voice of America", "Đài VOA", "Đài Tiếng nói Hoa Kỳ"),
    _outlet(
        "The New York Times",
        "纽约时报",
        "The New York Times",
        "New York Times",
        "《纽约时报》",
        "Thời báo New York",
    ),
    _outlet(
        "The Wall Street Journal",
        "华尔街日报",
        "The Wall Street Journal",
        "Wall Street Journal",
        "《华尔街日报》",
    ),
    _outlet(
        "The Washington Post",
        "华盛顿邮报",
        "The Washington Post",
        "Washington Post",
        "Bưu điện Washington",
    ),
    _outlet("Financial Times", "金融时报", "Financial Times", "英国《金融时报》", "FT"),
    _outlet(
        "Xinhua News Agency",
        "新华社",
        "Tân Hoa Xã",
        "Xinhua",
        "新华通讯社",
        "Hãng thông tấn Tân Hoa Xã",
        "Thông tấn xã Tân Hoa",
    ),
    _outlet(
        "CCTV",
        "总台央视",
        "CCTV",
        "China Central Television",
        "中央电视台",
        "央视",
        "中央广播电视总台",
        "总台",
        "CMG",
        "China Media Group",
        "Đài Truyền hình Trung ương Trung Quốc",
        "Đài CCTV",
    ),
    _outlet(
        "CGTN", "中国国际电视台", "CGTN", "China Global Television Network", "总台CGTN", "Đài CGTN"
    ),
    _outlet(
        "China National Radio",
        "中央人民广播电台",
        "Đài Phát thanh Nhân dân Trung ương",
        "CNR",
        "总台央广",
        "央广",
    ),
    _outlet(
        "China Radio International",
        "中国国际广播电台",
        "Đài Phát thanh Quốc tế Trung Quốc",
        "CRI",
        "总台国际台",
        "国际台",
    ),
    _outlet(
        "People's Daily", "人民日报", "Nhân dân Nhật báo", "《人民日报》", "Báo Nhân dân Trung Quốc"
    ),
    _outlet("Guangming Daily", "光明日报", "Quang Minh Nhật báo", "《光明日报》"),
    _outlet("China Daily", "中国日报", "China Daily", "《中国日报》", "Báo China Daily"),
    _outlet("Global Times", "环球时报", "Thời báo Hoàn Cầu", "《环球时报》", "Hoàn Cầu Thời báo"),
    _outlet("China News Service", "中新社", "Trung Quốc Tân văn xã", "中国新闻社"),
    _outlet("China Review News", "中评社", "China Review News", "中国评论通讯社"),
    _outlet("The Paper", "澎湃新闻", "The Paper", "ThePaper", "Báo The Paper"),
    _outlet("Beijing Daily", "北京日报", "Bắc Kinh Nhật báo", "《北京日报》"),
    _outlet("Shenzhen TV", "深圳卫视", "Đài truyền hình Thâm Quyến", "Shenzhen Satellite TV"),
    _outlet("Dragon TV", "东方卫视", "Đài truyền hình Đông Phương", "Dragon Television"),
    _outlet(
        "Phoenix TV", "凤凰卫视", "Phoenix TV", "Phoenix Television", "Đài truyền hình Phượng Hoàng"
    ),
    _outlet(
        "South China Morning Post",
        "南华早报",
        "South China Morning Post",
        "SCMP",
        "《南华早报》",
        "Bưu điện Hoa Nam buổi sáng",
    ),
    _outlet("Hong Kong Commercial Daily", "香港商报", "Hong Kong Commercial Daily", "《香港商报》"),
    _outlet("Ta Kung Pao", "大公报", "Ta Kung Pao", "香港大公报", "《大公报》"),
    _outlet("Wen Wei Po", "文汇报", "Wen Wei Po", "香港文汇报", "《文汇报》"),
    _outlet(
        "Hong Kong Bauhinia Magazine", "紫荆杂志", "Hong Kong Bauhinia Magazine", "香港紫荆杂志"
    ),
    _outlet("TVB", "香港无线电视", "TVB", "Television Broadcasts Limited", "无线电视"),
    _outlet("RTHK", "香港电台", "RTHK", "Radio Television Hong Kong"),
    _outlet("i-Cable", "香港有线电视", "i-Cable", "Cable TV Hong Kong", "有线电视"),
    _outlet("HK01", "香港01", "HK01"),
    _outlet("Kyodo News", "共同社", "Kyodo", "Kyodo", "日本共同社", "Hãng thông tấn Kyodo"),
    _outlet(
        "NHK", "日本广播协会", "NHK", "Japan Broadcasting Corporation", "日本放送协会", "Đài NHK"
    ),
    _outlet("Asahi Shimbun", "朝日新闻", "Asahi Shimbun", "Asahi", "朝日新闻社", "Báo Asahi"),
    _outlet(
        "Nikkei",
        "日本经济新闻",
        "Nikkei",
        "Nikkei Asia",
        "Nihon Keizai Shimbun",
        "日经新闻",
        "日本经济新闻社",
        "Báo Nikkei",
    ),
    _outlet("Yomiuri Shimbun", "读卖新闻", "Yomiuri Shimbun", "Yomiuri", "Báo Yomiuri"),
    _outlet("Mainichi Shimbun", "每日新闻", "Mainichi Shimbun", "Mainichi", "Báo Mainichi"),
    _outlet("TBS", "东京广播公司", "TBS", "Tokyo Broadcasting System"),
    _outlet("Fuji TV", "富士电视台", "Fuji TV", "Fuji Television"),
    _outlet("Nippon TV", "日本电视台", "Nippon TV", "NTV"),
    _outlet(
        "Yonhap News Agency",
        "韩联社",
        "Yonhap",
        "Yonhap",
        "韩国联合通讯社",
        "Hãng thông tấn Yonhap",
    ),
    _outlet("KBS", "韩国广播公司", "KBS", "Korean Broadcasting System", "Đài KBS"),
    _outlet("MBC", "韩国文化广播公司", "MBC", "Munhwa Broadcasting Corporation"),
    _outlet("TASS", "塔斯社", "TASS", "ITAR-TASS", "俄通社-塔斯社", "Hãng thông tấn TASS"),
    _outlet("RIA Novosti", "俄新社", "RIA Novosti", "俄罗斯新闻社", "Hãng thông tấn RIA Novosti"),
    _outlet("Sputnik", "俄罗斯卫星通讯社", "Sputnik", "卫星通讯社", "Hãng thông tấn Sputnik"),
    _outlet("EFE", "埃菲社", "EFE", "Agencia EFE", "Hãng thông tấn EFE", "西班牙埃菲社"),
    _outlet("DPA", "德新社", "DPA", "Deutsche Presse-Agentur", "德国新闻社", "Hãng thông tấn DPA"),
    _outlet("ANSA", "安莎社", "ANSA", "意大利安莎通讯社", "Hãng thông tấn ANSA"),
    _outlet("RFI", "法国国际广播电台", "RFI", "Radio France Internationale", "Đài RFI"),
    _outlet("Prensa Latina", "拉美社", "Prensa Latina", "拉丁美洲通讯社"),
    _outlet("Anadolu Agency", "阿纳多卢通讯社", "Anadolu", "Anadolu", "土耳其阿纳多卢通讯社"),
    _outlet("Al Jazeera", "半岛电视台", "Al Jazeera", "卡塔尔半岛电视台", "Đài Al Jazeera"),
    _outlet("PTI", "印度报业托拉斯", "PTI", "Press Trust of India"),
    _outlet("Vietnam News Agency", "越通社", "Thông tấn xã Việt Nam", "VNA", "TTXVN", "越南通讯社"),
)

# The Ministry's spokespeople, and its minister, who answers at some briefings; Vietnamese
# writes them in their Sino-Vietnamese reading.
SPOKESPEOPLE = (
    Known({"en": "Zhao Lijian", "zh-hans": "赵立坚", "vi": "Triệu Lập Kiên"}),
    Known({"en": "Hua Chunying", "zh-hans": "华春莹", "vi": "Hoa Xuân Oánh"}),
    Known({"en": "Wang Wenbin", "zh-hans": "汪文斌", "vi": "Uông Văn Bân"}),
    Known({"en": "Mao Ning", "zh-hans": "毛宁", "vi": "Mao Ninh"}),
    Known({"en": "Lin Jian", "zh-hans": "林剑", "vi": "Lâm Kiếm"}),
    Known({"en": "Guo Jiakun", "zh-hans": "郭嘉昆", "vi": "Quách Gia Côn"}),
    Known({"en": "Geng Shuang", "zh-hans": "耿爽", "vi": "Cảnh Sảng"}),
    Known({"en": "Lu Kang", "zh-hans": "陆慷", "vi": "Lục Khảng"}),
    Known({"en": "Hong Lei", "zh-hans": "洪磊", "vi": "Hồng Lỗi"}),
    Known({"en": "Qin Gang", "zh-hans": "秦刚", "vi": "Tần Cương"}),
    Known({"en": "Wang Yi", "zh-hans": "王毅", "vi": "Vương Nghị"}),
)


def _index(table):
    index = {}
    for known in table:
        for spelling in known.spellings():
            index.setdefault(key(spelling), known)
    return index


_BY_KEY = {id(OUTLETS): _index(OUTLETS), id(SPOKESPEOPLE): _index(SPOKESPEOPLE)}


def known(table, name):
    """The entry of `table` (OUTLETS, SPOKESPEOPLE) that `name` spells, or None."""
    return _BY_KEY[id(table)].get(key(name))
