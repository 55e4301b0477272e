//! Document categories: what a news article is about as a whole (科技, 财经,
//! 人事变动), set per document beside its spans.

use serde::{Deserialize, Serialize};

/// One category of a project, as stored in `project.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Category")]
pub struct Category {
    /// The name written into annotation files (`科技`); unique within a project.
    pub name: String,
    /// The key that toggles it after C in the window (`"1"`–`"9"`), or empty for none.
    #[serde(default)]
    pub key: String,
    /// What it covers, shown in the window.
    #[serde(default)]
    pub description: String,
}

/// Whether a document takes one category at most or any number of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CategoryChoice {
    /// Any number (a story can be 科技 and 财经).
    #[default]
    Multiple,
    /// One at most (choosing another replaces it).
    Single,
}

/// `current` with `name` toggled under `choice`, sorted: with `Single`,
/// choosing a category replaces the one set, choosing it again clears it.
pub fn toggled(current: &[String], name: &str, choice: CategoryChoice) -> Vec<String> {
    let mut out: Vec<String> = if current.iter().any(|c| c == name) {
        current.iter().filter(|c| *c != name).cloned().collect()
    } else {
        match choice {
            CategoryChoice::Multiple => current.iter().cloned().chain(std::iter::once(name.to_owned())).collect(),
            CategoryChoice::Single => vec![name.to_owned()],
        }
    };
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_adds_and_removes_and_single_choice_replaces() {
        let none: Vec<String> = Vec::new();
        let tech = toggled(&none, "科技", CategoryChoice::Multiple);
        assert_eq!(tech, ["科技"]);
        let both = toggled(&tech, "财经", CategoryChoice::Multiple);
        assert_eq!(both, ["科技", "财经"]);
        assert_eq!(toggled(&both, "科技", CategoryChoice::Multiple), ["财经"]);
        assert_eq!(toggled(&tech, "财经", CategoryChoice::Single), ["财经"]);
        assert!(toggled(&tech, "科技", CategoryChoice::Single).is_empty());
    }
}
