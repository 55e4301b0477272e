//! `hf`: a folder that `datasets.load_dataset(FOLDER)` loads with no code.
//!
//! - `train.jsonl`, `validation.jsonl`, `test.jsonl`: one example a line
//!   (a sentence, or a whole document with `--unit documents`): `id`,
//!   `doc_id`, `char_offset` (where the example's text starts in its
//!   document), `text`, `tokens` (characters, or jieba words split at span
//!   boundaries), `ner_tags` (IOB2 tag ids), `spans` (`start`, `end` in code
//!   points of the example's `text`, `label`, `text`), `relations` (`from`,
//!   `to` index `spans`, `type`) and `categories` (the document's).
//! - `README.md`: a dataset card whose YAML gives `configs` (`data_files`
//!   per split) and `dataset_info.features` (`ner_tags` a sequence of
//!   `ClassLabel` named `O`, then `B-`/`I-` per label in project order), and
//!   whose text says where the data came from and what was left out.
//! - `label2id.json`, `id2label.json`, `splits.json` (the split manifest).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Value, json};

use crate::document::Dropped;
use crate::document::{ExportDocument, ExportSpan};
use newsanno_core::error::{Error, Result};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Level {
    /// One character a token.
    #[default]
    Chars,
    /// jieba words (the project's dictionary), split where a span boundary falls inside one.
    Words,
}

newsanno_core::named_values!(Level, "a token level", [Chars => "chars", Words => "words"]);

/// What an example is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExampleUnit {
    /// One sentence (never cut inside a span; closing quotes kept with it).
    #[default]
    Sentences,
    /// One whole document.
    Documents,
}

newsanno_core::named_values!(ExampleUnit, "an example unit", [Sentences => "sentences", Documents => "documents"]);

/// The split names `datasets` knows, in order.
pub const SPLIT_NAMES: [&str; 3] = ["train", "validation", "test"];

/// How to write the folder, and what the card says about where the data came from.
pub struct HfOptions<'a> {
    /// Tokens.
    pub level: Level,
    /// Examples.
    pub unit: ExampleUnit,
    /// Characters that end a sentence (a newline always does).
    pub sentence_ends: &'a str,
    /// Word segmentation, for `Level::Words`.
    pub segmenter: Option<&'a newsanno_core::segment::Segmenter>,
    /// Labels in their fixed order (the project's, then others found).
    pub labels: Vec<String>,
    /// The project's name.
    pub project: String,
    /// "gold", "annotator alice", "majority:2 of alice, bob, carol".
    pub source: String,
    /// Which statuses were exported, and what was left out (lines).
    pub selection: Vec<String>,
    /// The command line that made it.
    pub command: String,
}

/// What writing the folder did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HfSummary {
    /// Examples per split.
    pub examples: BTreeMap<String, usize>,
    /// Spans that IOB2 cannot hold (overlapping a longer span), left out of tags and `spans`.
    pub dropped: Vec<Dropped>,
    /// Spans written per split and label.
    pub spans: BTreeMap<String, BTreeMap<String, usize>>,
}

/// The tag names: `O`, then `B-label`, `I-label` per label in order.
pub fn tag_names(labels: &[String]) -> Vec<String> {
    std::iter::once("O".to_owned()).chain(labels.iter().flat_map(|l| [format!("B-{l}"), format!("I-{l}")])).collect()
}

// One example: a range of a document.
fn example(
    doc: &ExportDocument,
    chars: &[char],
    (a, b): (usize, usize),
    k: usize,
    spans: &[ExportSpan],
    tag_id: &dyn Fn(&str) -> u64,
    options: &HfOptions<'_>,
) -> Value {
    let text: String = chars[a..b].iter().collect();
    let inside: Vec<(usize, &ExportSpan)> =
        spans.iter().enumerate().filter(|(_, s)| a <= s.start && s.end <= b).collect();
    // Token boundaries (example-relative).
    let len = b - a;
    let bounds: Vec<usize> = match (options.level, options.segmenter) {
        (Level::Words, Some(segmenter)) => {
            let mut all: std::collections::BTreeSet<usize> =
                segmenter.tokenize(&text).into_iter().map(|(_, e)| e).collect();
            all.insert(0);
            all.insert(len);
            for (_, s) in &inside {
                all.insert(s.start - a);
                all.insert(s.end - a);
            }
            all.into_iter().collect()
        }
        _ => (0..=len).collect(),
    };
    let mut tokens = Vec::with_capacity(bounds.len());
    let mut tags = Vec::with_capacity(bounds.len());
    for w in bounds.windows(2) {
        let (x, y) = (w[0], w[1]);
        tokens.push(chars[a + x..a + y].iter().collect::<String>());
        let tag = match inside.iter().find(|(_, s)| s.start - a <= x && y <= s.end - a) {
            Some((_, s)) if s.start - a == x => tag_id(&format!("B-{}", s.label)),
            Some((_, s)) => tag_id(&format!("I-{}", s.label)),
            None => 0,
        };
        tags.push(tag);
    }
    let index: BTreeMap<usize, usize> = inside.iter().enumerate().map(|(k, (i, _))| (*i, k)).collect();
    let relations: Vec<Value> = doc
        .relations
        .iter()
        .filter_map(|r| {
            let (from, to) = (*index.get(&r.from)?, *index.get(&r.to)?);
            Some(json!({"from": from, "to": to, "type": r.kind}))
        })
        .collect();
    json!({
        "id": format!("{}-{k}", doc.id),
        "doc_id": doc.id,
        "char_offset": a,
        "text": text,
        "tokens": tokens,
        "ner_tags": tags,
        "spans": inside.iter().map(|(_, s)| json!({"start": s.start - a, "end": s.end - a, "label": s.label, "text": s.text})).collect::<Vec<_>>(),
        "relations": relations,
        "categories": doc.categories,
    })
}

/// Writes the folder `out` from `parts` (split name → documents, in
/// [`SPLIT_NAMES`] order); `manifest` is the split manifest's JSON.
pub fn write_folder(
    parts: &[(String, Vec<ExportDocument>)],
    out: &Path,
    options: &HfOptions<'_>,
    manifest: &Value,
) -> Result<HfSummary> {
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    let names = tag_names(&options.labels);
    let ids: BTreeMap<&str, u64> = names.iter().enumerate().map(|(i, n)| (n.as_str(), i as u64)).collect();
    let tag_id = |name: &str| ids.get(name).copied().unwrap_or(0);
    let mut summary = HfSummary::default();
    let mut data_files = Vec::new();
    for (split, docs) in parts {
        let mut lines = String::new();
        let mut n = 0;
        for doc in docs {
            let (spans, dropped) = crate::bio::flat_spans(doc);
            summary.dropped.extend(dropped);
            for s in &spans {
                *summary.spans.entry(split.clone()).or_default().entry(s.label.clone()).or_default() += 1;
            }
            let chars: Vec<char> = doc.text.chars().collect();
            let ranges: Vec<(usize, usize)> = match options.unit {
                ExampleUnit::Documents => vec![(0, chars.len())],
                ExampleUnit::Sentences => {
                    let unbreakable: Vec<(usize, usize)> = spans.iter().map(|s| (s.start, s.end)).collect();
                    newsanno_core::sentences::sentences(&chars, options.sentence_ends, &unbreakable)
                        .into_iter()
                        .filter(|&(a, b)| !chars[a..b].iter().all(|c| c.is_whitespace()))
                        .collect()
                }
            };
            for (k, range) in ranges.into_iter().enumerate() {
                lines.push_str(&example(doc, &chars, range, k, &spans, &tag_id, options).to_string());
                lines.push('\n');
                n += 1;
            }
        }
        summary.examples.insert(split.clone(), n);
        // `datasets` refuses a data file without rows: an empty split is left out of the card.
        if n > 0 {
            let file = format!("{split}.jsonl");
            newsanno_core::store::atomic::write_atomic(&out.join(&file), lines.as_bytes())?;
            data_files.push((split.clone(), file));
        }
    }
    let label2id: BTreeMap<&str, u64> = ids.clone();
    let id2label: BTreeMap<String, &str> = names.iter().enumerate().map(|(i, n)| (i.to_string(), n.as_str())).collect();
    newsanno_core::store::atomic::write_atomic(&out.join("label2id.json"), pretty(&json!(label2id)).as_bytes())?;
    newsanno_core::store::atomic::write_atomic(&out.join("id2label.json"), pretty(&json!(id2label)).as_bytes())?;
    newsanno_core::store::atomic::write_atomic(&out.join("splits.json"), pretty(manifest).as_bytes())?;
    let card = card(parts, &data_files, &names, &summary, options);
    newsanno_core::store::atomic::write_atomic(&out.join("README.md"), card.as_bytes())?;
    Ok(summary)
}

/// A JSON value pretty-printed with a final newline (the shape of the folder's JSON files).
pub(crate) fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

// A YAML scalar: JSON's double-quoted strings are YAML too (CJK, quotes, colons safe).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn card(
    parts: &[(String, Vec<ExportDocument>)],
    data_files: &[(String, String)],
    names: &[String],
    summary: &HfSummary,
    options: &HfOptions<'_>,
) -> String {
    let mut y = String::new();
    y.push_str("---\nconfigs:\n- config_name: default\n  data_files:\n");
    for (split, file) in data_files {
        let _ = writeln!(y, "  - split: {split}\n    path: {}", q(file));
    }
    y.push_str("dataset_info:\n  features:\n");
    for (name, dtype) in [("id", "string"), ("doc_id", "string"), ("char_offset", "int64"), ("text", "string")] {
        let _ = writeln!(y, "  - name: {name}\n    dtype: {dtype}");
    }
    y.push_str("  - name: tokens\n    sequence: string\n");
    y.push_str("  - name: ner_tags\n    sequence:\n      class_label:\n        names:\n");
    for (i, n) in names.iter().enumerate() {
        let _ = writeln!(y, "          '{i}': {}", q(n));
    }
    y.push_str(
        "  - name: spans\n    list:\n    - name: start\n      dtype: int64\n    - name: end\n      dtype: int64\n    \
         - name: label\n      dtype: string\n    - name: text\n      dtype: string\n",
    );
    y.push_str(
        "  - name: relations\n    list:\n    - name: from\n      dtype: int64\n    - name: to\n      dtype: int64\n    \
         - name: type\n      dtype: string\n",
    );
    y.push_str("  - name: categories\n    sequence: string\n  splits:\n");
    for (split, _) in data_files {
        let _ =
            writeln!(y, "  - name: {split}\n    num_examples: {}", summary.examples.get(split).copied().unwrap_or(0));
    }
    y.push_str("task_categories:\n- token-classification\nlanguage:\n- zh\n---\n\n");
    let _ = writeln!(y, "# {}: token classification (newsanno export)\n", options.project.replace('\n', " "));
    y.push_str("```python\nfrom datasets import load_dataset\nds = load_dataset(\"path/to/this/folder\")\n");
    y.push_str("tags = ds[\"train\"].features[\"ner_tags\"].feature.names   # \"O\", \"B-…\", \"I-…\"\n```\n\n");
    let _ = writeln!(y, "- **Source**: {}.", options.source);
    for line in &options.selection {
        let _ = writeln!(y, "- {line}");
    }
    let units = match options.unit {
        ExampleUnit::Sentences => {
            "one sentence per example (cut after 。！？；!?; and newlines, closing quotes and brackets kept with \
             their sentence, never inside a span; whitespace-only sentences left out)"
        }
        ExampleUnit::Documents => "one document per example",
    };
    let tokens = match options.level {
        Level::Chars => "one character per token (a space or U+3000 is a token too)",
        Level::Words => "jieba words with the project's dictionary, split where a span boundary falls inside one",
    };
    let _ = writeln!(y, "- **Examples**: {units}; **tokens**: {tokens}.");
    y.push_str(
        "- **Offsets**: `spans[].start`/`end` count Unicode code points of the example's `text` (Python \
         `text[start:end]`); `char_offset` is where `text` starts in its document; `relations[].from`/`to` index \
         `spans`.\n",
    );
    y.push_str(
        "- **Text**: as imported into newsanno, which only strips a BOM and turns `\\r\\n` and `\\r` into `\\n`.\n",
    );
    let _ = writeln!(
        y,
        "- **Tags**: IOB2, {} names (`O`, then `B-`/`I-` per label in the project's order); also in `label2id.json` \
         and `id2label.json`.",
        names.len()
    );
    let _ = writeln!(
        y,
        "- **Left out of the tags and `spans`**: {} spans that overlap a longer span (IOB2 holds one span per \
         character).",
        summary.dropped.len()
    );
    y.push_str("\n| split | documents | examples |");
    let labels: Vec<&String> = options.labels.iter().collect();
    for l in &labels {
        let _ = write!(y, " {l} |");
    }
    y.push_str("\n|---|---:|---:|");
    for _ in &labels {
        y.push_str("---:|");
    }
    y.push('\n');
    for (split, docs) in parts {
        let _ = write!(y, "| {split} | {} | {} |", docs.len(), summary.examples.get(split).copied().unwrap_or(0));
        for l in &labels {
            let n = summary.spans.get(split).and_then(|m| m.get(*l)).copied().unwrap_or(0);
            let _ = write!(y, " {n} |");
        }
        y.push('\n');
    }
    let _ = writeln!(
        y,
        "\nSplits are by document (no document in two splits); `splits.json` lists them with the seed, and \
         `newsanno export … --split-from splits.json` keeps them after more annotation.\n\nMade by newsanno {} with:\n\n```sh\n{}\n```",
        env!("CARGO_PKG_VERSION"),
        options.command
    );
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, text: &str, spans: &[(usize, usize, &str)]) -> ExportDocument {
        let chars: Vec<char> = text.chars().collect();
        ExportDocument {
            id: id.into(),
            title: String::new(),
            text: text.into(),
            meta: Default::default(),
            spans: spans
                .iter()
                .map(|&(a, b, l)| ExportSpan { start: a, end: b, label: l.into(), text: chars[a..b].iter().collect() })
                .collect(),
            relations: vec![crate::document::ExportRelation { from: 0, to: 1, kind: "leads".into(), directed: true }],
            categories: vec!["科技".into()],
        }
    }

    fn options() -> HfOptions<'static> {
        HfOptions {
            level: Level::Chars,
            unit: ExampleUnit::Sentences,
            sentence_ends: newsanno_core::sentences::SENTENCE_ENDS,
            segmenter: None,
            labels: vec!["executive".into(), "product".into()],
            project: "测试".into(),
            source: "annotator alice".into(),
            selection: vec!["Documents: done.".into()],
            command: "newsanno export p --format hf --out x".into(),
        }
    }

    #[test]
    fn examples_are_sentences_with_their_offset_and_the_card_names_the_tags() {
        // 𠮷 is one code point; the closing quote stays with its sentence; 阿 overlaps 阿里云 and is dropped.
        let text = "𠮷张勇说：“阿里云很好。”随后离开。";
        let d = doc("d1", text, &[(1, 3, "executive"), (6, 9, "product"), (6, 7, "product")]);
        let dir = tempfile::tempdir().unwrap();
        let parts = vec![("train".to_owned(), vec![d]), ("test".to_owned(), Vec::new())];
        let summary = write_folder(&parts, dir.path(), &options(), &json!({"seed": 1})).unwrap();
        assert_eq!(summary.examples["train"], 2);
        assert_eq!(summary.dropped.len(), 1);
        let lines: Vec<Value> = std::fs::read_to_string(dir.path().join("train.jsonl"))
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[0]["text"], "𠮷张勇说：“阿里云很好。”");
        assert_eq!(lines[1]["char_offset"], 13);
        assert_eq!(lines[1]["text"], "随后离开。");
        assert_eq!(lines[0]["ner_tags"].as_array().unwrap()[..4], [json!(0), json!(1), json!(2), json!(0)]);
        assert_eq!(lines[0]["spans"][1], json!({"start": 6, "end": 9, "label": "product", "text": "阿里云"}));
        assert_eq!(lines[0]["relations"], json!([{"from": 0, "to": 1, "type": "leads"}]));
        assert_eq!(lines[1]["relations"], json!([]));
        assert_eq!(lines[1]["categories"], json!(["科技"]));
        assert!(!dir.path().join("test.jsonl").exists(), "an empty split writes no file");
        let card = std::fs::read_to_string(dir.path().join("README.md")).unwrap();
        assert!(
            card.starts_with(
                "---\nconfigs:\n- config_name: default\n  data_files:\n  - split: train\n    path: \"train.jsonl\"\n"
            ),
            "{card}"
        );
        assert!(
            card.contains("          '0': \"O\"\n          '1': \"B-executive\"\n          '2': \"I-executive\"\n"),
            "{card}"
        );
        assert!(!card.contains("split: test"), "{card}");
        assert!(card.contains("1 spans that overlap a longer span") && card.contains("newsanno export p --format hf"));
        let id2label: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join("id2label.json")).unwrap()).unwrap();
        assert_eq!(id2label["0"], "O");
        assert_eq!(id2label["4"], "I-product");
    }

    #[test]
    fn documents_are_one_example_each() {
        let d = doc("d1", "张勇说。阿里云好。", &[(0, 2, "executive"), (4, 7, "product")]);
        let dir = tempfile::tempdir().unwrap();
        let mut o = options();
        o.unit = ExampleUnit::Documents;
        let summary = write_folder(&[("train".to_owned(), vec![d])], dir.path(), &o, &json!({})).unwrap();
        assert_eq!(summary.examples["train"], 1);
    }
}
