//! brat standoff: per document `<id>.txt` (the text) and `<id>.ann` with
//! `T<n><TAB><label> <start> <end><TAB><text>` lines; offsets are code points
//! (brat is written in Python). A span that crosses a line break is written
//! as fragments (`start end;start end`) around the newlines, as brat does, and
//! read back as one span. Relations are `R<n><TAB><type> Arg1:T<a> Arg2:T<b>`
//! lines; a symmetric type is written as an Equiv line `*<TAB><type> T<a> T<b>`
//! and any `*` line is read as symmetric relations of the type it names.
//! Events, attributes, normalisations and notes (`E`, `A`/`M`, `N`, `#`) have
//! no place in newsanno: the reader counts them so the import can say so.

use std::path::{Path, PathBuf};

use crate::document::ImportedDocument;
use crate::document::{ExportDocument, ExportRelation, ExportSpan};
use newsanno_core::error::{Error, Result};
use newsanno_core::store::atomic::write_atomic;

/// Writes `<id>.txt` and `<id>.ann` for each document into `dir`; returns the files.
pub fn write(docs: &[ExportDocument], dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut files = Vec::new();
    for d in docs {
        let chars: Vec<char> = d.text.chars().collect();
        let mut ann = String::new();
        for (n, s) in d.spans.iter().enumerate() {
            // Fragments: the span's runs of non-newline characters.
            let mut fragments = Vec::new();
            let mut i = s.start;
            while i < s.end {
                while i < s.end && chars[i] == '\n' {
                    i += 1;
                }
                let begin = i;
                while i < s.end && chars[i] != '\n' {
                    i += 1;
                }
                if begin < i {
                    fragments.push((begin, i));
                }
            }
            let places: Vec<String> = fragments.iter().map(|(a, b)| format!("{a} {b}")).collect();
            let text: Vec<String> = fragments.iter().map(|(a, b)| chars[*a..*b].iter().collect()).collect();
            ann.push_str(&format!("T{}\t{} {}\t{}\n", n + 1, s.label, places.join(";"), text.join(" ")));
        }
        let mut r_lines = 0;
        for r in &d.relations {
            if r.directed {
                r_lines += 1;
                ann.push_str(&format!("R{r_lines}\t{} Arg1:T{} Arg2:T{}\n", r.kind, r.from + 1, r.to + 1));
            } else {
                ann.push_str(&format!("*\t{} T{} T{}\n", r.kind, r.from + 1, r.to + 1));
            }
        }
        let txt = dir.join(format!("{}.txt", d.id));
        let ann_path = dir.join(format!("{}.ann", d.id));
        write_atomic(&txt, d.text.as_bytes())?;
        write_atomic(&ann_path, ann.as_bytes())?;
        files.push(txt);
        files.push(ann_path);
    }
    Ok(files)
}

/// Reads every `<id>.ann` with its `<id>.txt` in `dir` (sorted by name).
pub fn read(dir: &Path) -> Result<Vec<ImportedDocument>> {
    let mut anns: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    anns.sort();
    let mut out = Vec::new();
    for ann in anns {
        let txt = ann.with_extension("txt");
        let bytes = std::fs::read(&txt).map_err(|e| Error::io(&txt, e))?;
        let text = newsanno_core::text::str_from_utf8(&bytes, &txt)?.to_owned();
        let chars: Vec<char> = text.chars().collect();
        let ann_bytes = std::fs::read(&ann).map_err(|e| Error::io(&ann, e))?;
        let ann_text = newsanno_core::text::str_from_utf8(&ann_bytes, &ann)?;
        let mut spans = Vec::new();
        // T id → index in `spans`; relation lines are read after every T line (they may come first).
        let mut span_of_id = std::collections::HashMap::new();
        let mut relation_lines = Vec::new();
        let mut not_taken: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        let mut event_ids = std::collections::HashSet::new();
        for (n, line) in ann_text.lines().enumerate() {
            let at = |m: String| Error::at_line(&ann, n + 1, m);
            if line.trim().is_empty() {
                continue;
            }
            if line.starts_with('R') || line.starts_with('*') {
                relation_lines.push((n + 1, line));
                continue;
            }
            if !line.starts_with('T') {
                if line.starts_with('E') {
                    event_ids.insert(line.split('\t').next().unwrap_or_default().to_owned());
                }
                let kind = match line.chars().next() {
                    Some('E') => "E lines (events)",
                    Some('A' | 'M') => "A/M lines (attributes)",
                    Some('N') => "N lines (normalisations)",
                    Some('#') => "# lines (notes)",
                    _ => "lines of an unknown kind",
                };
                *not_taken.entry(kind).or_default() += 1;
                continue;
            }
            let mut fields = line.splitn(3, '\t');
            let (_, middle, given) = (fields.next(), fields.next(), fields.next());
            let middle =
                middle.ok_or_else(|| at(format!("expected T<n><TAB>label start end<TAB>text, got {line:?}")))?;
            let (label, places) = middle.split_once(' ').ok_or_else(|| at(format!("no offsets in {middle:?}")))?;
            if !newsanno_core::model::is_valid_label_name(label) {
                return Err(at(format!("{label:?} is not a label name (non-empty, no spaces or commas)")));
            }
            let mut fragments = Vec::new();
            for place in places.split(';') {
                let (a, b) = place.trim().split_once(' ').ok_or_else(|| at(format!("bad offsets {place:?}")))?;
                let (a, b): (usize, usize) = match (a.parse(), b.parse()) {
                    (Ok(a), Ok(b)) => (a, b),
                    _ => return Err(at(format!("bad offsets {place:?}"))),
                };
                if a >= b || b > chars.len() {
                    return Err(at(format!("[{a}, {b}) is empty or outside the text of {} characters", chars.len())));
                }
                fragments.push((a, b));
            }
            // Fragments may only be separated by line breaks.
            for w in fragments.windows(2) {
                if w[0].1 > w[1].0 || chars[w[0].1..w[1].0].iter().any(|c| *c != '\n') {
                    return Err(at(
                        "discontinuous spans are not supported (fragments must be split only by line breaks)"
                            .to_owned(),
                    ));
                }
            }
            let (start, end) = (fragments[0].0, fragments[fragments.len() - 1].1);
            let expected: Vec<String> = fragments.iter().map(|(a, b)| chars[*a..*b].iter().collect()).collect();
            if let Some(given) = given
                && given != expected.join(" ")
            {
                return Err(at(format!("text {given:?} does not match the document's {:?}", expected.join(" "))));
            }
            let id = line.split('\t').next().unwrap_or_default();
            span_of_id.insert(id.to_owned(), spans.len());
            spans.push(ExportSpan { start, end, label: label.to_owned(), text: chars[start..end].iter().collect() });
        }
        let mut relations = Vec::new();
        for (line_no, line) in relation_lines {
            // A relation with an event for an end goes with the events: counted, not imported.
            let names_event = line.split_whitespace().any(|w| event_ids.contains(w.rsplit(':').next().unwrap_or(w)));
            if names_event {
                *not_taken.entry("R lines linking events").or_default() += 1;
                continue;
            }
            let read = read_relation(&ann, line_no, line, &span_of_id)?;
            if read.is_empty() {
                *not_taken.entry("* lines naming a single span").or_default() += 1;
            }
            relations.extend(read);
        }
        crate::document::sort_spans_and_relations(&mut spans, &mut relations);
        // Two T lines with the same offsets and label are one span: an Equiv between them is void.
        let before = relations.len();
        relations.retain(|r| r.directed || r.from != r.to);
        if relations.len() < before {
            *not_taken.entry("* links between identical T lines").or_default() += before - relations.len();
        }
        out.push(ImportedDocument {
            origin: ann.display().to_string(),
            id: ann.file_stem().map(|s| s.to_string_lossy().into_owned()),
            text,
            meta: Default::default(),
            spans,
            relations,
            categories: Vec::new(),
            not_taken: not_taken
                .into_iter()
                .map(|(kind, n)| format!("{}: {n} {kind} not imported", ann.display()))
                .collect(),
        });
    }
    Ok(out)
}

// One `R` line (`R1<TAB>leads Arg1:T1 Arg2:T3`) or `*` line (`*<TAB>alias T1 T2 T5`:
// every named span is linked to the first).
fn read_relation(
    ann: &Path,
    line_no: usize,
    line: &str,
    span_of_id: &std::collections::HashMap<String, usize>,
) -> Result<Vec<ExportRelation>> {
    let at = |m: String| Error::at_line(ann, line_no, m);
    let mut fields = line.split('\t');
    let id = fields.next().unwrap_or_default();
    let body = fields.next().ok_or_else(|| at(format!("expected {id}<TAB>type arguments, got {line:?}")))?;
    let mut words = body.split_whitespace();
    let kind = words.next().ok_or_else(|| at(format!("no relation type in {line:?}")))?;
    crate::document::check_label(kind).map_err(&at)?;
    let span = |name: &str| {
        span_of_id
            .get(name)
            .copied()
            .ok_or_else(|| at(format!("{id} names {name}, which is not a T line of this file")))
    };
    if id == "*" {
        let mut members: Vec<usize> = Vec::new();
        for word in words {
            let m = span(word)?;
            // brat data has `*  Equiv T63 T63`: a span equal to itself says nothing.
            if !members.contains(&m) {
                members.push(m);
            }
        }
        if members.len() < 2 {
            return Ok(Vec::new());
        }
        return Ok(members[1..]
            .iter()
            .map(|&m| ExportRelation { from: members[0], to: m, kind: kind.to_owned(), directed: false })
            .collect());
    }
    let mut ends = Vec::new();
    for word in words {
        let (_, target) = word.split_once(':').ok_or_else(|| at(format!("argument {word:?} is not Role:T<n>")))?;
        ends.push(span(target)?);
    }
    let [from, to] = ends[..] else {
        return Err(at(format!("a relation needs two arguments (Arg1:T<a> Arg2:T<b>): {line:?}")));
    };
    Ok(vec![ExportRelation { from, to, kind: kind.to_owned(), directed: true }])
}
