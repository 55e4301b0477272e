//! Splitting documents into parts (train / validation / test), by a seeded
//! hash, or as a manifest of an earlier split says.

use std::collections::BTreeMap;

use newsanno_core::error::{Error, Result};

use crate::document::ExportDocument;

/// Split name → its documents, in split order.
pub type Parts = Vec<(String, Vec<ExportDocument>)>;

/// The split manifest's format tag.
pub const SPLITS_FORMAT: &str = "newsanno-splits-1";

/// Splits `docs` into `parts` by document, or, with `split_from`, keeps the
/// documents the manifest names in their split and places only the others;
/// returns the parts and the manifest (JSON) that reproduces them.
pub fn split_with_manifest(
    docs: Vec<ExportDocument>,
    parts: &[(String, f64)],
    seed: u64,
    split_from: Option<&std::path::Path>,
    command: &str,
) -> Result<(Parts, serde_json::Value)> {
    let (parts, seed, earlier): (Vec<(String, f64)>, u64, BTreeMap<String, String>) = match split_from {
        None => (parts.to_vec(), seed, BTreeMap::new()),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            let m: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| Error::at_line(path, e.line(), format!("not valid JSON: {e}")))?;
            if m["format"] != SPLITS_FORMAT {
                return Err(Error::invalid(path, format!("not a split manifest (format is not {SPLITS_FORMAT:?})")));
            }
            let fractions: Vec<(String, f64)> = m["fractions"]
                .as_array()
                .ok_or_else(|| Error::invalid(path, "no \"fractions\" list"))?
                .iter()
                .filter_map(|p| Some((p.get(0)?.as_str()?.to_owned(), p.get(1)?.as_f64()?)))
                .collect();
            let mut earlier = BTreeMap::new();
            for (part, ids) in m["documents"].as_object().into_iter().flatten() {
                for id in ids.as_array().into_iter().flatten().filter_map(|v| v.as_str()) {
                    earlier.insert(id.to_owned(), part.clone());
                }
            }
            (fractions, m["seed"].as_u64().unwrap_or(seed), earlier)
        }
    };
    let (known, new): (Vec<ExportDocument>, Vec<ExportDocument>) =
        docs.into_iter().partition(|d| earlier.contains_key(&d.id));
    let mut out: Vec<(String, Vec<ExportDocument>)> = parts.iter().map(|(n, _)| (n.clone(), Vec::new())).collect();
    for doc in known {
        let part = &earlier[&doc.id];
        match out.iter_mut().find(|(n, _)| n == part) {
            Some((_, docs)) => docs.push(doc),
            None => out.push((part.clone(), vec![doc])),
        }
    }
    for (name, placed) in split(new, &parts, seed) {
        if let Some((_, docs)) = out.iter_mut().find(|(n, _)| *n == name) {
            docs.extend(placed);
        }
    }
    for (_, docs) in out.iter_mut() {
        docs.sort_by(|a, b| a.id.cmp(&b.id));
    }
    let documents: serde_json::Map<String, serde_json::Value> = out
        .iter()
        .map(|(n, docs)| (n.clone(), serde_json::json!(docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>())))
        .collect();
    let manifest = serde_json::json!({
        "format": SPLITS_FORMAT,
        "seed": seed,
        "fractions": parts.iter().map(|(n, f)| serde_json::json!([n, f])).collect::<Vec<_>>(),
        "command": command,
        "documents": documents,
    });
    Ok((out, manifest))
}

/// Parses `train=0.8,dev=0.1,test=0.1`.
pub fn parse_split(spec: &str) -> std::result::Result<Vec<(String, f64)>, String> {
    let mut parts = Vec::new();
    for item in spec.split(',') {
        let (name, fraction) = item.split_once('=').ok_or_else(|| format!("{item:?} is not name=fraction"))?;
        let fraction: f64 = fraction.trim().parse().map_err(|_| format!("{fraction:?} is not a number"))?;
        if !(0.0..=1.0).contains(&fraction) || name.trim().is_empty() {
            return Err(format!("{item:?}: fractions are between 0 and 1"));
        }
        parts.push((name.trim().to_owned(), fraction));
    }
    let total: f64 = parts.iter().map(|p| p.1).sum();
    if (total - 1.0).abs() > 1e-6 {
        return Err(format!("fractions add up to {total}, not 1"));
    }
    Ok(parts)
}

/// Splits documents into parts of the given fractions, deterministically for
/// a seed. Documents are shuffled by a seeded hash of their id, then each part
/// takes its share; where a label would be missing from a part that has room,
/// a document carrying it is swapped in from the largest part.
pub fn split(docs: Vec<ExportDocument>, parts: &[(String, f64)], seed: u64) -> Vec<(String, Vec<ExportDocument>)> {
    use sha2::{Digest as _, Sha256};
    let mut keyed: Vec<(Vec<u8>, ExportDocument)> =
        docs.into_iter().map(|d| (Sha256::digest(format!("{seed}\u{0}{}", d.id).as_bytes()).to_vec(), d)).collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    let n = keyed.len();
    let mut sizes: Vec<usize> = parts.iter().map(|(_, f)| (f * n as f64).floor() as usize).collect();
    // Hand out the remainder to the parts in order, so every document lands somewhere.
    let mut rest = n - sizes.iter().sum::<usize>();
    for s in sizes.iter_mut() {
        if rest == 0 {
            break;
        }
        *s += 1;
        rest -= 1;
    }
    let mut iter = keyed.into_iter().map(|(_, d)| d);
    let mut out: Vec<(String, Vec<ExportDocument>)> =
        parts.iter().zip(&sizes).map(|((name, _), &size)| (name.clone(), iter.by_ref().take(size).collect())).collect();
    // Label coverage: move a document with a missing label from the largest part.
    let labels: std::collections::BTreeSet<String> =
        out.iter().flat_map(|(_, ds)| ds.iter().flat_map(|d| d.spans.iter().map(|s| s.label.clone()))).collect();
    for label in &labels {
        for target in 0..out.len() {
            let has = |ds: &[ExportDocument]| ds.iter().any(|d| d.spans.iter().any(|s| &s.label == label));
            if out[target].1.is_empty() || has(&out[target].1) {
                continue;
            }
            let donor = (0..out.len())
                .filter(|&i| {
                    i != target && out[i].1.iter().filter(|d| d.spans.iter().any(|s| &s.label == label)).count() > 1
                })
                .max_by_key(|&i| out[i].1.len());
            if let Some(donor) = donor
                && let Some(pos) = out[donor].1.iter().position(|d| d.spans.iter().any(|s| &s.label == label))
            {
                let doc = out[donor].1.remove(pos);
                // Swap: the target gives back its first document to keep the sizes.
                let back = out[target].1.remove(0);
                out[target].1.push(doc);
                out[donor].1.push(back);
            }
        }
    }
    out
}
