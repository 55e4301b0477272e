//! Relations in review: every annotator's relations of the open document,
//! who has each, and accepting them into gold (a relation's two spans come
//! with it). Without egui, like the rest of the review's state.

use crate::review::Review;
use newsanno_core::model::{AnnotationFile, Edit, Relation, RelationType, Span, SpanKey};

/// A relation by its ends' values, as annotators' files are compared: from,
/// to, type (a symmetric type's ends in order).
pub type RelationKey = (SpanKey, SpanKey, String);

/// One distinct relation of the open document across the compared annotators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRelation {
    /// Its ends and type.
    pub key: RelationKey,
    /// "张勇 —leads→ 阿里云".
    pub text: String,
    /// The annotators who have it.
    pub by: Vec<String>,
    /// Gold has it.
    pub in_gold: bool,
}

// The keys of `file`'s relations, ends in order for symmetric types.
pub(crate) fn relation_keys(file: &AnnotationFile, types: &[RelationType]) -> Vec<(RelationKey, String)> {
    file.linked_spans(types)
        .map(|(a, b, r)| {
            let text = crate::linking::relation_text(
                &a.text,
                &r.kind,
                &b.text,
                newsanno_core::model::is_directed(types, &r.kind),
            );
            ((a.key(), b.key(), r.kind.clone()), text)
        })
        .collect()
}

impl Review {
    /// The open document's relations across the compared annotators, most shared first.
    pub fn relation_rows(&self) -> Vec<ReviewRelation> {
        let types = self.project.relation_types();
        let gold: Vec<RelationKey> = self
            .gold
            .as_ref()
            .and_then(|g| g.current.as_ref())
            .map(|c| relation_keys(&c.file, types).into_iter().map(|(k, _)| k).collect())
            .unwrap_or_default();
        let mut rows: Vec<ReviewRelation> = Vec::new();
        for (name, file) in &self.files {
            if name == newsanno_core::store::GOLD_ANNOTATOR {
                continue;
            }
            let Some(file) = file else { continue };
            for (key, text) in relation_keys(file, types) {
                match rows.iter_mut().find(|r| r.key == key) {
                    Some(row) if !row.by.contains(name) => row.by.push(name.clone()),
                    Some(_) => {}
                    None => {
                        rows.push(ReviewRelation { in_gold: gold.contains(&key), key, text, by: vec![name.clone()] })
                    }
                }
            }
        }
        rows.sort_by(|a, b| b.by.len().cmp(&a.by.len()).then_with(|| a.key.cmp(&b.key)));
        rows
    }

    /// Accepts the relation `key` into gold, with its spans where gold lacks them: one undoable edit.
    pub fn accept_relation(&mut self, key: &RelationKey) -> bool {
        let Some(edit) = self.relation_edit(std::slice::from_ref(key), Vec::new()) else {
            self.message = Some("gold already has this relation".to_owned());
            return false;
        };
        if let Some(gold) = &mut self.gold {
            gold.apply(edit);
        }
        true
    }

    // One edit adding `adds` plus the relations of `keys` gold lacks, with the spans they need
    // (spans already added by `adds` are used, not added twice).
    pub(crate) fn relation_edit(&self, keys: &[RelationKey], mut adds: Vec<Edit>) -> Option<Edit> {
        let gold = self.gold.as_ref()?.current.as_ref()?;
        let types = self.project.relation_types();
        let present: Vec<RelationKey> = relation_keys(&gold.file, types).into_iter().map(|(k, _)| k).collect();
        let mut next_span = gold.file.next_span_id().max(max_added_span(&adds) + 1);
        let mut changed = !adds.is_empty();
        for (next_relation, key) in (gold.file.next_relation_id()..).zip(keys.iter().filter(|k| !present.contains(k))) {
            let mut ends = [0u64; 2];
            for (slot, end) in ends.iter_mut().zip([&key.0, &key.1]) {
                *slot = match find_span(&gold.file, &adds, end) {
                    Some(id) => id,
                    None => {
                        let text = self.span_text(end)?;
                        let id = next_span;
                        next_span += 1;
                        adds.push(Edit::AddSpan(Span {
                            id,
                            start: end.start,
                            end: end.end,
                            label: end.label.clone(),
                            text,
                            note: None,
                            source: Default::default(),
                            attributes: Default::default(),
                            link: None,
                        }));
                        id
                    }
                };
            }
            adds.push(Edit::AddRelation(Relation {
                id: next_relation,
                from: ends[0],
                to: ends[1],
                kind: key.2.clone(),
                note: None,
            }));
            changed = true;
        }
        changed.then_some(Edit::Batch(adds))
    }

    // The text of a span some annotator has at `key`.
    fn span_text(&self, key: &SpanKey) -> Option<String> {
        self.files
            .iter()
            .filter_map(|(_, f)| f.as_ref())
            .find_map(|f| f.find(key.start, key.end, &key.label))
            .map(|s| s.text.clone())
    }

    /// The relations at least `min_agree` voters have, for "accept agreed".
    pub(crate) fn agreed_relations(&self) -> Vec<RelationKey> {
        self.relation_rows().into_iter().filter(|r| r.by.len() >= self.min_agree.max(1)).map(|r| r.key).collect()
    }
}

fn max_added_span(adds: &[Edit]) -> u64 {
    adds.iter().filter_map(|e| if let Edit::AddSpan(s) = e { Some(s.id) } else { None }).max().unwrap_or(0)
}

// Gold's span at `key`, or one `adds` is adding.
fn find_span(file: &AnnotationFile, adds: &[Edit], key: &SpanKey) -> Option<u64> {
    file.find(key.start, key.end, &key.label).map(|s| s.id).or_else(|| {
        adds.iter().find_map(|e| match e {
            Edit::AddSpan(s) if s.key() == *key => Some(s.id),
            _ => None,
        })
    })
}
