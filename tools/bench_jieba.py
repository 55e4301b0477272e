#!/usr/bin/env python3
"""Python side of benches/segment_throughput.rs: Python jieba 0.42.1
tokenize (default mode, HMM on) over FILE, best of three passes.
Prints `python_mb_per_s=X` for the Rust bench to read."""
import logging
import sys
import time

import jieba

jieba.setLogLevel(logging.WARNING)
path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    text = f.read()
start = time.perf_counter()
jieba.initialize()
load = time.perf_counter() - start
best = float("inf")
tokens = 0
for _ in range(3):
    start = time.perf_counter()
    tokens = sum(1 for _ in jieba.tokenize(text, mode="default", HMM=True))
    best = min(best, time.perf_counter() - start)
mb = len(text.encode("utf-8")) / 1e6
print(f"Python jieba {jieba.__version__}: {mb:.1f} MB, {tokens} tokens in {best:.3f} s = {mb / best:.2f} MB/s (dictionary load {load:.2f} s)")
print(f"python_mb_per_s={mb / best}")
