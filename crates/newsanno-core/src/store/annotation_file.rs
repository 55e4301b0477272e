//! Annotation format v1 in RON: writing, parsing and checking one file.
//!
//! The writer lays the file out by hand (one field per line, one span per
//! line, spans in (start, end, label) order) so `git diff` shows one line per
//! changed span. Any RON reader can read it; the layout is not required for reading.

use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::{AnnotationFile, Document, FORMAT_MINOR, Label, RelationType, Status};
use crate::store::project_file::ron_error;

/// How serious a [`Problem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Kept as it is, but worth a look (unknown label, duplicate span).
    Warning,
    /// The data is wrong or cannot be trusted (offsets out of range, stale text).
    Error,
}

/// One thing wrong with a file, at a line when it can be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file concerned.
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        let kind = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        write!(f, ": {kind}{}", self.message)
    }
}

impl Problem {
    /// An error-level problem.
    pub fn error(path: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        Problem { path: path.to_path_buf(), line, severity: Severity::Error, message: message.into() }
    }

    /// A warning-level problem.
    pub fn warning(path: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        Problem { path: path.to_path_buf(), line, severity: Severity::Warning, message: message.into() }
    }
}

/// RON string literal for `s` (escapes quotes, backslashes and control characters; keeps CJK as is).
fn quoted(s: &str) -> String {
    // ron::to_string on a &str cannot fail; fall back to Debug quoting just in case.
    ron::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

// `None` or `Some("…")`.
fn note_value(note: &Option<String>) -> String {
    match note {
        Some(n) => format!("Some({})", quoted(n)),
        None => "None".to_owned(),
    }
}

/// Serialises `file` in the canonical v1 layout. Spans must already be sorted
/// (see [`AnnotationFile::sort_spans`]).
pub fn to_ron_string(file: &AnnotationFile) -> String {
    let mut out = String::with_capacity(256 + file.spans.len() * 96);
    out.push_str("// newsanno annotation file, format v1: see docs/FORMAT.md\n");
    out.push_str("AnnotationFile(\n");
    // Writing to a String never fails.
    let _ = writeln!(out, "    version: {},", quoted(&file.version));
    let _ = writeln!(out, "    document: {},", quoted(&file.document));
    let _ = writeln!(out, "    annotator: {},", quoted(&file.annotator));
    let _ = writeln!(out, "    text_hash: {},", quoted(&file.text_hash));
    let _ = writeln!(out, "    status: {:?},", file.status);
    let _ = writeln!(out, "    modified: {},", quoted(&file.modified));
    let _ = writeln!(out, "    comment: {},", quoted(&file.comment));
    if !file.categories.is_empty() {
        let names: Vec<String> = file.categories.iter().map(|c| quoted(c)).collect();
        let _ = writeln!(out, "    categories: [{}],", names.join(", "));
    }
    if file.active_seconds > 0 {
        let _ = writeln!(out, "    active_seconds: {},", file.active_seconds);
    }
    if file.spans.is_empty() {
        out.push_str("    spans: [],\n");
    } else {
        out.push_str("    spans: [\n");
        for s in &file.spans {
            let note = note_value(&s.note);
            let source = if s.source.is_manual() {
                String::new()
            } else {
                format!(", source: {}", quoted(&s.source.to_string()))
            };
            let attributes = if s.attributes.is_empty() {
                String::new()
            } else {
                let entries: Vec<String> =
                    s.attributes.iter().map(|(name, value)| format!("{}: {}", quoted(name), value.to_ron())).collect();
                format!(", attributes: {{{}}}", entries.join(", "))
            };
            let link = match &s.link {
                Some(link) => format!(", link: Some((id: {}, name: {}))", quoted(&link.id), quoted(&link.name)),
                None => String::new(),
            };
            let _ = writeln!(
                out,
                "        (id: {}, start: {}, end: {}, label: {}, text: {}, note: {}{source}{attributes}{link}),",
                s.id,
                s.start,
                s.end,
                quoted(&s.label),
                quoted(&s.text),
                note
            );
        }
        out.push_str("    ],\n");
    }
    if !file.relations.is_empty() {
        out.push_str("    relations: [\n");
        for r in &file.relations {
            let _ = writeln!(
                out,
                "        (id: {}, from: {}, to: {}, type: {}, note: {}),",
                r.id,
                r.from,
                r.to,
                quoted(&r.kind),
                note_value(&r.note)
            );
        }
        out.push_str("    ],\n");
    }
    if !file.rejected.is_empty() {
        out.push_str("    rejected: [\n");
        for r in &file.rejected {
            let _ = writeln!(out, "        (start: {}, end: {}, label: {}),", r.start, r.end, quoted(&r.label));
        }
        out.push_str("    ],\n");
    }
    out.push_str(")\n");
    out
}

/// Parses an annotation file. Fails on malformed RON (with line and column)
/// and on an unknown major version.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<AnnotationFile> {
    let text = crate::store::ron_text(path, bytes)?;
    let text = text.as_ref();
    // Files in our own layout take a fast path (a project read for agreement
    // parses tens of thousands); anything else goes through the RON parser.
    let file: AnnotationFile = match parse_canonical(text) {
        Some(file) => file,
        None => ron::from_str(text).map_err(|e| ron_error(path, &e))?,
    };
    crate::store::check_major_version(path, &file.version, text)?;
    Ok(file)
}

/// Reads a file laid out exactly as [`to_ron_string`] writes it; `None` for
/// any other layout (the caller then uses the full RON parser).
pub fn parse_canonical(text: &str) -> Option<AnnotationFile> {
    let mut lines = text.lines();
    if !lines.next()?.starts_with("//") || lines.next()? != "AnnotationFile(" {
        return None;
    }
    let version = string_field(&mut lines, "version")?;
    let document = string_field(&mut lines, "document")?;
    let annotator = string_field(&mut lines, "annotator")?;
    let text_hash = string_field(&mut lines, "text_hash")?;
    let status = match lines.next()?.strip_prefix("    status: ")? {
        "NotStarted," => Status::NotStarted,
        "InProgress," => Status::InProgress,
        "Done," => Status::Done,
        "Skipped," => Status::Skipped,
        _ => return None,
    };
    let modified = string_field(&mut lines, "modified")?;
    let comment = string_field(&mut lines, "comment")?;
    let mut line = lines.next()?;
    let mut categories = Vec::new();
    if let Some(rest) = line.strip_prefix("    categories: [") {
        let mut c = Cursor(rest);
        loop {
            categories.push(c.string()?);
            if c.literal(", ").is_none() {
                break;
            }
        }
        c.literal("],")?;
        c.end()?;
        line = lines.next()?;
    }
    let mut active_seconds = 0;
    if let Some(rest) = line.strip_prefix("    active_seconds: ") {
        let mut c = Cursor(rest);
        active_seconds = c.number()?;
        c.literal(",")?;
        c.end()?;
        line = lines.next()?;
    }
    let mut spans = Vec::new();
    match line {
        "    spans: []," => {}
        "    spans: [" => loop {
            let line = lines.next()?;
            if line == "    ]," {
                break;
            }
            let mut c = Cursor(line.strip_prefix("        ")?);
            c.literal("(id: ")?;
            let id = c.number()?;
            c.literal(", start: ")?;
            let start = usize::try_from(c.number()?).ok()?;
            c.literal(", end: ")?;
            let end = usize::try_from(c.number()?).ok()?;
            c.literal(", label: ")?;
            let label = c.string()?;
            c.literal(", text: ")?;
            let span_text = c.string()?;
            c.literal(", note: ")?;
            let note = c.note()?;
            let source = if c.literal(", source: ").is_some() {
                crate::model::SpanSource::from(c.string()?.as_str())
            } else {
                crate::model::SpanSource::Manual
            };
            let mut attributes = crate::model::Attributes::new();
            if c.literal(", attributes: {").is_some() {
                loop {
                    let name = c.string()?;
                    c.literal(": ")?;
                    let value = c.attribute_value()?;
                    if attributes.insert(name, value).is_some() {
                        // A name twice: let the RON parser decide what that means.
                        return None;
                    }
                    if c.literal(", ").is_none() {
                        break;
                    }
                }
                c.literal("}")?;
            }
            let link = if c.literal(", link: Some((id: ").is_some() {
                let id = c.string()?;
                c.literal(", name: ")?;
                let name = c.string()?;
                c.literal("))")?;
                Some(crate::model::Link { id, name })
            } else {
                None
            };
            c.literal("),")?;
            c.end()?;
            spans.push(crate::model::Span { id, start, end, label, text: span_text, note, source, attributes, link });
        },
        _ => return None,
    }
    let mut relations = Vec::new();
    line = lines.next()?;
    if line == "    relations: [" {
        loop {
            line = lines.next()?;
            if line == "    ]," {
                break;
            }
            let mut c = Cursor(line.strip_prefix("        ")?);
            c.literal("(id: ")?;
            let id = c.number()?;
            c.literal(", from: ")?;
            let from = c.number()?;
            c.literal(", to: ")?;
            let to = c.number()?;
            c.literal(", type: ")?;
            let kind = c.string()?;
            c.literal(", note: ")?;
            let note = c.note()?;
            c.literal("),")?;
            c.end()?;
            relations.push(crate::model::Relation { id, from, to, kind, note });
        }
        line = lines.next()?;
    }
    let mut rejected = Vec::new();
    if line == "    rejected: [" {
        loop {
            line = lines.next()?;
            if line == "    ]," {
                break;
            }
            let mut c = Cursor(line.strip_prefix("        ")?);
            c.literal("(start: ")?;
            let start = usize::try_from(c.number()?).ok()?;
            c.literal(", end: ")?;
            let end = usize::try_from(c.number()?).ok()?;
            c.literal(", label: ")?;
            let label = c.string()?;
            c.literal("),")?;
            c.end()?;
            rejected.push(crate::model::Rejected { start, end, label });
        }
        line = lines.next()?;
    }
    if line != ")" || lines.next().is_some() {
        return None;
    }
    Some(AnnotationFile {
        version,
        document,
        annotator,
        text_hash,
        status,
        modified,
        comment,
        categories,
        active_seconds,
        spans,
        relations,
        rejected,
    })
}

// `    name: "value",` → value.
fn string_field(lines: &mut std::str::Lines<'_>, name: &str) -> Option<String> {
    let line = lines.next()?.strip_prefix("    ")?.strip_prefix(name)?.strip_prefix(": ")?;
    let mut c = Cursor(line);
    let value = c.string()?;
    c.literal(",")?;
    c.end()?;
    Some(value)
}

// A tiny scanner over one line of the canonical layout.
struct Cursor<'a>(&'a str);

impl Cursor<'_> {
    fn literal(&mut self, s: &str) -> Option<()> {
        self.0 = self.0.strip_prefix(s)?;
        Some(())
    }

    fn end(&self) -> Option<()> {
        self.0.is_empty().then_some(())
    }

    // `None` or `Some("…")`.
    fn note(&mut self) -> Option<Option<String>> {
        if self.literal("None").is_some() {
            return Some(None);
        }
        self.literal("Some(")?;
        let n = self.string()?;
        self.literal(")")?;
        Some(Some(n))
    }

    // `true`, `false`, a string, or a decimal number as [`AttributeValue::to_ron`] writes it.
    fn attribute_value(&mut self) -> Option<crate::model::AttributeValue> {
        use crate::model::AttributeValue;
        if self.literal("true").is_some() {
            return Some(AttributeValue::Flag(true));
        }
        if self.literal("false").is_some() {
            return Some(AttributeValue::Flag(false));
        }
        if self.0.starts_with('"') {
            return self.string().map(AttributeValue::Text);
        }
        let len = self.0.bytes().take_while(|b| b.is_ascii_digit() || *b == b'-' || *b == b'.').count();
        let value = self.0[..len].parse::<rust_decimal::Decimal>().ok()?;
        self.0 = &self.0[len..];
        Some(AttributeValue::Number(value))
    }

    fn number(&mut self) -> Option<u64> {
        let digits = self.0.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || (digits > 1 && self.0.starts_with('0')) {
            return None;
        }
        let value = self.0[..digits].parse().ok()?;
        self.0 = &self.0[digits..];
        Some(value)
    }

    // A RON string as `ron` writes it: `\\ \" \' \n \r \t \0 \u{…}` escapes, nothing else.
    fn string(&mut self) -> Option<String> {
        let rest = self.0.strip_prefix('"')?;
        let mut out = String::with_capacity(rest.len().min(64));
        let mut chars = rest.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.0 = &rest[i + 1..];
                    return Some(out);
                }
                '\\' => {
                    let (_, e) = chars.next()?;
                    match e {
                        '\\' => out.push('\\'),
                        '"' => out.push('"'),
                        '\'' => out.push('\''),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        '0' => out.push('\0'),
                        'u' => {
                            if chars.next()?.1 != '{' {
                                return None;
                            }
                            let mut hex = String::new();
                            loop {
                                let (_, h) = chars.next()?;
                                if h == '}' {
                                    break;
                                }
                                hex.push(h);
                            }
                            out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                        }
                        _ => return None,
                    }
                }
                // Raw control characters never appear in our layout.
                c if c.is_control() => return None,
                c => out.push(c),
            }
        }
        None
    }
}

/// The outcome of checking a parsed file against its document.
#[derive(Debug, Clone, Default)]
pub struct CheckOutcome {
    /// Everything found, in file order.
    pub problems: Vec<Problem>,
    /// The file was made on other text (hash mismatch).
    pub stale: bool,
    /// Why the file must not be rewritten, if it must not.
    pub read_only: Option<String>,
}

/// What [`check`] compares a file with.
pub struct CheckContext<'a> {
    /// The file's path (for messages).
    pub path: &'a Path,
    /// The raw file text, to place spans on their lines.
    pub raw: &'a str,
    /// Document id the file name promises.
    pub expected_document: &'a str,
    /// Annotator the folder name promises.
    pub expected_annotator: &'a str,
    /// The document, if it exists in the corpus.
    pub document: Option<&'a Document>,
    /// The project's labels.
    pub labels: &'a [Label],
    /// The project's relation types.
    pub relation_types: &'a [RelationType],
    /// The project's document categories.
    pub categories: &'a [crate::model::Category],
    /// Whether a label missing from project.ron is an error (`validate`, the
    /// gate before training) rather than a warning (the window keeps such spans).
    pub unknown_labels_are_errors: bool,
}

/// Checks a parsed file: header fields, version, text hash, every span's
/// offsets and text, labels and duplicates.
pub fn check(file: &AnnotationFile, ctx: &CheckContext<'_>) -> CheckOutcome {
    let path = ctx.path;
    let (line_of_span, line_of_relation) = item_lines(ctx.raw);
    let line_of_field = |field: &str| field_line(ctx.raw, field);
    let mut out = CheckOutcome::default();

    if file.document != ctx.expected_document {
        out.problems.push(Problem::error(
            path,
            line_of_field("document"),
            format!("document is {:?} but the file name says {:?}", file.document, ctx.expected_document),
        ));
    }
    if file.annotator != ctx.expected_annotator {
        out.problems.push(Problem::error(
            path,
            line_of_field("annotator"),
            format!("annotator is {:?} but the folder says {:?}", file.annotator, ctx.expected_annotator),
        ));
    }
    if let Some(minor) = crate::store::minor_version(&file.version)
        && minor > FORMAT_MINOR
    {
        let reason = format!(
            "written by a newer newsanno (format {}); opened read-only so its newer fields are not lost",
            file.version
        );
        out.problems.push(Problem::warning(path, line_of_field("version"), reason.clone()));
        out.read_only = Some(reason);
    }
    if time::OffsetDateTime::parse(&file.modified, &time::format_description::well_known::Rfc3339).is_err() {
        out.problems.push(Problem::warning(
            path,
            line_of_field("modified"),
            format!("modified {:?} is not an RFC 3339 time", file.modified),
        ));
    }
    let Some(doc) = ctx.document else {
        out.problems.push(Problem::error(
            path,
            line_of_field("document"),
            format!("document {:?} is not in the corpus", file.document),
        ));
        out.read_only = Some("its document is not in the corpus".to_owned());
        return out;
    };
    if file.text_hash != doc.entry.text_hash {
        out.stale = true;
        out.read_only = Some("stale: made on a different text of this document".to_owned());
        out.problems.push(Problem::error(
            path,
            line_of_field("text_hash"),
            format!(
                "stale: text_hash {} does not match the document's text ({}); spans were made on other text",
                file.text_hash, doc.entry.text_hash
            ),
        ));
    }

    let known: HashSet<&str> = ctx.labels.iter().map(|l| l.name.as_str()).collect();
    let mut ids = HashSet::new();
    let mut ranges = HashSet::new();
    let len = doc.text.char_len();
    for span in &file.spans {
        let line = line_of_span.get(&span.id).copied();
        if !ids.insert(span.id) {
            out.problems.push(Problem::error(path, line, format!("span id {} is used twice", span.id)));
        }
        if span.start >= span.end || span.end > len {
            out.problems.push(Problem::error(
                path,
                line,
                format!(
                    "span {}: [{}, {}) is empty or outside the text of {len} characters",
                    span.id, span.start, span.end
                ),
            ));
        } else if !out.stale {
            let actual = doc.text.slice(span.start, span.end).unwrap_or_default();
            if actual != span.text {
                out.problems.push(Problem::error(
                    path,
                    line,
                    format!(
                        "span {}: text {:?} does not match the document's {:?} at [{}, {})",
                        span.id, span.text, actual, span.start, span.end
                    ),
                ));
            }
        }
        if !known.contains(span.label.as_str()) {
            out.problems.push(if ctx.unknown_labels_are_errors {
                Problem::error(
                    path,
                    line,
                    format!(
                        "span {}: label {:?} is not in project.ron: add it there or relabel the span",
                        span.id, span.label
                    ),
                )
            } else {
                Problem::warning(
                    path,
                    line,
                    format!("span {}: label {:?} is not in project.ron (kept)", span.id, span.label),
                )
            });
        }
        check_attributes(span, ctx, line, &mut out.problems);
        if !ranges.insert((span.start, span.end, span.label.as_str())) {
            out.problems.push(Problem::warning(
                path,
                line,
                format!("span {}: same label {:?} on [{}, {}) twice", span.id, span.label, span.start, span.end),
            ));
        }
    }
    check_relations(file, ctx, &line_of_relation, &mut out.problems);
    for category in file.categories.iter().filter(|c| !ctx.categories.iter().any(|k| &k.name == *c)) {
        out.problems.push(Problem::warning(
            path,
            line_of_field("categories"),
            format!("category {category:?} is not in project.ron (kept)"),
        ));
    }
    for r in &file.rejected {
        if r.start >= r.end || r.end > len {
            out.problems.push(Problem::warning(
                path,
                line_of_field("rejected"),
                format!("rejected suggestion [{}, {}) {} is empty or outside the text", r.start, r.end, r.label),
            ));
        }
    }
    if out.read_only.is_none() && out.problems.iter().any(|p| p.severity == Severity::Error) {
        out.read_only = Some("it has errors (run `newsanno validate`)".to_owned());
    }
    out
}

// Warns about attributes the span's label does not declare, values that do
// not fit their attribute, and links without an id. All are kept as they are.
fn check_attributes(
    span: &crate::model::Span,
    ctx: &CheckContext<'_>,
    line: Option<usize>,
    problems: &mut Vec<Problem>,
) {
    let path = ctx.path;
    let label = ctx.labels.iter().find(|l| l.name == span.label);
    for (name, value) in &span.attributes {
        match label.map(|l| l.attribute(name)) {
            // An unknown label is reported once, above.
            None => {}
            Some(None) => problems.push(Problem::warning(
                path,
                line,
                format!(
                    "span {}: attribute {name:?} is not declared for label {:?} in project.ron (kept)",
                    span.id, span.label
                ),
            )),
            Some(Some(spec)) => {
                if let Some(why) = spec.mismatch(value) {
                    problems.push(Problem::warning(
                        path,
                        line,
                        format!("span {}: attribute {name:?}: {why} (kept)", span.id),
                    ));
                }
            }
        }
    }
    if let Some(link) = &span.link
        && link.id.trim().is_empty()
    {
        problems.push(Problem::warning(path, line, format!("span {}: its link has an empty id (kept)", span.id)));
    }
}

// Checks every relation: its id, its two ends, its type and the labels it links.
fn check_relations(
    file: &AnnotationFile,
    ctx: &CheckContext<'_>,
    line_of_relation: &HashMap<u64, usize>,
    problems: &mut Vec<Problem>,
) {
    let path = ctx.path;
    let mut ids = HashSet::new();
    let mut links: HashSet<(u64, u64, &str)> = HashSet::new();
    for r in &file.relations {
        let line = line_of_relation.get(&r.id).copied();
        if !ids.insert(r.id) {
            problems.push(Problem::error(path, line, format!("relation id {} is used twice", r.id)));
        }
        let (from, to) = (file.span(r.from), file.span(r.to));
        for (end, id, span) in [("from", r.from, from), ("to", r.to, to)] {
            if span.is_none() {
                problems.push(Problem::error(
                    path,
                    line,
                    format!("relation {}: its {end} span {id} does not exist in this file", r.id),
                ));
            }
        }
        if r.from == r.to {
            problems.push(Problem::error(path, line, format!("relation {} links span {} to itself", r.id, r.from)));
        }
        let kind = ctx.relation_types.iter().find(|t| t.name == r.kind);
        let directed = crate::model::is_directed(ctx.relation_types, &r.kind);
        let key =
            if directed || r.from <= r.to { (r.from, r.to, r.kind.as_str()) } else { (r.to, r.from, r.kind.as_str()) };
        if !links.insert(key) {
            problems.push(Problem::warning(
                path,
                line,
                format!("relation {}: {} from span {} to span {} twice", r.id, r.kind, r.from, r.to),
            ));
        }
        match kind {
            None if ctx.unknown_labels_are_errors => problems.push(Problem::error(
                path,
                line,
                format!(
                    "relation {}: type {:?} is not in project.ron: add it to relation_types or retype the relation",
                    r.id, r.kind
                ),
            )),
            None => problems.push(Problem::warning(
                path,
                line,
                format!("relation {}: type {:?} is not in project.ron (kept)", r.id, r.kind),
            )),
            Some(kind) => {
                if let (Some(from), Some(to)) = (from, to)
                    && !kind.allows(&from.label, &to.label)
                {
                    let allowed: Vec<String> = kind.allowed.iter().map(|p| format!("{} → {}", p.from, p.to)).collect();
                    problems.push(Problem::warning(
                        path,
                        line,
                        format!(
                            "relation {}: {} from {} to {} is not one of its pairs ({}) (kept)",
                            r.id,
                            r.kind,
                            from.label,
                            to.label,
                            allowed.join(", ")
                        ),
                    ));
                }
            }
        }
    }
}

// Maps span id → line and relation id → line, for files in our layout (one
// item per line, under `spans: [` or `relations: [`). Files laid out otherwise
// still load; their problems just carry no line.
fn item_lines(raw: &str) -> (HashMap<u64, usize>, HashMap<u64, usize>) {
    let mut spans = HashMap::new();
    let mut relations = HashMap::new();
    let mut in_relations = false;
    for (i, line) in raw.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with("spans:") {
            in_relations = false;
        } else if t.starts_with("relations:") {
            in_relations = true;
        }
        let Some(rest) = t.strip_prefix("(id:") else { continue };
        let digits: String = rest.trim_start().chars().take_while(char::is_ascii_digit).collect();
        if let Ok(id) = digits.parse::<u64>() {
            let map = if in_relations { &mut relations } else { &mut spans };
            map.entry(id).or_insert(i + 1);
        }
    }
    (spans, relations)
}

fn field_line(raw: &str, field: &str) -> Option<usize> {
    crate::store::line_of_field(raw, field)
}

/// Reads, parses and checks a file in one go (used by `validate` and the loaders).
pub fn read(path: &Path) -> Result<(AnnotationFile, String)> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let file = parse(path, &bytes)?;
    // The text parse() saw, so line numbers in messages match it.
    let raw = crate::store::ron_text(path, &bytes)?.into_owned();
    Ok((file, raw))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocumentEntry, Relation, Span, Status, default_labels, default_relation_types};
    use crate::text::{IndexedText, text_hash};

    fn doc(text: &str) -> Document {
        Document {
            entry: DocumentEntry {
                id: "d1".into(),
                title: "t".into(),
                meta: Default::default(),
                text_hash: text_hash(text),
                chars: text.chars().count(),
            },
            text: IndexedText::new(text.to_owned()),
        }
    }

    fn sample(text: &str) -> AnnotationFile {
        let d = doc(text);
        let mut f = AnnotationFile::new("d1", "alice", &d.entry.text_hash);
        f.status = Status::InProgress;
        f.modified = "2026-11-26T21:49:37Z".into();
        f.comment = "第一段有\"引号\"\n和换行\t与\\反斜杠".into();
        f.add_span(&d.text, 0, 1, "product").unwrap();
        f.add_span(&d.text, 2, 4, "executive").unwrap();
        let id = f.add_span(&d.text, 5, 6, "metric").unwrap();
        f.spans.iter_mut().find(|s| s.id == id).unwrap().note = Some("emoji 😀 note".into());
        f
    }

    const TEXT: &str = "𠮷，张勇\n说😀。";

    fn defaults() -> (Vec<crate::model::Label>, Vec<crate::model::RelationType>) {
        let labels = default_labels();
        let types = default_relation_types(&labels);
        (labels, types)
    }

    // What the loader checks a file of alice's for document d1 against.
    fn context<'a>(
        path: &'a Path,
        raw: &'a str,
        document: &'a Document,
        labels: &'a [crate::model::Label],
        relation_types: &'a [crate::model::RelationType],
    ) -> CheckContext<'a> {
        CheckContext {
            path,
            raw,
            expected_document: "d1",
            expected_annotator: "alice",
            document: Some(document),
            labels,
            relation_types,
            categories: &[],
            unknown_labels_are_errors: false,
        }
    }

    #[test]
    fn round_trips_through_ron_with_one_span_per_line() {
        let f = sample(TEXT);
        let ron = to_ron_string(&f);
        let back = parse(Path::new("x.ron"), ron.as_bytes()).unwrap();
        assert_eq!(back, f);
        let span_lines: Vec<_> = ron.lines().filter(|l| l.trim_start().starts_with("(id:")).collect();
        assert_eq!(span_lines.len(), 3);
        assert!(span_lines[1].contains("text: \"张勇\""), "{}", span_lines[1]);
        assert!(ron.contains("status: InProgress,"));
        // Chinese is written as is, not escaped.
        assert!(ron.contains("引号"));
    }

    #[test]
    fn checks_offsets_text_labels_and_places_them_on_lines() {
        let d = doc(TEXT);
        let mut f = sample(TEXT);
        let span = |id, start, end, label: &str, text: &str| Span {
            id,
            start,
            end,
            label: label.into(),
            text: text.into(),
            note: None,
            source: Default::default(),
            attributes: Default::default(),
            link: None,
        };
        f.spans.push(span(9, 5, 99, "metric", "x"));
        f.spans.push(span(10, 2, 4, "person", "张勇"));
        f.spans.push(span(11, 2, 3, "metric", "勇"));
        let raw = to_ron_string(&f);
        let (labels, types) = defaults();
        let ctx = context(Path::new("a/alice/d1.ron"), &raw, &d, &labels, &types);
        let out = check(&f, &ctx);
        let lines: Vec<String> = out.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(lines.len(), 3, "{lines:#?}");
        assert!(lines[0].starts_with("a/alice/d1.ron:14: span 9: [5, 99) is empty or outside"), "{}", lines[0]);
        assert!(lines[1].starts_with("a/alice/d1.ron:15: warning: span 10: label \"person\""), "{}", lines[1]);
        assert!(lines[2].contains("span 11: text \"勇\" does not match the document's \"张\""), "{}", lines[2]);
        assert!(!out.stale);
        assert!(out.read_only.is_some());
    }

    fn with_relations(text: &str) -> AnnotationFile {
        let mut f = sample(text);
        let relation = |id, from, to, kind: &str| Relation { id, from, to, kind: kind.into(), note: None };
        f.relations = vec![
            relation(1, 2, 1, "leads"),
            Relation { note: Some("同一\"人\"😀".into()), ..relation(2, 3, 1, "measures") },
        ];
        f.version = f.minimal_version().into();
        f
    }

    #[test]
    fn relations_round_trip_one_per_line_through_both_parsers() {
        let f = with_relations(TEXT);
        assert_eq!(f.version, "1.2");
        let ron = to_ron_string(&f);
        assert!(
            ron.contains("    relations: [\n        (id: 1, from: 2, to: 1, type: \"leads\", note: None),\n"),
            "{ron}"
        );
        assert_eq!(parse_canonical(&ron).as_ref(), Some(&f));
        // The generic RON reader (any other layout) reads the same values.
        let generic: AnnotationFile = ron::from_str(&ron.replace("\n        (", " (")).unwrap();
        assert_eq!(generic, f);
        assert_eq!(parse(Path::new("x.ron"), ron.as_bytes()).unwrap(), f);
        // Without relations the section is not written at all.
        let plain = sample(TEXT);
        assert!(!to_ron_string(&plain).contains("relations"));
        assert_eq!(plain.minimal_version(), "1.0");
    }

    #[test]
    fn bad_relations_are_named_with_their_lines() {
        let d = doc(TEXT);
        let mut f = with_relations(TEXT);
        let relation = |id, from, to, kind: &str| Relation { id, from, to, kind: kind.into(), note: None };
        f.relations.extend([
            relation(3, 2, 9, "leads"),
            relation(4, 2, 2, "alias"),
            relation(5, 2, 1, "leads"),
            relation(6, 1, 2, "founded"),
            relation(7, 1, 2, "affects"),
        ]);
        let raw = to_ron_string(&f);
        let relation_line = |id: u64| raw.lines().position(|l| l.contains(&format!("(id: {id}, from:"))).unwrap() + 1;
        let (labels, types) = defaults();
        let ctx = context(Path::new("a/alice/d1.ron"), &raw, &d, &labels, &types);
        let out = check(&f, &ctx);
        let lines: Vec<String> = out.problems.iter().map(|p| p.to_string()).collect();
        let expected = [
            format!("a/alice/d1.ron:{}: relation 3: its to span 9 does not exist in this file", relation_line(3)),
            format!("a/alice/d1.ron:{}: relation 4 links span 2 to itself", relation_line(4)),
            format!("a/alice/d1.ron:{}: warning: relation 4: alias from executive to executive", relation_line(4)),
            format!("a/alice/d1.ron:{}: warning: relation 5: leads from span 2 to span 1 twice", relation_line(5)),
            format!(
                "a/alice/d1.ron:{}: warning: relation 6: type \"founded\" is not in project.ron (kept)",
                relation_line(6)
            ),
            format!(
                "a/alice/d1.ron:{}: warning: relation 7: affects from product to executive is not one of its pairs (event → product) (kept)",
                relation_line(7)
            ),
        ];
        // Relation 4 (a self-loop) is also an allowed alias pair, so it carries no pair warning.
        let expected: Vec<&String> = expected.iter().filter(|e| !e.contains("alias from")).collect();
        assert_eq!(lines.len(), expected.len(), "{lines:#?}");
        for (line, want) in lines.iter().zip(expected) {
            assert!(line.starts_with(want.as_str()), "{line}\n  wanted {want}");
        }
        assert!(out.read_only.is_some(), "a missing end or a self-loop is an error");
    }

    #[test]
    fn hash_mismatch_is_stale_and_read_only() {
        let f = sample(TEXT);
        let other = doc("𠮷，张勇\n说😀！");
        let raw = to_ron_string(&f);
        let (labels, types) = defaults();
        let ctx = context(Path::new("d1.ron"), &raw, &other, &labels, &types);
        let out = check(&f, &ctx);
        assert!(out.stale);
        assert!(out.read_only.unwrap().starts_with("stale"));
        assert_eq!(out.problems[0].line, Some(6));
    }

    #[test]
    fn unknown_major_version_is_a_clear_error_and_newer_minor_is_read_only() {
        let mut f = sample(TEXT);
        f.version = "2.0".into();
        let err = parse(Path::new("f.ron"), to_ron_string(&f).as_bytes()).unwrap_err().to_string();
        assert!(err.contains("f.ron:3: format version \"2.0\"") && err.contains("1.x"), "{err}");

        f.version = "1.7".into();
        let raw = to_ron_string(&f).replace("    spans: [", "    reviewer: \"bob\",\n    spans: [");
        let parsed = parse(Path::new("f.ron"), raw.as_bytes()).unwrap();
        let d = doc(TEXT);
        let (labels, types) = defaults();
        let ctx = context(Path::new("f.ron"), &raw, &d, &labels, &types);
        assert!(check(&parsed, &ctx).read_only.unwrap().contains("newer newsanno"));
    }

    #[test]
    fn malformed_ron_names_line_and_column() {
        let raw = "AnnotationFile(\n    version: \"1.0\",\n    document: d1,\n)";
        let err = parse(Path::new("bad.ron"), raw.as_bytes()).unwrap_err().to_string();
        assert!(err.starts_with("bad.ron:3:"), "{err}");
    }
}
