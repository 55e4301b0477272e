//! Document categories in review: who gave the open document which category,
//! whether gold has it, and setting gold's (undoable, through gold's session).
//! Without egui, like the rest of the review's state.

use crate::review::Review;
use newsanno_core::model::Edit;

/// One category of the open document across the compared annotators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewCategory {
    /// The category.
    pub name: String,
    /// The annotators who gave it.
    pub by: Vec<String>,
    /// Gold has it.
    pub in_gold: bool,
}

impl Review {
    /// The project's categories (and any other an annotator or gold gave), with who gave each.
    pub fn category_rows(&self) -> Vec<ReviewCategory> {
        let gold: Vec<String> =
            self.gold.as_ref().and_then(|g| g.current.as_ref()).map(|c| c.file.categories.clone()).unwrap_or_default();
        let mut names: Vec<String> = self.project.config().categories.iter().map(|c| c.name.clone()).collect();
        for file in self.files.iter().filter_map(|(_, f)| f.as_ref()) {
            for c in &file.categories {
                if !names.contains(c) {
                    names.push(c.clone());
                }
            }
        }
        for c in &gold {
            if !names.contains(c) {
                names.push(c.clone());
            }
        }
        names
            .into_iter()
            .map(|name| {
                let by = self
                    .files
                    .iter()
                    .filter(|(who, _)| who != newsanno_core::store::GOLD_ANNOTATOR)
                    .filter(|(_, f)| f.as_ref().is_some_and(|f| f.categories.contains(&name)))
                    .map(|(who, _)| who.clone())
                    .collect();
                ReviewCategory { in_gold: gold.contains(&name), name, by }
            })
            .collect()
    }

    /// Sets (`on`) or clears gold's category `name`; with single choice, setting one replaces gold's.
    pub fn set_gold_category(&mut self, name: &str, on: bool) {
        let choice = self.project.config().category_choice;
        let Some(gold) = &mut self.gold else { return };
        let Some(open) = &gold.current else { return };
        if open.file.categories.iter().any(|c| c == name) == on {
            return;
        }
        let to = newsanno_core::model::toggled(&open.file.categories, name, choice);
        gold.apply(Edit::SetCategories { from: open.file.categories.clone(), to });
    }

    /// The edit giving gold the categories `min_agree` annotators gave (None when it has them).
    pub(crate) fn agreed_category_edit(&self) -> Option<Edit> {
        let gold = self.gold.as_ref()?.current.as_ref()?;
        let agreed = newsanno_agreement::adjudication::agreed_categories(&self.voters(), self.min_agree);
        let choice = self.project.config().category_choice;
        let to = newsanno_agreement::adjudication::with_agreed_categories(&gold.file.categories, agreed, choice);
        (to != gold.file.categories).then(|| Edit::SetCategories { from: gold.file.categories.clone(), to })
    }
}
