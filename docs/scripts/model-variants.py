#!/usr/bin/env python3
"""Backtests the shipped model beside its fitted variants on every shipped cycle (issue 13, item 5).

Each variant is the shipped config/house-<cycle>.json5 with tables pasted from
the fit-config-<cycle>.json5 of docs/fit/, the fit made from the cycles BEFORE that cycle only (docs/fit.md),
so no variant of a cycle has seen that cycle's results:

  shipped         the config as shipped (= district+joint+sel+t with the fitted noise structure and, for 2010-2018,
                  the fitted factor on the noise covariance with Gaussian noise; 2006 keeps the judged structure and t,
                  its fit identifies neither)
  uniform         lean + incumbency, seat-by-seat polls, with the shipped environment model (the base of the others)
  joint           polls.conditioning "joint": every poll conditions every seat, the environment and the
                  shared noise at once (docs/model.md §2.5)
  district        the fit's district table: linear baseline and noise by seat class (§1.5, §3.4)
  district+joint  district + joint
  shared          district + sharedErrors: true (§3.5); only where the fit has cycle-to-cycle SDs
  shared+joint    shared + joint
  shared+joint+t  shared + joint + noise.tScale "scale" (§3.3)
  tscale          uniform + noise.tScale "scale"
  judged-beta     shipped with the specials' translation judged before the fit (beta 0.4, alpha derived)
  clusters        shipped + specials.clusters "same-day-state" (docs/model.md §2.2)
  info90          shipped + specials.informationHalfLifeDays 90
  per-level       shipped + specials.levelVariances "per-level" (each level its own tau, docs/model.md §2.2)
  fit-tables      shipped with the district table and fitted noise keys of the --fit-dir fragments (docs/fit:
                  the shipped model itself; `bellwether fit --elastic-swing --out DIR`: with elastic swing)
  judged-tails    shipped with the district noise's tails judged before session 11 (noise.nu 8, Sigma the t's scale
                  matrix, no varianceInflation; the shipped 2010-2018 configs have the fitted factor, Gaussian)
  fitted-nu       judged-tails with noise.nu profiled by the fit with Sigma as stated, where it is identified
                  (docs/fit.md, "Tails"; 2014 30, 2018 50), elsewhere judged-tails
  judged-noise    shipped with the noise structure judged before session 10 (no noise.componentSD: the state,
                  region and lean SDs the shares of the specials' scale, kernel length 10; docs/model.md §3.1)
  ...+sel         the variant with the fit's polls.selectionSlope (polled seats are closer than their fundamentals, §2.5)

A variant that needs a fit the cycle does not have (2006 has no earlier cycle with results, 2010 only
one) runs the uniform model there ("= uniform" in the table), so every mean is over the four cycles. The variant configs are written to a temporary folder
with absolute table paths; nothing in the repository is changed.

Usage (from the repository root, after `swift build -c release`):
  python3 docs/scripts/model-variants.py [--draws 100000] [--binary .build/release/bellwether] [--out out/variants]
      [--only NAME,...] [--fit-dir DIR]
Prints a Markdown table: per cycle and as-of date the contested-seat Brier score of the full model,
and the mean over the cycles each variant covers.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

CYCLES = [2006, 2010, 2014, 2018]


def block(text, opening, closing_indent):
    """The lines from `opening` to the first line that is exactly `closing_indent` + '],' or '},'."""
    lines = text.split("\n")
    start = next((i for i, l in enumerate(lines) if l == opening), None)
    if start is None:
        return None
    for j in range(start + 1, len(lines)):
        if lines[j] in (closing_indent + "],", closing_indent + "},"):
            return "\n".join(lines[start:j + 1])
    return None


def absolute_paths(text, folder):
    def fix(m):
        path = m.group(2)
        return m.group(1) + '"' + (path if path.startswith("/") else os.path.join(folder, path)) + '"'
    return re.sub(r'(\b(?:districts|specials|genericBallot|houseVote|results|polls):\s*)"([^"]+)"', fix, text)


def judged_tails_of(text):
    """The config with the noise tails judged before session 11 (nu 8, tScale "scale", no varianceInflation)."""
    start = text.index("\n  noise: {")
    end = text.index("\n  },", start)
    seg = text[start:end]
    if "\n    varianceInflation:" not in seg:
        return text
    seg = re.sub(r"\n    // District-noise tails,[^\n]*(\n    //[^\n]*)*\n    varianceInflation: [0-9.]+,", "", seg, count=1)
    seg, count = re.subn(r"(\n    //[^\n]*)*\n    nu: null,",
                         '\n    // The judged t of the configs before session 11.\n    nu: 8,\n    tScale: "scale",', seg, count=1)
    if count != 1 or "\n    varianceInflation:" in seg:
        sys.exit("could not restore the judged noise tails")
    return text[:start] + seg + text[end:]


def variants(cycle, fit_dir=os.path.join("docs", "fit")):
    shipped = open(f"config/house-{cycle}.json5").read()
    fragment = open(os.path.join(fit_dir, f"fit-config-{cycle}.json5")).read()
    as_shipped = shipped
    # The district noise's tails as judged before session 11: nu 8 with Sigma the t's scale matrix and no
    # varianceInflation (the shipped 2010-2018 configs have the fitted factor and Gaussian noise, docs/fit.md,
    # "Tails"). The variants built up from `uniform` start from it, so their rows are the models they were.
    judged_tails = judged_tails_of(shipped)
    shipped = judged_tails
    # The noise structure as judged before session 10: no componentSD (whose comment runs from its
    # "State, region and lean-kernel SDs" line), kernel length 10. The variants built up from `uniform`
    # start from it (without a district table componentSD is refused); judged-beta, clusters and info90
    # are the shipped config with one change, so they keep the fitted noise structure.
    judged_noise = re.sub(r"\n    // State, region and lean-kernel SDs \(points\)[^\n]*(\n    //[^\n]*)*\n    componentSD: \{[^}]*\},", "",
                          shipped, count=1)
    judged_noise = re.sub(r"(\n    //[^\n]*)*\n    kernelLength: [0-9.]+,", "\n    kernelLength: 10.0,", judged_noise, count=1)
    if "\n    componentSD:" in judged_noise:
        sys.exit(f"{cycle}: could not take noise.componentSD out of the shipped config")
    shipped = judged_noise
    # The variants start from the uniform rule with seat-by-seat polls (the model shipped before
    # session 6): the shipped config without its district table, joint conditioning, selection
    # slope and t scale matrix.
    lines = shipped.split("\n")
    start = lines.index("  district: {")
    first = start
    while lines[first - 1].startswith("  //"):
        first -= 1
    end = next(j for j in range(start + 1, len(lines)) if lines[j] == "  },")
    lines = lines[:first] + lines[end + 2:]
    shipped = "\n".join(l for l in lines if not l.startswith("  // conditioning \"joint\"") and not l.startswith("  // selectionSlope:")
                        and 'tScale: "scale"' not in l and not l.startswith('    // "scale": the covariance above'))
    shipped = re.sub(r', conditioning: "joint", selectionSlope: [0-9.]+', "", shipped)
    district = block(fragment, "  district: {", "  ")
    has_cycle_sd = district is not None and "cycleSD: null" not in district
    out = {"uniform": shipped, "shipped": as_shipped, "judged-noise": judged_noise}

    # The environment's options, on the shipped model: the specials' translation as judged before the fit
    # (beta 0.4, alpha derived), same-day-state clusters (docs/model.md §2.2), information decay.
    def with_specials_option(text, option):
        if "\n  specials: {\n" not in text:
            sys.exit(f"{cycle}: no specials table to add {option} to")
        return text.replace("\n  specials: {\n", "\n  specials: {\n    " + option + "\n", 1)
    judged, count = re.subn(r"\n    beta: [0-9.]+,", "\n    beta: 0.4,", as_shipped, count=1)
    judged = re.sub(r"\n    alpha: [^,\n]+,", '\n    alpha: "derived",', judged, count=1)
    if count == 1:
        out["judged-beta"] = judged
    out["clusters"] = with_specials_option(as_shipped, 'clusters: "same-day-state",')
    out["info90"] = with_specials_option(as_shipped, "informationHalfLifeDays: 90,")
    out["per-level"] = with_specials_option(as_shipped, 'levelVariances: "per-level",')
    # The district noise's tails: judged-tails, the t judged before session 11 (nu 8, Sigma its scale matrix);
    # fitted-nu, that t with nu profiled by the fit with Sigma as stated ("tScale \"scale\": best N"), where its
    # interval does not run from 3 to the Gaussian, else the judged t (docs/fit.md, "Tails").
    out["judged-tails"] = judged_tails
    profiled = re.search(r'tScale "scale": best (\w+), 95% interval (\w+) to (\w+);', fragment)
    spans = profiled is None or (profiled.group(2) == "3" and profiled.group(3) == "Gaussian")
    if spans:
        out["fitted-nu"] = judged_tails
    else:
        start = judged_tails.index("\n  noise: {")
        line = re.compile(r"\n    nu: [^,\n]+,").search(judged_tails, start)
        nu = "null" if profiled.group(1) == "Gaussian" else profiled.group(1)
        out["fitted-nu"] = judged_tails[:line.start()] + f"\n    nu: {nu}," + judged_tails[line.end():]
    # fit-tables: the shipped config with its district table and its noise's fitted keys (componentSD,
    # kernelLength, varianceInflation, nu) taken from the fragment in --fit-dir. With the default docs/fit
    # it is the shipped model (its scores must equal the shipped row's: the configs hold the fit); with
    # the fragments of `bellwether fit --elastic-swing --out DIR` and `--fit-dir DIR`, the shipped model
    # with elastic swing (docs/model.md §1.6).
    fitted_table, shipped_table = block(fragment, "  district: {", "  "), block(as_shipped, "  district: {", "  ")
    if fitted_table and shipped_table:
        tables = as_shipped.replace(shipped_table, fitted_table, 1)
        noise_line = re.search(r"\n  noise: \{ (.*) \},\n", fragment)
        start = tables.index("\n  noise: {")
        for key, value in re.findall(r"(componentSD|kernelLength|varianceInflation|nu): (\{[^}]*\}|[^,{}]+)",
                                     noise_line.group(1) if noise_line else ""):
            if key == "kernelLength" and "\n    componentSD:" not in tables[start:]:
                continue  # the judged split's kernel length stays with it
            pattern = re.compile(r"\n    " + key + r": (\{[^}]*\}|[^,\n]+),")
            found = pattern.search(tables, start)
            if found is None:
                continue  # a key the shipped config does not take from the fit (2006 keeps the judged split)
            tables = tables[:found.start()] + f"\n    {key}: {value.strip()}," + tables[found.end():]
        out["fit-tables"] = tables
    notes = []

    def with_district(text, shared):
        table = district.replace("  district: {", "  district: {\n    sharedErrors: %s," % ("true" if shared else "false"), 1)
        return text.replace("  // Correlated district noise", table + "\n\n  // Correlated district noise", 1)

    def with_tscale(text):
        start = text.index("\n  noise: {")
        nu = re.compile(r"\n    nu: [^\n]*").search(text, start)
        return text[:nu.end()] + '\n    tScale: "scale",' + text[nu.end():]

    fitted_slope = re.search(r"selectionSlope: ([0-9.]+)", fragment)

    def with_polls_option(text, option):
        replaced, count = re.subn(r"(\n  polls: \{[^\n]*maxAgeDays: \d+)", r'\1, ' + option, text, count=1)
        if count != 1:
            sys.exit(f"{cycle}: no polls table to add {option} to")
        return replaced

    def with_joint(text):
        return with_polls_option(text, 'conditioning: "joint"')

    def with_selection(text):
        return with_polls_option(text, f"selectionSlope: {fitted_slope.group(1)}") if fitted_slope else text

    out["joint"] = with_joint(shipped)
    out["tscale"] = with_tscale(shipped)
    if district:
        out["district"] = with_district(shipped, False)
        out["district+joint"] = with_joint(out["district"])
        if fitted_slope:
            out["district+sel"] = with_selection(out["district"])
            out["district+joint+sel"] = with_selection(out["district+joint"])
            out["district+joint+sel+t"] = with_tscale(out["district+joint+sel"])
        if has_cycle_sd:
            out["shared"] = with_district(shipped, True)
            out["shared+joint"] = with_joint(out["shared"])
            out["shared+joint+t"] = with_tscale(out["shared+joint"])
            if fitted_slope:
                out["shared+sel"] = with_selection(out["shared"])
                out["shared+joint+sel"] = with_selection(out["shared+joint"])
                out["shared+joint+sel+t"] = with_tscale(out["shared+joint+sel"])
        else:
            notes.append(f"{cycle}: shared left out (the fit has one earlier cycle, no cycle-to-cycle SD)")
    else:
        notes.append(f"{cycle}: district and shared left out (no earlier cycle with results)")
    return out, notes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--draws", type=int, default=100000)
    parser.add_argument("--binary", default=".build/release/bellwether")
    parser.add_argument("--out", default="out/variants")
    parser.add_argument("--only", default=None, help="comma-separated variant names to run (default: all)")
    parser.add_argument("--fit-dir", default=os.path.join("docs", "fit"),
                        help="the folder of fit-config-<cycle>.json5 fragments the variants take their tables from "
                             "(default docs/fit; e.g. what `bellwether fit --recency-half-life H --out DIR` wrote)")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary}: not found; run `swift build -c release` first")
    config_folder = os.path.abspath("config")
    scores = {}  # (variant, cycle) -> [(date, brier, mean seats, inside80)]
    actual = {}
    all_notes = []
    with tempfile.TemporaryDirectory() as tmp:
        for cycle in CYCLES:
            texts, notes = variants(cycle, args.fit_dir)
            all_notes += notes
            for name, text in texts.items():
                if args.only and name not in args.only.split(",") and name not in ("shipped", "uniform"):
                    continue
                path = os.path.join(tmp, f"{name}-{cycle}.json5")
                with open(path, "w") as f:
                    f.write(absolute_paths(text, config_folder))
                out = os.path.join(args.out, f"{name}-{cycle}")
                run = subprocess.run([args.binary, "backtest", "--config", path, "--draws", str(args.draws), "--out", out, "--quiet"],
                                     capture_output=True, text=True)
                if run.returncode != 0:
                    sys.exit(f"{name} {cycle}: backtest failed:\n{run.stderr}")
                doc = json.load(open(os.path.join(out, "backtest.json")))
                actual[cycle] = doc["actual"]["democraticSeats"]
                for kind in ("decided", "contested"):
                    scores[(name, cycle, kind)] = [(d["asOf"], d["rows"][0]["districts"][kind]["brier"], d["rows"][0]["seats"]["mean"],
                                                    d["rows"][0]["seats"]["inside80"]) for d in doc["dates"]]
    names = ["shipped", "uniform", "joint", "district", "district+joint", "shared", "shared+joint", "shared+joint+t", "tscale", "district+sel",
             "district+joint+sel", "shared+sel", "shared+joint+sel",
             "district+joint+sel+t", "shared+joint+sel+t", "judged-beta", "clusters", "info90", "judged-noise", "judged-tails", "fitted-nu", "per-level", "fit-tables"]
    for kind, what in (("decided", "Brier score over the decided seats (every seat with a certified winner, as `backtest` reports it)"),
                       ("contested", "Contested-seat Brier score (D-vs-R seats only)")):
        print(f"{what} of the full model on each as-of date (mean D seats on the eve; * = actual inside the 80% interval), "
              f"{args.draws:,} draws per forecast; every variant's fit is from the cycles before the scored one.\n")
        print("| variant | " + " | ".join(f"{c} (actual {actual[c]})" for c in CYCLES) + " | mean, election eve | mean, all dates |")
        print("|---|" + "---|" * (len(CYCLES) + 2))
        for name in names:
            if args.only and name not in args.only.split(",") and name not in ("shipped", "uniform"):
                continue
            cells, eve, every = [], [], []
            for c in CYCLES:
                # A cycle without the fit a variant needs falls back to the shipped model (what a user
                # of the variant would run), so every mean is over the same four cycles.
                rows = scores.get((name, c, kind))
                fallback = rows is None
                rows = rows or scores[("uniform", c, kind)]
                cells.append("= uniform" if fallback else
                             " ".join(f"{b:.4f}" for _, b, _, _ in rows) + f" (eve {rows[-1][2]:.0f}{'*' if rows[-1][3] else ''})")
                eve.append(rows[-1][1])
                every += [b for _, b, _, _ in rows]
            print(f"| {name} | " + " | ".join(cells) + f" | {sum(eve) / len(eve):.4f} | {sum(every) / len(every):.4f} |")
        print()
    dates = {c: [d for d, _, _, _ in scores[("shipped", c, "decided")]] for c in CYCLES}
    print("\nDates: " + "; ".join(f"{c}: " + ", ".join(dates[c]) for c in CYCLES) + ".")
    for note in all_notes:
        print(f"- {note}")


if __name__ == "__main__":
    main()
