"""Counts the real HXL files here independently of mapsurvey, with Python's csv module only:
respondents (#org), activities (rows with an organisation), and activities per #adm1, as
pkg/replies TestRealHXLFilesWithAccents and testdata/script/schema_from.txtar pin them.

    python3 count.py libhxl-sample.csv libhxl-input-status.csv
"""
import csv
import sys
import unicodedata


def fold(s):
    """Case, spaces and Latin accents ignored, as mapsurvey matches labels."""
    s = unicodedata.normalize("NFD", " ".join(s.split()).lower())
    return "".join(c for c in s if not unicodedata.combining(c))


for path in sys.argv[1:]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    tags = next(i for i, r in enumerate(rows) if r and all(c.strip().startswith("#") for c in r if c.strip()))
    col = {}
    for i, t in enumerate(rows[tags]):
        base = t.strip().split("+")[0]
        col.setdefault(base, i)
    orgs, per_adm1, activities = set(), {}, 0
    for r in rows[tags + 1:]:
        org = r[col["#org"]].strip()
        if not org:
            continue
        activities += 1
        orgs.add(org)
        adm1 = fold(r[col["#adm1"]])
        per_adm1[adm1] = per_adm1.get(adm1, 0) + 1
    print(f"{path}: {len(orgs)} respondents, {activities} activities; per #adm1: "
          + ", ".join(f"{k} {v}" for k, v in sorted(per_adm1.items())))
