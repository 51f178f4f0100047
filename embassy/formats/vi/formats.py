# 28/01/2021 19:34 giờ Bắc Kinh
from embassy.pages.dates import with_zone_name

DATE_FORMAT = "d/m/Y"
TIME_FORMAT = with_zone_name("H:i", {"Asia/Shanghai": "giờ Bắc Kinh"})
DATETIME_FORMAT = "d/m/Y " + TIME_FORMAT
YEAR_MONTH_FORMAT = "m/Y"
MONTH_DAY_FORMAT = "d/m"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y " + TIME_FORMAT
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
