"""The demo's frame in the site's three languages: the embassy's name, the seal's words, the
address and office hours; the accessibility statement and the privacy notice (example pages,
each in three languages); the home page's services; an example notice.

Like the rest of the demo: what staff have written is never replaced, and running it again
changes nothing. Every example says it is one.
"""

import datetime
import uuid

from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from modeltranslation.utils import build_localized_fieldname

from embassy.core.addresses import address
from embassy.missions.models import Mission
from embassy.pages.publishing import Status
from embassy.siteinfo.models import SiteNotice, SiteProfile, TopTask
from sections.models import Article, Section

# English is the SITE_NAME setting's until staff write it; the other languages have their own.
PROFILE_IN_EVERY_LANGUAGE = {
    "site_name": {
        "zh-hans": "中华人民共和国大使馆",
        "vi": "Đại sứ quán nước Cộng hòa Nhân dân Trung Hoa",
    },
    "seal_text": {
        "en": "The national emblem of the People's Republic of China",
        "zh-hans": "中华人民共和国国徽",
        "vi": "Quốc huy nước Cộng hòa Nhân dân Trung Hoa",
    },
    "address": {
        "zh-hans": "越南河内市巴亭郡\n黄耀街46号",
        "vi": "46 Hoàng Diệu\nQuận Ba Đình, Hà Nội\nViệt Nam",
    },
    "office_hours": {
        "zh-hans": "领事部：周一至周五 8:30–11:30\n越南和中国法定节假日休息",
        "vi": "Phòng Lãnh sự: thứ Hai đến thứ Sáu, 8:30–11:30\n"
        "Nghỉ vào các ngày lễ của Việt Nam và Trung Quốc",
    },
}

# The statements live in a section of their own, out of the menu: the footer links them.
STATEMENTS_SECTION = {
    "slug": "about-this-site",
    "title": {"en": "About this site", "zh-hans": "关于本网站", "vi": "Về trang web này"},
    "intro": {
        "en": "<p>How this site is made to be used by everyone, and what it keeps.</p>",
        "zh-hans": "<p>本网站如何方便所有人使用，以及保存哪些信息。</p>",
        "vi": "<p>Trang web được làm để mọi người đều dùng được như thế nào, và lưu những gì.</p>",
    },
}
STATEMENTS_DAY = datetime.datetime(2021, 1, 1, 9, 0)  # in the site's time zone

EXAMPLE = {
    "en": "This is an example statement, to be replaced by the embassy's own.",
    "zh-hans": "这是一份示例声明，应由使馆替换为正式文本。",
    "vi": "Đây là một tuyên bố mẫu, sẽ được Đại sứ quán thay bằng văn bản chính thức.",
}

# {profile field: (slug, {language: (title, [paragraphs])})}
STATEMENTS = {
    "accessibility_statement": (
        "accessibility",
        {
            "en": (
                "Accessibility statement",
                [
                    "We want everyone to be able to use this site: in English, Chinese and "
                    "Vietnamese, on a phone or a computer, with a keyboard, a screen reader or "
                    "magnification.",
                    "The site aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 "
                    "at level AA. Every page is checked with automated tools before it is "
                    "published; some transcripts imported from other sources may still lack "
                    "headings or language marks.",
                    "If something on this site is hard to use, write to the address on the "
                    "Contact page: say which page and what happened. We answer within ten "
                    "working days.",
                ],
            ),
            "zh-hans": (
                "无障碍声明",
                [
                    "我们希望每个人都能使用本网站：无论使用英文、中文还是越南文，"
                    "无论使用手机还是电脑，键盘、读屏软件或放大工具。",
                    "本网站以符合《网页内容无障碍指南》（WCAG）2.2 AA 级为目标。"
                    "每个页面发布前都经过自动化工具检查；从其他来源导入的部分实录"
                    "可能仍缺少标题或语言标记。",
                    "如您在使用本网站时遇到困难，请按“联系我们”页面上的地址来信，"
                    "说明具体页面和情况。我们将在十个工作日内答复。",
                ],
            ),
            "vi": (
                "Tuyên bố về khả năng tiếp cận",
                [
                    "Chúng tôi mong muốn mọi người đều có thể sử dụng trang web này: bằng "
                    "tiếng Anh, tiếng Trung hay tiếng Việt, trên điện thoại hay máy tính, "
                    "bằng bàn phím, trình đọc màn hình hay công cụ phóng to.",
                    "Trang web hướng tới đáp ứng Hướng dẫn về khả năng tiếp cận nội dung web "
                    "(WCAG) 2.2 ở mức AA. Mỗi trang đều được kiểm tra bằng công cụ tự động "
                    "trước khi đăng; một số biên bản nhập từ nguồn khác có thể vẫn thiếu "
                    "tiêu đề hoặc đánh dấu ngôn ngữ.",
                    "Nếu bạn gặp khó khăn khi sử dụng trang web, hãy viết thư tới địa chỉ "
                    "trên trang Liên hệ, cho biết trang nào và điều gì đã xảy ra. Chúng tôi "
                    "trả lời trong vòng mười ngày làm việc.",
                ],
            ),
        },
    ),
    "privacy_notice": (
        "privacy",
        {
            "en": (
                "Privacy notice",
                [
                    "Email alerts: nothing is kept until you follow the link in the "
                    "confirmation mail (it works for 48 hours). Then we keep your address, "
                    "what you follow, how often and in which language, for as long as you "
                    "receive the alerts. Every alert has a link that removes them; the "
                    "address goes with the last one you remove.",
                    "“Suggest to a friend”: your name, your address and your friends' "
                    "addresses are used to send that one mail and are not kept. To stop "
                    "the form being used to flood anyone's inbox, the site counts the mails "
                    "sent from each address and to each friend, for an hour and for a day; "
                    "the counts are then forgotten.",
                    "The site sets no advertising or tracking cookies. Staff who sign in to "
                    "edit it have a session cookie. To ask what we hold about you, or to "
                    "have it removed, write to the address on the Contact page.",
                ],
            ),
            "zh-hans": (
                "隐私声明",
                [
                    "邮件提醒：在您点击确认邮件中的链接（48小时内有效）之前，我们不保存任何信息。"
                    "确认后，我们保存您的邮箱地址、关注的内容、接收频率和语言，直至您不再接收提醒。"
                    "每封提醒邮件都附有取消链接；取消最后一项提醒后，您的地址即被删除。",
                    "“推荐给朋友”：您的姓名、邮箱地址和朋友的邮箱地址仅用于发送这一封邮件，"
                    "不予保存。为防止有人借此向他人邮箱滥发邮件，网站会在一小时和一天内"
                    "统计每个地址发出和每位朋友收到的邮件数量，之后即不再保留。",
                    "本网站不使用广告或跟踪Cookie。登录编辑网站的工作人员会使用会话Cookie。"
                    "如需了解我们保存的有关您的信息或要求删除，请按“联系我们”页面上的地址来信。",
                ],
            ),
            "vi": (
                "Thông báo về quyền riêng tư",
                [
                    "Thư thông báo: không có gì được lưu cho tới khi bạn bấm vào liên kết "
                    "trong thư xác nhận (có hiệu lực trong 48 giờ). Sau đó, chúng tôi lưu "
                    "địa chỉ của bạn, nội dung bạn theo dõi, tần suất và ngôn ngữ, chừng nào "
                    "bạn còn nhận thông báo. Mỗi thư đều có liên kết để hủy; địa chỉ được "
                    "xóa khi bạn hủy thông báo cuối cùng.",
                    "“Giới thiệu cho bạn bè”: tên, địa chỉ của bạn và địa chỉ của bạn bè chỉ "
                    "được dùng để gửi một thư đó và không được lưu. Để biểu mẫu không bị dùng "
                    "để gửi thư hàng loạt tới ai, trang web đếm số thư gửi từ mỗi địa chỉ và "
                    "tới mỗi người bạn trong một giờ và một ngày; sau đó số đếm bị xóa.",
                    "Trang web không dùng cookie quảng cáo hay theo dõi. Nhân viên đăng nhập "
                    "để biên tập có cookie phiên. Để hỏi chúng tôi lưu gì về bạn hoặc yêu "
                    "cầu xóa, hãy viết thư tới địa chỉ trên trang Liên hệ.",
                ],
            ),
        },
    ),
}

# The services people come for, in the home page's order: {language: (title, description)}
# and where each leads (a view name and its arguments, under each language's prefix; the
# example article is in English only, so every language links that one).
TOP_TASKS = [
    (
        {
            "en": ("Apply for a visa", "Documents, fees and how long it takes"),
            "zh-hans": ("办理签证", "所需材料、费用和办理时间"),
            "vi": ("Xin thị thực", "Hồ sơ, lệ phí và thời gian xử lý"),
        },
        ("sections:section", {"slug": "consular-services"}),
    ),
    (
        {
            "en": ("Passports and travel documents", "For Chinese citizens in Viet Nam"),
            "zh-hans": ("护照和旅行证件", "在越中国公民办理"),
            "vi": ("Hộ chiếu và giấy thông hành", "Dành cho công dân Trung Quốc tại Việt Nam"),
        },
        ("sections:article", {"section_slug": "consular-services", "slug": "about"}),
    ),
    (
        {
            "en": ("Emergency help", "The consular emergency line, at any hour"),
            "zh-hans": ("紧急求助", "领事保护应急电话，全天候"),
            "vi": ("Trợ giúp khẩn cấp", "Đường dây nóng lãnh sự, mọi lúc"),
        },
        ("contact", {}),
    ),
]

# Shown while current on every page; the example's days are past, so that it shows staff the
# shape of a notice without covering the demo's pages.
EXAMPLE_NOTICE = {
    "message": {
        "en": "The consular section is closed on 2 September for Viet Nam's National Day.",
        "zh-hans": "9月2日越南国庆节，领事部对外办公暂停一天。",
        "vi": "Phòng Lãnh sự nghỉ ngày 2 tháng 9, Quốc khánh Việt Nam.",
    },
    "starts_at": datetime.datetime(2021, 8, 30, 8, 0),
    "ends_at": datetime.datetime(2021, 9, 3, 0, 0),
}


def offered():
    return [code for code, _name in settings.LANGUAGES]


def fill_blank_columns(obj, values):
    """Each {field: {language: value}} into its column where that is still blank; the columns
    changed."""
    changed = []
    for field, by_language in values.items():
        for code, value in by_language.items():
            column = build_localized_fieldname(field, code)
            if code in offered() and not getattr(obj, column):
                setattr(obj, column, value)
                changed.append(column)
    return changed


def load_frame(stdout):
    profile = SiteProfile.objects.filter(mission=Mission.home()).first()
    if profile is None:
        return
    changed = fill_blank_columns(profile, PROFILE_IN_EVERY_LANGUAGE)
    statements = load_statements()
    for field, article in statements.items():
        if getattr(profile, f"{field}_id") is None:
            setattr(profile, field, article)
            changed.append(field)
    if changed:
        profile.save()
        stdout.write("Site name, address and statements in every language: examples")
    load_top_tasks(stdout)
    load_example_notice(stdout)


def statements_section():
    section, created = Section.objects.get_or_create(
        slug=STATEMENTS_SECTION["slug"],
        defaults={"title": STATEMENTS_SECTION["title"]["en"], "show_in_menu": False},
    )
    words = {field: STATEMENTS_SECTION[field] for field in ("title", "intro")}
    if fill_blank_columns(section, words):
        section.save()
    return section


def load_statements():
    """{profile field: the English version} of each example statement, its translations
    linked to it; a statement whose page exists already is left as it is."""
    section = statements_section()
    found = {}
    for field, (slug, versions) in STATEMENTS.items():
        existing = Article.objects.filter(section=section, slug=slug).order_by("pk").first()
        if existing is not None:
            found[field] = existing
            continue
        key = uuid.uuid4()
        for code, (title, paragraphs) in versions.items():
            if code not in offered():
                continue
            body = format_html(
                "<p><strong>{}</strong></p>{}",
                EXAMPLE[code],
                format_html_join("", "<p>{}</p>", ((p,) for p in paragraphs)),
            )
            article = Article.objects.create(
                section=section,
                slug=slug,
                title=title,
                body=body,
                language=code,
                translation_key=key,
                status=Status.PUBLISHED,
                publish_at=timezone.make_aware(STATEMENTS_DAY),
            )
            if code == settings.LANGUAGE_CODE:
                found[field] = article
    return found


def load_top_tasks(stdout):
    if TopTask.objects.exists():
        return
    for position, (words, (view, kwargs)) in enumerate(TOP_TASKS, start=1):
        task = TopTask(position=position)
        for code in offered():
            title, description = words.get(code, words["en"])
            setattr(task, build_localized_fieldname("title", code), title)
            setattr(task, build_localized_fieldname("description", code), description)
            language = settings.LANGUAGE_CODE if view == "sections:article" else code
            setattr(task, build_localized_fieldname("link", code), address(view, kwargs, language))
        task.save()
    stdout.write(f"Home page services: {len(TOP_TASKS)} examples")


def load_example_notice(stdout):
    if SiteNotice.objects.exists():
        return
    notice = SiteNotice(
        starts_at=timezone.make_aware(EXAMPLE_NOTICE["starts_at"]),
        ends_at=timezone.make_aware(EXAMPLE_NOTICE["ends_at"]),
    )
    fill_blank_columns(notice, {"message": EXAMPLE_NOTICE["message"]})
    notice.save()
    stdout.write("Site-wide notice: an example (its days are past)")
