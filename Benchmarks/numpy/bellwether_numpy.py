#!/usr/bin/env python3
"""The Bellwether model in plain numpy: the reference a Python user would write.

Reads the resolved inputs of a Bellwether run from its forecast.json (so both programs simulate
exactly the same model: the same leans, base margins, states, regions, noise scales, kernel length,
environment posterior and degrees of freedom), and follows docs/forecast-schema.md, "Re-simulating
a run", literally:

    step 1  the conventions of resolvedInputs.conventions must be texts this script knows
            (otherwise it refuses with exit 2): the t scale s = sqrt((nu - 2) / C) or sqrt(nu / C)
            (noise.tScale "sd" or "scale"), the covariance with or without resolvedInputs.seatNoise,
            the margin with resolvedInputs.jointPolls, with resolvedInputs.elasticSwing, or with neither
    step 3  Sigma = sState^2 S S' + sRegion^2 R R' + sLean^2 K + sIdio^2 I            (contested seats)
            or, with seatNoise, the last term per seat: idiosyncraticSD_i^2 [i = k]
            + sum_c sharedLoadings_i[c] sharedLoadings_k[c]
    step 3b with jointPolls: the dense Gaussian conditional of x = (E, eps) on the polls, before them
            margin_d = b_d + lambda_d E + eps_d (b_d = fundamentalsMargin_d, lambda_d the elasticSwing loading
            or 1, both times 1 - selectionSlope on polled seats; observation a: lambda_a E + eps_a), giving each seat's base
            margin and environment loading and the noise covariance given E; with --check these
            must agree with the document within 1e-3 + 10 x run.factorFrobeniusError
            L = cholesky(Sigma)                                                   (numpy / LAPACK)
    step 4  E_j     = muE + sigmaE * t_nuE * sqrt((nuE - 2) / nuE)                 (national environment)
            s_j     = sqrt((nu - 2) / chi2_nu)  or  sqrt(nu / chi2_nu)             (the draw's t scale)
            margin  = baseMargin + loading * E_j + s_j * L z_j;  D wins a seat when margin > 0
            seats_j = wins + fixed-D seats

and reports the chance of a majority, the mean seats and every seat's chance of a D win. It is
written the way a competent numpy user would: blocks of draws, one matrix product per block,
vectorized counting with bincount, float64 throughout (numpy's default; `--dtype float32` halves
the matrix product's cost). numpy's BLAS (OpenBLAS) uses every core for the matrix products.

It computes less than Bellwether does per draw (no per-seat margin histograms, no tipping-point
seat), so a speed ratio against it understates Bellwether's advantage.

With `--check`, it compares its figures with the ones in the forecast.json it read, within
Monte Carlo tolerance (both are estimates from independent random streams) plus the factor's
bound of step 7, and, with jointPolls, its conditioned base margins, loadings and environment.

Exit codes: 0 done (and agreement with --check); 1 figures disagree; 2 a document this script
cannot follow (unknown conventions text, missing field).

Usage:
    python3 bellwether_numpy.py FORECAST_JSON [--draws N] [--seed S] [--block B] [--check]
"""

import argparse
import json
import math
import sys
import time

import numpy as np

# docs/forecast-schema.md, "Re-simulating a run", step 1: the texts this script implements, by key.
# A key maps each known text to the variant it names.
_COVARIANCE_HEAD = (
    "Sigma[i][k] = noiseScales.state^2 * [state_i == state_k] + noiseScales.region^2 * [region_i == region_k] "
    "+ noiseScales.lean^2 * exp(-(lean_i - lean_k)^2 / (2 * kernelLength^2)) + ")
_NOISE_TAIL = (", C ~ chi-squared with noiseNu degrees of freedom, one per draw for the whole noise vector, "
               "independent of E and of the normals; s = 1 when noiseNu is null")
KNOWN_CONVENTIONS = {
    "environmentDraw": {
        "E = environmentMean + environmentSD * T * sqrt((environmentNu - 2) / environmentNu), T ~ Student t with "
        "environmentNu degrees of freedom; E = environmentMean + environmentSD * Z, Z ~ N(0, 1), when environmentNu "
        "is null": "unit-variance t",
    },
    "noiseScale": {
        "s = sqrt((noiseNu - 2) / C)" + _NOISE_TAIL: "sd",
        "s = sqrt(noiseNu / C)" + _NOISE_TAIL: "scale",
    },
    "covariance": {
        _COVARIANCE_HEAD + "noiseScales.idiosyncratic^2 * [i == k], over the contested seats": "uniform",
        _COVARIANCE_HEAD + "seatNoise_i.idiosyncraticSD^2 * [i == k] + sum over names c of seatNoise_i.sharedLoadings[c] "
        "* seatNoise_k.sharedLoadings[c] (a missing name is 0), over the contested seats": "seatNoise",
    },
    "margin": {
        "margin_d = baseMargin_d + E + s * eps_d, eps ~ N(0, Sigma) independent of E; the Democrat wins seat d when "
        "margin_d > 0": "plain",
        "margin_d = baseMargin_d + jointPolls.seats_d.environmentLoading * E + s * eps_d, eps ~ N(0, Sigma given the "
        "polls and E), independent of E: the Gaussian conditional of (E, eps) on jointPolls, with E ~ "
        "N(jointPolls.priorEnvironmentMean, jointPolls.priorEnvironmentSD^2), eps ~ N(0, Sigma) and margin_d = b_d + "
        "lambda_d * E + eps_d before it, b_d = fundamentalsMargin_d and lambda_d = k_d (the seat's elasticSwing "
        "loading, 1 without), both times (1 - jointPolls.selectionSlope) for a polled seat; the Democrat wins seat d "
        "when margin_d > 0": "jointPolls",
        "margin_d = baseMargin_d + elasticSwing.seats_d.loading * E + s * eps_d, eps ~ N(0, Sigma) independent of E; "
        "the Democrat wins seat d when margin_d > 0": "elasticSwing",
    },
    "seats": {
        "D seats = headline.fixedDemocraticSeats + contested seats won; a Democratic majority when D seats >= "
        "headline.majority": "plain",
    },
    "tippingPoint": {
        "the contested seat with the k-th largest margin, k = headline.majority - headline.fixedDemocraticSeats, when "
        "1 <= k <= contestedSeats; no seat otherwise": "plain",
    },
}


class Unsupported(Exception):
    """A document this script cannot follow (exit 2)."""


def conventions(path, resolved):
    """Step 1: the variant of each convention, or Unsupported naming the key and its text."""
    stated = resolved.get("conventions")
    if not isinstance(stated, dict):
        raise Unsupported(f"{path}: resolvedInputs.conventions is missing; expected the texts of "
                          "docs/forecast-schema.md, \"Re-simulating a run\", step 1")
    variants = {}
    for key, known in KNOWN_CONVENTIONS.items():
        text = stated.get(key)
        if text not in known:
            raise Unsupported(f"{path}: resolvedInputs.conventions.{key} is {json.dumps(text)}, which this script does "
                              f"not implement; expected one of: " + " | ".join(json.dumps(t) for t in known))
        variants[key] = known[text]
    extra = sorted(set(stated) - set(KNOWN_CONVENTIONS))
    if extra:
        raise Unsupported(f"{path}: resolvedInputs.conventions has keys this script does not know: {', '.join(extra)}")
    # The per-seat inputs a convention reads must be there, and only with it.
    for key, variant, field in (("covariance", "seatNoise", "seatNoise"), ("margin", "jointPolls", "jointPolls"),
                                ("margin", "elasticSwing", "elasticSwing")):
        if variant == "elasticSwing" and variants[key] == "jointPolls":
            continue  # with joint polls, elasticSwing (when present) gives the prior loadings k_d of step 3b
        if (variants[key] == variant) != (resolved.get(field) is not None):
            raise Unsupported(f"{path}: resolvedInputs.conventions.{key} is the {variants[key]} text but "
                              f"resolvedInputs.{field} is {'absent' if resolved.get(field) is None else 'present'}")
    return variants


def load_inputs(path):
    """The resolved model of a Bellwether run, from its forecast.json (steps 1-2)."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    try:
        resolved = doc["resolvedInputs"]
        variants = conventions(path, resolved)
        districts = doc["districts"]
        contested = [d for d in districts if d["status"] == "contested"]
        ids = [d["id"] for d in contested]
        m = {
            "doc": doc,
            "variants": variants,
            "ids": ids,
            "lean": np.array([d["lean"] for d in contested], dtype=np.float64),
            "base": np.array([d["baseMargin"] for d in contested], dtype=np.float64),
            "loading": None,
            "state": np.array([d["state"] for d in contested]),
            "region": np.array([d["region"] for d in contested]),
            "fixed_dem": doc["headline"]["fixedDemocraticSeats"],
            "seats": doc["run"]["chamber"]["seats"],
            "majority": doc["headline"]["majority"],
            "scales": resolved["noiseScales"],
            "kernel_length": resolved["kernelLength"],
            "mu_e": resolved["environmentMean"],
            "sigma_e": resolved["environmentSD"],
            "nu_e": resolved["environmentNu"],
            "nu_noise": resolved["noiseNu"],
            "draws": doc["run"]["draws"],
            "seat_noise": None,
            "joint": resolved.get("jointPolls"),
            "elastic": None,
        }
        if len(ids) != resolved["contestedSeats"]:
            raise Unsupported(f"{path}: {len(ids)} districts[] are contested but resolvedInputs.contestedSeats is "
                              f"{resolved['contestedSeats']}")
        if variants["covariance"] == "seatNoise":
            by_id = {s["id"]: s for s in resolved["seatNoise"]}
            missing = [i for i in ids if i not in by_id]
            if missing:
                raise Unsupported(f"{path}: resolvedInputs.seatNoise has no entry for contested seat(s) "
                                  f"{', '.join(missing[:5])}")
            m["seat_noise"] = [by_id[i] for i in ids]
        if resolved.get("elasticSwing") is not None:
            by_id = {s["id"]: s["loading"] for s in resolved["elasticSwing"]["seats"]}
            missing = [i for i in ids if i not in by_id]
            if missing:
                raise Unsupported(f"{path}: resolvedInputs.elasticSwing.seats has no entry for contested seat(s) "
                                  f"{', '.join(missing[:5])}")
            m["elastic"] = np.array([by_id[i] for i in ids], dtype=np.float64)
        if m["joint"] is not None:
            by_id = {s["id"]: s for s in m["joint"]["seats"]}
            missing = [i for i in ids if i not in by_id]
            if missing:
                raise Unsupported(f"{path}: resolvedInputs.jointPolls.seats has no entry for contested seat(s) "
                                  f"{', '.join(missing[:5])}")
            m["joint_seats"] = [by_id[i] for i in ids]
    except KeyError as e:
        raise Unsupported(f"{path}: field {e} is missing (docs/forecast-schema.md, \"Re-simulating a run\")") from None
    return m


def covariance(m):
    """Step 3: Sigma over the contested seats (docs/model.md §3.1, §3.4, §3.5)."""
    s = m["scales"]
    same_state = m["state"][:, None] == m["state"][None, :]
    same_region = m["region"][:, None] == m["region"][None, :]
    diff = m["lean"][:, None] - m["lean"][None, :]
    kernel = np.exp(-diff**2 / (2 * m["kernel_length"] ** 2))
    sigma = (s["state"] ** 2 * same_state + s["region"] ** 2 * same_region + s["lean"] ** 2 * kernel)
    if m["seat_noise"] is None:
        sigma[np.diag_indices_from(sigma)] += s["idiosyncratic"] ** 2
    else:
        sigma[np.diag_indices_from(sigma)] += np.array([x["idiosyncraticSD"] for x in m["seat_noise"]]) ** 2
        names = sorted({c for x in m["seat_noise"] for c in x["sharedLoadings"]})
        if names:
            loadings = np.array([[x["sharedLoadings"].get(c, 0.0) for c in names] for x in m["seat_noise"]])
            sigma += loadings @ loadings.T
    return sigma


def condition_on_polls(m, sigma):
    """Step 3b (docs/model.md §2.5): the covariance-form Gaussian conditional of x = (E, eps) on the
    polled seats' averages, before them margin_d = b_d + lambda_d E + eps_d (lambda_d the elastic
    loading or 1; b_d and lambda_d times 1 - selectionSlope on polled seats). Returns the base margins, environment loadings, the noise covariance
    given E, and the environment's posterior mean and SD."""
    joint, seats = m["joint"], m["joint_seats"]
    n = len(seats)
    f = np.array([s["fundamentalsMargin"] for s in seats])
    lam = np.ones(n) if m["elastic"] is None else m["elastic"].copy()
    mu0, v0 = joint["priorEnvironmentMean"], joint["priorEnvironmentSD"] ** 2
    w2 = joint["sharedSD"] ** 2
    polled = np.array([i for i, s in enumerate(seats) if s.get("pollAverage") is not None], dtype=np.int64)
    y = np.array([seats[i]["pollAverage"] for i in polled])
    e = np.array([seats[i]["pollErrorVariance"] for i in polled])
    f = f.copy()
    f[polled] *= 1 - joint["selectionSlope"]
    lam[polled] *= 1 - joint["selectionSlope"]
    c = np.zeros((n + 1, n + 1))
    c[0, 0] = v0
    c[1:, 1:] = sigma
    h = np.zeros((len(polled), n + 1))
    h[:, 0] = lam[polled]
    h[np.arange(len(polled)), polled + 1] = 1
    ch = c @ h.T                                           # C H'
    s_mat = h @ ch + w2 + np.diag(e)                       # H C H' + w^2 1 1' + diag(e)
    gain = np.linalg.solve(s_mat, ch.T).T                  # K = C H' S^-1 (S symmetric)
    x0 = np.zeros(n + 1)
    x0[0] = mu0
    innovation = y - f[polled] - lam[polled] * mu0
    xhat = x0 + gain @ innovation
    chat = c - gain @ ch.T                                 # C - K H C, H C = (C H')'
    v_e = chat[0, 0]
    c_e = chat[1:, 0] / v_e if v_e > 0 else np.zeros(n)
    given = chat[1:, 1:] - np.outer(c_e, c_e) * v_e
    given = 0.5 * (given + given.T)
    if v_e > 0:
        base, loading = f + xhat[1:] - c_e * xhat[0], lam + c_e
    else:  # a fixed environment: the constant xhat[0], loading 1, each seat's lambda share folded into its base
        base, loading = f + xhat[1:] + (lam - 1) * xhat[0], np.ones(n)
    return base, loading, given, float(xhat[0]), float(math.sqrt(max(v_e, 0.0)))


def model(m):
    """Steps 3-3b: the base margins and loadings the draws use, and Sigma (given E with joint polls).
    With joint polls also returns the recipe's figures to compare with the document's."""
    sigma = covariance(m)
    if m["joint"] is None:
        m["loading"] = m["elastic"]  # elastic swing's loadings, or None (every loading 1)
        return sigma, None
    base, loading, given, mean, sd = condition_on_polls(m, sigma)
    stated_loading = np.array([s["environmentLoading"] for s in m["joint_seats"]])
    recipe = {"base": base, "loading": loading, "mean": mean, "sd": sd,
              "doc_base": m["base"].copy(), "doc_loading": stated_loading,
              "doc_mean": m["mu_e"], "doc_sd": m["sigma_e"]}
    m["base"], m["loading"], m["mu_e"], m["sigma_e"] = base, loading, mean, sd
    return given, recipe


def unit_t(rng, nu, size):
    """Student t rescaled to unit variance; normal when nu is None (infinite)."""
    if nu is None:
        return rng.standard_normal(size)
    return rng.standard_t(nu, size) * math.sqrt((nu - 2) / nu)


def simulate(m, sigma, draws, seed, block, dtype):
    """Step 4: seat histogram and per-seat D win counts of `draws` draws."""
    rng = np.random.default_rng(seed)
    lower = np.linalg.cholesky(sigma).astype(dtype)
    factor = lower.T.copy()  # row-major draws: eps (block x n) = Z (block x n) @ L'
    n = len(m["base"])
    base = m["base"].astype(dtype)
    loading = None if m["loading"] is None else m["loading"].astype(dtype)
    numerator = None
    if m["nu_noise"] is not None:
        numerator = m["nu_noise"] - 2 if m["variants"]["noiseScale"] == "sd" else m["nu_noise"]
    seat_counts = np.zeros(m["seats"] + 1, dtype=np.int64)
    wins = np.zeros(n, dtype=np.int64)
    shift = np.empty((block, n), dtype=dtype) if loading is not None else None
    done = 0
    while done < draws:
        b = min(block, draws - done)
        environment = (m["mu_e"] + m["sigma_e"] * unit_t(rng, m["nu_e"], b)).astype(dtype)
        if numerator is None:
            scale = np.ones(b)
        else:
            scale = np.sqrt(numerator / rng.chisquare(m["nu_noise"], b))
        z = rng.standard_normal((b, n), dtype=dtype)
        margins = z @ factor
        margins *= scale.astype(dtype)[:, None]
        margins += base[None, :]
        if loading is None:
            margins += environment[:, None]
        else:
            np.multiply(environment[:, None], loading[None, :], out=shift[:b])
            margins += shift[:b]
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


def check_recipe(m, recipe):
    """Step 3b's agreement: the recipe's base margins, loadings and environment against the document's,
    within 1e-3 + 10 x run.factorFrobeniusError (as RecipeResimulationTests does)."""
    tolerance = 1e-3 + 10 * m["doc"]["run"]["factorFrobeniusError"]
    base_diff = np.abs(recipe["base"] - recipe["doc_base"])
    loading_diff = np.abs(recipe["loading"] - recipe["doc_loading"])
    mean_diff = abs(recipe["mean"] - recipe["doc_mean"])
    sd_diff = abs(recipe["sd"] - recipe["doc_sd"])
    wb, wl = int(np.argmax(base_diff)), int(np.argmax(loading_diff))
    polled = sum(1 for s in m["joint_seats"] if s.get("pollAverage") is not None)
    print(f"step 3b, joint polls ({polled} polled seats), recipe against forecast.json, tolerance {tolerance:.4g}:")
    print(f"  environment mean {recipe['mean']:.6f} vs {recipe['doc_mean']:.6f} (diff {mean_diff:.2e}), "
          f"SD {recipe['sd']:.6f} vs {recipe['doc_sd']:.6f} (diff {sd_diff:.2e})")
    print(f"  max |baseMargin diff| {base_diff[wb]:.2e} ({m['ids'][wb]}), "
          f"max |environmentLoading diff| {loading_diff[wl]:.2e} ({m['ids'][wl]})")
    ok = max(mean_diff, sd_diff, base_diff[wb], loading_diff[wl]) <= tolerance
    print("  conditioned model agrees:", "yes" if ok else "NO")
    return ok


def check(m, sigma, ours, draws):
    """Steps 6-7: compares with the figures in the forecast.json; True when all agree within tolerance."""
    doc = m["doc"]
    theirs_draws = doc["run"]["draws"]
    hist = np.array(doc["seatHistogram"], dtype=np.int64)
    theirs = summarise(hist, np.zeros(1), m["majority"], theirs_draws)
    win_by_id = {d["id"]: d["democraticWinProbability"] for d in doc["districts"]}
    their_win = np.array([win_by_id[i] for i in m["ids"]])

    # Step 7: the engine's factor samples Sigma + Delta. A probability of the whole draw moves by at
    # most ||Delta||_F / (2 lambda_min(Sigma)) (Pinsker; lambda_min >= sI^2, the document's bound).
    # Without joint polls every variance is exact, so one seat and the mean seats are unaffected; with
    # them the conditioned factor's entries are off by at most about 2 x factorMaxAbsoluteError
    # (conditioning contracts), so a seat's chance moves by at most |Delta_dd| / (2 Sigma_dd).
    lam_min = float(np.linalg.eigvalsh(sigma)[0])
    tv = doc["run"]["factorFrobeniusError"] / (2 * lam_min)
    seat_bound = np.zeros(len(m["ids"]))
    if m["joint"] is not None:
        seat_bound = 2 * doc["run"]["factorMaxAbsoluteError"] / (2 * np.diag(sigma))

    # Two independent estimates: the SE of a difference adds both draws' variances.
    def se(var):
        return math.sqrt(var / draws + var / theirs_draws)

    p = 0.5 * (ours["majority"] + theirs["majority"])
    se_major = max(se(p * (1 - p)), 1e-300)
    z_major = (ours["majority"] - theirs["majority"]) / se_major
    se_mean = se(0.5 * (ours["sd"] ** 2 + theirs["sd"] ** 2))
    z_mean = (ours["mean"] - theirs["mean"]) / se_mean
    # A seat won in every draw by both has no variance to divide by: floor p(1 - p) at one draw's worth.
    floor = 1.0 / min(draws, theirs_draws)
    pw = np.clip(0.5 * (ours["win"] + their_win), floor, 1 - floor)
    se_win = np.sqrt(pw * (1 - pw) / draws + pw * (1 - pw) / theirs_draws)
    z_win = (ours["win"] - their_win) / se_win
    # Every contested seat is compared at once (394 in 2018): |z| <= 4.5 for each keeps the chance
    # of a false alarm for the whole table below 0.3% (Bonferroni: 394 x 6.8e-6); the two headline
    # figures use |z| <= 4 (6e-5 each). Each limit adds the factor's bound, in units of that SE.
    limit_major = 4 + tv / se_major
    limit_mean = 4 + seat_bound.sum() / se_mean
    limit_win = 4.5 + seat_bound / se_win
    worst = int(np.argmax(np.abs(z_win) / limit_win))
    print(f"factor ({doc['run']['factorMethod']}): ||Delta||_F {doc['run']['factorFrobeniusError']:.4g}, "
          f"lambda_min(Sigma) {lam_min:.4g}, bound on a whole-draw probability {tv:.2e}")
    print(f"{'':28}{'numpy':>12}{'Bellwether':>14}{'z':>8}{'limit':>8}")
    print(f"{'P(D majority)':28}{ours['majority']:12.4f}{theirs['majority']:14.4f}{z_major:8.2f}{limit_major:8.2f}")
    print(f"{'mean D seats':28}{ours['mean']:12.2f}{theirs['mean']:14.2f}{z_mean:8.2f}{limit_mean:8.2f}")
    print(f"{'SD of D seats':28}{ours['sd']:12.2f}{theirs['sd']:14.2f}")
    print(f"{'worst seat: ' + m['ids'][worst]:28}{ours['win'][worst]:12.4f}{their_win[worst]:14.4f}{z_win[worst]:8.2f}"
          f"{limit_win[worst]:8.2f}")
    print(f"max |P(D win) difference| over {len(m['ids'])} contested seats: "
          f"{np.max(np.abs(ours['win'] - their_win)):.4f}")
    ok = abs(z_major) <= limit_major and abs(z_mean) <= limit_mean and bool(np.all(np.abs(z_win) <= limit_win))
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
    try:
        m = load_inputs(args.forecast)
    except Unsupported as e:
        print(f"bellwether_numpy.py: {e}", file=sys.stderr)
        sys.exit(2)
    sigma, recipe = model(m)
    draws = args.draws or m["draws"]
    seat_counts, wins = simulate(m, sigma, draws, args.seed, args.block, np.dtype(args.dtype))
    ours = summarise(seat_counts, wins, m["majority"], draws)
    seconds = time.perf_counter() - start
    n = len(m["base"])
    v = m["variants"]
    print(f"numpy {np.__version__}, {args.dtype}: {draws} draws x {n} contested seats in {seconds:.3f} s "
          f"({draws / seconds:.3g} draws/s, {draws * n / seconds:.3g} district-draws/s)")
    print(f"conventions: t scale {v['noiseScale']}, covariance {v['covariance']}, margin {v['margin']}")
    print(f"P(D majority) {ours['majority']:.4f}, mean D seats {ours['mean']:.2f}")
    if args.check:
        ok = check_recipe(m, recipe) if recipe is not None else True
        ok = check(m, sigma, ours, draws) and ok
        if not ok:
            sys.exit(1)


if __name__ == "__main__":
    main()
