#!/usr/bin/env python3
"""Writes a synthetic chamber of any size in the engine's schema, for measuring how Bellwether's
cost grows with the number of seats (docs/data-schema.md).

The chamber is the 2018 House scaled up: each state gets seats in proportion to its 2018 House
seats (largest remainders), keeps its Census division, and each new seat copies the incumbent,
status and holder of a 2018 seat of its state, with that seat's lean plus N(0, 5^2) points of
jitter (a fixed seed, so a size always gives the same file). The specials, the national series and
every prior are the 2018 config's (the specials without their federal rows, which name 2018
districts), so only the seat count changes. 7,500 seats is about the size
of every state legislature's lower and upper chambers together.

Writes FOLDER/districts.csv, FOLDER/specials.csv and FOLDER/config.json5 (the 2018 config with the seat count, the
majority and absolute data paths substituted).

Usage:
    python3 Benchmarks/synthetic_chamber.py --seats 7500 --out /tmp/bellwether-7500
    bellwether run --config /tmp/bellwether-7500/config.json5
"""

import argparse
import csv
import os
import random
import re

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONFIG = os.path.join(REPO, "config", "house-2018.json5")
DISTRICTS = os.path.join(REPO, "config", "2018", "districts.csv")
COLUMNS = ["id", "state", "region", "lean", "incumbent", "status", "held_by", "note"]


def apportion(counts, total):
    """Seats per state in proportion to `counts`, summing to `total` (largest remainders)."""
    whole = sum(counts.values())
    quotas = {s: total * c / whole for s, c in counts.items()}
    seats = {s: int(q) for s, q in quotas.items()}
    short = total - sum(seats.values())
    for s in sorted(quotas, key=lambda s: (-(quotas[s] - seats[s]), s))[:short]:
        seats[s] += 1
    return seats


def synthetic_rows(seats, seed):
    with open(DISTRICTS, newline="", encoding="utf-8") as f:
        source = list(csv.DictReader(f))
    by_state = {}
    for row in source:
        by_state.setdefault(row["state"], []).append(row)
    rng = random.Random(seed)
    rows = []
    for state, n in sorted(apportion({s: len(r) for s, r in by_state.items()}, seats).items()):
        for k in range(n):
            model = by_state[state][k % len(by_state[state])]
            lean = max(-99.0, min(99.0, float(model["lean"]) + rng.gauss(0, 5)))
            rows.append({
                "id": f"{state}-S{k + 1:04d}", "state": state, "region": model["region"],
                "lean": f"{lean:.4f}", "incumbent": model["incumbent"], "status": model["status"],
                "held_by": model["held_by"], "note": f"synthetic, after {model['id']}",
            })
    return rows


def substitute(text, pattern, replacement):
    new, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    if count != 1:
        raise SystemExit(f"{CONFIG}: could not find {pattern!r} to substitute")
    return new


def main():
    parser = argparse.ArgumentParser(description="Write a synthetic chamber in the engine's schema.")
    parser.add_argument("--seats", type=int, required=True, help="seats in the chamber (at least 50)")
    parser.add_argument("--out", required=True, help="folder to write districts.csv and config.json5 into")
    parser.add_argument("--seed", type=int, default=2018, help="seed of the lean jitter")
    args = parser.parse_args()
    if args.seats < 50:
        parser.error("--seats must be at least 50 (every state gets a seat)")
    os.makedirs(args.out, exist_ok=True)
    rows = synthetic_rows(args.seats, args.seed)
    with open(os.path.join(args.out, "districts.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    with open(CONFIG, encoding="utf-8") as f:
        config = f.read()
    config = substitute(config, r'^(\s*name:\s*)"[^"]*"', rf'\1"Synthetic chamber, {args.seats} seats"')
    config = substitute(config, r"^(\s*seats:\s*)\d+", rf"\g<1>{args.seats}")
    config = substitute(config, r"^(\s*majority:\s*)\d+", rf"\g<1>{args.seats // 2 + 1}")
    config = substitute(config, r'^(\s*districts:\s*)"[^"]*"', rf'\1"{os.path.abspath(args.out)}/districts.csv"')
    # Specials: the 2018 table without its federal rows, whose seats name 2018 districts that a
    # synthetic chamber does not have (the engine refuses a federal special outside the chamber).
    specials_in = os.path.join(os.path.dirname(CONFIG), "2018", "specials.csv")
    with open(specials_in, encoding="utf-8") as f:
        specials = [r for r in csv.DictReader(f)]
    with open(os.path.join(args.out, "specials.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(specials[0].keys()), lineterminator="\n")
        writer.writeheader()
        writer.writerows(r for r in specials if r["level"] != "federal")
    config = substitute(config, r'^(\s*specials:\s*)"[^"]*"', rf'\1"{os.path.abspath(args.out)}/specials.csv"')
    for key in ["genericBallot", "houseVote"]:
        match = re.search(rf'^\s*{key}:\s*"([^"]*)"', config, flags=re.MULTILINE)
        if match is None:
            raise SystemExit(f"{CONFIG}: no data.{key}")
        absolute = os.path.join(os.path.dirname(CONFIG), match.group(1))
        config = substitute(config, rf'^(\s*{key}:\s*)"[^"]*"', rf'\1"{absolute}"')
    with open(os.path.join(args.out, "config.json5"), "w", encoding="utf-8") as f:
        f.write(config)
    contested = sum(1 for r in rows if r["status"] == "contested")
    print(f"{args.out}: {len(rows)} seats ({contested} contested), {len({r['state'] for r in rows})} states")


if __name__ == "__main__":
    main()
