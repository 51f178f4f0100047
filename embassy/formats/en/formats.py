# 28 January 2021, 19:34 Beijing time
from embassy.pages.dates import with_zone_name

DATE_FORMAT = "j F Y"
TIME_FORMAT = with_zone_name("H:i", {"Asia/Shanghai": "Beijing time"})
DATETIME_FORMAT = "j F Y, " + TIME_FORMAT
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, " + TIME_FORMAT
# What a reader types in a date box: the site's own format first, the ISO date always.
DATE_INPUT_FORMATS = ["%d %B %Y", "%Y-%m-%d", "%d %b %Y", "%d/%m/%Y"]
