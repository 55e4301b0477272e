#!/usr/bin/env python3
"""Exports seen from Python (run by .ci/run after `newsanno export`):

1. jsonl: for every span, text[start:end] == span["text"] (code-point offsets).
2. bio: read with seqeval (IOB2 or BIOES), the entity counts per label equal
   the jsonl export's span counts per label once BIO's documented overlap
   policy (the longer span is kept) is applied.

3. labelstudio (optional third file): every result's UTF-16 offsets slice its
   text out of text.encode("utf-16-le").

Usage: check_exports_python.py EXPORT.jsonl EXPORT.bio [LABELSTUDIO.json]
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
    spans_seen = 0
    with open(jsonl_path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            doc = json.loads(line)
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
            for result in task["annotations"][0]["result"]:
                v = result["value"]
                ls_results += 1
                sliced = units[2 * v["start"]:2 * v["end"]].decode("utf-16-le")
                if sliced != v["text"]:
                    problems.append(f"{sys.argv[3]}: task {n}: UTF-16 [{v['start']}, {v['end']}) is {sliced!r}, not {v['text']!r}")
    for p in problems:
        print(p)
    print(f"python export check: {spans_seen} jsonl spans sliced, {sum(found.values())} bio entities via seqeval, "
          f"{ls_results} labelstudio UTF-16 slices: "
          f"{'OK' if not problems else str(len(problems)) + ' problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
