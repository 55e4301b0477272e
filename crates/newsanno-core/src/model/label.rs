//! Labels: the categories an annotator assigns to spans.

use serde::{Deserialize, Serialize};

/// Label colours in the order new labels take them: the Okabe–Ito palette,
/// which stays distinguishable for colour-blind readers.
pub const DEFAULT_PALETTE: [&str; 8] =
    ["#E69F00", "#0072B2", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#999999"];

/// One label of a project, as stored in `project.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// The name written into every span (`executive`); unique within a project.
    pub name: String,
    /// Display colour as `#RRGGBB`.
    pub color: String,
    /// The key that applies the label in the window (`"1"`–`"9"`), or empty for none.
    #[serde(default)]
    pub hotkey: String,
    /// What the label covers, shown beside the palette.
    #[serde(default)]
    pub description: String,
    /// Term lists (one term a line, relative to the project folder) whose
    /// matches are suggested with this label.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<String>,
    /// Regular expressions whose matches are suggested with this label.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patterns: Vec<PatternSpec>,
    /// jieba part-of-speech tags (`nr`, `nt`, `nz`, ...) whose words are suggested with this label.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pos_tags: Vec<String>,
    /// What a span of this label says beyond its range (project format 1.4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<crate::model::AttributeSpec>,
}

/// A named regular expression for suggestions. Without `regex`, `name` picks
/// one of newsanno's built-in patterns (see `crate::suggest::patterns`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Pattern")]
pub struct PatternSpec {
    /// Shown in the window and recorded in an accepted span's source (`pattern:<name>`).
    pub name: String,
    /// The expression (Rust `regex` syntax); `None` for the built-in pattern called `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regex: Option<String>,
}

impl PatternSpec {
    /// A reference to the built-in pattern `name`.
    pub fn builtin(name: &str) -> Self {
        PatternSpec { name: name.to_owned(), regex: None }
    }
}

/// The built-in metric patterns a new project's `metric` label starts with.
pub const DEFAULT_METRIC_PATTERNS: [&str; 4] = ["amount", "percent", "change", "count"];

/// Whether `name` can be a label: non-empty, with no whitespace and no commas
/// (commas separate names on the command line, spaces would break the BIO
/// and brat formats).
pub fn is_valid_label_name(name: &str) -> bool {
    !name.is_empty() && !name.chars().any(|c| c.is_whitespace() || c.is_control() || c == ',')
}

/// The default label set: executive, product, event and metric on hotkeys 1–4.
pub fn default_labels() -> Vec<Label> {
    let described = [
        ("executive", "A named executive or founder, e.g. 张勇, 蒂姆·库克."),
        ("product", "A product, service or brand, e.g. 阿里云, 钉钉, PolarDB, iPhone 17."),
        ("event", "A concrete event, e.g. 服务中断事故, 2026云栖大会, 收购."),
        ("metric", "A figure with its unit or change, e.g. 167.61亿元, 同比增长37%."),
    ];
    described
        .iter()
        .enumerate()
        .map(|(i, (name, description))| {
            Label {
                name: (*name).to_owned(),
                color: DEFAULT_PALETTE[i].to_owned(),
                hotkey: (i + 1).to_string(),
                description: (*description).to_owned(),
                ..Label::plain(name)
            }
            .with_default_suggestions()
        })
        .collect()
}

impl Label {
    /// A label called `name` with no colour, key, description or suggestion sources.
    pub fn plain(name: &str) -> Self {
        Label {
            name: name.to_owned(),
            color: DEFAULT_PALETTE[0].to_owned(),
            hotkey: String::new(),
            description: String::new(),
            terms: Vec::new(),
            patterns: Vec::new(),
            pos_tags: Vec::new(),
            attributes: Vec::new(),
        }
    }

    /// The attribute called `name`.
    pub fn attribute(&self, name: &str) -> Option<&crate::model::AttributeSpec> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// The attributes a new span of this label over `text` starts with: each
    /// attribute's default, then what the figure normaliser reads from the text
    /// (`value`, `unit`, `kind` where declared). The annotator confirms or corrects them.
    pub fn initial_attributes(&self, text: &str) -> crate::model::Attributes {
        let mut out: crate::model::Attributes =
            self.attributes.iter().filter_map(|a| Some((a.name.clone(), a.default.clone()?))).collect();
        out.extend(crate::model::figure_attributes(&self.attributes, text));
        out
    }

    /// The suggestion sources and attributes a new project gives the default
    /// labels: the built-in metric patterns and the normalised figure for
    /// `metric`, person names (`nr`) for `executive`, a status for `event`.
    pub fn with_default_suggestions(mut self) -> Self {
        if self.attributes.is_empty() {
            self.attributes = crate::model::default_attributes(&self.name);
        }
        match self.name.as_str() {
            "metric" if self.patterns.is_empty() => {
                self.patterns = DEFAULT_METRIC_PATTERNS.iter().map(|n| PatternSpec::builtin(n)).collect();
            }
            "executive" if self.pos_tags.is_empty() => self.pos_tags = vec!["nr".to_owned()],
            _ => {}
        }
        self
    }
}

/// Labels for the given names: palette colours in order, hotkeys 1–9 for the first nine.
pub fn labels_from_names<S: AsRef<str>>(names: &[S]) -> Vec<Label> {
    let defaults = default_labels();
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let name = name.as_ref().trim().to_owned();
            let description =
                defaults.iter().find(|l| l.name == name).map(|l| l.description.clone()).unwrap_or_default();
            Label {
                color: DEFAULT_PALETTE[i % DEFAULT_PALETTE.len()].to_owned(),
                hotkey: if i < 9 { (i + 1).to_string() } else { String::new() },
                description,
                ..Label::plain(&name)
            }
            .with_default_suggestions()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_labels_are_the_four_on_hotkeys_1_to_4() {
        let labels = default_labels();
        let names: Vec<_> = labels.iter().map(|l| (l.name.as_str(), l.hotkey.as_str())).collect();
        assert_eq!(names, [("executive", "1"), ("product", "2"), ("event", "3"), ("metric", "4")]);
        assert_eq!(labels[0].color, "#E69F00");
    }

    #[test]
    fn named_labels_get_palette_colours_and_hotkeys() {
        let names: Vec<String> = (0..11).map(|i| format!("l{i}")).collect();
        let labels = labels_from_names(&names);
        assert_eq!(labels[8].hotkey, "9");
        assert_eq!(labels[9].hotkey, "");
        assert_eq!(labels[8].color, DEFAULT_PALETTE[0]);
        assert_eq!(labels_from_names(&["metric"])[0].description, default_labels()[3].description);
    }
}
