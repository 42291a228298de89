#!/usr/bin/env python3
"""Counts the 3W and IATI excerpts of this folder independently of mapsurvey.

Standard library only (csv to read, unicodedata to compare labels). Written from the files'
own columns, not from mapsurvey's code: an analyst's pivot tables, as lines that
pkg/cli/threew_test.go compares with mapsurvey's JSON:

    total|<respondents with activities>|<activities>|<duplicates>
    <dim>[,<dim>]|<value>[,<value>]|<respondents>|<activities>|<sum or ->

Usage: python3 count.py SCENARIO   (lebanon, lebanon-key, ethiopia, iati)
"""

import csv
import os
import re
import sys
import unicodedata
from itertools import product

HERE = os.path.dirname(os.path.abspath(__file__))


def fold(s):
    """Two spellings of one category compare equal: case, accents, spaces, '&', dashes."""
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    s = s.lower().replace("&", " and ")
    for dash in "\u2010\u2011\u2012\u2013\u2014\u2212":
        s = s.replace(dash, "-")
    s = " ".join(s.split())
    s = re.sub(r"\s*/\s*", "/", s)
    return s.rstrip("*").strip()


def values(cell):
    """A cell's values: split at ';' and line breaks, blanks dropped, each once."""
    out, seen = [], set()
    for part in re.split(r"[;\r\n]", cell):
        part = " ".join(part.split())
        if part and fold(part) not in seen:
            seen.add(fold(part))
            out.append(part)
    return out


def rows_of(path, skip_hxl):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    return rows[1:] if skip_hxl else rows


class Tally:
    def __init__(self, dims):
        self.dims = dims
        self.labels = {d: {} for d in dims}  # folded -> first spelling
        self.cells = {}  # (dims, folded values) -> [respondents, activities, sum, n]
        self.resp = set()
        self.acts = 0
        self.seen = set()
        self.dupes = 0

    def add(self, respondent, vals, amount=None, weights=None, key=None):
        """vals: {dim: [labels]}; weights: {dim: [shares]}; key: tuple, with dims named in it."""
        for d in self.dims:
            for v in vals[d]:
                self.labels[d].setdefault(fold(v), v)
        for combo in product(*[range(len(vals[d])) for d in self.dims]):
            chosen = {d: fold(vals[d][i]) for d, i in zip(self.dims, combo)}
            if key is not None:
                k = tuple(chosen.get(part, part) if part in self.dims else part for part in key)
                if k in self.seen:
                    self.dupes += 1
                    continue
                self.seen.add(k)
            share = None
            if amount is not None:
                share = amount
                for d, i in zip(self.dims, combo):
                    share *= weights[d][i] if weights and d in weights else 1 / len(vals[d])
            self.resp.add(fold(respondent))
            self.acts += 1
            for r in range(1, len(self.dims) + 1):
                for sub in combinations(self.dims, r):
                    c = self.cells.setdefault((sub, tuple(chosen[d] for d in sub)), [set(), 0, 0.0, 0])
                    c[0].add(fold(respondent))
                    c[1] += 1
                    if share is not None:
                        c[2] += share
                        c[3] += 1

    def lines(self, sums):
        out = ["total|%d|%d|%d" % (len(self.resp), self.acts, self.dupes)]
        for (sub, key), c in self.cells.items():
            labels = ",".join(self.labels[d][k] for d, k in zip(sub, key))
            s = "%.2f" % c[2] if sums else "-"
            out.append("%s|%s|%d|%d|%s" % (",".join(sub), labels, len(c[0]), c[1], s))
        return sorted(out)


def combinations(items, r):
    if r == 0:
        yield ()
        return
    for i, x in enumerate(items):
        for rest in combinations(items[i + 1:], r - 1):
            yield (x,) + rest


def lebanon(keyed):
    # The hashtag row says who (#org+acronym: the only #org column filled on every row), what
    # (#sector+cluster+name) and where (#adm1+name, #adm2+name).
    t = Tally(["sector", "adm1"])
    for row in rows_of(os.path.join(HERE, "lebanon-sectors-by-district.csv"), skip_hxl=True):
        if keyed and fold(row["Admin1"]) != fold("South"):
            continue
        vals = {"sector": values(row["Sector"]), "adm1": values(row["Admin1"])}
        key = None
        if keyed:
            key = (fold(row["partner.name"]), fold(row["Admin2"]), "sector")
        t.add(row["partner.name"], vals, key=key)
    return t.lines(False)


def ethiopia():
    # Two monthly 4W files: the implementing partner is the organisation; a presence is one
    # partner in one woreda (by its p-code) in one cluster, whatever the month.
    t = Tally(["cluster", "region"])
    for name in ("4w-2025-05-07.csv", "4w-2025-08.csv"):
        for row in rows_of(os.path.join(HERE, "ethiopia", name), skip_hxl=False):
            if fold(row["Activity status"]) != fold("Completed"):
                continue
            vals = {"cluster": values(row["Cluster"]), "region": values(row["Region"])}
            key = (fold(row["Implementing Partner Acronym"]), fold(row["WoredaPcod"]), "cluster")
            t.add(row["Implementing Partner Acronym"], vals, key=key)
    return t.lines(False)


def iati():
    # IATI activities with a sector; disbursements shared among an activity's sectors by its
    # sector percentages, in proportion when they do not add up to 100.
    t = Tally(["sector"])
    for row in rows_of(os.path.join(HERE, "iati-dfid-drc-activities.csv"), skip_hxl=False):
        sectors = values(row["sector"])
        if not sectors:
            continue
        pcts = [float(p) for p in row["sector-percentage"].split(";")] if row["sector-percentage"] else [100.0]
        total = sum(pcts)
        weights = {"sector": [p / total for p in pcts]}
        t.add(row["iati-identifier"], {"sector": sectors}, amount=float(row["total-Disbursement"]), weights=weights)
    return t.lines(True)


if __name__ == "__main__":
    scenario = sys.argv[1] if len(sys.argv) > 1 else ""
    out = {
        "lebanon": lambda: lebanon(False),
        "lebanon-key": lambda: lebanon(True),
        "ethiopia": ethiopia,
        "iati": iati,
    }.get(scenario)
    if out is None:
        sys.exit("usage: count.py lebanon|lebanon-key|ethiopia|iati")
    print("\n".join(out()))
