#!/usr/bin/env python3
"""Writes tests/golden/agreement.json: seeded random annotation studies and
the agreement values the reference Python packages give for them:

- scikit-learn cohen_kappa_score (character IOB2 tags; per-label inside/outside)
- statsmodels fleiss_kappa(aggregate_raters(...)) (same tags, all annotators)
- krippendorff.alpha(level_of_measurement="nominal") (same tags; unfinished = missing)
- seqeval f1_score(mode="strict", scheme=IOB2) (entity F1 from the IOB2 tags)
- exact / overlap span match and unitizing alpha (alpha_U, DKPro/INCEpTION
  definition from ../shared/agreement/worked-examples.md), which have no
  reference package: computed here from their definitions.

tests/agreement_golden.rs checks newsanno's values against these to 1e-9.
Run from the repository root:
    pip install scikit-learn statsmodels krippendorff seqeval numpy
    python3 tools/agreement_golden.py
"""
import json
import pathlib
import random
import warnings

import krippendorff
import numpy as np
import seqeval
import sklearn
import statsmodels
from seqeval.metrics import f1_score
from seqeval.scheme import IOB2
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

warnings.filterwarnings("ignore")
LABELS = ["executive", "product", "event", "metric"]
PIECES = ["阿里云", "张勇", "发布", "营收", "167.61亿元", "iPhone 17", "PolarDB", "钉钉", "，", "。", "𠮷", "😀",
          "同比增长37%", "蒂姆·库克", " ", "的", "在", "AI", "2300万", "宣布"]


# ---------------------------------------------------------------- tags
def iob2(units, n):
    """Longer span wins where spans overlap (then earlier start, then lower label)."""
    tags = ["O"] * n
    taken = [False] * n
    for s, e, lab in sorted(units, key=lambda u: (-(u[1] - u[0]), u[0], u[2])):
        first = True
        for i in range(s, e):
            if taken[i]:
                first = False
                continue
            taken[i] = True
            tags[i] = ("B-" if first else "I-") + LABELS[lab]
            first = False
    return tags


def binary(units, n, lab):
    tags = [0] * n
    for s, e, l in units:
        if l == lab:
            for i in range(s, e):
                tags[i] = 1
    return tags


# ---------------------------------------------------------------- span matches
def prf(m, ref, pred):
    p = m / pred if pred else None
    r = m / ref if ref else None
    f = 2 * m / (ref + pred) if ref + pred else None
    return {"precision": p, "recall": r, "f1": f}


def max_matching(a, b):
    adj = [[j for j, y in enumerate(b) if x[0] < y[1] and y[0] < x[1]] for x in a]
    owner = [None] * len(b)

    def aug(i, seen):
        for j in adj[i]:
            if not seen[j]:
                seen[j] = True
                if owner[j] is None or aug(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(1 for i in range(len(a)) if aug(i, [False] * len(b)))


def span_match(docs, a, b, overlap):
    counts = [[0, 0, 0] for _ in LABELS]
    for d in docs:
        ua, ub = d["annotations"][a], d["annotations"][b]
        for lab in range(len(LABELS)):
            xa = sorted({tuple(u) for u in ua if u[2] == lab})
            xb = sorted({tuple(u) for u in ub if u[2] == lab})
            m = max_matching(xa, xb) if overlap else len(set(xa) & set(xb))
            counts[lab][0] += m
            counts[lab][1] += len(xa)
            counts[lab][2] += len(xb)
    total = [sum(c[i] for c in counts) for i in range(3)]
    per = {LABELS[i]: prf(*counts[i])["f1"] for i in range(len(LABELS))}
    defined = [v for v in per.values() if v is not None]
    return {"micro": prf(*total), "per_label_f1": per, "macro_f1": sum(defined) / len(defined) if defined else None}


# ---------------------------------------------------------------- kappas and alphas
def nan_to_none(x):
    x = float(x)
    return None if np.isnan(x) else x


def cohen(a, b):
    if not a:
        return None
    return nan_to_none(cohen_kappa_score(a, b))


def fleiss(rows):
    if not rows:
        return None
    table, _ = aggregate_raters(np.array(rows, dtype=object))
    return nan_to_none(fleiss_kappa(table, method="fleiss"))


def kalpha(matrix):
    data = np.array(matrix, dtype=float)
    values = data[~np.isnan(data)]
    if data.size == 0 or len(np.unique(values)) < 2:
        return None
    try:
        return nan_to_none(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    except (ValueError, ZeroDivisionError):
        return None


# ---------------------------------------------------------------- alpha_U
def merged(units):
    out = []
    for s, e in sorted(units):
        if out and s < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [tuple(x) for x in out]


def tiling(units, n):
    segs, at = [], 0
    for s, e in units:
        if s > at:
            segs.append((at, s, False))
        segs.append((s, e, True))
        at = e
    if at < n:
        segs.append((at, n, False))
    return segs


def disagreement(per_annotator, n):
    r = len(per_annotator)
    units = [merged(u) for u in per_annotator]
    tilings = [tiling(u, n) for u in units]
    do = 0.0
    for i in range(r):
        for j in range(i + 1, r):
            for s in tilings[i]:
                for t in tilings[j]:
                    if not (s[0] < t[1] and t[0] < s[1]):
                        continue
                    if s[2] and t[2]:
                        do += (s[0] - t[0]) ** 2 + (s[1] - t[1]) ** 2
                    elif s[2] and t[0] <= s[0] and s[1] <= t[1]:
                        do += (s[1] - s[0]) ** 2
                    elif t[2] and s[0] <= t[0] and t[1] <= s[1]:
                        do += (t[1] - t[0]) ** 2
    do *= 2.0 / (r * (r - 1) * n * n)
    lens = [e - s for u in units for s, e in u]
    gaps = [e - s for t in tilings for s, e, unit in t if not unit]
    num = 0.0
    for l in lens:
        num += (len(lens) - 1) * (2 * l ** 3 - 3 * l ** 2 + l) / 3 + l * l * sum(g - l + 1 for g in gaps if g >= l)
    den = r * n * (r * n - 1) - sum(l * (l - 1) for l in lens)
    de = (2.0 / n) * num / den if den else 0.0
    return do, de


def alpha_u(study, who):
    per_doc_overall, per_doc_label = [], {lab: [] for lab in LABELS}
    for d in study["docs"]:
        done = [a for a in who if d["annotations"][a] is not None]
        n = len(d["text"])
        if len(done) < 2 or n == 0:
            continue
        so = se = 0.0
        for li, lab in enumerate(LABELS):
            per = [[(u[0], u[1]) for u in d["annotations"][a] if u[2] == li] for a in done]
            do, de = disagreement(per, n)
            so += do
            se += de
            if de != 0:
                per_doc_label[lab].append(1 - do / de)
        if se != 0:
            per_doc_overall.append(1 - so / se)
    mean = lambda xs: sum(xs) / len(xs) if xs else None
    return {"mean": mean(per_doc_overall), "per_label_mean": {k: mean(v) for k, v in per_doc_label.items()}}


# ---------------------------------------------------------------- one study
def expected(study):
    annotators = list(range(len(study["annotators"])))
    out = {"pairs": []}
    for a in annotators:
        for b in annotators:
            if a >= b:
                continue
            docs = [d for d in study["docs"] if d["annotations"][a] is not None and d["annotations"][b] is not None]
            ta, tb = [], []
            seq_a, seq_b = [], []
            bin_a = {lab: [] for lab in range(len(LABELS))}
            bin_b = {lab: [] for lab in range(len(LABELS))}
            for d in docs:
                n = len(d["text"])
                ia, ib = iob2(d["annotations"][a], n), iob2(d["annotations"][b], n)
                ta += ia
                tb += ib
                seq_a.append(ia)
                seq_b.append(ib)
                for lab in range(len(LABELS)):
                    bin_a[lab] += binary(d["annotations"][a], n, lab)
                    bin_b[lab] += binary(d["annotations"][b], n, lab)
            has_entities = any(t.startswith("B-") for s in seq_a + seq_b for t in s)
            out["pairs"].append({
                "a": a, "b": b,
                "exact": span_match(docs, a, b, False),
                "overlap": span_match(docs, a, b, True),
                "cohen_iob2": cohen(ta, tb),
                "cohen_binary": {LABELS[l]: cohen(bin_a[l], bin_b[l]) for l in range(len(LABELS))},
                "seqeval_f1": float(f1_score(seq_a, seq_b, mode="strict", scheme=IOB2)) if has_entities else None,
            })
    all_done = [d for d in study["docs"] if all(d["annotations"][a] is not None for a in annotators)]
    rows, bin_rows = [], {l: [] for l in range(len(LABELS))}
    for d in all_done:
        n = len(d["text"])
        tags = [iob2(d["annotations"][a], n) for a in annotators]
        bins = {l: [binary(d["annotations"][a], n, l) for a in annotators] for l in range(len(LABELS))}
        for i in range(n):
            rows.append([t[i] for t in tags])
            for l in range(len(LABELS)):
                bin_rows[l].append([b[i] for b in bins[l]])
    out["fleiss_iob2"] = fleiss(rows) if len(annotators) >= 3 else None
    out["fleiss_binary"] = {LABELS[l]: fleiss(bin_rows[l]) if len(annotators) >= 3 else None for l in range(len(LABELS))}
    codes = {"O": 0}
    for i, lab in enumerate(LABELS):
        codes["B-" + lab] = 1 + 2 * i
        codes["I-" + lab] = 2 + 2 * i
    matrix = [[] for _ in annotators]
    bin_matrix = {l: [[] for _ in annotators] for l in range(len(LABELS))}
    for d in study["docs"]:
        n = len(d["text"])
        for a in annotators:
            units = d["annotations"][a]
            if units is None:
                matrix[a] += [np.nan] * n
                for l in range(len(LABELS)):
                    bin_matrix[l][a] += [np.nan] * n
            else:
                matrix[a] += [codes[t] for t in iob2(units, n)]
                for l in range(len(LABELS)):
                    bin_matrix[l][a] += binary(units, n, l)
    out["alpha_iob2"] = kalpha(matrix)
    out["alpha_binary"] = {LABELS[l]: kalpha(bin_matrix[l]) for l in range(len(LABELS))}
    out["alpha_u"] = alpha_u(study, annotators)
    return out


# ---------------------------------------------------------------- random studies
def text(rng):
    n = rng.choice([0, 1, 5, 20, 40, 60, 90])
    out = ""
    while len(out) < n:
        out += rng.choice(PIECES)
    return out


def random_study(seed):
    rng = random.Random(seed)
    kind = rng.choice(["mixed"] * 6 + ["all_agree", "label_swap", "one_label_only", "empty"])
    r = rng.randint(2, 5)
    docs = []
    for di in range(rng.randint(1, 20)):
        t = text(rng)
        n = len(t)
        truth = []
        if n > 0 and kind != "empty":
            for _ in range(rng.randint(0, max(1, n // 8))):
                s = rng.randrange(n)
                e = min(n, s + rng.randint(1, 6))
                truth.append([s, e, rng.randrange(len(LABELS))])
        annotations = []
        for a in range(r):
            if kind != "all_agree" and rng.random() < 0.12:
                annotations.append(None)  # not finished
                continue
            units = []
            for s, e, lab in truth:
                if kind == "all_agree":
                    units.append([s, e, lab])
                    continue
                if kind == "label_swap" and a % 2 == 1:
                    lab = (lab + 1) % len(LABELS)
                x = rng.random()
                if x < 0.15:
                    continue  # missed
                if x < 0.3:
                    s = max(0, min(n - 1, s + rng.choice([-1, 1])))
                    e = max(s + 1, min(n, e + rng.choice([-1, 0, 1])))
                elif x < 0.4:
                    lab = rng.randrange(len(LABELS))
                units.append([s, e, lab])
            if kind in ("mixed", "one_label_only") and n > 0 and rng.random() < 0.3:
                s = rng.randrange(n)
                units.append([s, min(n, s + rng.randint(1, 4)), rng.randrange(len(LABELS))])  # spurious
            if kind == "one_label_only" and a == 0 and n > 1:
                units.append([0, 1, 3])  # metric: used by annotator 0 only
            units = [u for u in units if u[0] < u[1] <= n]
            # unique (start, end, label) per annotator, as the app guarantees
            annotations.append([list(u) for u in sorted({tuple(u) for u in units})])
        docs.append({"id": f"d{di}", "text": t, "annotations": annotations})
    return {"seed": seed, "kind": kind, "annotators": [f"a{i}" for i in range(r)], "labels": LABELS, "docs": docs}


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    studies = []
    for seed in range(240):
        study = random_study(seed)
        study["expected"] = expected(study)
        studies.append(study)
    meta = {
        "sklearn": sklearn.__version__, "statsmodels": statsmodels.__version__,
        "krippendorff": getattr(krippendorff, "__version__", "?"), "seqeval": getattr(seqeval, "__version__", "?"),
    }
    out = root / "tests" / "golden" / "agreement.json"
    out.write_text(json.dumps({"versions": meta, "studies": studies}, ensure_ascii=False) + "\n", encoding="utf-8")
    kinds = {}
    for s in studies:
        kinds[s["kind"]] = kinds.get(s["kind"], 0) + 1
    print(f"{len(studies)} studies {kinds} -> {out.relative_to(root)} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
