# 2021年1月28日 19:34 北京时间
from embassy.pages.dates import with_zone_name

DATE_FORMAT = "Y年n月j日"
TIME_FORMAT = with_zone_name("H:i", {"Asia/Shanghai": "北京时间"})
DATETIME_FORMAT = "Y年n月j日 " + TIME_FORMAT
YEAR_MONTH_FORMAT = "Y年n月"
MONTH_DAY_FORMAT = "n月j日"
SHORT_DATE_FORMAT = "Y年n月j日"
SHORT_DATETIME_FORMAT = "Y年n月j日 " + TIME_FORMAT
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"]
