"""Independent figures for the examples of src/lib/report/per-school.ts and src/lib/report/comparisons.ts.

Reads fixtures/sample-school's CSVs with Python's csv module alone (no sendscope code) and prints the figures the
examples' `// =>` results give (run: python3 tests/report/examples_reference.py). The examples' trust is the
sample school's pupils split into three schools by surname: before "H" Ash Primary, before "P" Birch Primary,
the rest Cedar Primary (compared code point by code point, as JavaScript's `<` does).
Rules as the README states them: a pupil is on roll on a date when admitted on or before it and not left before
it; a pupil's SEN status on a date is the register spell in force then (start on or before, end empty or on or
after; legacy S is E, A and P are K), else N; the pupil list's row with a bad UPN check letter (line 131) and the
repeated UPN (line 543) are not pupils (expected-problems.json); the phonics standard is a mark of 32 or more.
"""
import csv
from collections import Counter

ROOT = "fixtures/sample-school"
AS_OF = "2026-07-17"

def uk(d):
    if not d: return None
    dd, mm, yy = d.split("/")
    return f"{yy}-{mm}-{dd}"

pupils = {}
with open(f"{ROOT}/sims-pupils.csv", encoding="cp1252", newline="") as f:
    for line, row in enumerate(csv.DictReader(f), start=2):
        if line == 131 or row["UPN"] in pupils: continue
        pupils[row["UPN"]] = {"surname": row["Legal Surname"], "admission": uk(row["Admission Date"]), "leaving": uk(row["Leaving Date"])}

spells = {}
with open(f"{ROOT}/sims-sen-register.csv", encoding="utf-8-sig", newline="") as f:
    for row in csv.DictReader(f):
        status = {"S": "E", "A": "K", "P": "K"}.get(row["SEN Status"], row["SEN Status"])
        spells.setdefault(row["UPN"], []).append((uk(row["SEN Start Date"]), uk(row["SEN End Date"]), status))

def school(upn):
    s = pupils[upn]["surname"]
    return "Ash Primary" if s < "H" else "Birch Primary" if s < "P" else "Cedar Primary"

def on_roll(upn, d):
    p = pupils[upn]
    return (p["admission"] is None or p["admission"] <= d) and (p["leaving"] is None or p["leaving"] >= d)

def status(upn, d):
    found = [s for (start, end, s) in spells.get(upn, []) if start <= d and (end is None or end >= d)]
    return found[-1] if found else "N"

print("pupils by school:", sorted(Counter(school(u) for u in pupils).items()))
print("on roll", AS_OF, "by school:", sorted(Counter(school(u) for u in pupils if on_roll(u, AS_OF)).items()))
for name in ("Ash Primary", "Birch Primary", "Cedar Primary"):
    print(name, "on roll by SEN status:", sorted(Counter(status(u, AS_OF) for u in pupils if on_roll(u, AS_OF) and school(u) == name).items()))
whole = Counter(status(u, AS_OF) for u in pupils if on_roll(u, AS_OF))
print("whole school on roll:", sum(whole.values()), "K", whole["K"], "E", whole["E"], "SEN", whole["K"] + whole["E"])

phonics = {}
with open(f"{ROOT}/arbor-assessments.csv", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f))
for row in rows:
    if row["Subject"] == "Phonics" and row["Academic Year"] == "2025/26" and row["Assessment Point"].startswith("Summer") and row["UPN"] in pupils:
        g = status(row["UPN"], row["Assessment Date"])
        n, met = phonics.get(g, (0, 0))
        phonics[g] = (n + 1, met + (int(row["Score"]) >= 32))
print("phonics summer 2025/26 (SEN status on the check's date): (pupils, met)", phonics, "all", tuple(map(sum, zip(*phonics.values()))))

years = lambda keep: sorted({r["Academic Year"] for r in rows if keep(r)})
print("KS2 years (scaled scores):", years(lambda r: r["Measure"] == "Scaled Score"))
print("phonics summer years:", years(lambda r: r["Subject"] == "Phonics" and r["Assessment Point"].startswith("Summer")))
with open(f"{ROOT}/nfer-standardised-wide.csv", encoding="utf-8-sig", newline="") as f:
    nfer = list(csv.DictReader(f))
print("standardised summer years:", sorted({r["assessment_point"].split()[0] for r in nfer if r["assessment_point"].endswith("summer")}),
      "subjects:", sorted(c.split("_")[0] for c in nfer[0] if c.endswith("_standardised")))
