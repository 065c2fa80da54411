#!/usr/bin/env python3
"""The Bellwether model in plain numpy: the reference a Python user would write.

Reads the resolved inputs of a Bellwether run from its forecast.json (so both programs simulate
exactly the same model: the same leans, base margins, states, regions, noise scales, kernel length,
environment posterior and degrees of freedom), then simulates the same workload:

    Sigma   = sState^2 S S' + sRegion^2 R R' + sLean^2 K + sIdio^2 I     (contested seats)
    L       = cholesky(Sigma)                                            (numpy / LAPACK)
    E_j     = muE + sigmaE * t_nuE * sqrt((nuE - 2) / nuE)               (national environment)
    eps_j   = sqrt((nu - 2) / chi2_nu) * L z_j                           (multivariate t noise)
    margin  = baseMargin + E_j + eps_j;  D wins a seat when margin > 0
    seats_j = wins + fixed-D seats

and reports the chance of a majority, the mean seats and every seat's chance of a D win. It is
written the way a competent numpy user would: blocks of draws, one matrix product per block,
vectorized counting with bincount, float64 throughout (numpy's default; `--dtype float32` halves
the matrix product's cost). numpy's BLAS (OpenBLAS) uses every core for the matrix products.

It computes less than Bellwether does per draw (no per-seat margin histograms, no tipping-point
seat), so a speed ratio against it understates Bellwether's advantage.

With `--check`, it compares its figures with the ones in the forecast.json it read, within
Monte Carlo tolerance (both are estimates from independent random streams).

Usage:
    python3 bellwether_numpy.py FORECAST_JSON [--draws N] [--seed S] [--block B] [--check]
"""

import argparse
import json
import math
import sys
import time

import numpy as np


def load_inputs(path):
    """The resolved model of a Bellwether run, from its forecast.json."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    resolved = doc["resolvedInputs"]
    districts = doc["districts"]
    contested = [d for d in districts if d["status"] == "contested"]
    return {
        "doc": doc,
        "ids": [d["id"] for d in contested],
        "lean": np.array([d["lean"] for d in contested], dtype=np.float64),
        "base": np.array([d["baseMargin"] for d in contested], dtype=np.float64),
        "state": np.array([d["state"] for d in contested]),
        "region": np.array([d["region"] for d in contested]),
        "fixed_dem": sum(1 for d in districts if d["status"] == "fixed-D"),
        "seats": doc["run"]["chamber"]["seats"],
        "majority": doc["headline"]["majority"],
        "scales": resolved["noiseScales"],
        "kernel_length": resolved["kernelLength"],
        "mu_e": resolved["environmentMean"],
        "sigma_e": resolved["environmentSD"],
        "nu_e": resolved["environmentNu"],
        "nu_noise": resolved["noiseNu"],
        "draws": doc["run"]["draws"],
    }


def covariance(m):
    """Sigma over the contested seats (docs/model.md §3.1)."""
    s = m["scales"]
    same_state = m["state"][:, None] == m["state"][None, :]
    same_region = m["region"][:, None] == m["region"][None, :]
    diff = m["lean"][:, None] - m["lean"][None, :]
    kernel = np.exp(-diff**2 / (2 * m["kernel_length"] ** 2))
    sigma = (s["state"] ** 2 * same_state + s["region"] ** 2 * same_region + s["lean"] ** 2 * kernel)
    sigma[np.diag_indices_from(sigma)] += s["idiosyncratic"] ** 2
    return sigma


def unit_t(rng, nu, size):
    """Student t rescaled to unit variance; normal when nu is None (infinite)."""
    if nu is None:
        return rng.standard_normal(size)
    return rng.standard_t(nu, size) * math.sqrt((nu - 2) / nu)


def simulate(m, draws, seed, block, dtype):
    """Seat histogram and per-seat D win counts of `draws` draws."""
    rng = np.random.default_rng(seed)
    lower = np.linalg.cholesky(covariance(m)).astype(dtype)
    factor = lower.T.copy()  # row-major draws: eps (block x n) = Z (block x n) @ L'
    n = len(m["base"])
    base = m["base"].astype(dtype)
    seat_counts = np.zeros(m["seats"] + 1, dtype=np.int64)
    wins = np.zeros(n, dtype=np.int64)
    done = 0
    while done < draws:
        b = min(block, draws - done)
        environment = m["mu_e"] + m["sigma_e"] * unit_t(rng, m["nu_e"], b)
        if m["nu_noise"] is None:
            scale = np.ones(b)
        else:
            scale = np.sqrt((m["nu_noise"] - 2) / rng.chisquare(m["nu_noise"], b))
        z = rng.standard_normal((b, n), dtype=dtype)
        margins = z @ factor
        margins *= scale.astype(dtype)[:, None]
        margins += base[None, :]
        margins += environment.astype(dtype)[:, None]
        won = margins > 0
        wins += won.sum(axis=0)
        seat_counts += np.bincount(won.sum(axis=1) + m["fixed_dem"], minlength=m["seats"] + 1)
        done += b
    return seat_counts, wins


def summarise(seat_counts, wins, majority, draws):
    seats = np.arange(len(seat_counts))
    mean = float((seats * seat_counts).sum() / draws)
    sd = float(math.sqrt(((seats - mean) ** 2 * seat_counts).sum() / draws))
    return {
        "majority": float(seat_counts[majority:].sum() / draws),
        "mean": mean,
        "sd": sd,
        "win": wins / draws,
    }


def check(m, ours, draws):
    """Compares with the figures in the forecast.json; True when all agree within tolerance."""
    doc = m["doc"]
    theirs_draws = doc["run"]["draws"]
    hist = np.array(doc["seatHistogram"], dtype=np.int64)
    theirs = summarise(hist, np.zeros(1), m["majority"], theirs_draws)
    win_by_id = {d["id"]: d["democraticWinProbability"] for d in doc["districts"]}
    their_win = np.array([win_by_id[i] for i in m["ids"]])

    # Two independent estimates: the SE of a difference adds both draws' variances.
    def se(var):
        return math.sqrt(var / draws + var / theirs_draws)

    p = 0.5 * (ours["majority"] + theirs["majority"])
    z_major = (ours["majority"] - theirs["majority"]) / max(se(p * (1 - p)), 1e-300)
    z_mean = (ours["mean"] - theirs["mean"]) / se(0.5 * (ours["sd"] ** 2 + theirs["sd"] ** 2))
    # A seat won in every draw by both has no variance to divide by: floor p(1 - p) at one draw's worth.
    floor = 1.0 / min(draws, theirs_draws)
    pw = np.clip(0.5 * (ours["win"] + their_win), floor, 1 - floor)
    pw_var = pw * (1 - pw)
    z_win = (ours["win"] - their_win) / np.sqrt(pw_var / draws + pw_var / theirs_draws)
    worst = int(np.argmax(np.abs(z_win)))
    # Every contested seat is compared at once (394 in 2018): |z| <= 4.5 for each keeps the chance
    # of a false alarm for the whole table below 0.3% (Bonferroni: 394 x 6.8e-6); the two headline
    # figures use |z| <= 4 (6e-5 each).
    print(f"{'':28}{'numpy':>12}{'Bellwether':>14}{'z':>8}")
    print(f"{'P(D majority)':28}{ours['majority']:12.4f}{theirs['majority']:14.4f}{z_major:8.2f}")
    print(f"{'mean D seats':28}{ours['mean']:12.2f}{theirs['mean']:14.2f}{z_mean:8.2f}")
    print(f"{'SD of D seats':28}{ours['sd']:12.2f}{theirs['sd']:14.2f}")
    print(f"{'worst seat: ' + m['ids'][worst]:28}{ours['win'][worst]:12.4f}{their_win[worst]:14.4f}{z_win[worst]:8.2f}")
    print(f"max |P(D win) difference| over {len(m['ids'])} contested seats: "
          f"{np.max(np.abs(ours['win'] - their_win)):.4f}")
    ok = abs(z_major) <= 4 and abs(z_mean) <= 4 and np.max(np.abs(z_win)) <= 4.5
    print("agreement within Monte Carlo tolerance:", "yes" if ok else "NO")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("forecast", help="forecast.json written by `bellwether run`")
    parser.add_argument("--draws", type=int, help="draws (default: the run's)")
    parser.add_argument("--seed", type=int, default=20181106, help="numpy seed (PCG64)")
    parser.add_argument("--block", type=int, default=10_000, help="draws per block (memory vs speed)")
    parser.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    parser.add_argument("--check", action="store_true", help="compare with the forecast.json's figures")
    args = parser.parse_args()

    start = time.perf_counter()
    m = load_inputs(args.forecast)
    draws = args.draws or m["draws"]
    seat_counts, wins = simulate(m, draws, args.seed, args.block, np.dtype(args.dtype))
    ours = summarise(seat_counts, wins, m["majority"], draws)
    seconds = time.perf_counter() - start
    n = len(m["base"])
    print(f"numpy {np.__version__}, {args.dtype}: {draws} draws x {n} contested seats in {seconds:.3f} s "
          f"({draws / seconds:.3g} draws/s, {draws * n / seconds:.3g} district-draws/s)")
    print(f"P(D majority) {ours['majority']:.4f}, mean D seats {ours['mean']:.2f}")
    if args.check and not check(m, ours, draws):
        sys.exit(1)


if __name__ == "__main__":
    main()
