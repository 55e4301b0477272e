//! Relations: typed links between two spans of one annotation file
//! (张勇 —leads→ 阿里云), and the relation types a project defines.

use serde::{Deserialize, Serialize};

use crate::model::Label;

/// One relation type of a project, as stored in `project.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "RelationType")]
pub struct RelationType {
    /// The name written into every relation (`leads`); unique within a project.
    pub name: String,
    /// Display colour as `#RRGGBB`.
    pub color: String,
    /// The key that picks this type after R in the window (`"1"`–`"9"`), or empty for none.
    #[serde(default)]
    pub hotkey: String,
    /// Whether `from → to` differs from `to → from` (`leads`); symmetric types (`alias`) do not.
    #[serde(default = "directed_by_default")]
    pub directed: bool,
    /// The (from label → to label) pairs the type is meant for; empty means any pair.
    /// A relation outside them is kept, with a warning.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<LabelPair>,
    /// What the type means, shown in the window.
    #[serde(default)]
    pub description: String,
}

fn directed_by_default() -> bool {
    true
}

/// A (from label, to label) pair a relation type allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Pair")]
pub struct LabelPair {
    /// Label of the relation's `from` span.
    pub from: String,
    /// Label of the relation's `to` span.
    pub to: String,
}

impl LabelPair {
    /// The pair `from → to`.
    pub fn new(from: &str, to: &str) -> Self {
        LabelPair { from: from.to_owned(), to: to.to_owned() }
    }
}

impl RelationType {
    /// A directed type called `name` with no colour, key, pairs or description.
    pub fn plain(name: &str) -> Self {
        RelationType {
            name: name.to_owned(),
            color: "#555555".to_owned(),
            hotkey: String::new(),
            directed: true,
            allowed: Vec::new(),
            description: String::new(),
        }
    }

    /// Whether a relation of this type may go from a `from_label` span to a
    /// `to_label` span (either way round for a symmetric type).
    pub fn allows(&self, from_label: &str, to_label: &str) -> bool {
        self.allowed.is_empty()
            || self.allowed.iter().any(|p| {
                (p.from == from_label && p.to == to_label)
                    || (!self.directed && p.from == to_label && p.to == from_label)
            })
    }
}

/// Whether relations of type `kind` have a direction; a type `types` does not
/// know counts as directed (the safe reading: direction is kept, never dropped).
pub fn is_directed(types: &[RelationType], kind: &str) -> bool {
    types.iter().find(|t| t.name == kind).is_none_or(|t| t.directed)
}

/// The relation types a new project gets, for the labels it has: `leads`,
/// `leaves` (executive → product), `measures` (metric → product or event),
/// `affects` (event → product) and `alias` (symmetric, between two spans of
/// one label), each kept only when its labels exist.
pub fn default_relation_types(labels: &[Label]) -> Vec<RelationType> {
    let has = |name: &str| labels.iter().any(|l| l.name == name);
    let pairs = |list: &[(&str, &str)]| -> Vec<LabelPair> {
        list.iter().filter(|(f, t)| has(f) && has(t)).map(|(f, t)| LabelPair::new(f, t)).collect()
    };
    let candidates = [
        (
            "leads",
            "#1B7837",
            true,
            pairs(&[("executive", "product")]),
            "An executive leads or runs a product or business, e.g. 张勇 —leads→ 阿里云.",
        ),
        (
            "leaves",
            "#B2182B",
            true,
            pairs(&[("executive", "product")]),
            "An executive leaves a post or business, e.g. 张建锋 —leaves→ 阿里云智能总裁.",
        ),
        (
            "measures",
            "#762A83",
            true,
            pairs(&[("metric", "product"), ("metric", "event")]),
            "A figure measures a product or event, e.g. 167.61亿元 —measures→ 阿里云.",
        ),
        (
            "affects",
            "#E08214",
            true,
            pairs(&[("event", "product")]),
            "An event affects a product, e.g. 服务中断事故 —affects→ ECS.",
        ),
        (
            "alias",
            "#4D4D4D",
            false,
            labels.iter().map(|l| LabelPair::new(&l.name, &l.name)).collect(),
            "Two names of one entity (same label), e.g. 逍遥子 — 张勇.",
        ),
    ];
    let mut types = Vec::new();
    for (name, color, directed, allowed, description) in candidates {
        if allowed.is_empty() {
            continue;
        }
        types.push(RelationType {
            name: name.to_owned(),
            color: color.to_owned(),
            hotkey: (types.len() + 1).to_string(),
            directed,
            allowed,
            description: description.to_owned(),
        });
    }
    types
}

/// A typed link from one span to another of the same file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// Unique among the file's relations; a new one takes the largest id present + 1.
    pub id: u64,
    /// Id of the span it starts at (the head: 张勇 in 张勇 —leads→ 阿里云).
    pub from: u64,
    /// Id of the span it points to (the tail).
    pub to: u64,
    /// Relation type name from `project.ron` (unknown names are kept, with a warning).
    #[serde(rename = "type")]
    pub kind: String,
    /// Free-form remark by the annotator.
    #[serde(default)]
    pub note: Option<String>,
}

impl Relation {
    /// Whether it links `a` and `b` with `kind`, in that direction, or either
    /// way when `directed` is false.
    pub fn links(&self, a: u64, b: u64, kind: &str, directed: bool) -> bool {
        self.kind == kind && ((self.from == a && self.to == b) || (!directed && self.from == b && self.to == a))
    }

    /// Whether span `id` is one of its two ends.
    pub fn touches(&self, id: u64) -> bool {
        self.from == id || self.to == id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::default_labels;

    #[test]
    fn default_types_follow_the_labels_and_take_keys_in_order() {
        let types = default_relation_types(&default_labels());
        let names: Vec<_> = types.iter().map(|t| (t.name.as_str(), t.hotkey.as_str(), t.directed)).collect();
        assert_eq!(
            names,
            [
                ("leads", "1", true),
                ("leaves", "2", true),
                ("measures", "3", true),
                ("affects", "4", true),
                ("alias", "5", false)
            ]
        );
        let alias = &types[4];
        assert!(alias.allows("executive", "executive") && !alias.allows("executive", "product"));
        assert!(types[2].allows("metric", "event") && !types[2].allows("event", "metric"));
        // Labels of another scheme keep only the alias type.
        let other = default_relation_types(&crate::model::labels_from_names(&["PER", "ORG"]));
        assert_eq!(other.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["alias"]);
    }

    #[test]
    fn symmetric_types_allow_and_link_both_ways() {
        let mut alias = RelationType::plain("alias");
        alias.directed = false;
        alias.allowed = vec![LabelPair::new("executive", "product")];
        assert!(alias.allows("product", "executive"));
        let r = Relation { id: 1, from: 3, to: 5, kind: "alias".into(), note: None };
        assert!(r.links(5, 3, "alias", false) && !r.links(5, 3, "alias", true) && r.touches(5));
    }
}
