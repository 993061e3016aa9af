#!/usr/bin/env python3
"""Reference values for Tests/MetricsTests, computed independently of the Swift code.

Run:  python3 Tests/MetricsTests/reference_values.py
Needs numpy. If PySAL's `inequality` package (and libpysal) is importable, the
unweighted Mexico values are also checked against it and against the values
published in inequality's own test suite.

Every metric here is written straight from its definition (MODEL.md §8, §11):
the Gini as the O(n^2) double sum, percentiles with exact fractions, the
elasticity and R^2 with numpy.polyfit, so none shares an algorithm with the
Swift implementation. The numbers printed are pasted into the Swift tests.
"""
from fractions import Fraction
import math

import numpy as np

# Mexico: real GDP per capita of the 32 states (1940 and 2000) and Hanson's
# 1998 regimes, as shipped with libpysal (libpysal/examples/mexico/mexico.csv,
# BSD-3-Clause).
STATES = [
    "Aguascalientes", "Baja California", "Baja California Sur", "Campeche", "Chiapas",
    "Chihuahua", "Coahuila", "Colima", "Distrito Federal", "Durango", "Guanajuato",
    "Guerrero", "Hidalgo", "Jalisco", "Mexico", "Michoacan", "Morelos", "Nayarit",
    "Nuevo Leon", "Oaxaca", "Puebla", "Quertaro", "Quintana Roo", "San Luis Potosi",
    "Sinaloa", "Sonora", "Tabasco", "Tamaulipas", "Tlaxcala", "Veracruz", "Yucatan",
    "Zacatecas",
]
PCGDP1940 = [10384, 22361, 9573, 3758, 2934, 8578, 8537, 6909, 17816, 12132, 4359, 2181,
             4414, 5309, 3408, 3327, 6936, 4836, 9073, 1892, 3569, 11016, 21965, 4372,
             4840, 6399, 2459, 7508, 3605, 5203, 7990, 3734]
PCGDP2000 = [27782, 29855, 26103, 36163, 8684, 30735, 28460, 21358, 54349, 17379, 15585,
             11820, 12348, 21610, 16322, 11838, 18170, 11478, 38672, 9010, 15685, 26149,
             33442, 15866, 15242, 24068, 13360, 23546, 11701, 12191, 17509, 11130]
HANSON98 = [2, 1, 2, 5, 5, 1, 1, 3, 4, 2, 3, 5, 3, 3, 4, 3, 3, 2, 1, 5, 3, 3, 5, 2, 2,
            1, 5, 1, 3, 3, 5, 2]

# The weighted case: "pupils" n_i = (7 i mod 11) + 1, per-pupil v_i = pcgdp2000,
# need per pupil = pcgdp1940, region = Hanson 1998 regime - 1, made-up region incomes.
WEIGHTS = [(7 * i) % 11 + 1 for i in range(32)]
REGION_INCOME = [8000.0, 12000.0, 6000.0, 15000.0, 5000.0]


def percentile(v, w, p):
    """Lower weighted percentile with exact rational comparison."""
    order = sorted(range(len(v)), key=lambda i: (v[i], i))  # equal values: order cannot matter
    total = sum(Fraction(x) for x in w)
    threshold = Fraction(str(p)) * total
    cumulative = Fraction(0)
    for i in order:
        cumulative += Fraction(w[i])
        if cumulative >= threshold:
            return v[i]
    return v[order[-1]]


def gini_double_sum(v, w):
    v, w = np.asarray(v, float), np.asarray(w, float)
    W = w.sum()
    mu = (w * v).sum() / W
    s = 0.0
    for i in range(len(v)):
        s += (w[i] * w * np.abs(v[i] - v)).sum()
    return s / (2 * W * W * mu)


def theil(v, w):
    v, w = np.asarray(v, float), np.asarray(w, float)
    W = w.sum()
    mu = (w * v).sum() / W
    r = v / mu
    terms = np.where(v > 0, (w / W) * r * np.log(np.where(v > 0, r, 1.0)), 0.0)
    return terms.sum()


def theil_between(v, w, g):
    v, w, g = np.asarray(v, float), np.asarray(w, float), np.asarray(g)
    W = w.sum()
    mu = (w * v).sum() / W
    b = 0.0
    for k in np.unique(g):
        m = g == k
        Wg = w[m].sum()
        mug = (w[m] * v[m]).sum() / Wg
        if mug > 0:
            b += (Wg / W) * (mug / mu) * math.log(mug / mu)
    return b


def theil_within(v, w, g):
    v, w, g = np.asarray(v, float), np.asarray(w, float), np.asarray(g)
    W = w.sum()
    mu = (w * v).sum() / W
    t = 0.0
    for k in np.unique(g):
        m = g == k
        Wg = w[m].sum()
        mug = (w[m] * v[m]).sum() / Wg
        if mug > 0:
            t += (Wg * mug) / (W * mu) * theil(v[m], w[m])
    return t


def atkinson(v, w, eps):
    v, w = np.asarray(v, float), np.asarray(w, float)
    W = w.sum()
    mu = (w * v).sum() / W
    if eps == 1:
        return 1 - math.exp((w * np.log(v)).sum() / W) / mu
    ede = ((w * v ** (1 - eps)).sum() / W) ** (1 / (1 - eps))
    return 1 - ede / mu


def cv(v, w):
    v, w = np.asarray(v, float), np.asarray(w, float)
    mu = np.average(v, weights=w)
    return math.sqrt(np.average((v - mu) ** 2, weights=w)) / mu


def mcloone(v, w):
    M = percentile(v, w, 0.5)
    below = [(x, n) for x, n in zip(v, w) if x <= M]
    return sum(x * n for x, n in below) / (M * sum(n for _, n in below))


def verstegen(v, w):
    M = percentile(v, w, 0.5)
    above = [(x, n) for x, n in zip(v, w) if x >= M]
    return sum(x * n for x, n in above) / (M * sum(n for _, n in above))


def hoover(X, N):
    X, N = np.asarray(X, float), np.asarray(N, float)
    return 0.5 * np.abs(X / X.sum() - N / N.sum()).sum()


def weighted_correlation(x, y, w):
    x, y, w = np.asarray(x, float), np.asarray(y, float), np.asarray(w, float)
    c = np.cov(x, y, aweights=w)  # the bias correction cancels in the ratio
    return c[0, 1] / math.sqrt(c[0, 0] * c[1, 1])


def weighted_slope(x, y, w):
    # numpy's polyfit weights multiply the residuals, so sqrt(w) gives weighted least squares.
    return np.polyfit(np.asarray(x, float), np.asarray(y, float), 1, w=np.sqrt(np.asarray(w, float)))[0]


def r_squared(x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)
    slope, intercept = np.polyfit(x, y, 1)
    residual = y - (slope * x + intercept)
    return 1 - (residual ** 2).sum() / ((y - y.mean()) ** 2).sum()


def show(name, value):
    if isinstance(value, (list, tuple)):
        print(f"{name:32s} {value!r}")
    else:
        print(f"{name:32s} {float(value)!r}")


def main():
    print("== Small vectors ==")
    for v in ([1, 2, 3, 4], [0, 0, 0, 1]):
        w = [1] * len(v)
        show(f"gini {v}", gini_double_sum(v, w))
        show(f"theil {v}", theil(v, w))
        show(f"cv {v}", cv(v, w))
    v = [1, 2, 3, 4]
    w = [1] * 4
    for eps in (0.5, 1, 2):
        show(f"atkinson {v} eps={eps}", atkinson(v, w, eps))
    show("atkinson [10..50] eps=0.5", atkinson([10, 20, 30, 40, 50], [1] * 5, 0.5))
    show("atkinson [10..50] eps=1", atkinson([10, 20, 30, 40, 50], [1] * 5, 1))

    print("== Mexico 1940, unweighted ==")
    one = [1] * 32
    show("gini", gini_double_sum(PCGDP1940, one))
    show("theil", theil(PCGDP1940, one))
    show("theil between (hanson98)", theil_between(PCGDP1940, one, HANSON98))
    show("theil within (hanson98)", theil_within(PCGDP1940, one, HANSON98))
    for eps in (0.5, 1, 2):
        show(f"atkinson eps={eps}", atkinson(PCGDP1940, one, eps))
    show("cv", cv(PCGDP1940, one))

    print("== Weighted: v = pcgdp2000, n = (7i mod 11)+1 ==")
    v, w = PCGDP2000, WEIGHTS
    X = [a * b for a, b in zip(v, w)] + [5000]   # plus a school with 0 pupils
    N = [a * b for a, b in zip(PCGDP1940, w)] + [1000]
    region = [h - 1 for h in HANSON98]
    income = [REGION_INCOME[r] for r in region]
    for p in (0.05, 0.5, 0.95):
        show(f"P{p}", percentile(v, w, p))
    p5, p95 = percentile(v, w, 0.05), percentile(v, w, 0.95)
    show("range", max(v) - min(v))
    show("restricted range", p95 - p5)
    show("federal range ratio", (p95 - p5) / p5)
    show("mean", float(np.average(v, weights=w)))
    show("cv", cv(v, w))
    show("mcloone", mcloone(v, w))
    show("verstegen", verstegen(v, w))
    show("gini", gini_double_sum(v, w))
    show("theil", theil(v, w))
    show("theil between", theil_between(v, w, region))
    show("theil within", theil_within(v, w, region))
    for eps in (0.5, 1, 2):
        show(f"atkinson eps={eps}", atkinson(v, w, eps))
    show("hoover (with 0-pupil school)", hoover(X, N))
    show("fiscal correlation", weighted_correlation(v, income, w))
    show("fiscal elasticity", weighted_slope(np.log(income), np.log(v), w))
    # Teacher R^2: pupils = n_i * 40, teachers = round(pupils / 17) + (i mod 3).
    pupils = [n * 40 for n in w]
    teachers = [round(p / 17) + (i % 3) for i, p in enumerate(pupils)]
    show("teachers", teachers)
    show("teacher R^2", r_squared(pupils, teachers))

    try:
        from inequality.gini import Gini
        from inequality.theil import Theil, TheilD
        from inequality.atkinson import Atkinson
    except ImportError:
        print("(PySAL inequality not installed: cross-check skipped)")
        return
    print("== PySAL inequality, for comparison ==")
    print("(published in inequality's tests: Gini 0.35372371173452849, Theil 0.20894344,")
    print(" TheilD between 0.0345889, Atkinson [10..50] 0.06315 and 0.1316096)")
    y = np.array(PCGDP1940, float)
    show("Gini", Gini(y).g)
    show("Theil", Theil(y).T)
    show("TheilD between", TheilD(y, np.array(HANSON98)).bg[0])
    for eps in (0.5, 1, 2):
        show(f"Atkinson eps={eps}", Atkinson(y, eps).A)
    show("Atkinson [10..50] eps=0.5", Atkinson(np.array([10, 20, 30, 40, 50.0]), 0.5).A)
    show("Atkinson [10..50] eps=1", Atkinson(np.array([10, 20, 30, 40, 50.0]), 1).A)


if __name__ == "__main__":
    main()
