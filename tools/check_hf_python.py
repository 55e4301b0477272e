#!/usr/bin/env python3
"""The `hf` export, seen from Hugging Face `datasets` (pip install datasets).

For each folder given (written by `newsanno export … --format hf`):
1. `datasets.load_dataset(FOLDER)` loads it with no code, offline;
2. `ner_tags` is a sequence of ClassLabel whose names start with "O", then
   B-/I- pairs, the same as id2label.json;
3. reading each example's tags back (IOB2 over its tokens) gives exactly its
   `spans`, and every span satisfies text[start:end] == span["text"];
4. with the project folder given by --project, each example's text is its
   document's text[char_offset : char_offset + len(text)].

Run: python3 tools/check_hf_python.py [--project DIR] FOLDER... ; exit 1 on any mismatch.
"""
import glob
import json
import os
import sys

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_DISABLE_PROGRESS_BARS", "1")

import datasets  # noqa: E402

datasets.logging.set_verbosity_error()


def spans_from_tags(tokens, tags, names):
    """IOB2 over tokens -> (start, end, label) in code points of the joined tokens."""
    out, open_span, at = [], None, 0
    for token, tag in zip(tokens, tags):
        name = names[tag]
        kind, _, label = name.partition("-")
        if open_span and not (kind == "I" and open_span[2] == label):
            out.append(tuple(open_span))
            open_span = None
        if kind == "B" or (kind == "I" and open_span is None):
            open_span = [at, at + len(token), label]
        elif kind == "I":
            open_span[1] = at + len(token)
        at += len(token)
    if open_span:
        out.append(tuple(open_span))
    return out


def corpus_texts(project):
    texts = {}
    for path in sorted(glob.glob(os.path.join(project, "corpus", "*.jsonl"))):
        if not path.endswith(".index.jsonl"):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        record = json.loads(line)
                        texts.setdefault(record["id"], record["text"])
    return texts


def check(folder, texts):
    problems = []
    ds = datasets.load_dataset(folder)
    with open(os.path.join(folder, "id2label.json"), encoding="utf-8") as f:
        id2label = json.load(f)
    examples = spans = 0
    for split, part in ds.items():
        names = part.features["ner_tags"].feature.names
        if names[0] != "O" or names != [id2label[str(i)] for i in range(len(names))]:
            problems.append(f"{folder} {split}: tag names {names[:5]}… do not start with O / match id2label.json")
        for ex in part:
            examples += 1
            if "".join(ex["tokens"]) != ex["text"]:
                problems.append(f"{ex['id']}: tokens do not join to the text")
            want = sorted((s["start"], s["end"], s["label"]) for s in ex["spans"])
            got = sorted(spans_from_tags(ex["tokens"], ex["ner_tags"], names))
            if got != want:
                problems.append(f"{ex['id']}: tags read back {got} != spans {want}")
            for s in ex["spans"]:
                spans += 1
                if ex["text"][s["start"]:s["end"]] != s["text"]:
                    problems.append(f"{ex['id']}: text[{s['start']}:{s['end']}] != {s['text']!r}")
            if texts is not None:
                doc = texts.get(ex["doc_id"])
                at = ex["char_offset"]
                if doc is None or doc[at:at + len(ex["text"])] != ex["text"]:
                    problems.append(f"{ex['id']}: not {ex['doc_id']}[{at}:…] of the corpus")
    return examples, spans, sorted(ds.keys()), problems


def main():
    args = sys.argv[1:]
    texts = None
    if len(args) >= 2 and args[0] == "--project":
        texts = corpus_texts(args[1])
        args = args[2:]
    problems = []
    for folder in args:
        examples, spans, splits, more = check(folder, texts)
        problems += more
        print(f"hf check: {folder}: load_dataset gave {', '.join(splits)}; {examples} examples, {spans} spans "
              f"read back from their tags")
    for p in problems[:50]:
        print(p)
    print(f"hf check: {'OK' if not problems else str(len(problems)) + ' problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
