"""config/calendars/statutory.yaml checked against sources of its own: 除夕,
端午 and 中秋 against Debian's python3-lunardate (the Chinese calendar's
tables), 清明 against the solar term computed here from the Sun's apparent
longitude (Meeus, Astronomical Algorithms, ch. 25, low accuracy: 清明 is the
Beijing day the longitude reaches 15 degrees). Every year the file lists.

Run as `statutory_check.py SOURCE_DIR`.
"""
import datetime
import math
import os
import sys

import yaml
from lunardate import LunarDate

source = sys.argv[1]
with open(os.path.join(source, "config", "calendars", "statutory.yaml"), encoding="utf-8") as f:
    data = yaml.safe_load(f)


def sun_longitude(moment):
    """The Sun's apparent ecliptic longitude in degrees at a UTC datetime."""
    jd = (moment - datetime.datetime(2000, 1, 1, 12)).total_seconds() / 86400 + 2451545.0
    t = (jd - 2451545.0) / 36525
    l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t
    m = math.radians(357.52911 + 35999.05029 * t - 0.0001537 * t * t)
    c = ((1.914602 - 0.004817 * t - 0.000014 * t * t) * math.sin(m)
         + (0.019993 - 0.000101 * t) * math.sin(2 * m) + 0.000289 * math.sin(3 * m))
    omega = math.radians(125.04 - 1934.136 * t)
    return (l0 + c - 0.00569 - 0.00478 * math.sin(omega)) % 360


def qingming(year):
    """The Beijing date the Sun's longitude reaches 15 degrees (清明)."""
    moment = datetime.datetime(year, 4, 2)
    step = datetime.timedelta(minutes=10)
    while sun_longitude(moment) < 15:
        moment += step
    return (moment + datetime.timedelta(hours=8)).date()


failures = 0
years = data["years"]
for entry in years:
    y = entry["year"]
    expected = {
        "chuxi": LunarDate(y, 1, 1).toSolarDate() - datetime.timedelta(days=1),
        "qingming": qingming(y),
        "duanwu": LunarDate(y, 5, 5).toSolarDate(),
        "zhongqiu": LunarDate(y, 8, 15).toSolarDate(),
    }
    for key, want in expected.items():
        got = entry[key]
        ok = got == want
        failures += not ok
        print("%s  %d %-8s file %s, second source %s" % ("ok  " if ok else "FAIL", y, key, got, want))
if len(years) < 5:
    failures += 1
    print("FAIL the file lists %d years; the coming years need five at least" % len(years))
print("%d of %d dates disagree" % (failures, 4 * len(years)))
sys.exit(1 if failures else 0)
