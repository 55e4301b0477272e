#!/usr/bin/env python3
"""Exports seen from Python (run by .ci/run after `newsanno export`):

1. jsonl: for every span, text[start:end] == span["text"] (code-point offsets).
2. bio: read with seqeval (IOB2 or BIOES), the entity counts per label equal
   the jsonl export's span counts per label once BIO's documented overlap
   policy (the longer span is kept) is applied.

3. labelstudio (optional third file): every span result's UTF-16 offsets slice
   its text out of text.encode("utf-16-le"); every relation result links two
   span results of its task.
4. relations-jsonl (optional fourth file, made from the same source as the
   jsonl): every head and tail slices its text out of the document's text,
   the context holds both, and there are as many lines as jsonl relations.

Also: every jsonl relation's from and to are span ids of its line.

Usage: check_exports_python.py EXPORT.jsonl EXPORT.bio [LABELSTUDIO.json [RELATIONS.jsonl]]
"""
import json
import sys
from collections import Counter

from seqeval.metrics.sequence_labeling import get_entities


def flat(spans):
    kept = []
    for s in sorted(spans, key=lambda s: (-(s["end"] - s["start"]), s["start"], s["label"])):
        if not any(k["start"] < s["end"] and s["start"] < k["end"] for k in kept):
            kept.append(s)
    return kept


def main():
    jsonl_path, bio_path = sys.argv[1], sys.argv[2]
    problems = []
    expected = Counter()
    spans_seen = relations_seen = 0
    texts = {}
    with open(jsonl_path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            doc = json.loads(line)
            texts[doc["id"]] = doc["text"]
            ids = {s["id"] for s in doc["spans"]}
            for r in doc.get("relations", []):
                relations_seen += 1
                if r["from"] not in ids or r["to"] not in ids or not isinstance(r["type"], str):
                    problems.append(f"{jsonl_path}:{n}: relation {r} does not link two spans of the line")
            for s in doc["spans"]:
                spans_seen += 1
                if doc["text"][s["start"]:s["end"]] != s["text"]:
                    problems.append(f"{jsonl_path}:{n}: text[{s['start']}:{s['end']}] != {s['text']!r}")
            expected.update(s["label"] for s in flat(doc["spans"]))
    sentences, tags = [], []
    with open(bio_path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-") or not line:
                if tags:
                    sentences.append(tags)
                    tags = []
                continue
            tags.append(line.split("\t")[1])
    if tags:
        sentences.append(tags)
    found = Counter()
    for sentence in sentences:
        found.update(label for label, _, _ in get_entities(sentence))
    if found != expected:
        problems.append(f"{bio_path}: seqeval finds {dict(found)}, the spans say {dict(expected)}")
    ls_results = 0
    if len(sys.argv) > 3:
        with open(sys.argv[3], encoding="utf-8") as f:
            tasks = json.load(f)
        for n, task in enumerate(tasks, 1):
            units = task["data"]["text"].encode("utf-16-le")
            results = task["annotations"][0]["result"]
            regions = {r["id"] for r in results if r.get("type") == "labels"}
            for result in results:
                if result.get("type") == "relation":
                    if result["from_id"] not in regions or result["to_id"] not in regions:
                        problems.append(f"{sys.argv[3]}: task {n}: relation {result} links no region")
                    continue
                v = result["value"]
                ls_results += 1
                sliced = units[2 * v["start"]:2 * v["end"]].decode("utf-16-le")
                if sliced != v["text"]:
                    problems.append(f"{sys.argv[3]}: task {n}: UTF-16 [{v['start']}, {v['end']}) is {sliced!r}, not {v['text']!r}")
    re_lines = 0
    if len(sys.argv) > 4:
        with open(sys.argv[4], encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                r = json.loads(line)
                re_lines += 1
                text = texts.get(r["document"], "")
                for end in ("head", "tail"):
                    e = r[end]
                    if text[e["start"]:e["end"]] != e["text"]:
                        problems.append(f"{sys.argv[4]}:{n}: {end} text[{e['start']}:{e['end']}] != {e['text']!r}")
                    if not (r["context"]["start"] <= e["start"] and e["end"] <= r["context"]["end"]):
                        problems.append(f"{sys.argv[4]}:{n}: the context does not hold the {end}")
                if text[r["context"]["start"]:r["context"]["end"]] != r["context"]["text"]:
                    problems.append(f"{sys.argv[4]}:{n}: context text does not match")
        if re_lines != relations_seen:
            problems.append(f"{sys.argv[4]}: {re_lines} lines but the jsonl has {relations_seen} relations")
    for p in problems:
        print(p)
    print(f"python export check: {spans_seen} jsonl spans sliced, {relations_seen} jsonl relations, "
          f"{sum(found.values())} bio entities via seqeval, {ls_results} labelstudio UTF-16 slices, "
          f"{re_lines} relations-jsonl lines: "
          f"{'OK' if not problems else str(len(problems)) + ' problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
