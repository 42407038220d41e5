#!/usr/bin/env python3
"""Checks a writer's file against the text. Usage: python3 validate.py FILE.jsonl
Prints every problem with its line number, then a summary. Exit code 1 when a line has an error."""
import json, re, sys, os
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
TEXT = open(os.path.join(HERE, "..", "..", "..", "..", "corpus", "innovation-and-technology.zh-Hant.txt"), encoding="utf-8").read()

def norm(s):
    return re.sub(r"\s+", "", s.replace("**", ""))

# One passage per non-empty line; the three page-break splits are joined back.
raw = [l for l in TEXT.split("\n")]
lines, buf = [], None
for l in raw:
    if not l.strip():
        continue
    lines.append(norm(l))
# Join a line that ends mid-sentence with the next (page breaks in the source).
joined = []
for l in lines:
    if joined and joined[-1].startswith("-") and not re.search(r"[。）)》」]$", joined[-1]) and not l.startswith("-") and len(joined[-1]) > 40:
        joined[-1] += l
    else:
        joined.append(l)
PASSAGES = joined

LANGS = {"hant", "hans", "yue", "mixed", "en"}
ANSWERABLE = "answerable"
UNANSWERABLE = {"near-miss", "fact-absent", "year-absent", "far"}

def check_item(where, item, problems, is_turn=False):
    q = item.get("q")
    if not isinstance(q, str) or not q.strip():
        problems.append((where, "error", "q is missing or empty")); return
    kind = item.get("kind")
    if kind != ANSWERABLE and kind not in UNANSWERABLE:
        problems.append((where, "error", f"kind must be answerable, near-miss, fact-absent, year-absent or far, not {kind!r}")); return
    expect = item.get("expect")
    if not isinstance(expect, list) or not all(isinstance(e, str) and e.strip() for e in expect):
        problems.append((where, "error", "expect must be a list of non-empty strings")); return
    short = item.get("short")
    if kind == ANSWERABLE:
        if not expect:
            problems.append((where, "error", "an answerable question needs at least one expect string")); return
        holding = []
        for e in expect:
            ne = norm(e)
            hits = [i for i, p in enumerate(PASSAGES) if ne in p]
            if not hits:
                problems.append((where, "error", f"expect not found in one passage of the text (copy it exactly, from one bullet or paragraph): {e}"))
            elif len(hits) > 1:
                problems.append((where, "error", f"expect occurs in {len(hits)} passages; make it longer so it names one passage (list several strings for several passages): {e}"))
            elif len(ne) < 4:
                problems.append((where, "error", f"expect too short to identify a passage: {e}"))
            holding += hits
        if short is not None:
            if not isinstance(short, list) or not short or not all(isinstance(s, str) and s.strip() for s in short):
                problems.append((where, "error", "short must be null or a non-empty list of strings")); return
            for s in short:
                ns = norm(s)
                if not any(ns in PASSAGES[i] for i in holding):
                    problems.append((where, "error", f"short span not found in the passage(s) of expect (copy it exactly): {s}"))
                elif len(ns) > 25:
                    problems.append((where, "warning", f"short span is long ({len(ns)} characters); keep it to the fact itself: {s}"))
    else:
        if expect:
            problems.append((where, "error", f"a {kind} question has no answer in the text: expect must be []"))
        if short is not None:
            problems.append((where, "error", f"a {kind} question has no short answer: short must be null"))
    typo = item.get("typo")
    if typo is not None:
        if not isinstance(typo, str) or ">" not in typo:
            problems.append((where, "error", "typo must be null or \"typed>meant\", e.g. \"科技卷>科技券\""))
        else:
            typed, meant = typo.split(">", 1)
            if typed not in q:
                problems.append((where, "error", f"typo: the typed form {typed!r} is not in q"))
            if len(typed) != len(meant) or sum(a != b for a, b in zip(typed, meant)) != 1:
                problems.append((where, "error", "typo: typed and meant must differ in exactly one character, same length"))
            if item.get("lang") != "hans" and norm(typed) in norm(TEXT):
                problems.append((where, "warning", f"typo: the typed form {typed!r} occurs in the text as it is; pick a word where it does not"))

def main(path):
    problems, kinds, langs, n, turns = [], Counter(), Counter(), 0, 0
    ids = set()
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append((ln, "error", f"not JSON: {e}")); continue
        n += 1
        for f in ("id", "writer", "brief", "lang"):
            if not isinstance(obj.get(f), str) or not obj[f]:
                problems.append((ln, "error", f"{f} is missing"))
        if obj.get("id") in ids:
            problems.append((ln, "error", f"duplicate id {obj.get('id')}"))
        ids.add(obj.get("id"))
        if obj.get("lang") not in LANGS:
            problems.append((ln, "error", f"lang must be one of {sorted(LANGS)}"))
        langs[obj.get("lang")] += 1
        if "turns" in obj:
            ts = obj["turns"]
            if not isinstance(ts, list) or len(ts) < 2:
                problems.append((ln, "error", "a conversation needs at least two turns")); continue
            for i, t in enumerate(ts, 1):
                turns += 1
                check_item(f"{ln} turn {i}", {**t, "lang": obj.get("lang")}, problems, True)
                kinds[("first " if i == 1 else "later ") + str(t.get("kind"))] += 1
        else:
            check_item(ln, obj, problems)
            kinds[obj.get("kind")] += 1
            if obj.get("typo"): kinds["(with a typo)"] += 1
            if obj.get("short"): kinds["(with a short answer)"] += 1
    for where, level, msg in problems:
        print(f"line {where}: {level}: {msg}")
    print(f"\n{n} lines" + (f", {turns} turns" if turns else ""))
    print("kinds:", dict(kinds)); print("langs:", dict(langs))
    errors = sum(1 for p in problems if p[1] == "error")
    print(f"{errors} errors, {len(problems) - errors} warnings")
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
