//! `newsanno assign`: handing documents out to a team, with overlap for agreement.
//!
//! Every document gets one annotator, or K of them (`--overlap K`); with an
//! agreement sample (`--agreement-sample N`), N documents get K and the rest
//! one. Annotators are loaded in proportion to their weights: each free slot
//! goes to the annotator with the smallest (assigned + 1) / weight, ties broken
//! by a hash of the seed, the document and the name, so a seed always gives
//! the same plan. A re-run keeps what is assigned and places only documents
//! the file does not name yet; `--rebalance` also frees the assignments not
//! started yet (no file, or "not started") and places them again.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::store::assignments::Assignments;

/// How many annotators documents get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlap {
    /// Annotators per overlapping document (1: none overlap).
    pub per_document: usize,
    /// How many documents overlap; `None`: all of them.
    pub sample: Option<usize>,
}

/// What a lead asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The team, with each one's weight (share of the work).
    pub team: Vec<(String, f64)>,
    /// Overlap for agreement.
    pub overlap: Overlap,
    /// Seed of the tie-breaks and of the agreement sample's choice.
    pub seed: u64,
    /// Free and place again the assignments nobody has started.
    pub rebalance: bool,
}

/// The new plan and what changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Document → annotators.
    pub assignments: Assignments,
    /// Documents placed that the old file did not name.
    pub added: usize,
    /// Assignments freed by `--rebalance` and placed again (perhaps with the same annotator).
    pub moved: usize,
    /// Assignments of documents no longer in the corpus, dropped.
    pub dropped: usize,
}

// FNV-1a: a stable hash for tie-breaks (the same on every machine and Rust version).
fn tie_break(seed: u64, document: &str, annotator: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in seed.to_le_bytes().iter().chain(document.as_bytes()).chain(&[0]).chain(annotator.as_bytes()) {
        h ^= u64::from(*byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Checks a request against the team it names: safe, distinct names, positive weights, overlap ≤ team.
pub fn check_request(request: &Request) -> Result<()> {
    if request.team.is_empty() {
        return Err(Error::Usage("--annotators names nobody".to_owned()));
    }
    for (i, (name, weight)) in request.team.iter().enumerate() {
        crate::store::ids::check_annotator_name(name).map_err(|e| Error::Usage(format!("annotator {name:?}: {e}")))?;
        if request.team[..i].iter().any(|(other, _)| other == name) {
            return Err(Error::Usage(format!("annotator {name:?} is named twice")));
        }
        if !(weight.is_finite() && *weight > 0.0) {
            return Err(Error::Usage(format!("the weight of {name} must be a positive number, not {weight}")));
        }
        if name == crate::store::GOLD_ANNOTATOR {
            return Err(Error::Usage("gold is the adjudicated answer key, not an annotator to assign to".to_owned()));
        }
    }
    let k = request.overlap.per_document;
    if k == 0 {
        return Err(Error::Usage("--overlap must be at least 1".to_owned()));
    }
    if k > request.team.len() {
        return Err(Error::Usage(format!(
            "--overlap {k} is larger than the team ({} annotator{})",
            request.team.len(),
            if request.team.len() == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}

/// Plans the assignment of `documents` (the corpus's ids, in corpus order)
/// from `existing` (the current file, if any). `started(document, annotator)`
/// says whether that annotator has begun it (only asked with `rebalance`).
pub fn plan(
    documents: &[String],
    existing: Option<&Assignments>,
    request: &Request,
    started: &dyn Fn(&str, &str) -> bool,
) -> Result<Outcome> {
    check_request(request)?;
    let k = request.overlap.per_document;
    if let Some(n) = request.overlap.sample
        && n > documents.len()
    {
        return Err(Error::Usage(format!(
            "--agreement-sample {n} is more than the corpus's {} documents",
            documents.len()
        )));
    }
    let in_corpus: std::collections::HashSet<&str> = documents.iter().map(String::as_str).collect();
    let mut assignments = existing.cloned().unwrap_or_else(|| Assignments::new(request.seed));
    assignments.seed = request.seed;
    let before = assignments.documents.len();
    assignments.documents.retain(|d, _| in_corpus.contains(d.as_str()));
    let dropped = before - assignments.documents.len();

    // Slots to fill: document → annotators still wanted.
    let mut wanted: BTreeMap<String, usize> = BTreeMap::new();
    let mut moved = 0;
    if request.rebalance {
        for (doc, who) in assignments.documents.iter_mut() {
            let before = who.len();
            who.retain(|a| started(doc, a));
            if who.len() < before {
                moved += before - who.len();
                wanted.insert(doc.clone(), before - who.len());
            }
        }
    }
    // Documents the file does not name: K annotators for the (rest of the) agreement sample, else one.
    let mut new_docs: Vec<&String> = documents.iter().filter(|d| !assignments.documents.contains_key(*d)).collect();
    new_docs.sort_by_key(|d| (tie_break(request.seed, d, ""), d.as_str()));
    let overlapping_already =
        assignments.documents.iter().filter(|(d, who)| who.len() + wanted.get(*d).copied().unwrap_or(0) >= 2).count();
    let sample_left = match request.overlap.sample {
        None => usize::MAX,
        Some(n) => n.saturating_sub(overlapping_already),
    };
    for (i, doc) in new_docs.iter().enumerate() {
        wanted.insert((*doc).clone(), if i < sample_left { k } else { 1 });
        assignments.documents.insert((*doc).clone(), Vec::new());
    }
    let added = new_docs.len();

    // Overlapping documents first (spread evenly), then the rest, in seeded order.
    let mut order: Vec<(&String, usize)> = wanted.iter().map(|(d, n)| (d, *n)).collect();
    order.sort_by_key(|(d, n)| (std::cmp::Reverse(*n), tie_break(request.seed, d, ""), d.as_str()));
    let mut load: BTreeMap<&str, usize> = request.team.iter().map(|(a, _)| (a.as_str(), 0)).collect();
    for who in assignments.documents.values() {
        for a in who {
            if let Some(l) = load.get_mut(a.as_str()) {
                *l += 1;
            }
        }
    }
    for (doc, count) in order {
        let Some(who) = assignments.documents.get_mut(doc.as_str()) else { continue };
        for _ in 0..count {
            let pick = request
                .team
                .iter()
                .filter(|(a, _)| !who.contains(a))
                .min_by(|(a, wa), (b, wb)| {
                    let share = |name: &str, w: f64| (load[name] + 1) as f64 / w;
                    share(a, *wa)
                        .total_cmp(&share(b, *wb))
                        .then_with(|| tie_break(request.seed, doc, a).cmp(&tie_break(request.seed, doc, b)))
                })
                .map(|(a, _)| a.clone());
            // Fewer candidates than slots only when a document keeps started annotators outside the team.
            let Some(pick) = pick else { break };
            if let Some(l) = load.get_mut(pick.as_str()) {
                *l += 1;
            }
            who.push(pick);
        }
    }
    Ok(Outcome { assignments, added, moved, dropped })
}

/// Parses `a=2,b=1` into weights; every team member not named weighs 1.
pub fn parse_weights(text: &str) -> Result<BTreeMap<String, f64>> {
    let mut weights = BTreeMap::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((name, value)) = part.split_once('=') else {
            return Err(Error::Usage(format!("--weights: {part:?} is not NAME=NUMBER")));
        };
        let value: f64 = value
            .trim()
            .parse()
            .map_err(|_| Error::Usage(format!("--weights: {value:?} (for {name}) is not a number")))?;
        weights.insert(name.trim().to_owned(), value);
    }
    Ok(weights)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("d{i:04}")).collect()
    }

    fn team(names: &[&str]) -> Vec<(String, f64)> {
        names.iter().map(|n| ((*n).to_owned(), 1.0)).collect()
    }

    fn request(team: Vec<(String, f64)>, per_document: usize, sample: Option<usize>, seed: u64) -> Request {
        Request { team, overlap: Overlap { per_document, sample }, seed, rebalance: false }
    }

    fn overlapping(a: &Assignments) -> usize {
        a.documents.values().filter(|w| w.len() >= 2).count()
    }

    #[test]
    fn an_agreement_sample_overlaps_exactly_and_loads_are_even_and_the_same_for_a_seed() {
        let docs = ids(100);
        let req = request(team(&["alice", "bob", "carol"]), 2, Some(10), 7);
        let out = plan(&docs, None, &req, &|_, _| false).unwrap();
        assert_eq!(out.added, 100);
        assert_eq!(overlapping(&out.assignments), 10);
        assert!(out.assignments.documents.values().all(|w| !w.is_empty() && w.len() <= 2));
        let mut loads: Vec<usize> = out.assignments.counts().into_values().collect();
        loads.sort();
        assert_eq!(loads, [36, 37, 37], "110 assignments over three");
        // The same seed gives the same plan; another seed another.
        assert_eq!(plan(&docs, None, &req, &|_, _| false).unwrap(), out);
        let other = plan(&docs, None, &Request { seed: 8, ..req.clone() }, &|_, _| false).unwrap();
        assert_ne!(other.assignments.documents, out.assignments.documents);
    }

    #[test]
    fn a_rerun_keeps_every_assignment_and_places_only_new_documents() {
        let req = request(team(&["alice", "bob", "carol"]), 2, Some(10), 7);
        let first = plan(&ids(100), None, &req, &|_, _| false).unwrap().assignments;
        let again = plan(&ids(130), Some(&first), &req, &|_, _| false).unwrap();
        assert_eq!(again.added, 30);
        for (doc, who) in &first.documents {
            assert_eq!(&again.assignments.documents[doc], who, "{doc} kept");
        }
        assert_eq!(overlapping(&again.assignments), 10, "the sample is already full");
        let mut loads: Vec<usize> = again.assignments.counts().into_values().collect();
        loads.sort();
        assert_eq!(loads, [46, 47, 47], "140 assignments over three");
        // Nothing new: nothing changes.
        let same = plan(&ids(130), Some(&again.assignments), &req, &|_, _| false).unwrap();
        assert_eq!((same.added, same.assignments), (0, again.assignments));
    }

    #[test]
    fn weights_share_the_work_and_overlap_for_all_gives_every_document_k() {
        let mut weighted = team(&["alice", "bob"]);
        weighted[0].1 = 2.0;
        let out = plan(&ids(90), None, &request(weighted, 1, None, 1), &|_, _| false).unwrap();
        assert_eq!(out.assignments.counts(), BTreeMap::from([("alice".into(), 60), ("bob".into(), 30)]));
        let all = plan(&ids(30), None, &request(team(&["a", "b", "c"]), 2, None, 1), &|_, _| false).unwrap();
        assert!(all.assignments.documents.values().all(|w| w.len() == 2));
        assert_eq!(all.assignments.counts().into_values().collect::<Vec<_>>(), [20, 20, 20]);
    }

    #[test]
    fn rebalance_moves_only_what_nobody_started_and_brings_in_a_new_annotator() {
        let req = request(team(&["alice", "bob"]), 1, None, 3);
        let first = plan(&ids(40), None, &req, &|_, _| false).unwrap().assignments;
        // alice started her first 5 documents; bob started all of his.
        let alice_started: Vec<String> = first.of("alice").take(5).map(str::to_owned).collect();
        let started = |doc: &str, who: &str| who == "bob" || alice_started.iter().any(|d| d == doc);
        let mut bigger = req.clone();
        bigger.team.push(("dan".into(), 1.0));
        bigger.rebalance = true;
        let out = plan(&ids(40), Some(&first), &bigger, &started).unwrap();
        assert_eq!(out.moved, 15, "alice's 15 not started are freed");
        let counts = out.assignments.counts();
        assert_eq!(counts["bob"], 20, "bob keeps everything he started");
        assert!(alice_started.iter().all(|d| out.assignments.is_assigned(d, "alice")));
        assert_eq!(counts["alice"] + counts["dan"], 20);
        assert!(counts["dan"] >= 6, "{counts:?}");
    }

    #[test]
    fn bad_requests_are_clear_errors() {
        let err = |r: Request| plan(&ids(5), None, &r, &|_, _| false).unwrap_err().to_string();
        assert!(
            err(request(team(&["a", "b"]), 3, None, 0)).contains("--overlap 3 is larger than the team (2 annotators)")
        );
        assert!(err(request(team(&["a", "../b"]), 1, None, 0)).contains("\"../b\""));
        assert!(err(request(team(&["a", "a"]), 1, None, 0)).contains("named twice"));
        assert!(err(request(team(&["a", "b"]), 2, Some(9), 0)).contains("more than the corpus's 5 documents"));
        let mut zero = team(&["a"]);
        zero[0].1 = 0.0;
        assert!(err(request(zero, 1, None, 0)).contains("positive"));
        assert!(parse_weights("a=2,b").unwrap_err().to_string().contains("NAME=NUMBER"));
        assert_eq!(parse_weights("a=2, b=0.5").unwrap(), BTreeMap::from([("a".into(), 2.0), ("b".into(), 0.5)]));
    }
}
