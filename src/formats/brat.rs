//! brat standoff: per document `<id>.txt` (the text) and `<id>.ann` with
//! `T<n><TAB><label> <start> <end><TAB><text>` lines; offsets are code points
//! (brat is written in Python). A span that crosses a line break is written
//! as fragments (`start end;start end`) around the newlines, as brat does, and
//! read back as one span.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::formats::ImportedDocument;
use crate::formats::{ExportDocument, ExportSpan};
use crate::store::atomic::write_atomic;

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
        let text = crate::text::str_from_utf8(&bytes, &txt)?.to_owned();
        let chars: Vec<char> = text.chars().collect();
        let ann_bytes = std::fs::read(&ann).map_err(|e| Error::io(&ann, e))?;
        let ann_text = crate::text::str_from_utf8(&ann_bytes, &ann)?;
        let mut spans = Vec::new();
        for (n, line) in ann_text.lines().enumerate() {
            let at = |m: String| Error::at_line(&ann, n + 1, m);
            if !line.starts_with('T') {
                continue; // relations, events, notes: not spans
            }
            let mut fields = line.splitn(3, '\t');
            let (_, middle, given) = (fields.next(), fields.next(), fields.next());
            let middle =
                middle.ok_or_else(|| at(format!("expected T<n><TAB>label start end<TAB>text, got {line:?}")))?;
            let (label, places) = middle.split_once(' ').ok_or_else(|| at(format!("no offsets in {middle:?}")))?;
            if !crate::model::is_valid_label_name(label) {
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
            spans.push(ExportSpan { start, end, label: label.to_owned(), text: chars[start..end].iter().collect() });
        }
        spans.sort();
        spans.dedup();
        out.push(ImportedDocument {
            origin: ann.display().to_string(),
            id: ann.file_stem().map(|s| s.to_string_lossy().into_owned()),
            text,
            meta: Default::default(),
            spans,
        });
    }
    Ok(out)
}
