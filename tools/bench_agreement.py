#!/usr/bin/env python3
"""Python side of benches/agree_report.rs: the same agreement numbers with the
reference stack (tools/agreement_golden.py's `expected`: scikit-learn,
statsmodels, krippendorff, seqeval, and alpha_U from its definition) on the
study the bench wrote. Prints time and peak memory, and `python_seconds=`."""
import json
import pathlib
import resource
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from agreement_golden import expected  # noqa: E402

start = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as f:
    study = json.load(f)
result = expected(study)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"Python reference stack: {seconds:.1f} s, peak RSS {peak:.0f} MB; exact F1 {result['pairs'][0]['exact']['micro']['f1']:.4f}, alpha_U {result['alpha_u']['mean']:.4f}")
print(f"python_seconds={seconds}")
