//! The `agree` report as a table, JSON or CSV.

use std::fmt::Write as _;

use serde::Serialize;

use crate::report::StudyReport;
use crate::score::{PerLabel, Score, mean_defined};

/// Output formats of `newsanno agree`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// Aligned text tables.
    Table,
    /// One JSON object (shape in docs/AGREEMENT.md).
    Json,
    /// One row per value: scope, annotators, label, measure, value, note.
    Csv,
}

newsanno_core::named_values!(ReportFormat, "a report format", [Table => "table", Json => "json", Csv => "csv"]);

/// Per-label summary row (means over annotator pairs where a measure is pairwise).
#[derive(Debug, Clone, Serialize)]
pub struct LabelRow {
    /// Label name.
    pub label: String,
    /// Mean over pairs of exact-match F1.
    pub exact_f1: Score,
    /// Mean over pairs of overlap F1.
    pub overlap_f1: Score,
    /// Mean over pairs of Cohen's κ (inside/outside).
    pub cohen_kappa: Score,
    /// Fleiss' κ (inside/outside), three or more annotators.
    pub fleiss_kappa: Score,
    /// Krippendorff's α (inside/outside).
    pub alpha: Score,
    /// Mean over documents of α_U.
    pub alpha_u: Score,
}

/// Overall summary (means over pairs for pairwise measures).
#[derive(Debug, Clone, Serialize)]
pub struct OverallRow {
    /// Mean over pairs of micro exact F1.
    pub exact_f1: Score,
    /// Mean over pairs of micro overlap F1.
    pub overlap_f1: Score,
    /// Mean over pairs of Cohen's κ over IOB2 tags.
    pub cohen_kappa: Score,
    /// Fleiss' κ over IOB2 tags.
    pub fleiss_kappa: Score,
    /// Krippendorff's α over IOB2 tags.
    pub alpha: Score,
    /// Mean over documents of α_U.
    pub alpha_u: Score,
}

/// The summary rows derived from a report.
pub fn summary(report: &StudyReport) -> (OverallRow, Vec<LabelRow>) {
    let pairs = &report.pairs;
    let overall = OverallRow {
        exact_f1: mean_defined(pairs.iter().map(|p| p.exact.micro.f1)),
        overlap_f1: mean_defined(pairs.iter().map(|p| p.overlap.micro.f1)),
        cohen_kappa: mean_defined(pairs.iter().map(|p| p.cohen_iob2)),
        fleiss_kappa: report.fleiss_iob2,
        alpha: report.alpha_iob2,
        alpha_u: report.alpha_u,
    };
    let get = |m: &PerLabel, l: &str| m.get(l).copied().unwrap_or(Score::undefined("label not present"));
    let labels = report
        .labels
        .iter()
        .map(|l| LabelRow {
            label: l.clone(),
            exact_f1: mean_defined(pairs.iter().map(|p| get(&p.exact.per_label, l))),
            overlap_f1: mean_defined(pairs.iter().map(|p| get(&p.overlap.per_label, l))),
            cohen_kappa: mean_defined(pairs.iter().map(|p| get(&p.cohen_per_label, l))),
            fleiss_kappa: get(&report.fleiss_per_label, l),
            alpha: get(&report.alpha_per_label, l),
            alpha_u: get(&report.alpha_u_per_label, l),
        })
        .collect();
    (overall, labels)
}

#[derive(Serialize)]
struct JsonReport<'a> {
    format: &'static str,
    overall: OverallRow,
    per_label: Vec<LabelRow>,
    #[serde(flatten)]
    report: &'a StudyReport,
    notes: &'a [String],
}

/// Renders `report` in `format`; `notes` are files left out and why.
pub fn render(report: &StudyReport, notes: &[String], format: ReportFormat) -> String {
    match format {
        ReportFormat::Json => {
            let (overall, per_label) = summary(report);
            let json = JsonReport { format: "newsanno-agreement-1", overall, per_label, report, notes };
            serde_json::to_string_pretty(&json).unwrap_or_default() + "\n"
        }
        ReportFormat::Csv => csv(report),
        ReportFormat::Table => table(report, notes),
    }
}

fn table(report: &StudyReport, notes: &[String]) -> String {
    let mut out = String::new();
    let mut reasons: Vec<&'static str> = Vec::new();
    let mut cell = |s: Score| -> String {
        match s.undefined {
            None => format!("{:.4}", s.value),
            Some(r) => {
                let i = reasons.iter().position(|x| *x == r).unwrap_or_else(|| {
                    reasons.push(r);
                    reasons.len() - 1
                });
                format!("–[{}]", i + 1)
            }
        }
    };
    let _ = writeln!(
        out,
        "Agreement of {} ({} annotators) on {} documents; {} finished by all",
        report.annotators.join(", "),
        report.annotators.len(),
        report.documents,
        report.documents_all_done
    );
    let (overall, labels) = summary(report);
    let _ = writeln!(out, "\nOverall");
    let rows = [
        ("exact span F1 (mean over pairs)", overall.exact_f1),
        ("overlap F1 (mean over pairs)", overall.overlap_f1),
        ("Cohen's κ, IOB2 chars (mean over pairs)", overall.cohen_kappa),
        ("Fleiss' κ, IOB2 chars", overall.fleiss_kappa),
        ("Krippendorff's α, IOB2 chars", overall.alpha),
        ("α_U (mean over documents)", overall.alpha_u),
        ("relation exact F1 (mean over pairs)", report.relations_f1),
    ];
    for (name, value) in rows {
        let _ = writeln!(out, "  {name:<42} {}", cell(value));
    }
    let _ = writeln!(out, "\nPer label");
    let _ = writeln!(
        out,
        "  {:<14} {:>9} {:>10} {:>9} {:>9} {:>9} {:>9}",
        "label", "exact F1", "overlap F1", "Cohen κ", "Fleiss κ", "α", "α_U"
    );
    for row in &labels {
        let _ = writeln!(
            out,
            "  {:<14} {:>9} {:>10} {:>9} {:>9} {:>9} {:>9}",
            row.label,
            cell(row.exact_f1),
            cell(row.overlap_f1),
            cell(row.cohen_kappa),
            cell(row.fleiss_kappa),
            cell(row.alpha),
            cell(row.alpha_u)
        );
    }
    let _ = writeln!(out, "\nPairs (A = reference, B = prediction)");
    let _ = writeln!(
        out,
        "  {:<12} {:<12} {:>5} {:>9} {:>9} {:>9} {:>10} {:>9} {:>9}",
        "A", "B", "docs", "exact P", "exact R", "exact F1", "overlap F1", "Cohen κ", "rel. F1"
    );
    for p in &report.pairs {
        let _ = writeln!(
            out,
            "  {:<12} {:<12} {:>5} {:>9} {:>9} {:>9} {:>10} {:>9} {:>9}",
            p.a,
            p.b,
            p.documents,
            cell(p.exact.micro.precision),
            cell(p.exact.micro.recall),
            cell(p.exact.micro.f1),
            cell(p.overlap.micro.f1),
            cell(p.cohen_iob2),
            cell(p.relations.micro.f1)
        );
    }
    if report.pairs.iter().any(|p| p.relations.counts.reference + p.relations.counts.predicted > 0) {
        let _ = writeln!(out, "\nRelations per pair (exact: both ends, type and direction)");
        let _ = write!(out, "  {:<12} {:<12} {:>7} {:>5} {:>5}", "A", "B", "matched", "A", "B");
        for t in &report.relation_types {
            let _ = write!(out, " {t:>9}");
        }
        out.push('\n');
        for p in &report.pairs {
            let c = p.relations.counts;
            let _ = write!(out, "  {:<12} {:<12} {:>7} {:>5} {:>5}", p.a, p.b, c.matched, c.reference, c.predicted);
            for t in &report.relation_types {
                let f1 = p.relations.per_type.get(t).copied().unwrap_or(Score::undefined("type not present"));
                let _ = write!(out, " {:>9}", cell(f1));
            }
            out.push('\n');
        }
    }
    if !report.categories.is_empty() {
        let _ = writeln!(out, "\nDocument categories (each a yes/no per document; * the single choice as one value)");
        let _ = writeln!(
            out,
            "  {:<14} {:>5} {:>6} {:>9} {:>9} {:>9}",
            "category", "docs", "given", "Cohen κ", "Fleiss κ", "α"
        );
        for c in &report.categories {
            let _ = writeln!(
                out,
                "  {:<14} {:>5} {:>6} {:>9} {:>9} {:>9}",
                c.category,
                c.documents,
                c.given,
                cell(c.cohen_kappa),
                cell(c.fleiss_kappa),
                cell(c.alpha)
            );
        }
    }
    let _ = writeln!(out, "\nPairwise exact F1");
    let _ = write!(out, "  {:<12}", "");
    for a in &report.annotators {
        let _ = write!(out, " {a:>10}");
    }
    out.push('\n');
    for a in &report.annotators {
        let _ = write!(out, "  {a:<12}");
        for b in &report.annotators {
            let value = report.pairs.iter().find(|p| (&p.a, &p.b) == (a, b) || (&p.a, &p.b) == (b, a));
            let text = match value {
                Some(p) => cell(p.exact.micro.f1),
                None => "·".to_owned(),
            };
            let _ = write!(out, " {text:>10}");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "\nMost disagreement (top 20)");
    let _ = writeln!(out, "  {:<32} {:>8} {:>6} {:>9}", "document", "disputed", "spans", "α_U");
    for d in report.by_document.iter().take(20) {
        let _ = writeln!(out, "  {:<32} {:>8} {:>6} {:>9}", d.document, d.disputed_spans, d.spans, cell(d.alpha_u));
    }
    if !reasons.is_empty() {
        let _ = writeln!(out, "\n– undefined:");
        for (i, r) in reasons.iter().enumerate() {
            let _ = writeln!(out, "  [{}] {r}", i + 1);
        }
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "\nNot counted:");
        for n in notes {
            let _ = writeln!(out, "  {n}");
        }
    }
    out
}

fn csv(report: &StudyReport) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["scope", "a", "b", "label", "measure", "value", "undefined_because"]);
    let mut row = |scope: &str, a: &str, b: &str, label: &str, measure: &str, s: Score| {
        let value = if s.is_defined() { format!("{}", s.value) } else { String::new() };
        let _ = w.write_record([scope, a, b, label, measure, &value, s.undefined.unwrap_or("")]);
    };
    let (overall, labels) = summary(report);
    for (m, s) in [
        ("exact_f1", overall.exact_f1),
        ("overlap_f1", overall.overlap_f1),
        ("cohen_kappa", overall.cohen_kappa),
        ("fleiss_kappa", overall.fleiss_kappa),
        ("alpha", overall.alpha),
        ("alpha_u", overall.alpha_u),
        ("relation_f1", report.relations_f1),
    ] {
        row("overall", "", "", "", m, s);
    }
    for l in &labels {
        for (m, s) in [
            ("exact_f1", l.exact_f1),
            ("overlap_f1", l.overlap_f1),
            ("cohen_kappa", l.cohen_kappa),
            ("fleiss_kappa", l.fleiss_kappa),
            ("alpha", l.alpha),
            ("alpha_u", l.alpha_u),
        ] {
            row("label", "", "", &l.label, m, s);
        }
    }
    for p in &report.pairs {
        for (m, s) in [
            ("exact_precision", p.exact.micro.precision),
            ("exact_recall", p.exact.micro.recall),
            ("exact_f1", p.exact.micro.f1),
            ("overlap_f1", p.overlap.micro.f1),
            ("cohen_kappa", p.cohen_iob2),
            ("relation_precision", p.relations.micro.precision),
            ("relation_recall", p.relations.micro.recall),
            ("relation_f1", p.relations.micro.f1),
        ] {
            row("pair", &p.a, &p.b, "", m, s);
        }
        for (kind, f1) in &p.relations.per_type {
            row("pair", &p.a, &p.b, kind, "relation_f1", *f1);
        }
    }
    for d in &report.by_document {
        row("document", "", "", &d.document, "alpha_u", d.alpha_u);
    }
    for c in &report.categories {
        for (m, s) in [("cohen_kappa", c.cohen_kappa), ("fleiss_kappa", c.fleiss_kappa), ("alpha", c.alpha)] {
            row("category", "", "", &c.category, m, s);
        }
        for (a, b, k) in &c.cohen_per_pair {
            row("category", a, b, &c.category, "cohen_kappa", *k);
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
