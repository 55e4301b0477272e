//! jieba-rs must cut our news text exactly as Python jieba 0.42.1 does
//! (golden boundaries made by tools/jieba_golden.py).

use std::collections::BTreeMap;

use newsanno::segment::Segmenter;
use serde::Deserialize;

use crate::util::repo;

#[derive(Deserialize)]
struct Golden {
    jieba: String,
    hmm: bool,
    files: BTreeMap<String, GoldenFile>,
}

#[derive(Deserialize)]
struct GoldenFile {
    chars: usize,
    ends: Vec<usize>,
}

#[test]
fn jieba_rs_boundaries_equal_python_jieba() {
    let golden: Golden =
        serde_json::from_str(&std::fs::read_to_string(repo().join("tests/golden/jieba_tokens.json")).unwrap()).unwrap();
    assert_eq!(golden.jieba, "0.42.1");
    assert!(golden.hmm);
    let segmenter = Segmenter::new(true);
    let mut total = 0;
    for (name, expected) in &golden.files {
        let in_articles = repo().join("assets/sample-articles").join(name);
        let path = if in_articles.exists() { in_articles } else { repo().join("tests/golden").join(name) };
        let text = std::fs::read_to_string(path).unwrap();
        assert_eq!(text.chars().count(), expected.chars, "{name} changed since the golden file was made");
        let ends: Vec<usize> = segmenter.tokenize(&text).into_iter().map(|(_, end)| end).collect();
        if ends != expected.ends {
            let first = ends
                .iter()
                .zip(&expected.ends)
                .position(|(a, b)| a != b)
                .unwrap_or(ends.len().min(expected.ends.len()));
            let at = expected.ends.get(first.saturating_sub(1)).copied().unwrap_or(0);
            let context: String = text.chars().skip(at).take(20).collect();
            panic!("{name}: token {first} differs near char {at}: {context:?}");
        }
        total += expected.chars;
    }
    assert!(total >= 10_000, "golden text has only {total} characters");
}
