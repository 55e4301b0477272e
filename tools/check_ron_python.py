#!/usr/bin/env python3
"""The RON contract, seen from a Python pipeline (python-ron: `import pyron`).

1. tests/golden/format/tricky.ron (every field, awkward strings) and
   attributes.ron (format 1.4: attributes of every type, links) load with
   pyron.load(path, preserve_class_names=True) to exactly the values in
   tricky.json (written by the Rust test tests/format_golden.rs); so does
   tests/golden/format/assignments.ron (newsanno assign's file) to
   assignments.json.
2. Every annotation file of a project (default: assets/sample) loads, its
   text_hash matches the sha256 of the document text read from corpus/*.jsonl,
   every span satisfies text[start:end] == span["text"], every relation
   (format 1.2) links two span ids of its file with a string type, and
   categories (1.3) are strings of project.ron's categories and
   active_seconds (1.3) a non-negative integer.

Run from the repository root: python3 tools/check_ron_python.py [PROJECT_DIR]
Exit status 1 on any mismatch. Needs `pip install python-ron`.
"""
import datetime
import glob
import hashlib
import json
import os
import sys

import pyron

STATUSES = {"NotStarted", "InProgress", "Done", "Skipped"}


def plain(value):
    """pyron's objects -> plain values: drop class names, unit variants -> their name."""
    if isinstance(value, dict):
        if set(value) == {"!__name__"}:
            return value["!__name__"]
        return {k: plain(v) for k, v in value.items() if k != "!__name__"}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def check_golden(root, name="tricky", top_class="AnnotationFile"):
    ron_path = os.path.join(root, "tests", "golden", "format", f"{name}.ron")
    json_path = os.path.join(root, "tests", "golden", "format", f"{name}.json")
    loaded = pyron.load(ron_path, preserve_class_names=True)
    if loaded.get("!__name__") != top_class:
        return [f"{ron_path}: top-level class is {loaded.get('!__name__')!r}"]
    got = plain(loaded)
    with open(json_path, encoding="utf-8") as f:
        want = json.load(f)
    problems = []
    for key in sorted(set(got) | set(want)):
        if got.get(key) != want.get(key):
            problems.append(f"{ron_path}: field {key!r}: pyron read {got.get(key)!r}, expected {want.get(key)!r}")
    return problems


def load_texts(project):
    texts = {}
    for path in sorted(glob.glob(os.path.join(project, "corpus", "*.jsonl"))):
        if path.endswith(".index.jsonl"):
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    record = json.loads(line)
                    texts.setdefault(record["id"], record["text"])
    return texts


def check_project(project):
    texts = load_texts(project)
    problems = []
    config = pyron.load(os.path.join(project, "project.ron"), preserve_class_names=True)
    categories = {c["name"] for c in config.get("categories", [])}
    for c in config.get("categories", []):
        if c.get("!__name__") != "Category" or not isinstance(c.get("key", ""), str):
            problems.append(f"{project}/project.ron: category {c!r}")
    files = spans = relations = 0
    for path in sorted(glob.glob(os.path.join(project, "annotations", "*", "*.ron"))):
        data = pyron.load(path, preserve_class_names=True)
        files += 1
        status = data.get("status", {}).get("!__name__")
        if status not in STATUSES:
            problems.append(f"{path}: status {data.get('status')!r}")
        try:
            datetime.datetime.fromisoformat(data["modified"].replace("Z", "+00:00"))
        except (KeyError, ValueError) as e:
            problems.append(f"{path}: modified: {e}")
        if not data.get("version", "").startswith("1."):
            problems.append(f"{path}: version {data.get('version')!r}")
        text = texts.get(data["document"])
        if text is None:
            problems.append(f"{path}: document {data['document']!r} not in corpus")
            continue
        digest = "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
        if data["text_hash"] != digest:
            problems.append(f"{path}: text_hash differs from sha256 of the corpus text")
        minor = int(data["version"].split(".")[1])
        for span in data["spans"]:
            spans += 1
            if text[span["start"]:span["end"]] != span["text"]:
                problems.append(f"{path}: span {span['id']}: text[{span['start']}:{span['end']}] "
                                f"= {text[span['start']:span['end']]!r} != {span['text']!r}")
            if span.get("note") is not None and not isinstance(span["note"], str):
                problems.append(f"{path}: span {span['id']}: note {span['note']!r}")
            # Format 1.4: attributes map names to booleans, numbers or strings;
            # a link has a string id (or "NIL") and a name.
            attributes = span.get("attributes", {})
            if not isinstance(attributes, dict) or not all(
                    isinstance(k, str) and isinstance(v, (bool, int, float, str)) for k, v in attributes.items()):
                problems.append(f"{path}: span {span['id']}: attributes {attributes!r}")
            link = span.get("link")
            if link is not None and not (isinstance(link.get("id"), str) and link["id"]
                                         and isinstance(link.get("name", ""), str)):
                problems.append(f"{path}: span {span['id']}: link {link!r}")
            if (attributes or link is not None) and minor < 4:
                problems.append(f"{path}: 1.4 fields in a file of version {data['version']!r}")
        ids = {span["id"] for span in data["spans"]}
        for relation in data.get("relations", []):
            relations += 1
            if relation["from"] not in ids or relation["to"] not in ids or relation["from"] == relation["to"]:
                problems.append(f"{path}: relation {relation['id']}: ends {relation['from']}, {relation['to']}")
            if not isinstance(relation.get("type"), str):
                problems.append(f"{path}: relation {relation['id']}: type {relation.get('type')!r}")
        if data.get("relations") and minor < 2:
            problems.append(f"{path}: relations in a file of version {data['version']!r}")
        for c in data.get("categories", []):
            if not isinstance(c, str) or c not in categories:
                problems.append(f"{path}: category {c!r} is not one of project.ron's")
        seconds = data.get("active_seconds", 0)
        if not isinstance(seconds, int) or seconds < 0:
            problems.append(f"{path}: active_seconds {seconds!r}")
        if (data.get("categories") or seconds) and minor < 3:
            problems.append(f"{path}: 1.3 fields in a file of version {data['version']!r}")
    return files, spans, relations, problems


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    project = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "assets", "sample")
    problems = check_golden(root) + check_golden(root, "attributes") + check_golden(root, "assignments", None)
    files, spans, relations, more = check_project(project)
    problems += more
    for p in problems:
        print(p)
    print(f"python-ron check: golden files (annotation files 1.3 and 1.4, assignments) + {files} annotation files, {spans} spans, {relations} relations: "
          f"{'OK' if not problems else str(len(problems)) + ' problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
