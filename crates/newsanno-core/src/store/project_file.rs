//! `project.ron`: the project's name, labels, segmentation settings and
//! guidelines file.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Place, Result};
use crate::model::{Label, RelationType, default_labels, default_relation_types};
use crate::store::atomic::write_atomic;

/// How selections snap to words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentationSettings {
    /// Snap drag selections to jieba word boundaries (Alt gives exact characters).
    #[serde(default = "yes")]
    pub snap_to_words: bool,
    /// Let jieba's HMM find words missing from the dictionary.
    #[serde(default = "yes")]
    pub hmm: bool,
    /// User dictionary, relative to the project folder; used when the file exists.
    #[serde(default = "default_dict")]
    pub user_dict: String,
}

fn yes() -> bool {
    true
}

fn default_dict() -> String {
    "dict.txt".to_owned()
}

impl Default for SegmentationSettings {
    fn default() -> Self {
        SegmentationSettings { snap_to_words: true, hmm: true, user_dict: default_dict() }
    }
}

/// Project-wide switches for suggestions (the per-label sources are in each [`Label`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Suggestions")]
pub struct SuggestionSettings {
    /// Suggest words with a label's `pos_tags` (jieba part of speech).
    #[serde(default = "yes")]
    pub pos_hints: bool,
    /// Words next to these titles are strong person-name suggestions (others are weak).
    #[serde(default = "default_titles")]
    pub titles: Vec<String>,
    /// Also suggest weak part-of-speech hints (no title beside them). Off by
    /// default: on the sample, strong hints were right 16 times in 18, weak ones 7 in 81.
    #[serde(default)]
    pub pos_weak: bool,
    /// Suggest every span text the annotator has labelled elsewhere in the corpus.
    #[serde(default = "yes")]
    pub propagate: bool,
    /// Shortest labelled text, in characters, that is propagated (one character is mostly noise).
    #[serde(default = "two")]
    pub propagate_min_chars: usize,
    /// Whose spans the learning suggester (`model`) learns from: an annotator or `gold`
    /// (added in 1.2; absent: each annotator's own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_from: Option<String>,
    /// The confidence a model suggestion needs (0–1; added in 1.2, default 0.5).
    #[serde(default = "half")]
    pub model_threshold: f64,
    /// Per-label thresholds that replace `model_threshold` for those labels.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub model_thresholds: std::collections::BTreeMap<String, f64>,
}

fn half() -> f64 {
    0.5
}

impl SuggestionSettings {
    /// The confidence a model suggestion of `label` needs.
    pub fn threshold_for(&self, label: &str) -> f64 {
        self.model_thresholds.get(label).copied().unwrap_or(self.model_threshold)
    }
}

fn two() -> usize {
    2
}

/// Titles that make a neighbouring person name a strong `executive` suggestion.
pub fn default_titles() -> Vec<String> {
    [
        "董事长",
        "总裁",
        "CEO",
        "首席执行官",
        "创始人",
        "联合创始人",
        "总经理",
        "副总裁",
        "董事",
        "首席技术官",
        "CTO",
        "首席财务官",
        "CFO",
        "行长",
        "主席",
        "总监",
        "负责人",
    ]
    .iter()
    .map(|t| (*t).to_owned())
    .collect()
}

impl Default for SuggestionSettings {
    fn default() -> Self {
        SuggestionSettings {
            pos_hints: true,
            titles: default_titles(),
            pos_weak: false,
            propagate: true,
            propagate_min_chars: 2,
            model_from: None,
            model_threshold: 0.5,
            model_thresholds: std::collections::BTreeMap::new(),
        }
    }
}

/// The content of `project.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Project")]
pub struct ProjectConfig {
    /// Project format version, `"MAJOR.MINOR"`.
    pub version: String,
    /// Human-readable name.
    pub name: String,
    /// The label set, in palette order.
    pub labels: Vec<Label>,
    /// Word segmentation settings.
    #[serde(default)]
    pub segmentation: SegmentationSettings,
    /// Annotation guidelines (Markdown), relative to the project folder.
    #[serde(default)]
    pub guidelines: Option<String>,
    /// Suggestion switches (added in 1.1; the defaults when absent).
    #[serde(default)]
    pub suggestions: SuggestionSettings,
    /// Relation types (added in 1.2). A file without the field gets
    /// [`default_relation_types`] for its labels; `relation_types: []` means none.
    #[serde(default)]
    pub relation_types: Vec<RelationType>,
    /// Document categories (added in 1.3; absent means none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<crate::model::Category>,
    /// One category per document or any number (1.3; default `Multiple`).
    #[serde(default, skip_serializing_if = "is_multiple")]
    pub category_choice: crate::model::CategoryChoice,
    /// The knowledge base spans link to (1.4): a JSONL file relative to the
    /// project folder, one entry a line (`id`, `name`, `aliases`, `label`, `description`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub knowledge_base: Option<String>,
}

fn is_multiple(choice: &crate::model::CategoryChoice) -> bool {
    *choice == crate::model::CategoryChoice::Multiple
}

impl ProjectConfig {
    /// A new configuration with `labels` (or the default four when empty).
    pub fn new(name: &str, labels: Vec<Label>) -> Self {
        let labels = if labels.is_empty() { default_labels() } else { labels };
        ProjectConfig {
            version: crate::model::FORMAT_VERSION.to_owned(),
            name: name.to_owned(),
            relation_types: default_relation_types(&labels),
            labels,
            segmentation: SegmentationSettings::default(),
            guidelines: Some("guidelines.md".to_owned()),
            suggestions: SuggestionSettings::default(),
            categories: Vec::new(),
            category_choice: crate::model::CategoryChoice::default(),
            knowledge_base: None,
        }
    }

    /// The relation type called `name`.
    pub fn relation_type(&self, name: &str) -> Option<&RelationType> {
        self.relation_types.iter().find(|t| t.name == name)
    }

    /// The label called `name`.
    pub fn label(&self, name: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.name == name)
    }

    /// Reads and checks `path`.
    pub fn read(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Self::parse(path, &bytes)
    }

    /// Parses and checks the content of a project file; `path` is only named in errors.
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Self> {
        let text = crate::store::ron_text(path, bytes)?;
        let mut config: ProjectConfig = ron::from_str(&text).map_err(|e| ron_error(path, &e))?;
        crate::store::check_major_version(path, &config.version, &text)?;
        // A project from before 1.2 has no relation types: give it the defaults
        // for its labels, as a new project would get.
        if crate::store::line_of_field(&text, "relation_types").is_none() {
            config.relation_types = default_relation_types(&config.labels);
        }
        config.check(path, &text)?;
        Ok(config)
    }

    /// Writes `path` atomically.
    pub fn write(&self, path: &Path) -> Result<()> {
        let pretty = ron::ser::PrettyConfig::new().struct_names(true).indentor("    ".to_owned());
        let body = ron::ser::to_string_pretty(self, pretty)
            .map_err(|e| Error::invalid(path, format!("cannot serialise project: {e}")))?;
        let text = format!("// newsanno project settings — see docs/FORMAT.md\n{body}\n");
        write_atomic(path, text.as_bytes())
    }

    fn check(&self, path: &Path, text: &str) -> Result<()> {
        check_names_and_keys("label", "labels", "hotkey", self.labels.iter().map(|l| (&*l.name, &*l.hotkey)))
            .map_err(|message| Error::invalid(path, message))?;
        for label in &self.labels {
            if !is_hex_colour(&label.color) {
                return Err(Error::invalid(
                    path,
                    format!("label {:?}: colour {:?} is not #RRGGBB", label.name, label.color),
                ));
            }
        }
        self.check_attributes(path, text)?;
        self.check_relation_types(path, text)?;
        self.check_categories(path, text)?;
        self.check_model_settings(path, text)
    }

    // Each label's attributes: valid, unique names and keys (one letter, typed
    // after A in the window), a choice with values, a default that fits.
    fn check_attributes(&self, path: &Path, text: &str) -> Result<()> {
        for label in self.labels.iter().filter(|l| !l.attributes.is_empty()) {
            let at = |message: String| {
                let message = format!("label {:?}: {message}", label.name);
                match crate::store::line_of_field(text, "attributes") {
                    Some(line) => Error::at_line(path, line, message),
                    None => Error::invalid(path, message),
                }
            };
            check_names_and_keys(
                "attribute",
                "attributes",
                "key",
                label.attributes.iter().map(|a| (&*a.name, &*a.key)),
            )
            .map_err(at)?;
            for attribute in &label.attributes {
                let key = attribute.key.as_str();
                let one_letter = key.len() == 1 && key.bytes().all(|b| b.is_ascii_lowercase());
                if !key.is_empty() && !one_letter {
                    return Err(at(format!("attribute {:?}: key {key:?} is not one letter a–z", attribute.name)));
                }
                let is_choice = attribute.kind == crate::model::AttributeType::Choice;
                if is_choice && attribute.values.is_empty() {
                    return Err(at(format!("attribute {:?}: a choice needs values", attribute.name)));
                }
                if !is_choice && !attribute.values.is_empty() {
                    return Err(at(format!("attribute {:?}: only a choice has values", attribute.name)));
                }
                let mut seen = std::collections::HashSet::new();
                if let Some(value) = attribute.values.iter().find(|v| v.trim().is_empty() || !seen.insert(v.as_str())) {
                    return Err(at(format!(
                        "attribute {:?}: value {value:?} is empty or listed twice",
                        attribute.name
                    )));
                }
                if let Some(why) = attribute.default.as_ref().and_then(|d| attribute.mismatch(d)) {
                    return Err(at(format!("attribute {:?}: default {why}", attribute.name)));
                }
            }
        }
        Ok(())
    }

    fn check_categories(&self, path: &Path, text: &str) -> Result<()> {
        let at = |message: String| match crate::store::line_of_field(text, "categories") {
            Some(line) => Error::at_line(path, line, message),
            None => Error::invalid(path, message),
        };
        for category in self.categories.iter().filter(|c| !c.key.is_empty()) {
            if !matches!(category.key.as_str(), "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9") {
                return Err(at(format!("category {:?}: key {:?} is not 1–9", category.name, category.key)));
            }
        }
        check_names_and_keys("category", "categories", "key", self.categories.iter().map(|c| (&*c.name, &*c.key)))
            .map_err(at)
    }

    /// The category called `name`.
    pub fn category(&self, name: &str) -> Option<&crate::model::Category> {
        self.categories.iter().find(|c| c.name == name)
    }

    fn check_model_settings(&self, path: &Path, text: &str) -> Result<()> {
        let at = |field: &str, message: String| match crate::store::line_of_field(text, field) {
            Some(line) => Error::at_line(path, line, message),
            None => Error::invalid(path, message),
        };
        let s = &self.suggestions;
        if let Some(from) = &s.model_from {
            crate::store::ids::check_annotator_name(from)
                .map_err(|e| at("model_from", format!("model_from {from:?}: {e}")))?;
        }
        let thresholds = std::iter::once(("model_threshold".to_owned(), s.model_threshold))
            .chain(s.model_thresholds.iter().map(|(l, t)| (format!("model_thresholds for {l:?}"), *t)));
        for (what, t) in thresholds {
            if !(0.0..=1.0).contains(&t) {
                return Err(at(
                    if what == "model_threshold" { "model_threshold" } else { "model_thresholds" },
                    format!("{what} is {t}: a confidence between 0 and 1"),
                ));
            }
        }
        Ok(())
    }

    fn check_relation_types(&self, path: &Path, text: &str) -> Result<()> {
        let at = |message: String| match crate::store::line_of_field(text, "relation_types") {
            Some(line) => Error::at_line(path, line, message),
            None => Error::invalid(path, message),
        };
        check_names_and_keys(
            "relation type",
            "relation types",
            "hotkey",
            self.relation_types.iter().map(|t| (&*t.name, &*t.hotkey)),
        )
        .map_err(at)?;
        for kind in &self.relation_types {
            if !is_hex_colour(&kind.color) {
                return Err(at(format!("relation type {:?}: colour {:?} is not #RRGGBB", kind.name, kind.color)));
            }
            for pair in &kind.allowed {
                for label in [&pair.from, &pair.to] {
                    if self.label(label).is_none() {
                        return Err(at(format!(
                            "relation type {:?}: pair {} → {} names {:?}, which is not a label",
                            kind.name, pair.from, pair.to, label
                        )));
                    }
                }
            }
        }
        Ok(())
    }
}

fn is_hex_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// Turns a RON parse error into an [`Error::Parse`] at its line and column.
pub fn ron_error(path: &Path, e: &ron::error::SpannedError) -> Error {
    Error::Parse {
        path: path.to_path_buf(),
        place: Place::Line { line: e.span.start.line, column: Some(e.span.start.col) },
        message: e.code.to_string(),
    }
}

/// The checks labels, categories and relation types share: every name valid
/// and defined once, every key given (`key_word`: "hotkey", "key") used once.
/// `what` and `plural` name the kind in the messages ("label", "labels").
fn check_names_and_keys<'a>(
    what: &str,
    plural: &str,
    key_word: &str,
    items: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> std::result::Result<(), String> {
    let mut names = std::collections::HashSet::new();
    let mut keys = std::collections::HashSet::new();
    for (name, key) in items {
        if !crate::model::is_valid_label_name(name) {
            return Err(format!(
                "{what} name {name:?} must be non-empty, without spaces, control characters or commas"
            ));
        }
        if !names.insert(name) {
            return Err(format!("{what} {name:?} is defined twice"));
        }
        if !key.is_empty() && !keys.insert(key) {
            return Err(format!("{key_word} {key:?} is used by two {plural}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_reports_bad_files_with_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("project.ron");
        let config = ProjectConfig::new("科技新闻", Vec::new());
        config.write(&path).unwrap();
        assert_eq!(ProjectConfig::read(&path).unwrap(), config);

        std::fs::write(&path, "Project(\n  version: \"1.0\",\n  name: 3,\n)").unwrap();
        let err = ProjectConfig::read(&path).unwrap_err().to_string();
        assert!(err.contains("project.ron:3:"), "{err}");

        let mut twice = config.clone();
        twice.labels.push(twice.labels[0].clone());
        twice.write(&path).unwrap();
        assert!(ProjectConfig::read(&path).unwrap_err().to_string().contains("defined twice"));
    }

    #[test]
    fn relation_types_default_when_absent_and_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("project.ron");
        let config = ProjectConfig::new("t", Vec::new());
        assert_eq!(config.relation_types.len(), 5);
        // A 1.1 project without the field gets the defaults; an explicit empty list stays empty.
        let mut old = ProjectConfig { relation_types: Vec::new(), ..config.clone() };
        old.write(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("relation_types: []"), "{text}");
        assert!(ProjectConfig::read(&path).unwrap().relation_types.is_empty());
        std::fs::write(&path, text.replace("    relation_types: [],\n", "")).unwrap();
        assert_eq!(ProjectConfig::read(&path).unwrap().relation_types, config.relation_types);

        old.relation_types = config.relation_types.clone();
        old.relation_types[0].allowed[0].to = "organisation".into();
        old.write(&path).unwrap();
        let err = ProjectConfig::read(&path).unwrap_err().to_string();
        assert!(err.contains("project.ron:") && err.contains("\"organisation\", which is not a label"), "{err}");
        old.relation_types = config.relation_types.clone();
        old.relation_types[1].hotkey = "1".into();
        old.write(&path).unwrap();
        assert!(ProjectConfig::read(&path).unwrap_err().to_string().contains("used by two relation types"));
    }
}
