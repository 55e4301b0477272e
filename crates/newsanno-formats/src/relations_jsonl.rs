//! Relation extraction training data: one JSON line per relation,
//! `{"document", "type", "directed", "head": {start, end, text, label},
//! "tail": {…}, "context": {start, end, text}}`, offsets in code points of the
//! document; `context` is the sentence (or run of sentences) holding both ends.
//! With negatives, also one line per ordered pair of spans in one sentence
//! that no relation links, whose labels some relation type allows:
//! `"type": "no_relation", "negative": true`.

use std::io::Write;

use serde::Serialize;

use crate::document::{ExportDocument, ExportSpan};
use newsanno_core::model::RelationType;

/// What the negative lines are made from, when asked for.
pub struct Negatives<'a> {
    /// The project's relation types: a pair is a candidate when one of them allows its labels.
    pub relation_types: &'a [RelationType],
    /// Characters that end a sentence (a newline always does).
    pub sentence_ends: &'a str,
}

/// The type negative lines carry.
pub const NO_RELATION: &str = "no_relation";

#[derive(Serialize)]
struct End<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    label: &'a str,
}

#[derive(Serialize)]
struct Context {
    start: usize,
    end: usize,
    text: String,
}

#[derive(Serialize)]
struct Line<'a> {
    document: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    directed: bool,
    head: End<'a>,
    tail: End<'a>,
    context: Context,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    negative: bool,
}

/// Figures of a relations export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RelationLines {
    /// Lines for relations.
    pub positive: usize,
    /// Negative lines.
    pub negative: usize,
}

/// Writes one line per relation of `docs` (and the negatives, if asked for).
pub fn write(
    docs: &[ExportDocument],
    negatives: Option<&Negatives<'_>>,
    out: &mut dyn Write,
) -> std::io::Result<RelationLines> {
    let mut counts = RelationLines::default();
    let ends = negatives.map_or(crate::bio::DEFAULT_SENTENCE_ENDS, |n| n.sentence_ends);
    for d in docs {
        let chars: Vec<char> = d.text.chars().collect();
        // The sentences every sentence-level format cuts (closing quotes kept, never inside a span).
        let ranges: Vec<(usize, usize)> = d.spans.iter().map(|s| (s.start, s.end)).collect();
        let sentences = newsanno_core::sentences::sentences(&chars, ends, &ranges);
        let mut sentence = vec![0usize; chars.len()];
        for (k, &(a, b)) in sentences.iter().enumerate() {
            sentence[a..b].iter_mut().for_each(|s| *s = k);
        }
        let context = |a: &ExportSpan, b: &ExportSpan| {
            let (first, last) = (a.start.min(b.start), a.end.max(b.end));
            let (mut start, mut stop) = (sentences[sentence[first]].0, sentences[sentence[last - 1]].1);
            // Whitespace at the edges (a newline that ended the sentence, an indent) is not context.
            while start < first && chars[start].is_whitespace() {
                start += 1;
            }
            while stop > last && chars[stop - 1].is_whitespace() {
                stop -= 1;
            }
            Context { start, end: stop, text: chars[start..stop].iter().collect() }
        };
        for r in &d.relations {
            let (head, tail) = (&d.spans[r.from], &d.spans[r.to]);
            let line = Line {
                document: &d.id,
                kind: &r.kind,
                directed: r.directed,
                head: end_of(head),
                tail: end_of(tail),
                context: context(head, tail),
                negative: false,
            };
            serde_json::to_writer(&mut *out, &line).map_err(std::io::Error::other)?;
            out.write_all(b"\n")?;
            counts.positive += 1;
        }
        let Some(negatives) = negatives else { continue };
        // Ordered pairs a relation links (both ways for a symmetric one).
        let mut linked = std::collections::HashSet::new();
        for r in &d.relations {
            linked.insert((r.from, r.to));
            if !r.directed {
                linked.insert((r.to, r.from));
            }
        }
        for (i, a) in d.spans.iter().enumerate() {
            for (j, b) in d.spans.iter().enumerate() {
                let same_sentence = sentence[a.start] == sentence[a.end - 1]
                    && sentence[a.start] == sentence[b.start]
                    && sentence[b.start] == sentence[b.end - 1];
                let candidate = negatives.relation_types.iter().any(|t| t.allows(&a.label, &b.label));
                if i == j || !same_sentence || !candidate || linked.contains(&(i, j)) || overlaps(a, b) {
                    continue;
                }
                let line = Line {
                    document: &d.id,
                    kind: NO_RELATION,
                    directed: true,
                    head: end_of(a),
                    tail: end_of(b),
                    context: context(a, b),
                    negative: true,
                };
                serde_json::to_writer(&mut *out, &line).map_err(std::io::Error::other)?;
                out.write_all(b"\n")?;
                counts.negative += 1;
            }
        }
    }
    Ok(counts)
}

fn end_of(s: &ExportSpan) -> End<'_> {
    End { start: s.start, end: s.end, text: &s.text, label: &s.label }
}

fn overlaps(a: &ExportSpan, b: &ExportSpan) -> bool {
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ExportRelation;

    // Document "d" with `spans` (start, end, label) and `leads` from the first span to the second.
    fn doc_with(text: &str, spans: &[(usize, usize, &str)]) -> ExportDocument {
        let chars: Vec<char> = text.chars().collect();
        ExportDocument {
            id: "d".into(),
            title: String::new(),
            text: text.into(),
            meta: Default::default(),
            spans: spans
                .iter()
                .map(|&(start, end, label)| ExportSpan {
                    start,
                    end,
                    label: label.into(),
                    text: chars[start..end].iter().collect(),
                })
                .collect(),
            relations: vec![ExportRelation { from: 0, to: 1, kind: "leads".into(), directed: true }],
            categories: Vec::new(),
        }
    }

    #[test]
    fn the_context_is_the_sentence_with_its_closing_quote() {
        let doc = doc_with("他说：“张勇领导阿里云。”随后离开。", &[(4, 6, "executive"), (8, 11, "product")]);
        let mut out = Vec::new();
        write(std::slice::from_ref(&doc), None, &mut out).unwrap();
        let line: serde_json::Value = serde_json::from_str(String::from_utf8(out).unwrap().trim()).unwrap();
        assert_eq!(line["context"]["text"], "他说：“张勇领导阿里云。”");
        assert_eq!((line["context"]["start"].clone(), line["context"]["end"].clone()), (0.into(), 13.into()));
    }

    #[test]
    fn one_line_per_relation_with_context_and_negatives_in_one_sentence() {
        let doc = doc_with(
            "𠮷张勇宣布阿里云营收167.61亿元。😀钉钉用户增长。",
            &[(1, 3, "executive"), (5, 8, "product"), (10, 18, "metric"), (20, 22, "product")],
        );
        let types = newsanno_core::model::default_relation_types(&newsanno_core::model::default_labels());
        let mut out = Vec::new();
        let counts = write(
            std::slice::from_ref(&doc),
            Some(&Negatives { relation_types: &types, sentence_ends: "。！？" }),
            &mut out,
        )
        .unwrap();
        let lines: Vec<serde_json::Value> =
            String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines[0]["head"]["text"], "张勇");
        assert_eq!(lines[0]["tail"]["text"], "阿里云");
        assert_eq!(lines[0]["context"]["text"], "𠮷张勇宣布阿里云营收167.61亿元。");
        assert_eq!(lines[0]["context"]["start"], 0);
        // Negatives: metric → product (measures allows it) in the first sentence only; 钉钉 is in
        // the second sentence, and executive → product is taken by the relation.
        assert_eq!(counts, RelationLines { positive: 1, negative: 1 });
        assert_eq!(lines[1]["type"], NO_RELATION);
        assert_eq!(
            (lines[1]["head"]["text"].as_str(), lines[1]["tail"]["text"].as_str()),
            (Some("167.61亿元"), Some("阿里云"))
        );
        assert_eq!(lines[1]["negative"], true);
    }
}
