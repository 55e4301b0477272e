//! Builds the two annotators' files of the bundled sample project
//! (`assets/sample`), deterministically, through the library's own store.
//!
//! The annotators follow dictionaries of names, products and events, plus a
//! scanner for figures with units. They disagree in the ways real annotators
//! do: bob leaves "同比增长" out of growth figures, misses some figures and
//! names, prefers the long form 阿里云智能集团, and labels a few extra things.
//! Run by tools/make_sample.sh; not needed at run time.

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;

use newsanno::{AnnotationFile, Document, Project, Status};

const EXECUTIVES: &[&str] = &[
    "张勇",
    "吴泳铭",
    "叶军",
    "蒂姆·库克",
    "库克",
    "Tim Cook",
    "李飞飞",
    "余凯",
    "杨冬生",
    "王来春",
    "周靖人",
    "杨冰",
    "黄仁勋",
];
const PRODUCTS: &[&str] = &[
    "阿里云",
    "钉钉",
    "钉钉AI助理",
    "PolarDB",
    "PolarDB 3.0",
    "PolarDB for AI",
    "通义千问",
    "iPhone 17",
    "iPhone 17 Pro Max",
    "征程7",
    "OceanBase",
    "GaussDB",
    "闲鱼",
    "饿了么",
    "DingTalk Lite",
    "Apple Intelligence",
    "灵骏",
    "含光900",
    "昇腾910C",
    "百炼",
    "OSS",
    "ECS",
    "Mate 80",
    "文心",
    "混元",
    "盘古大模型5.5",
    "天神之眼",
    "Office 365",
    "Orin-X",
    "H20",
    "Qwen",
    "DeepSeek-R2",
];
const EVENTS: &[&str] =
    &["服务中断事故", "服务中断", "存储故障", "2026云栖大会", "云栖大会", "钉钉生态大会2026", "电话会", "配置错误"];
const GROWTH_PREFIXES: &[&str] = &["同比增长", "同比下降", "同比提高", "增长", "下降", "上涨"];
// Longest first, so 亿元 wins over 亿.
const UNITS: &[&str] = &[
    "个百分点",
    "亿美元",
    "亿港元",
    "万亿",
    "亿元",
    "万元",
    "港元",
    "美元",
    "万台",
    "万家",
    "万卡",
    "万片",
    "万架",
    "万个",
    "亿次",
    "万次",
    "EFLOPS",
    "TOPS",
    "兆瓦",
    "纳米",
    "分钟",
    "小时",
    "元",
    "万",
    "亿",
    "%",
    "倍",
    "瓦",
    "GB",
    "台",
    "家",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Annotator {
    Alice,
    Bob,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let configure_only = args.iter().any(|a| a == "--configure-only");
    let relations_only = args.iter().any(|a| a == "--relations-only");
    let Some(dir) = args.iter().find(|a| !a.starts_with("--")).map(PathBuf::from) else {
        eprintln!("usage: make_sample [--configure-only] PROJECT_DIR");
        return ExitCode::from(2);
    };
    let result = configure_suggestions(&dir).and_then(|()| {
        if configure_only {
            Ok(())
        } else if relations_only {
            add_relations_to_existing(&dir)
        } else {
            run(&dir)
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// Points the executive and product labels at the sample's term lists
/// (tools/sample-terms, copied to terms/ by tools/make_sample.sh).
fn configure_suggestions(dir: &std::path::Path) -> newsanno::Result<()> {
    let path = dir.join(newsanno::store::PROJECT_FILE);
    let mut config = newsanno::store::ProjectConfig::read(&path)?;
    for label in &mut config.labels {
        *label = label.clone().with_default_suggestions();
        match label.name.as_str() {
            "executive" => label.terms = vec!["terms/executive.txt".to_owned()],
            "product" => label.terms = vec!["terms/product.txt".to_owned()],
            _ => {}
        }
    }
    config.write(&path)
}

fn run(dir: &std::path::Path) -> newsanno::Result<()> {
    let project = Project::open(dir)?;
    let ids: Vec<String> = project.documents().iter().map(|d| d.id.clone()).collect();
    let last = ids.len().saturating_sub(1);
    for (n, id) in ids.iter().enumerate() {
        let doc = project.load_document(id)?;
        for who in [Annotator::Alice, Annotator::Bob] {
            let name = if who == Annotator::Alice { "alice" } else { "bob" };
            let mut file = AnnotationFile::new(id, name, &doc.entry.text_hash);
            // Bob has only reached the first part of the long feature.
            let limit = if who == Annotator::Bob && n == last { doc.text.char_len() / 3 } else { usize::MAX };
            for (start, end, label) in spans(&doc, who) {
                if end <= limit {
                    // Duplicates cannot arise (one match per label and range).
                    let _ = file.add_span(&doc.text, start, end, label);
                }
            }
            file.status = if n == last { Status::InProgress } else { Status::Done };
            if who == Annotator::Alice
                && let Some(span) = file.spans.iter_mut().find(|s| s.text == "库克")
            {
                span.note = Some("同一人：蒂姆·库克（简称）".to_owned());
            }
            if who == Annotator::Bob && doc.text().contains("Counterpoint") {
                file.comment = "Counterpoint 是机构名，算不算 product？待组长确认。".to_owned();
            }
            if who == Annotator::Alice && n == last {
                file.comment = "长文，附录部分还没标完。".to_owned();
            }
            add_relations(&mut file, &doc, who);
            project.save_annotation(&mut file, &doc)?;
        }
    }
    Ok(())
}

/// Adds relations to the sample files made before relations existed (format
/// 1.2), leaving their spans as they are; files with relations are skipped.
fn add_relations_to_existing(dir: &std::path::Path) -> newsanno::Result<()> {
    let project = Project::open(dir)?;
    let ids: Vec<String> = project.documents().iter().map(|d| d.id.clone()).collect();
    for id in &ids {
        let doc = project.load_document(id)?;
        for (who, name) in [(Annotator::Alice, "alice"), (Annotator::Bob, "bob")] {
            let Some(loaded) = project.load_annotation(name, &doc)? else { continue };
            let mut file = loaded.file;
            if file.relations.is_empty() {
                add_relations(&mut file, &doc, who);
                project.save_annotation(&mut file, &doc)?;
            }
        }
    }
    Ok(())
}

// Relations inside one sentence, as the guidelines describe them: an executive
// leads the nearest product after it, a figure measures the nearest product or
// event before it, an event affects the nearest product after it, and a short
// name is an alias of the full one. Bob misses every third figure's relation
// and never links aliases.
fn add_relations(file: &mut AnnotationFile, doc: &Document, who: Annotator) {
    let chars: Vec<char> = doc.text().chars().collect();
    let sentence_of = |at: usize| chars[..at].iter().filter(|c| matches!(c, '。' | '！' | '？' | '\n')).count();
    let spans: Vec<(u64, usize, usize, String, String)> =
        file.spans.iter().map(|s| (s.id, s.start, s.end, s.label.clone(), s.text.clone())).collect();
    let mut links: Vec<(u64, u64, &str)> = Vec::new();
    let mut figures = 0;
    for (id, start, end, label, _) in &spans {
        let same_sentence = |s: &usize| sentence_of(*s) == sentence_of(*start);
        let after = |wanted: &[&str]| {
            spans
                .iter()
                .filter(|o| o.1 >= *end && wanted.contains(&o.3.as_str()) && same_sentence(&o.1))
                .min_by_key(|o| o.1)
        };
        let before = |wanted: &[&str]| {
            spans
                .iter()
                .filter(|o| o.2 <= *start && wanted.contains(&o.3.as_str()) && same_sentence(&o.1))
                .max_by_key(|o| o.1)
        };
        match label.as_str() {
            "executive" => links.extend(after(&["product"]).map(|o| (*id, o.0, "leads"))),
            "event" => links.extend(after(&["product"]).map(|o| (*id, o.0, "affects"))),
            "metric" => {
                if let Some(o) = before(&["product", "event"]) {
                    figures += 1;
                    if !(who == Annotator::Bob && figures % 3 == 0) {
                        links.push((*id, o.0, "measures"));
                    }
                }
            }
            _ => {}
        }
    }
    if who == Annotator::Alice {
        let full = spans.iter().find(|s| s.4 == "蒂姆·库克");
        for short in spans.iter().filter(|s| s.4 == "库克") {
            links.extend(full.map(|f| (short.0, f.0, "alias")));
        }
    }
    for (from, to, kind) in links {
        let id = file.next_relation_id();
        file.relations.push(newsanno::Relation { id, from, to, kind: kind.to_owned(), note: None });
    }
}

fn spans(doc: &Document, who: Annotator) -> Vec<(usize, usize, &'static str)> {
    let bob = who == Annotator::Bob;
    let executives: Vec<&str> =
        EXECUTIVES.iter().copied().filter(|e| !(bob && matches!(*e, "库克" | "Tim Cook"))).collect();
    let mut products: Vec<&str> = PRODUCTS.iter().copied().filter(|p| !(bob && *p == "OceanBase")).collect();
    let mut events = EVENTS.to_vec();
    if bob {
        products.extend(["阿里云智能集团", "Counterpoint"]);
        events.push("发布会");
    }
    let mut out = Vec::new();
    out.extend(dictionary_spans(doc, &executives).into_iter().map(|(s, e)| (s, e, "executive")));
    out.extend(dictionary_spans(doc, &products).into_iter().map(|(s, e)| (s, e, "product")));
    out.extend(dictionary_spans(doc, &events).into_iter().map(|(s, e)| (s, e, "event")));
    for (i, (s, e)) in metric_spans(doc, !bob).into_iter().enumerate() {
        if !(bob && i % 5 == 4) {
            out.push((s, e, "metric"));
        }
    }
    out
}

// Every occurrence of every term, longest terms first, no two overlapping.
fn dictionary_spans(doc: &Document, terms: &[&str]) -> Vec<(usize, usize)> {
    let mut terms = terms.to_vec();
    terms.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    let mut taken: HashSet<usize> = HashSet::new();
    let mut out = Vec::new();
    for term in terms {
        for (byte, _) in doc.text().match_indices(term) {
            let Some(start) = doc.text.char_from_byte(byte) else { continue };
            let end = start + term.chars().count();
            // Latin terms must not be glued to other Latin letters or digits (H20 in "H200").
            let glued = |at: Option<char>| at.is_some_and(|c| c.is_ascii_alphanumeric());
            if term.is_ascii()
                && (glued(start.checked_sub(1).and_then(|p| doc.text.char_at(p))) || glued(doc.text.char_at(end)))
            {
                continue;
            }
            if (start..end).any(|c| taken.contains(&c)) {
                continue;
            }
            taken.extend(start..end);
            out.push((start, end));
        }
    }
    out.sort();
    out
}

// Numbers with a unit (167.61亿元, 2300万, 37%); with `with_prefix`, a growth
// word right before the number is included (同比增长37%), as the guidelines ask.
fn metric_spans(doc: &Document, with_prefix: bool) -> Vec<(usize, usize)> {
    let chars: Vec<char> = doc.text().chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_number =
            chars[i].is_ascii_digit() && (i == 0 || !(chars[i - 1].is_ascii_alphanumeric() || chars[i - 1] == '.'));
        if !starts_number {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len()
            && (chars[j].is_ascii_digit()
                || (matches!(chars[j], '.' | ',') && chars.get(j + 1).is_some_and(char::is_ascii_digit)))
        {
            j += 1;
        }
        let after_space = if chars.get(j) == Some(&' ') { j + 1 } else { j };
        let rest: String = chars[after_space..chars.len().min(after_space + 6)].iter().collect();
        if let Some(unit) = UNITS.iter().find(|u| rest.starts_with(**u)) {
            let end = after_space + unit.chars().count();
            let mut start = i;
            if with_prefix {
                let before: String = chars[i.saturating_sub(4)..i].iter().collect();
                if let Some(prefix) = GROWTH_PREFIXES.iter().find(|p| before.ends_with(**p)) {
                    start = i - prefix.chars().count();
                }
            }
            out.push((start, end));
            i = end;
        } else {
            i = j;
        }
    }
    out
}
