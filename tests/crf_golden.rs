//! The CRF's C code (CRFsuite and libLBFGS, built from `crates/crfsuite-sys`
//! with the `cc` crate) trains exactly the model files the earlier cmake
//! build trained: `tests/golden/crf/model.crfsuite` was written by that build
//! (crfsuite-sys 0.3.2 from crates.io, cmake 3.25, gcc 12) from the sequences in
//! `tests/golden/crf/training.jsonl`, with the options the app trains with.
//!
//! The training data is frozen in the file (features and tags, not text), so
//! later changes to the feature code do not move this test: only the C build
//! and the way the trainer is called do. The model file must never be
//! rewritten by the build under test; `NEWSANNO_WRITE_CRF_GOLDEN=1` exists
//! only to make it again with a reference build (see docs/INSTALL.md).

use std::path::PathBuf;

use newsanno::suggest::crf::{CrfModel, FeatureSet, Sequence, TrainOptions};

use crate::util::{copy_sample, repo};

fn golden_dir() -> PathBuf {
    repo().join("tests/golden/crf")
}

/// One training sequence as the golden file holds it.
#[derive(serde::Serialize, serde::Deserialize)]
struct FrozenSequence {
    features: Vec<Vec<String>>,
    tags: Vec<String>,
}

/// The sample's alice files with full features: the sentences of her first
/// documents up to about 2,500 characters (enough for every label and the
/// word, term and POS features; small enough to commit).
fn sample_sequences() -> Vec<FrozenSequence> {
    let (_dir, sample) = copy_sample();
    let project = newsanno::Project::open(&sample).unwrap();
    let segmenter = std::sync::Arc::new(newsanno::segment::Segmenter::for_project(&project).unwrap());
    let suggester = newsanno::suggest::Suggester::for_project(&project, segmenter).unwrap();
    let (docs, _) = newsanno::suggest::crf::training::annotated_documents(&project, "alice").unwrap();
    let mut out = Vec::new();
    let mut chars = 0;
    'docs: for a in &docs {
        let info = newsanno::suggest::crf::training::text_info(&suggester, &a.doc, FeatureSet::Full);
        let (sequences, _) =
            newsanno::suggest::crf::training::sequences(&a.doc, Some(&a.spans), &info, FeatureSet::Full);
        for s in sequences {
            chars += s.tags.len();
            out.push(FrozenSequence { features: s.features, tags: s.tags });
            if chars >= 2_500 {
                break 'docs;
            }
        }
    }
    out
}

fn read_sequences() -> Vec<Sequence> {
    let path = golden_dir().join("training.jsonl");
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            let frozen: FrozenSequence =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), i + 1));
            Sequence { document: format!("s{i}"), offset: 0, features: frozen.features, tags: frozen.tags }
        })
        .collect()
}

#[test]
fn the_crf_trains_byte_for_byte_the_model_the_cmake_build_trained() {
    let dir = golden_dir();
    if std::env::var_os("NEWSANNO_WRITE_CRF_GOLDEN").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        let lines: Vec<String> = sample_sequences().iter().map(|s| serde_json::to_string(s).unwrap()).collect();
        std::fs::write(dir.join("training.jsonl"), lines.join("\n") + "\n").unwrap();
        let model = CrfModel::train(&read_sequences(), TrainOptions::default()).unwrap();
        std::fs::write(dir.join("model.crfsuite"), model.bytes()).unwrap();
    }
    let sequences = read_sequences();
    let items: usize = sequences.iter().map(|s| s.tags.len()).sum();
    assert!(sequences.len() > 20 && items >= 2_500, "{} sequences, {items} items", sequences.len());
    let labels: std::collections::BTreeSet<&str> =
        sequences.iter().flat_map(|s| &s.tags).filter_map(|t| t.split_once('-').map(|(_, l)| l)).collect();
    assert_eq!(labels.into_iter().collect::<Vec<_>>(), ["event", "executive", "metric", "product"]);

    let model = CrfModel::train(&sequences, TrainOptions::default()).unwrap();
    let golden = std::fs::read(dir.join("model.crfsuite")).unwrap();
    if model.bytes() != golden.as_slice() {
        let first = model.bytes().iter().zip(&golden).position(|(a, b)| a != b);
        panic!(
            "the model differs from tests/golden/crf/model.crfsuite ({} bytes trained, {} golden, first difference at {:?}): \
             the C build of crates/crfsuite-sys no longer matches the reference build",
            model.bytes().len(),
            golden.len(),
            first
        );
    }
    // And the golden model is a real one: it tags a figure of the sample's kind.
    let back = CrfModel::from_bytes(golden, &dir.join("model.crfsuite")).unwrap();
    assert_eq!(back.labels().unwrap(), ["event", "executive", "metric", "product"]);
}
