#!/usr/bin/env python3
"""An independent check of `bellwether fit` (numpy, reading the CSV files itself; shares no code
with the Swift fit). Prints the figures that Tests/BellwetherSourcesTests/ShippedFitTests pins:
the generic-ballot miss for 2018 (1998-2016: election eve, and each cycle's last row), the
with-previous district fit for 2018 (the 1998 and 2002 midterms, rebuilt here from Jacobson's raw file in
../shared/data/history, and 2006-2014), the district-noise structure of 2006-2014, and the environment t's
profile log-likelihoods for 2018 (the eve misses of 1998-2016). Run from the repository root:

    python3 docs/scripts/fit_check.py
"""
import csv
import datetime as dt

import numpy as np


def election_day(year):
    """The Tuesday after the first Monday in November."""
    d = dt.date(year, 11, 1)
    while d.weekday() != 0:
        d += dt.timedelta(1)
    return d + dt.timedelta(1)


ballot = list(csv.DictReader(open("config/national/generic_ballot.csv")))
vote = {int(r["cycle"]): float(r["dem_margin_2p"]) for r in csv.DictReader(open("config/national/house_vote.csv"))}


def two_party(row):
    d, r = float(row["dem"]), float(row["rep"])
    return 100 * (d - r) / (d + r)


def misses(last_cycle, eve=True):
    out = []
    for c in range(1998, last_cycle + 1, 2):
        rows = [r for r in ballot if int(r["cycle"]) == c]
        if eve:
            rows = [r for r in rows if dt.date.fromisoformat(r["date"]) <= election_day(c) - dt.timedelta(1)]
        out.append(two_party(rows[-1]) - vote[c])
    return np.array(out)


for name, m in [("eve", misses(2016)), ("last row", misses(2016, eve=False))]:
    sd = m.std(ddof=1)
    print(f"miss 1998-2016, {name}: mean {m.mean():.5f} sd {sd:.5f} predictive {sd * np.sqrt(1 + 1 / len(m)):.5f}")


def seats(cycle):
    districts = {r["id"]: r for r in csv.DictReader(open(f"config/{cycle}/districts.csv"))}
    for r in csv.DictReader(open(f"config/{cycle}/results.csv")):
        if r["contest"] != "D_vs_R" or not r["margin"] or not r["winner"]:
            continue
        d = districts[r["id"]]
        if d["prev_contest"] != "D_vs_R" or not d["prev_margin"]:
            continue
        cls = {"D": 0, "R": 1}.get(d["incumbent"], 2)
        yield [float(d["lean"]), float(d["prev_margin"]) - vote[cycle - 2]] + [float(cls == k) for k in range(3)], \
            float(r["margin"]) - vote[cycle], cycle


def history_seats():
    """The 1998 and 2002 seats with a previous race on the same lines, from the raw Jacobson file (not
    config/national/district_history.csv): D-vs-R (dv, pwin 0/1, inc not 8-11, po2 not 9), Louisiana out."""
    hv = {int(r["cycle"]): float(r["dem_margin_2p"])
          for r in csv.DictReader(open("../shared/data/history/house_popular_vote_1976_2018.csv"))}
    pres = {1996: (47402357, 39198755), 2000: (50992335, 50455156)}  # Britannica D, R popular votes
    last = {1998: 1996, 2002: 2000}
    for r in csv.DictReader(open("../shared/data/history/jacobson_house_1946_2016.csv")):
        y = int(r["year"])
        if y not in last or r["stcd"][:-2] == "18" or not r["dv"] or r["pwin"] not in ("0", "1"):
            continue
        if int(r["inc"]) in (8, 9, 10, 11) or r["po2"] == "9" or not r["dpres"] or r["redist"] != "0" or not r["dvp"]:
            continue
        d, rep = pres[last[y]]
        cls = {1: 0, 0: 1}.get(int(r["inc"]), 2)
        yield [2 * float(r["dpres"]) - 100 - 100 * (d - rep) / (d + rep), 2 * float(r["dvp"]) - 100 - hv[y - 2]] + \
            [float(cls == k) for k in range(3)], 2 * float(r["dv"]) - 100 - hv[y], y


rows = list(history_seats()) + [s for c in (2006, 2010, 2014) for s in seats(c)]
X = np.array([x for x, _, _ in rows])
y = np.array([v for _, v, _ in rows])
cycle = np.array([c for _, _, c in rows])
b = np.linalg.lstsq(X, y, rcond=None)[0]
res = y - X @ b
s2 = res @ res / (len(y) - X.shape[1])
se = np.sqrt(np.diag(s2 * np.linalg.inv(X.T @ X)))
print(f"with-previous 1998, 2002, 2006-2014: {len(y)} seats, residual SD {np.sqrt(s2):.5f}")
for name, e, s in zip(["lean", "previous", "D-incumbent", "R-incumbent", "open"], b, se):
    print(f"  {name}: {e:.5f} ± {s:.5f}")

# The same seats weighted toward recent cycles for 2018 (docs/fit.md, "Recency"): weight 0.5^((2018 - cycle) / 3),
# by the normal equations (not QR) with weights relative to their mean; the residual SD by class is the weighted RMS.
w = 0.5 ** ((2018 - cycle) / 3.0)
w = w / w.mean()
b = np.linalg.solve(X.T @ (w[:, None] * X), X.T @ (w * y))
res = y - X @ b
s2 = (w * res * res).sum() / (len(y) - X.shape[1])
se = np.sqrt(np.diag(s2 * np.linalg.inv(X.T @ (w[:, None] * X))))
print(f"with-previous, recency half-life 3 years, for 2018: residual SD {np.sqrt(s2):.5f}")
for name, e, s in zip(["lean", "previous", "D-incumbent", "R-incumbent", "open"], b, se):
    print(f"  {name}: {e:.5f} ± {s:.5f}")
for k, name in enumerate(["D-incumbent", "R-incumbent", "open"]):
    m = X[:, 2 + k] == 1
    print(f"  residual RMS {name}: {np.sqrt((w[m] * res[m] ** 2).sum() / w[m].sum()):.5f}")

# The district-noise structure (docs/fit.md, "Noise structure") of the shipped cycles 2006, 2010 and 2014 alone:
# each cycle's own least-squares fits (with-previous and without-previous seats) give the residuals r = M y, M the
# dense residual-maker of each equation (I - X pinv(X), block-diagonal over the two); the products of the residuals
# over every pair of seats are regressed on the pair's entries of M SS' M, M RR' M, M K M and M (formed here as
# dense matrix products, not the Swift fit's rank-p updates) by a least-squares solve of the full pair design, every
# subset of the four regressors tried and the non-negative fit of least residual sum of squares kept; the kernel
# length the best of the grid.
import itertools


def cycle_design(cycle):
    districts = {r["id"]: r for r in csv.DictReader(open(f"config/{cycle}/districts.csv"))}
    rows = []
    for r in csv.DictReader(open(f"config/{cycle}/results.csv")):
        if r["contest"] != "D_vs_R" or not r["margin"] or not r["winner"]:
            continue
        d = districts[r["id"]]
        prev = float(d["prev_margin"]) - vote[cycle - 2] if d["prev_contest"] == "D_vs_R" and d["prev_margin"] else None
        rows.append((d, prev, float(r["margin"]) - vote[cycle]))
    seats, blocks = [], []
    for with_previous in (True, False):
        sample = [t for t in rows if (t[1] is not None) == with_previous]
        kind = lambda d: d["incumbent"] if d["incumbent"] in ("D", "R") else "open"
        classes = [k for k in ("D", "R", "open") if any(kind(t[0]) == k for t in sample)]
        X = np.array([[float(d["lean"])] + ([p] if with_previous else []) + [float(kind(d) == k) for k in classes]
                      for d, p, _ in sample])
        blocks.append(np.eye(len(sample)) - X @ np.linalg.pinv(X))
        seats += sample
    n = len(seats)
    M = np.zeros((n, n))
    k = 0
    for B in blocks:
        M[k:k + len(B), k:k + len(B)] = B
        k += len(B)
    y = np.array([v for _, _, v in seats])
    st = np.array([d["state"] for d, _, _ in seats]); rg = np.array([d["region"] for d, _, _ in seats])
    ln = np.array([float(d["lean"]) for d, _, _ in seats])
    return M, M @ y, (st[:, None] == st[None, :]).astype(float), (rg[:, None] == rg[None, :]).astype(float), ln


noise_cycles = [cycle_design(c) for c in (2006, 2010, 2014)]
best = None
for length in (2.5, 5, 7.5, 10, 15, 20, 30, 50):
    A, b = [], []
    for M, e, S, R, ln in noise_cycles:
        K = np.exp(-(ln[:, None] - ln[None, :]) ** 2 / (2 * length ** 2))
        i, j = np.triu_indices(len(e), 1)
        A.append(np.column_stack([(M @ S @ M)[i, j], (M @ R @ M)[i, j], (M @ K @ M)[i, j], M[i, j]]))
        b.append(e[i] * e[j])
    A, b = np.vstack(A), np.concatenate(b)
    for k in range(5):
        for subset in itertools.combinations(range(4), k):
            x = np.zeros(4)
            if subset:
                x[list(subset)] = np.linalg.lstsq(A[:, list(subset)], b, rcond=None)[0]
            if (x < 0).any():
                continue
            rss = ((b - A @ x) ** 2).sum()
            if best is None or rss < best[0]:
                best = (rss, length, x)
print(f"noise structure 2006-2014: kernel length {best[1]}, SDs state {np.sqrt(best[2][0]):.5f} "
      f"region {np.sqrt(best[2][1]):.5f} lean {np.sqrt(best[2][2]):.5f}")

# The environment's t (docs/fit.md, "Tails"): the ten eve misses of 1998-2016 as Student t's, location and scale
# maximised at each nu by a grid search (not the Swift fit's EM): a 201 x 201 grid of location and log scale about
# the Gaussian estimates, shrunk about its best point 40 times by a factor 0.7.
from math import lgamma


def t_profile(x, nu):
    mu0, ls0, half_mu, half_ls = x.mean(), np.log(x.std()), 3 * x.std(), 1.5
    best = None
    for _ in range(40):
        mus, lss = np.linspace(mu0 - half_mu, mu0 + half_mu, 201), np.linspace(ls0 - half_ls, ls0 + half_ls, 201)
        M, L = np.meshgrid(mus, lss)
        S = np.exp(L)
        if nu == np.inf:
            ll = (-0.5 * np.log(2 * np.pi * S * S)[..., None] - (x - M[..., None]) ** 2 / (2 * (S * S)[..., None])).sum(-1)
        else:
            c = lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * np.log(nu * np.pi)
            ll = (c - np.log(S)[..., None] - (nu + 1) / 2 * np.log1p(((x - M[..., None]) / S[..., None]) ** 2 / nu)).sum(-1)
        i = np.unravel_index(np.argmax(ll), ll.shape)
        best, mu0, ls0 = ll[i], M[i], L[i]
        half_mu, half_ls = half_mu * 0.7, half_ls * 0.7
    return best


eve = misses(2016)
print("environment t, 1998-2016 eve misses: " + ", ".join(f"nu {nu}: {t_profile(eve, nu):.5f}" for nu in (3, 5, 8, 30, np.inf)))
