"""Independent check of sendscope's classes-and-cohorts figures (issue #18) on the sample school.

Reads fixtures/sample-school's CSVs with Python's csv module alone (no sendscope code), works out SEN pupils'
progress in standardised reading and maths (score change, autumn to summer) by registration class within each
year group in 2025/26, and each year group's SEN pupils by academic year, with Welch's interval (scipy) for the
class against the year group's other classes, and prints them as JSON for tests/gaps/classes.test.ts's check
(run: python3 tests/gaps/classes_reference.py > /tmp/classes-reference.json).
Rules as the README states them: a pupil's SEN status is the register spell in force on the later result's date
(legacy S is E, A and P are K); the year group is the pupil list's, offset by whole academic years; the pupil
list's rows with a bad UPN check letter or a repeated UPN are not pupils; a results row with a score outside
40-141 is rejected whole; a class counts only in the pupil list's academic year (2025/26, or a leaver's last).
"""
import csv, json, statistics, sys
from math import sqrt
from scipy import stats

ROOT = "fixtures/sample-school"
ASOF = "2026-06-22"

def uk(d):
    if not d: return None
    dd, mm, yy = d.split("/")
    return f"{yy}-{mm}-{dd}"

def acyear_of(iso):
    y, m = int(iso[:4]), int(iso[5:7])
    s = y if m >= 9 else y - 1
    return s

pupils = {}
with open(f"{ROOT}/sims-pupils.csv", encoding="cp1252", newline="") as f:
    for i, row in enumerate(csv.DictReader(f)):
        upn = row["UPN"]
        if upn in pupils: continue  # the repeated pupil: rejected
        year = row["Year"]
        yg = 0 if year == "Reception" else int(year.split()[-1])
        leaving = uk(row["Leaving Date"])
        base = acyear_of(leaving) if leaving else 2025
        pupils[upn] = {"yg": yg, "base": base, "cls": row["Reg Group"] or None}
# the made-up pupil with a wrong check letter (expected-problems.json, line 131) has no results, so it changes nothing

spells = {}
with open(f"{ROOT}/sims-sen-register.csv", encoding="utf-8-sig", newline="") as f:
    for row in csv.DictReader(f):
        st = {"S": "E", "A": "K", "P": "K"}.get(row["SEN Status"], row["SEN Status"])
        spells.setdefault(row["UPN"], []).append((uk(row["SEN Start Date"]), uk(row["SEN End Date"]), st))

def sen_on(upn, date):
    for start, end, st in spells.get(upn, []):
        if (start is None or start <= date) and (end is None or date <= end): return st
    return "N"

scores = {}  # (upn, subject, point) -> (date, score)
with open(f"{ROOT}/nfer-standardised-wide.csv", encoding="utf-8", newline="") as f:
    for row in csv.DictReader(f):
        vals = {s: row[f"{s}_standardised"] for s in ("reading", "maths")}
        if any(v and not (40 <= float(v) <= 141) for v in vals.values()): continue
        if row["date"] > ASOF: continue
        for s, v in vals.items():
            if v: scores[(row["upn"], s, row["assessment_point"])] = (row["date"], float(v))

def pairs(year):
    out = []
    for (upn, s, point), (date, score) in scores.items():
        if point != f"{year} summer" or upn not in pupils: continue
        a = scores.get((upn, s, f"{year} autumn"))
        if a is None: continue
        p = pupils[upn]
        start = int(year[:4])
        out.append({"upn": upn, "subject": s, "yg": p["yg"] - (p["base"] - start), "sen": sen_on(upn, date) != "N",
                    "cls": p["cls"] if p["base"] == start else None, "change": score - a[1]})
    return out

def welch(a, b):
    if len(a) < 2 or len(b) < 2: return None
    va, vb = statistics.variance(a), statistics.variance(b)
    se2 = va / len(a) + vb / len(b)
    df = se2 ** 2 / ((va / len(a)) ** 2 / (len(a) - 1) + (vb / len(b)) ** 2 / (len(b) - 1))
    d = statistics.mean(a) - statistics.mean(b); t = stats.t.ppf(0.975, df)
    return [d, d - t * sqrt(se2), d + t * sqrt(se2)]

classes = []
now = [p for p in pairs("2025/26") if p["sen"]]
for s in ("maths", "reading"):
    for yg in sorted({p["yg"] for p in now}):
        rows = [p for p in now if p["subject"] == s and p["yg"] == yg and p["cls"]]
        names = sorted({p["cls"] for p in rows})
        if len(names) < 2: continue
        for c in names:
            mine = [p["change"] for p in rows if p["cls"] == c]
            rest = [p["change"] for p in rows if p["cls"] != c]
            classes.append({"subject": s, "yearGroup": yg, "group": c, "n": len(mine), "mean": statistics.mean(mine),
                            "count": sum(v >= 0 for v in mine), "vsOtherClasses": welch(mine, rest)})

cohorts = []
by_year = {y: [p for p in pairs(y) if p["sen"]] for y in ("2023/24", "2024/25", "2025/26")}
for s in ("maths", "reading"):
    for yg in range(0, 7):
        got = {y: [p["change"] for p in ps if p["subject"] == s and p["yg"] == yg] for y, ps in by_year.items()}
        got = {y: v for y, v in got.items() if v}
        if len(got) < 2: continue
        latest = max(got)
        for y, v in sorted(got.items()):
            cohorts.append({"subject": s, "yearGroup": yg, "academicYear": y, "n": len(v), "mean": statistics.mean(v),
                            "count": sum(x >= 0 for x in v), "vsLatest": None if y == latest else welch(got[latest], v)})

json.dump({"classes": classes, "cohorts": cohorts}, sys.stdout, indent=1)
