#!/usr/bin/env python3
"""An independent check of the district-noise tail figures of `bellwether fit` (docs/fit.md, "Tails",
item 2; docs/model.md §1.5, §3.1, §3.4), in numpy, reading the CSV files itself and sharing no code with
the Swift fit. Target: the fit "for 2018, from cycles before 2018 (2006, 2010, 2014)", i.e.
`fits[].tails.noise` of fit.json (default docs/fit/fit.json; `--fit-json` for another run's).

For each seat cycle c (1998 and 2002 from the district history, 2006, 2010, 2014 from the shipped
tables) that has a seat cycle before it:

1. the district model is fitted on the seat cycles before c by weighted least squares (normal
   equations here, not QR), weight 0.5^((c - cycle)/2) (half-life 2 years toward c): the with-previous
   equation (lean, previous margin relative to the nation, D-incumbent/R-incumbent/open intercepts) on
   the seats with a previous D-vs-R race on the same lines, the without-previous one (lean and the
   intercepts) on the others;
2. c's seats are predicted by their equation, e = actual relative margin - prediction;
3. Sigma = sState^2 [same state] + sRegion^2 [same region] + sLean^2 exp(-(dlean)^2/(2 L^2)) +
   diag(idio), with the 2018 fit's componentSD and kernelLength taken from fit.json, and each seat's
   idio = max(v - shared, floor * v), v its class variance, shared = sState^2 + sRegion^2 + sLean^2;
4. q = e' Sigma^-1 e, ratio q/n, log det Sigma (Cholesky, numpy);
5. cycles mostly on new lines (fewer than half their seats with a previous race) are excluded;
   k = sum q / sum n, SE = max(sqrt(m/(m-1) sum (n_c (ratio_c - k))^2) / N, k sqrt(2/N)).

Resolved by reading the Swift sources (where the docs leave it open):

- The 1998 and 2002 seats are read from config/national/district_history.csv (FitSources+Shipped.swift),
  with that table's own `house_vote` and `prev_house_vote` columns (previous = prev_margin -
  prev_house_vote; DistrictHistoryTable.swift), not config/national/house_vote.csv (they differ: 1998's
  is -1.150 there, -0.934 in house_vote.csv). A history seat's state is its id before '-', its region
  its state's in config/census_divisions.csv (FitInputs.swift). `--jacobson` instead rebuilds them from
  ../shared/data/history (as docs/scripts/fit_check.py does, extended to the seats without a previous
  race), a check of the history table itself: same seat counts; those seats then have no region (each
  shares the region term with its own state only), so 2002's (excluded) figures move by ~0.6%, and the
  table's rounding moves the scored cycles' ratios by < 2e-7 relative.
- A shipped cycle's seats: results row `D_vs_R` with a margin and a winner; previous = prev_margin -
  house_vote[c - 2] (config/national/house_vote.csv) where prev_contest is D_vs_R and prev_margin is
  given; `D;R` incumbents are open (FitInputs.swift, District.swift, SeatClass.swift).
- The class variance is the weighted RMS^2, sqrt(sum w r^2 / sum w), of the seat's class in the pooled
  fit of *the seat's own equation* (with-previous or without-previous), not the fitted model's RMS over
  both equations (TailFit.swift: `fit.specification(spec)?.pooled.byClass`).
- The floor: idio = max(v - shared, floorShare * v), shared = the three component variances only (the
  tail fit has no class-level shared errors), floorShare = noise.shares.idiosyncratic of the last
  earlier cycle's config (0.5; fit.json `idiosyncraticFloorShare`) (SeatBaselines.swift, PriorFit.swift).
- Same state implies same region, so a same-state pair gets sState^2 + sRegion^2; a seat without a
  region shares the region term only with its own state (NoiseCovariance.swift, TailFit.swift).
- The new-lines rule counts all of c's seats (TailFit.isOnNewLines); a seat whose class has no intercept
  in its equation's fit would be dropped (none is).

Run from the repository root:  /usr/bin/python3 docs/scripts/noise_tail_check.py [--fit-json PATH]
"""
import argparse
import csv
import json

import numpy as np

CLASSES = ("D-incumbent", "R-incumbent", "open")


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def seat(cycle, sid, state, region, cls, lean, prev, margin, vote):
    return dict(cycle=cycle, id=sid, state=state, region=region, cls=cls, lean=lean, prev=prev, y=margin - vote)


def history_seats(regions):
    out = []
    for r in read_csv("config/national/district_history.csv"):
        cls = {"D": "D-incumbent", "R": "R-incumbent", "": "open"}[r["incumbent"]]
        prev = float(r["prev_margin"]) - float(r["prev_house_vote"]) if r["prev_margin"] else None
        st = r["seat"].split("-")[0]
        out.append(seat(int(r["cycle"]), r["seat"], st, regions.get(st), cls, float(r["lean"]), prev,
                        float(r["margin"]), float(r["house_vote"])))
    return out


def jacobson_seats(regions):
    """1998 and 2002 from Jacobson's file: D-vs-R results (dv, pwin 0/1, inc not 8-11, po2 not 9), Louisiana
    out; lean = dpres on that year's lines minus the national two-party margin of the last presidential race;
    previous where not redrawn and the last race was two-party (dvp)."""
    hv = {int(r["cycle"]): float(r["dem_margin_2p"])
          for r in read_csv("../shared/data/history/house_popular_vote_1976_2018.csv")}
    pres = {1996: (47402357, 39198755), 2000: (50992335, 50455156)}
    last = {1998: 1996, 2002: 2000}
    fips = {}
    out = []
    for r in read_csv("../shared/data/history/jacobson_house_1946_2016.csv"):
        y = int(r["year"])
        if y not in last or r["stcd"][:-2] == "18" or not r["dv"] or r["pwin"] not in ("0", "1"):
            continue
        if int(r["inc"]) in (8, 9, 10, 11) or r["po2"] == "9" or not r["dpres"]:
            continue
        d, rep = pres[last[y]]
        cls = {1: "D-incumbent", 0: "R-incumbent"}.get(int(r["inc"]), "open")
        prev = 2 * float(r["dvp"]) - 100 - hv[y - 2] if r["redist"] == "0" and r["dvp"] else None
        out.append(seat(y, r["stcd"], "fips" + r["stcd"][:-2], None, cls,
                        2 * float(r["dpres"]) - 100 - 100 * (d - rep) / (d + rep), prev, 2 * float(r["dv"]) - 100, hv[y]))
    return out  # regions unknown here: each seat shares the region term with its own state only


def shipped_seats(cycle, vote):
    districts = {r["id"]: r for r in read_csv(f"config/{cycle}/districts.csv")}
    out = []
    for r in read_csv(f"config/{cycle}/results.csv"):
        if r["contest"] != "D_vs_R" or not r["margin"] or not r["winner"]:
            continue
        d = districts[r["id"]]
        prev = float(d["prev_margin"]) - vote[cycle - 2] if d["prev_contest"] == "D_vs_R" and d["prev_margin"] else None
        cls = {"D": "D-incumbent", "R": "R-incumbent"}.get(d["incumbent"], "open")
        out.append(seat(cycle, d["id"], d["state"], d["region"] or None, cls, float(d["lean"]), prev,
                        float(r["margin"]), vote[cycle]))
    return out


def design(rows, with_prev, classes):
    cols = [[s["lean"] for s in rows]]
    if with_prev:
        cols.append([s["prev"] for s in rows])
    cols += [[float(s["cls"] == c) for s in rows] for c in classes]
    return np.array(cols, dtype=float).T


def fit_equation(train, with_prev, target):
    """Weighted LS of one equation; returns (coefficients, classes, class variance by class)."""
    rows = [s for s in train if (s["prev"] is not None) == with_prev]
    classes = [c for c in CLASSES if any(s["cls"] == c for s in rows)]
    X = design(rows, with_prev, classes)
    y = np.array([s["y"] for s in rows])
    w = np.array([0.5 ** ((target - s["cycle"]) / 2.0) for s in rows])
    b = np.linalg.solve(X.T @ (w[:, None] * X), X.T @ (w * y))
    r = y - X @ b
    var = {c: float((w * r * r)[m].sum() / w[m].sum())
           for c in classes for m in [np.array([s["cls"] == c for s in rows])]}
    return b, classes, var, len(rows)


def score(c, seats, comp, length, floor):
    train = [s for s in seats if s["cycle"] < c]
    test = [s for s in seats if s["cycle"] == c]
    e, v, used, info = [], [], [], {}
    for with_prev in (True, False):
        b, classes, var, ntrain = fit_equation(train, with_prev, c)
        info["with" if with_prev else "without"] = (b, classes, var, ntrain)
        rows = [s for s in test if (s["prev"] is not None) == with_prev and s["cls"] in classes]
        if rows:
            e.append(np.array([s["y"] for s in rows]) - design(rows, with_prev, classes) @ b)
            v += [var[s["cls"]] for s in rows]
            used += rows
    e, v = np.concatenate(e), np.array(v)
    sS, sR, sL = comp
    st = np.array([s["state"] for s in used])
    rg = np.array([s["region"] if s["region"] else "no region: " + s["state"] for s in used])
    ln = np.array([s["lean"] for s in used])
    shared = sS ** 2 + sR ** 2 + sL ** 2
    idio = np.maximum(v - shared, floor * v)
    sigma = (sS ** 2 * (st[:, None] == st[None, :]) + sR ** 2 * (rg[:, None] == rg[None, :])
             + sL ** 2 * np.exp(-(ln[:, None] - ln[None, :]) ** 2 / (2 * length ** 2)) + np.diag(idio))
    L = np.linalg.cholesky(sigma)
    z = np.linalg.solve(L, e)
    q = float(z @ z)
    logdet = 2 * float(np.log(np.diag(L)).sum())
    new_lines = 2 * sum(s["prev"] is not None for s in test) < len(test)
    floored = int((v - shared < floor * v).sum())
    return dict(cycle=c, seats=len(e), mahalanobis=q, ratio=q / len(e), logDeterminant=logdet,
                new_lines=new_lines, fittedOn=sorted({s["cycle"] for s in train}), info=info, floored=floored)


def rel(a, b):
    return (a - b) / abs(b) if b else float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fit-json", default="docs/fit/fit.json")
    ap.add_argument("--for-cycle", type=int, default=2018)
    ap.add_argument("--jacobson", action="store_true", help="rebuild 1998/2002 from ../shared/data/history")
    ap.add_argument("--verbose", action="store_true", help="print each fit's coefficients and class RMS")
    a = ap.parse_args()

    fitj = json.load(open(a.fit_json))
    target = next(f for f in fitj["fits"] if f.get("forCycle") == a.for_cycle and not f["inSample"])
    ref = target["tails"]["noise"]
    comp, length, floor = ref["componentSD"], ref["kernelLength"], ref["idiosyncraticFloorShare"]
    print(f"{target['label']}: componentSD {comp}, kernelLength {length}, floor share {floor} (from {a.fit_json})")

    vote = {int(r["cycle"]): float(r["dem_margin_2p"]) for r in read_csv("config/national/house_vote.csv")}
    regions = {r["state"]: r["region"] for r in read_csv("config/census_divisions.csv")}
    seats = jacobson_seats(regions) if a.jacobson else history_seats(regions)
    seats += [s for c in range(2006, a.for_cycle, 4) for s in shipped_seats(c, vote)]
    cycles = sorted({s["cycle"] for s in seats})

    refs = {r["cycle"]: (r, "scored") for r in ref["cycles"]}
    refs.update({r["cycle"]: (r, "excluded") for r in ref["excluded"]})
    scored = []
    hdr = f"{'cycle':>5} {'kind':>8} {'':>6} {'seats':>6} {'q':>14} {'ratio':>12} {'log det':>14}"
    print(hdr)
    for c in cycles[1:]:
        r = score(c, seats, comp, length, floor)
        kind = "excluded" if r["new_lines"] else "scored"
        if not r["new_lines"]:
            scored.append(r)
        print(f"{c:>5} {kind:>8} {'numpy':>6} {r['seats']:>6} {r['mahalanobis']:>14.8f} {r['ratio']:>12.9f} "
              f"{r['logDeterminant']:>14.8f}   fitted on {r['fittedOn']}, {r['floored']} seats at the floor")
        if c in refs:
            j, jkind = refs[c]
            print(f"{'':>5} {jkind:>8} {'swift':>6} {j['seats']:>6} {j['mahalanobis']:>14.8f} {j['ratio']:>12.9f} "
                  f"{j['logDeterminant']:>14.8f}   fitted on {j['fittedOn']}")
            print(f"{'':>5} {'':>8} {'rel':>6} {r['seats'] - j['seats']:>6} {rel(r['mahalanobis'], j['mahalanobis']):>14.2e} "
                  f"{rel(r['ratio'], j['ratio']):>12.2e} {rel(r['logDeterminant'], j['logDeterminant']):>14.2e}"
                  f"{'' if jkind == kind else '   KIND DIFFERS'}")
        else:
            print(f"{'':>5} not in fit.json")
        if a.verbose:
            for eq, (b, classes, var, n) in r["info"].items():
                names = ["lean"] + (["previous"] if eq == "with" else []) + classes
                print(f"      {eq}-previous on {n} seats: " + ", ".join(f"{k} {x:.6f}" for k, x in zip(names, b))
                      + "; RMS " + ", ".join(f"{k} {np.sqrt(x):.6f}" for k, x in var.items()))

    Q = sum(r["mahalanobis"] for r in scored)
    N = sum(r["seats"] for r in scored)
    m = len(scored)
    k = Q / N
    se = max(np.sqrt(m / (m - 1) * sum((r["seats"] * (r["ratio"] - k)) ** 2 for r in scored)) / N,
             k * np.sqrt(2 / N)) if m >= 2 else None
    jse = ref.get("varianceInflationSE")
    print(f"varianceInflation  numpy {k:.10f}  swift {ref['varianceInflation']:.10f}  rel {rel(k, ref['varianceInflation']):.2e}")
    if se is not None and jse is not None:
        print(f"varianceInflationSE numpy {se:.10f}  swift {jse:.10f}  rel {rel(se, jse):.2e}")


if __name__ == "__main__":
    main()
