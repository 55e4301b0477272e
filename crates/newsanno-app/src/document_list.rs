//! The document list: progress, filters, and a virtualised list of titles.

use egui::Ui;

use newsanno_core::model::Status;
use newsanno_session::session::{RowStatus, Session};

/// Which statuses the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListStatusFilter {
    /// Everything.
    #[default]
    All,
    /// Only this status.
    Only(RowStatus),
}

/// Filter inputs and the cached filtered positions.
#[derive(Default)]
pub struct DocumentList {
    /// Text filter on titles and ids.
    pub query: String,
    /// Status filter.
    pub status: ListStatusFilter,
    /// Bring the open document's row into view on the next frame.
    pub scroll_current: bool,
    /// Not-started documents the model is least sure of first (once it has ranked them).
    pub most_uncertain_first: bool,
    /// "My queue": only documents assigned to me and not done (set when a session with assignments opens).
    pub my_queue: bool,
    cache_key: Option<(String, ListStatusFilter, u64, bool, u64, bool)>,
    filtered: Vec<usize>,
}

impl DocumentList {
    /// Positions shown, in project order or with the documents the model is least sure of first
    /// (recomputed only when the filter, the order, the rows or the ranking change).
    pub fn filtered(&mut self, session: &Session) -> &[usize] {
        let uncertainty = &session.suggestions.model.uncertainty;
        let version = session.suggestions.model.uncertainty_version;
        let key =
            (self.query.clone(), self.status, session.rows_version, self.most_uncertain_first, version, self.my_queue);
        if self.cache_key.as_ref() != Some(&key) {
            let query = self.query.to_lowercase();
            self.filtered = session
                .project
                .documents()
                .iter()
                .enumerate()
                .filter(|(i, d)| {
                    let row = &session.rows[*i];
                    let status_ok = match self.status {
                        ListStatusFilter::All => true,
                        ListStatusFilter::Only(s) => row.status == s,
                    };
                    let queue_ok = !self.my_queue || row.in_queue();
                    status_ok
                        && queue_ok
                        && (query.is_empty()
                            || d.title.to_lowercase().contains(&query)
                            || d.id.to_lowercase().contains(&query))
                })
                .map(|(i, _)| i)
                .collect();
            if self.most_uncertain_first {
                // Ranked documents first, most uncertain first; the others after, in corpus order.
                let documents = session.project.documents();
                let score = |p: &usize| uncertainty.get(&documents[*p].id).copied();
                self.filtered.sort_by(|a, b| match (score(a), score(b)) {
                    (Some(x), Some(y)) => y.total_cmp(&x),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => a.cmp(b),
                });
            }
            self.cache_key = Some(key);
        }
        &self.filtered
    }

    /// The position after (`+1`) or before (`-1`) `current` in the filtered list.
    pub fn neighbour(&mut self, session: &Session, current: Option<usize>, delta: isize) -> Option<usize> {
        let list = self.filtered(session);
        let index = match current.and_then(|c| list.iter().position(|&p| p == c)) {
            Some(i) => i.checked_add_signed(delta)?,
            None => 0,
        };
        list.get(index).copied()
    }

    /// Draws the list; returns a position to open when a row was clicked.
    pub fn document_list_ui(&mut self, ui: &mut Ui, session: &Session) -> Option<usize> {
        // With assignments, progress is of my documents; else of the corpus.
        // (An annotator the file assigns nothing sees the corpus's progress.)
        let (done, total) =
            if session.has_queue() { session.queue_progress() } else { (session.done_count(), session.rows.len()) };
        let mine = if session.has_queue() { " of mine" } else { "" };
        ui.label(egui::RichText::new(format!("{} / {} done{mine}", group(done), group(total))).strong());
        ui.add(egui::ProgressBar::new(if total == 0 { 0.0 } else { done as f32 / total as f32 }).desired_height(4.0));
        if let Some((per_document, spans_per_hour)) = session.pace() {
            ui.label(
                egui::RichText::new(format!(
                    "my pace: {} per document · {spans_per_hour:.0} spans/h",
                    newsanno_core::stats::clock(per_document)
                ))
                .weak(),
            )
            .on_hover_text(
                "active time (input in the window; gaps over a minute not counted) over the documents timed",
            );
        }
        if session.assignments.is_some() {
            let response = ui
                .checkbox(&mut self.my_queue, "my queue")
                .on_hover_text("documents assigned to me (assignments.ron) and not done; untick to see every document");
            if response.changed() {
                self.scroll_current = true;
            }
        } else if let Some(problem) = &session.assignment_problem {
            ui.label(egui::RichText::new("⚠ assignments not used").color(crate::colors::ERROR))
                .on_hover_text(problem.as_str());
        }
        ui.add(egui::TextEdit::singleline(&mut self.query).hint_text("filter titles").desired_width(f32::INFINITY));
        ui.horizontal_wrapped(|ui| {
            let options = [
                (ListStatusFilter::All, "all"),
                (ListStatusFilter::Only(RowStatus::Status(Status::NotStarted)), "○"),
                (ListStatusFilter::Only(RowStatus::Status(Status::InProgress)), "◐"),
                (ListStatusFilter::Only(RowStatus::Status(Status::Done)), "●"),
                (ListStatusFilter::Only(RowStatus::Status(Status::Skipped)), "⊘"),
                (ListStatusFilter::Only(RowStatus::Stale), "⚠"),
            ];
            for (value, text) in options {
                let hover = match value {
                    ListStatusFilter::All => "all documents".to_owned(),
                    ListStatusFilter::Only(s) => s.label().to_owned(),
                };
                ui.selectable_value(&mut self.status, value, text).on_hover_text(hover);
            }
        });
        if !session.suggestions.model.uncertainty.is_empty() {
            ui.checkbox(&mut self.most_uncertain_first, "most uncertain first").on_hover_text(
                "not-started documents the model is least sure of first (mean over sentences of 1 − P(best tags))",
            );
        }
        ui.separator();
        let current = session.current.as_ref().map(|c| c.position);
        let filtered = self.filtered(session).to_vec();
        if filtered.is_empty() && self.my_queue {
            ui.label(egui::RichText::new("my queue is empty: every document assigned to me is done").weak());
        }
        let mut clicked = None;
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        egui::ScrollArea::vertical().id_salt("documents").auto_shrink(false).show_rows(
            ui,
            row_height,
            filtered.len(),
            |ui, range| {
                for &position in &filtered[range] {
                    let entry = &session.project.documents()[position];
                    let row = session.rows[position];
                    let text = format!("{} {}", row.status.icon(), entry.title);
                    let response = ui.add(
                        egui::Button::selectable(current == Some(position), text)
                            .right_text(egui::RichText::new(row.spans.to_string()).weak())
                            .truncate()
                            .min_size(egui::vec2(ui.available_width(), row_height - 2.0)),
                    );
                    let response =
                        response.on_hover_text(format!("{} · {} · {} spans", entry.id, row.status.label(), row.spans));
                    if response.clicked() {
                        clicked = Some(position);
                    }
                    if current == Some(position) && self.scroll_current {
                        response.scroll_to_me(Some(egui::Align::Center));
                    }
                }
            },
        );
        self.scroll_current = false;
        clicked
    }
}

/// `1234567` → `1,234,567`.
pub fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
