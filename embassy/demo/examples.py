"""What the demo shows besides the menu and the seed briefing: an example page in each main
section, and the embassy's contact details.

Every example page says plainly that it is one, so that nobody takes it for the embassy's own
information; its date is fixed, so that the demo reads the same whenever it is loaded. The
Topics sections have their introduction and no page: a section without pages shows its
introduction instead of an empty list.
"""

import datetime

from django.utils import timezone
from django.utils.html import format_html

# The slug of each example page: /sections/<section>/about/.
EXAMPLE_SLUG = "about"

EXAMPLE_NOTICE = (
    "<p><strong>This is an example page.</strong> It shows how a page of this section looks; "
    "it is not the embassy's information. Staff replace it in the admin, under Menu &amp; "
    "pages › Articles.</p>"
)

# Section slug -> (title, what the real page would hold), one example page each, dated a day
# apart in early January 2021, before the seed briefing.
EXAMPLE_PAGES = {
    "ambassador-information": (
        "The ambassador's biography",
        "This page would give the ambassador's biography: career, earlier posts and the day "
        "the credentials were presented.",
    ),
    "embassy-information": (
        "The embassy and its departments",
        "This page would list the embassy's departments, what each one handles and how to "
        "reach it.",
    ),
    "sino-vietnam-relationship": (
        "China and Viet Nam: an overview",
        "This page would outline relations between the two countries: the main agreements, "
        "the visits of their leaders and the fields in which they cooperate.",
    ),
    "consular-services": (
        "Visas, passports and notarial services",
        "This page would explain how to apply for a visa or a passport, the documents each "
        "application needs, its fees and how long it takes.",
    ),
    "for-students-scholars": (
        "Scholarships for study in China",
        "This page would list the scholarships open to students from Viet Nam, who may apply "
        "and by when.",
    ),
    "science-tech": (
        "Cooperation in science and technology",
        "This page would describe joint research programmes and how institutions take part.",
    ),
    "cultural-exchange": (
        "Cultural events and exchanges",
        "This page would announce exhibitions, performances and exchanges between the two "
        "countries' people.",
    ),
}
FIRST_EXAMPLE_DAY = datetime.datetime(2021, 1, 4, 10, 0)  # in the site's time zone


def example_page(slug, position):
    """The fields of the example page of section `slug`, the `position`-th one (from 0)."""
    title, holds = EXAMPLE_PAGES[slug]
    return {
        "title": title,
        "slug": EXAMPLE_SLUG,
        "body": EXAMPLE_NOTICE + format_html("<p>{}</p>", holds),
        "publish_at": timezone.make_aware(FIRST_EXAMPLE_DAY + datetime.timedelta(days=position)),
    }


# The embassy's contact details as the demo shows them in every footer and on /contact/:
# examples to replace in the admin (Site › Contact details and seal) with the embassy's own.
CONTACT = {
    "address": "46 Hoang Dieu Street\nBa Dinh District, Hanoi\nViet Nam",
    "telephone": "+84 24 3845 3736",
    "consular_emergency_line": "+84 24 3845 3737",
    "office_hours": "Consular section: Monday to Friday, 8:30–11:30\n"
    "Closed on Vietnamese and Chinese public holidays",
    "email": "consular@embassy.example",
}

CONSULATE_NAMES = {
    "site_name_vi": "Tổng Lãnh sự quán nước CHND Trung Hoa tại Thành phố Hồ Chí Minh",
    "site_name_zh_hans": "中华人民共和国驻胡志明市总领事馆",
}

# The consulate-general's (example, not real: replace them in the admin).
CONSULATE_CONTACT = {
    "address": "175 Hai Ba Trung Street\nDistrict 3, Ho Chi Minh City\nViet Nam",
    "address_vi": "175 Hai Bà Trưng\nQuận 3, Thành phố Hồ Chí Minh\nViệt Nam",
    "telephone": "+84 28 3829 2457",
    "office_hours": "Monday to Friday, 9:00–11:30",
    "office_hours_vi": "Thứ Hai đến thứ Sáu, 9:00–11:30",
    "office_hours_zh_hans": "周一至周五 9:00–11:30",
    "address_zh_hans": "越南胡志明市第三郡二征夫人街175号",
    "email": "consulate@hcmc.example",
}
