"""Independent reference values for tests/stats/*.test.ts and tests/interventions/ratio-gain.test.ts.

Re-run with:  python3 tests/stats/reference.py   (needs numpy and scipy; statsmodels is not installed here,
so the Wilson interval is written out from its closed formula, Newcombe 1998 method 3, independently of
the TypeScript code).
"""
import numpy as np
from math import sqrt
import calendar
from datetime import date
from scipy import stats

print("# normal quantile: scipy.stats.norm.ppf")
for p in [1e-300, 1e-20, 1e-10, 0.001, 0.02425, 0.3, 0.5, 0.575, 0.8, 0.975, 0.999, 1 - 1e-12]:
    print(f"  [{p!r}, {stats.norm.ppf(p)!r}],")

print("# t cdf: scipy.stats.t.cdf")
for t, df in [(2.5, 3), (-1.3, 7.2), (0.1, 1e6), (40, 2.5), (-200, 1), (0.7, 1), (1.5, 2), (-3.2, 0.5),
              (0, 4), (1e-3, 12.5), (-8, 30)]:
    print(f"  [{t!r}, {df!r}, {stats.t.cdf(t, df)!r}],")

print("# t quantile: scipy.stats.t.ppf")
for p, df in [(0.975, 1), (0.975, 2), (0.975, 3), (0.975, 9), (0.975, 29.7), (0.995, 4.5), (0.9, 0.5),
              (1e-10, 3), (0.975, 1e6), (0.025, 150.3), (0.999999, 7), (0.6, 1.3), (0.05, 2)]:
    print(f"  [{p!r}, {df!r}, {stats.t.ppf(p, df)!r}],")


def wilson(x, n, conf=0.95):
    """Wilson score interval, closed formula (Newcombe 1998 method 3, eq. for L and U)."""
    z = stats.norm.ppf(1 - (1 - conf) / 2)
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


print("# Wilson (closed formula above)")
for x, n, conf in [(81, 263, 0.95), (15, 148, 0.95), (0, 20, 0.95), (1, 29, 0.95), (0, 1, 0.95), (1, 1, 0.95),
                   (1, 2, 0.95), (0, 2, 0.95), (2, 2, 0.95), (20, 20, 0.95), (3, 10, 0.9), (3, 10, 0.99)]:
    lo, hi = wilson(x, n, conf)
    print(f"  [{x}, {n}, {conf}, {lo!r}, {hi!r}],")


def newcombe10(x1, n1, x2, n2, conf=0.95):
    """Newcombe 1998 (Stat Med 17:873) method 10, from the two Wilson intervals above."""
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson(x1, n1, conf)
    l2, u2 = wilson(x2, n2, conf)
    d = p1 - p2
    return d, d - sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)


print("# Newcombe method 10 (formula above)")
for x1, n1, x2, n2 in [(56, 70, 48, 80), (9, 10, 3, 10), (6, 7, 2, 7), (5, 56, 0, 29), (0, 10, 0, 20),
                       (10, 10, 0, 20), (1, 1, 0, 1), (1, 2, 1, 2), (12, 30, 20, 28)]:
    d, lo, hi = newcombe10(x1, n1, x2, n2)
    print(f"  [{x1}, {n1}, {x2}, {n2}, {d!r}, {lo!r}, {hi!r}],  # rounded {lo:.4f} to {hi:.4f}")


def hedges(a, b, conf=0.95):
    a, b = np.asarray(a, float), np.asarray(b, float)
    n1, n2 = len(a), len(b)
    sp = sqrt(((n1 - 1) * a.var(ddof=1) + (n2 - 1) * b.var(ddof=1)) / (n1 + n2 - 2))
    d = (a.mean() - b.mean()) / sp
    g = d * (1 - 3 / (4 * (n1 + n2) - 9))
    se = sqrt((n1 + n2) / (n1 * n2) + g * g / (2 * (n1 + n2)))
    z = stats.norm.ppf(1 - (1 - conf) / 2)
    return g, g - z * se, g + z * se


HA = [92, 88, 101, 95, 99, 104, 90, 97]
HB = [85, 91, 87, 94, 83, 89, 92]
print("# Hedges' g (numpy, formula above)")
for a, b, conf in [([5, 6, 7, 8, 9], [3, 4, 5, 6, 7], 0.95), (HA, HB, 0.95), (HA, HB, 0.9), ([1, 2], [3, 5], 0.95)]:
    print(f"  {a} vs {b} conf {conf}: {hedges(a, b, conf)!r}")

WA = [1, 2, 3, 4]
WB = [2, 4, 6, 8, 10]
print("# Welch: scipy.stats.ttest_ind(a, b, equal_var=False)")
for a, b, conf in [(WA, WB, 0.95), (HA, HB, 0.95), (HA, HB, 0.8), ([1.5, 2.5], [0, 10, 20], 0.95), ([3, 3, 3], [1, 2, 6], 0.95)]:
    r = stats.ttest_ind(a, b, equal_var=False)
    ci = r.confidence_interval(conf)
    print(f"  {a} - {b} conf {conf}: diff {np.mean(a) - np.mean(b)!r} ci ({ci.low!r}, {ci.high!r}) df {r.df!r}")

print("# mean t interval: scipy.stats.t.interval(conf, n-1, loc=mean, scale=sem)")
for v, conf in [(WB, 0.95), (HA, 0.95), (HA, 0.99), ([4, 7], 0.95)]:
    lo, hi = stats.t.interval(conf, len(v) - 1, loc=np.mean(v), scale=stats.sem(v))
    print(f"  {v} conf {conf}: mean {np.mean(v)!r} ({lo!r}, {hi!r})")

print("# monthsBetween: whole calendar months + remaining days / 30.4375 (Python datetime, calendar)")


def _add_months(d, k):
    y, m = divmod(d.month - 1 + k, 12)
    y += d.year
    m += 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _months_between(s, e):
    a, b = date.fromisoformat(s), date.fromisoformat(e)
    if b < a:
        return -_months_between(e, s)
    whole = (b.year - a.year) * 12 + b.month - a.month
    if _add_months(a, whole) > b:
        whole -= 1
    return whole + (b - _add_months(a, whole)).days / 30.4375


for s, e in [("2024-09-16", "2024-12-13"), ("2024-09-01", "2025-09-01"), ("2024-02-28", "2024-03-01"),
             ("2025-01-10", "2024-12-10")]:
    print(f"  {s} -> {e}: {_months_between(s, e)!r} months")
