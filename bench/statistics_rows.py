#!/usr/bin/env python3
"""Writes, as psql COPY input on stdout, the supervisor's figures
(migration 0013) that CASES cases over the province of ORGS_YAML (an org
file from `xueji generate`) would leave after a year: each case of a kind
opened at a school in a month, its school's step and its county's decided
(most on time, in 0..25 working days, some late, a few beyond 60), one in
ten escalated once to the school's superior, and one in twenty still open
(one in five of those overdue). The rows are summed per scope (the org and
every org above it to the ministry, 000000) as the journal keeps them, so
the view reads what it would read after a year of real commits; they are
made here and loaded with COPY (scripts/bench.sh, section `statistics`)
rather than by committing 1,000,000 cases through the engine.

  bench/statistics_rows.py ORGS_YAML [CASES] [SEED] | psql ...
"""
import random
import re
import sys
from collections import defaultdict

KINDS = [("transfer", 0.55), ("leave", 0.15), ("resume", 0.1), ("info_change", 0.1),
         ("withdrawal", 0.05), ("death_deregistration", 0.05)]
MONTHS = [f"2025-{m:02d}" for m in range(9, 13)] + [f"2026-{m:02d}" for m in range(1, 9)]


def read_orgs(path):
    orgs = {}
    pattern = re.compile(r'code: "(\d+)".*level: (\w+)(?:.*parent: "(\d+)")?')
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = pattern.search(line)
            if m:
                orgs[m.group(1)] = (m.group(2), m.group(3) or "000000")
    return orgs


def main():
    orgs = read_orgs(sys.argv[1])
    cases = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    chains = {}

    def chain(code):
        if code not in chains:
            out = [code]
            while out[-1] in orgs:
                out.append(orgs[out[-1]][1])
            chains[code] = out
        return chains[code]

    def level(code):
        return orgs[code][0] if code in orgs else "ministry"

    schools = [c for c, (lv, _) in orgs.items() if lv == "school"]
    kinds = [k for k, _ in KINDS]
    weights = [w for _, w in KINDS]
    monthly = defaultdict(lambda: [0, 0, 0])
    days = defaultdict(int)
    open_steps = defaultdict(lambda: [0, 0])
    # Per (org, month, kind) first, then rolled up: the rows are what
    # matters, not replaying each case in Python.
    own_monthly = defaultdict(lambda: [0, 0, 0])
    own_days = defaultdict(int)
    own_open = defaultdict(lambda: [0, 0])
    for _ in range(cases):
        school = rng.choice(schools)
        county = orgs[school][1]
        kind = rng.choices(kinds, weights)[0]
        month = rng.choice(MONTHS)
        for party in (school, county):
            r = rng.random()
            if r < 0.05:
                own_open[(party, level(party), kind)][0] += 1
                if r < 0.01:
                    own_open[(party, level(party), kind)][1] += 1
                continue
            late = r > 0.9
            taken = 61 if r > 0.995 else (rng.randint(11, 40) if late else rng.randint(0, 10))
            m = own_monthly[(party, month, kind)]
            m[0] += 1
            m[1] += 0 if late else 1
            own_days[(party, month, kind, taken)] += 1
            if late:
                own_monthly[(orgs[party][1], month, kind)][2] += 1
    for (org, month, kind), v in own_monthly.items():
        for scope in chain(org):
            m = monthly[(scope, month, kind)]
            for i in range(3):
                m[i] += v[i]
    for (org, month, kind, taken), n in own_days.items():
        for scope in chain(org):
            days[(scope, month, kind, taken)] += n
    for (org, lv, kind), v in own_open.items():
        for scope in chain(org):
            o = open_steps[(scope, lv, kind)]
            o[0] += v[0]
            o[1] += v[1]
    out = sys.stdout
    out.write("COPY statistics_monthly (scope, month, kind, decided, decided_on_time, "
              "escalations_received) FROM stdin;\n")
    for (scope, month, kind), v in monthly.items():
        out.write(f"{scope}\t{month}\t{kind}\t{v[0]}\t{v[1]}\t{v[2]}\n")
    out.write("\\.\nCOPY statistics_decision_days (scope, month, kind, working_days, decided) "
              "FROM stdin;\n")
    for (scope, month, kind, taken), n in days.items():
        out.write(f"{scope}\t{month}\t{kind}\t{taken}\t{n}\n")
    out.write("\\.\nCOPY statistics_open_steps (scope, level, kind, open_steps, overdue_steps) "
              "FROM stdin;\n")
    for (scope, lv, kind), v in open_steps.items():
        out.write(f"{scope}\t{lv}\t{kind}\t{v[0]}\t{v[1]}\n")
    out.write("\\.\nDELETE FROM statistics_backfill;\nANALYZE;\n")
    print(f"statistics rows: {len(monthly)} monthly, {len(days)} decision-day, "
          f"{len(open_steps)} open-step, from {cases} cases over {len(schools)} schools",
          file=sys.stderr)


if __name__ == "__main__":
    main()
