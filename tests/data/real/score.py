"""Score ``xltools split --json`` against the hand-written gold for the real-layout corpus.

    python tests/data/real/score.py [--timeout 120] [--only 003_ ...] [--details]

For every file in gold.jsonl it runs ``python -m xltools split FILE --json`` (one JSON object per
line: project, seq, level1_code, level1, level2_code, level2, name, period, annual, warnings),
matches output indicators to gold by (file, project, seq) and, when the project name of a gold
record does not occur in the output, by (file, position over the whole file).  It prints markdown:
per-family field accuracy, overall % of gold fields, and the files with no output or a crash.

Comparison rules (see also the conventions in SOURCES.md):
  * level1 / level2: compared with all whitespace removed (gold never contains line breaks);
  * name: compared after stripping leading/trailing whitespace;
  * number: compared as Decimal ("6070.00" == "6070" == 6070);
  * a gold value of null (no value written) is matched by an output value that is null or whose
    raw text is empty; a gold period of null likewise;
  * a gold indicator with no matching output record scores 0 on every field.
The script never fails because the reader does: crashes and timeouts are recorded and reported.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]

VALUE_FIELDS = ("kind", "op", "number", "unit")
FIELDS = ["level1", "level2", "name"] + [f"annual.{f}" for f in VALUE_FIELDS] + [f"period.{f}" for f in VALUE_FIELDS]


def load_jsonl(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def families():
    """file -> primary family number (first digit in the 'family' column of SOURCES.md)."""
    out = {}
    src = HERE / "SOURCES.md"
    if not src.exists():
        return out
    for line in src.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 6 and cells[0].endswith(".xlsx"):
            m = re.search(r"\d", cells[5])
            out[cells[0].strip("`")] = m.group(0) if m else "?"
    return out


def run_split(path, timeout):
    cmd = [sys.executable, "-m", "xltools", "split", str(path), "--json"]
    try:
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    except subprocess.TimeoutExpired:
        return None, f"timeout after {timeout}s"
    records, bad = [], 0
    for line in proc.stdout.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            bad += 1
            continue
        if isinstance(obj, dict):
            records.append(obj)
    err = None
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or ["(no stderr)"])[-1]
        err = f"exit {proc.returncode}: {tail[:160]}"
    elif bad:
        err = f"{bad} non-JSON stdout lines"
    return records, err


def _nows(s):
    return None if s is None else re.sub(r"\s+", "", str(s))


def _strip(s):
    return None if s is None else str(s).strip()


def _num(x):
    if x is None or x == "":
        return None
    try:
        return Decimal(str(x)).normalize()
    except (InvalidOperation, ValueError):
        return ("text", str(x))


def _empty_value(v):
    return v is None or (isinstance(v, dict) and not str(v.get("raw") or "").strip() and v.get("kind") in (None, "empty"))


def compare_value(gold, out, prefix, score):
    if gold is None:
        ok = _empty_value(out)
        for f in VALUE_FIELDS:
            score[f"{prefix}.{f}"] = ok
        return
    if not isinstance(out, dict):
        for f in VALUE_FIELDS:
            score[f"{prefix}.{f}"] = False
        return
    score[f"{prefix}.kind"] = out.get("kind") == gold["kind"]
    score[f"{prefix}.op"] = (out.get("op") or None) == gold["op"]
    score[f"{prefix}.number"] = _num(out.get("number")) == _num(gold["number"])
    score[f"{prefix}.unit"] = (_strip(out.get("unit")) or None) == gold["unit"]


def compare(gold, out):
    score = {}
    if out is None:
        return {f: False for f in FIELDS}
    score["level1"] = _nows(out.get("level1")) == _nows(gold["level1"]) or (
        gold["level1"] is None and not _nows(out.get("level1")))
    score["level2"] = _nows(out.get("level2")) == _nows(gold["level2"]) or (
        gold["level2"] is None and not _nows(out.get("level2")))
    score["name"] = _strip(out.get("name")) == _strip(gold["name"])
    compare_value(gold["annual"], out.get("annual"), "annual", score)
    compare_value(gold["period"], out.get("period"), "period", score)
    return score


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--only", nargs="*", default=None, help="file name prefixes to score")
    ap.add_argument("--details", action="store_true", help="list every mismatching gold indicator")
    args = ap.parse_args(argv)

    gold = load_jsonl(HERE / "gold.jsonl")
    gold_projects = load_jsonl(HERE / "gold_projects.jsonl")
    fam = families()
    files = list(dict.fromkeys([g["file"] for g in gold_projects]))
    if args.only:
        files = [f for f in files if any(f.startswith(p) for p in args.only)]
    by_file = defaultdict(list)
    for g in gold:
        by_file[g["file"]].append(g)

    problems = []           # (file, message)
    per_file = {}           # file -> (n_gold, n_out, field score dict list)
    details = []
    for f in files:
        records, err = run_split(HERE / f, args.timeout)
        golds = by_file.get(f, [])
        if records is None or (err and not records):
            problems.append((f, err or "no output"))
            records = []
        elif err:
            problems.append((f, err))
        elif not records and golds:
            problems.append((f, "no indicators in output"))
        out_by_key = {}
        out_projects = set()
        for r in records:
            out_projects.add(r.get("project"))
            try:
                out_by_key[(r.get("project"), int(r.get("seq")))] = r
            except (TypeError, ValueError):
                pass
        flat = records
        scores = []
        for i, g in enumerate(golds):
            if g["project"] in out_projects:
                o = out_by_key.get((g["project"], g["seq"]))
            else:
                o = flat[i] if i < len(flat) else None
            s = compare(g, o)
            scores.append(s)
            if args.details and not all(s.values()):
                bad = [k for k, v in s.items() if not v]
                details.append((f, g["project"], g["seq"], g["name"], bad, o))
        per_file[f] = (len(golds), len(records), scores)

    # ---- report -----------------------------------------------------------------------------
    print("# Real-layout corpus: `xltools split --json` vs gold\n")
    fams = sorted({fam.get(f, "?") for f in files})
    header = ["family", "files", "gold ind.", "output ind."] + FIELDS + ["all fields"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    grand_ok = grand_n = 0
    for fa in fams + ["all"]:
        fs = [f for f in files if fa == "all" or fam.get(f, "?") == fa]
        scores = [s for f in fs for s in per_file[f][2]]
        n_gold = sum(per_file[f][0] for f in fs)
        n_out = sum(per_file[f][1] for f in fs)
        row = [fa, str(len(fs)), str(n_gold), str(n_out)]
        ok_all = n_all = 0
        for field in FIELDS:
            vals = [s[field] for s in scores]
            ok = sum(vals)
            ok_all += ok
            n_all += len(vals)
            row.append(f"{100 * ok / len(vals):.0f}%" if vals else "–")
        row.append(f"{100 * ok_all / n_all:.1f}%" if n_all else "–")
        if fa == "all":
            grand_ok, grand_n = ok_all, n_all
        print("| " + " | ".join(row) + " |")
    print()
    pct = 100 * grand_ok / grand_n if grand_n else 0.0
    print(f"**Overall: {grand_ok}/{grand_n} gold fields correct ({pct:.1f}%)** over "
          f"{sum(per_file[f][0] for f in files)} gold indicators in {len(files)} files.\n")

    print("## Per file\n")
    print("| file | family | gold ind. | output ind. | fields correct |")
    print("|---|---|---|---|---|")
    for f in files:
        n_gold, n_out, scores = per_file[f]
        n = sum(len(s) for s in scores)
        ok = sum(sum(s.values()) for s in scores)
        print(f"| {f} | {fam.get(f, '?')} | {n_gold} | {n_out} | "
              f"{(f'{100 * ok / n:.0f}%') if n else '–'} |")
    print()
    print("## Files with no output or a crash\n")
    if problems:
        for f, msg in problems:
            print(f"- `{f}`: {msg}")
    else:
        print("- none")
    if args.details and details:
        print("\n## Mismatches\n")
        for f, p, seq, name, bad, o in details:
            got = "no output record" if o is None else json.dumps(
                {k: o.get(k) for k in ("project", "seq", "level1", "level2", "name", "annual", "period")},
                ensure_ascii=False)
            print(f"- `{f}` [{p}] #{seq} {name}: wrong {', '.join(bad)} — got {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
