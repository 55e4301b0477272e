#!/usr/bin/env python3
"""Writes tests/golden/relation_agreement.json: seeded random studies with
relations and the relation agreement docs/AGREEMENT.md §8 defines, computed
here from that definition with Python sets (no shared code with the Rust
merge in crates/newsanno-agreement/src/relations.rs).

Definition: a relation is (from span, to span, type), each span
(start, end, label). For a symmetric type the two ends are unordered.
A is the reference, B the prediction, per document both finished:
TP = |A ∩ B|, P = TP/|B|, R = TP/|A|, F1 = 2TP/(|A|+|B|), undefined (null)
when the denominator is 0; micro over all types, F1 per type; relations_f1 is
the mean of the pairs' defined micro F1.

tests/relation_agreement_golden.rs checks newsanno against it to 1e-12.
Run from the repository root: python3 tools/relation_agreement_golden.py
"""
import json
import pathlib
import random

LABELS = ["executive", "product", "event", "metric"]
TYPES = [("leads", True), ("measures", True), ("affects", True), ("alias", False), ("因果", True)]


def key(rel, spans, types):
    """The set member for one relation: its ends as tuples, unordered when symmetric."""
    frm, to, kind = rel
    a, b = tuple(spans[frm]), tuple(spans[to])
    name, directed = types[kind]
    if directed:
        return ("d", a, b, name)
    return ("s", frozenset([a, b]), name)


def ratio(a, b):
    return None if b == 0 else a / b


def random_study(rng, n_annotators):
    docs = []
    for d in range(rng.randint(1, 6)):
        length = rng.randint(5, 60)
        # A shared pool of spans so annotators often pick the same ones.
        pool = []
        for _ in range(rng.randint(1, 8)):
            start = rng.randrange(length - 1)
            pool.append([start, rng.randint(start + 1, min(length, start + 6)), rng.randrange(len(LABELS))])
        annotations, relations = [], []
        for _ in range(n_annotators):
            if rng.random() < 0.15:
                annotations.append(None)
                relations.append([])
                continue
            spans = [s for s in pool if rng.random() < 0.8]
            if rng.random() < 0.3 and spans:
                spans.append(list(rng.choice(spans)))  # a duplicate span value
            rels = []
            for _ in range(rng.randint(0, 6)):
                if len(spans) < 2:
                    break
                i, j = rng.sample(range(len(spans)), 2)
                if spans[i] == spans[j]:
                    continue
                rels.append([i, j, rng.randrange(len(TYPES))])
            if rels and rng.random() < 0.3:
                i, j, k = rng.choice(rels)
                rels.append([j, i, k])  # the reverse: same for a symmetric type
            annotations.append(spans)
            relations.append(rels)
        docs.append({"id": f"d{d}", "len": length, "annotations": annotations, "relations": relations})
    return {
        "labels": LABELS,
        "annotators": [f"a{i}" for i in range(n_annotators)],
        "relation_types": [{"name": n, "directed": dr} for n, dr in TYPES],
        "docs": docs,
    }


def reference(study):
    n = len(study["annotators"])
    pairs = []
    for a in range(n):
        for b in range(a + 1, n):
            per = {name: [0, 0, 0] for name, _ in TYPES}  # matched, reference, predicted
            for doc in study["docs"]:
                sa, sb = doc["annotations"][a], doc["annotations"][b]
                if sa is None or sb is None:
                    continue
                ka = {key(r, sa, TYPES) for r in doc["relations"][a]}
                kb = {key(r, sb, TYPES) for r in doc["relations"][b]}
                for k in ka:
                    per[k[-1]][1] += 1
                for k in kb:
                    per[k[-1]][2] += 1
                for k in ka & kb:
                    per[k[-1]][0] += 1
            m, r, p = (sum(c[i] for c in per.values()) for i in range(3))
            pairs.append({
                "a": study["annotators"][a],
                "b": study["annotators"][b],
                "micro": {"precision": ratio(m, p), "recall": ratio(m, r), "f1": ratio(2 * m, r + p)},
                "per_type": {name: ratio(2 * c[0], c[1] + c[2]) for name, c in per.items()},
                "counts": {"matched": m, "reference": r, "predicted": p},
            })
    defined = [p["micro"]["f1"] for p in pairs if p["micro"]["f1"] is not None]
    return {"pairs": pairs, "relations_f1": sum(defined) / len(defined) if defined else None}


def main():
    rng = random.Random(20261201)
    cases = []
    for i in range(120):
        study = random_study(rng, 2 + i % 3)
        cases.append({"study": study, "expected": reference(study)})
    out = pathlib.Path("tests/golden/relation_agreement.json")
    out.write_text(json.dumps({"cases": cases}, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {out}: {len(cases)} studies")


if __name__ == "__main__":
    main()
