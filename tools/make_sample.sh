#!/usr/bin/env bash
# Rebuilds assets/sample (the bundled sample project) from the articles in
# assets/sample-articles. Run from the repository root.
set -euo pipefail
rm -rf assets/sample
cargo run --quiet --no-default-features -- init assets/sample --name "科技新闻样例 Tech news sample"
cp tools/sample-guidelines.md assets/sample/guidelines.md
cp tools/sample-dict.txt assets/sample/dict.txt
mkdir -p assets/sample/terms
cp tools/sample-terms/*.txt assets/sample/terms/
cargo run --quiet --no-default-features -- import assets/sample assets/sample-articles
cargo run --quiet --no-default-features --example make_sample -- assets/sample
cargo run --quiet --no-default-features -- stats assets/sample
