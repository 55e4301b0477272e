#!/usr/bin/env python3
"""Writes tests/golden/jieba_tokens.json: the token boundaries Python jieba
0.42.1 gives (jieba.tokenize, default mode, HMM on, default dictionary) for
every article in assets/sample-articles and tests/golden/jieba-extra.txt. tests/segment_golden.rs checks that
jieba-rs gives the same. Run from the repository root:

    pip install jieba==0.42.1 && python3 tools/jieba_golden.py
"""
import json
import logging
import pathlib

import jieba

jieba.setLogLevel(logging.WARNING)
assert jieba.__version__ == "0.42.1", jieba.__version__

root = pathlib.Path(__file__).resolve().parent.parent
articles = sorted((root / "assets" / "sample-articles").glob("*.txt"))
# Plus a file of edge cases: versions, hyphens, e-mail, URLs, astral characters.
articles.append(root / "tests" / "golden" / "jieba-extra.txt")
files = {}
total = 0
for path in articles:
    text = path.read_text(encoding="utf-8")
    # Token ends are enough: tokens are contiguous and start at 0.
    ends = [end for _word, _start, end in jieba.tokenize(text, mode="default", HMM=True)]
    files[path.name] = {"chars": len(text), "ends": ends}
    total += len(text)
out = root / "tests" / "golden" / "jieba_tokens.json"
out.write_text(json.dumps({"jieba": jieba.__version__, "hmm": True, "files": files}, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"{len(files)} files, {total} characters -> {out.relative_to(root)}")
