//! Which documents an export takes, and an account of those it leaves out.
//!
//! An export never skips a document without a word: every document that is
//! not written is counted under one reason, and the summary names the option
//! that brings it in, where one does.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use newsanno_core::model::Status;

/// The statuses whose files an export counts (default: done only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusFilter {
    // Indexed like `Status::ALL`.
    counted: [bool; 4],
}

impl Default for StatusFilter {
    fn default() -> Self {
        StatusFilter::only(&[Status::Done])
    }
}

impl StatusFilter {
    /// Exactly `statuses`.
    pub fn only(statuses: &[Status]) -> Self {
        let mut counted = [false; 4];
        for s in statuses {
            counted[index(*s)] = true;
        }
        StatusFilter { counted }
    }

    /// Done, plus in progress when `include_in_progress` (the older flag).
    pub fn done_or_in_progress(include_in_progress: bool) -> Self {
        let mut filter = StatusFilter::default();
        filter.set(Status::InProgress, include_in_progress);
        filter
    }

    /// Whether a file of `status` counts.
    pub fn counts(&self, status: Status) -> bool {
        self.counted[index(status)]
    }

    /// Counts (or stops counting) `status`.
    pub fn set(&mut self, status: Status, on: bool) {
        self.counted[index(status)] = on;
    }

    /// The counted statuses, in workflow order.
    pub fn statuses(&self) -> Vec<Status> {
        Status::ALL.into_iter().filter(|s| self.counts(*s)).collect()
    }

    /// This filter with `status` added, as `--status` would spell it.
    fn with(&self, status: Status) -> String {
        let mut wider = *self;
        wider.set(status, true);
        wider.to_string()
    }
}

fn index(status: Status) -> usize {
    Status::ALL.iter().position(|s| *s == status).unwrap_or(0)
}

/// The word `--status` takes for `status`.
pub fn status_word(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "not-started",
        Status::InProgress => "in-progress",
        Status::Done => "done",
        Status::Skipped => "skipped",
    }
}

impl fmt::Display for StatusFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let words: Vec<&str> = self.statuses().into_iter().map(status_word).collect();
        f.write_str(&words.join(","))
    }
}

impl FromStr for StatusFilter {
    type Err = String;

    /// `done,in-progress,not-started,skipped` (any of them, comma-separated), or `all`.
    fn from_str(s: &str) -> Result<Self, String> {
        if s.trim() == "all" {
            return Ok(StatusFilter::only(&Status::ALL));
        }
        let mut filter = StatusFilter::only(&[]);
        for word in s.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            let status = Status::ALL
                .into_iter()
                .find(|st| status_word(*st) == word.replace('_', "-"))
                .ok_or_else(|| format!("{word:?} is not a status (done, in-progress, not-started, skipped, all)"))?;
            filter.set(status, true);
        }
        if filter.statuses().is_empty() {
            return Err("name at least one status (done, in-progress, not-started, skipped, all)".to_owned());
        }
        Ok(filter)
    }
}

/// Why a file (or a document) was not exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LeftOutReason {
    /// Its status is not counted.
    Status(Status),
    /// Made on other text than the corpus holds.
    Stale,
    /// The file does not parse.
    Unreadable,
    /// The source has no file for the document.
    NoFile,
}

impl LeftOutReason {
    fn words(self) -> &'static str {
        match self {
            LeftOutReason::Status(s) => s.as_str(),
            LeftOutReason::Stale => "stale (made on other text)",
            LeftOutReason::Unreadable => "unreadable",
            LeftOutReason::NoFile => "no file",
        }
    }
}

/// Where an export is asked for, so the hint names the right control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asker {
    /// The command line (`--status …`).
    CommandLine,
    /// The window's export dialog (its status checkboxes).
    Window,
}

/// The documents an export left out, counted by reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// Documents not written.
    pub documents: usize,
    /// Single source: documents per reason. Majority: the voters' files per
    /// reason, over the documents left out.
    pub by_reason: BTreeMap<LeftOutReason, usize>,
    /// Majority only: votes a document needed (it had fewer counted files).
    pub majority: Option<usize>,
}

impl LeftOut {
    /// Counts one reason (per document, or per file for a majority).
    pub fn add(&mut self, reason: LeftOutReason) {
        *self.by_reason.entry(reason).or_default() += 1;
    }

    /// Lines for the summary: how many were left out, why, and what brings
    /// them in. Empty when nothing was left out.
    pub fn describe(&self, filter: &StatusFilter, asker: Asker) -> Vec<String> {
        if self.documents == 0 {
            return Vec::new();
        }
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let mut lines = vec![match self.majority {
            Some(k) => format!(
                "left out {} document{} with fewer than {k} counted annotators; their files:",
                self.documents,
                plural(self.documents)
            ),
            None => format!("left out {} document{}:", self.documents, plural(self.documents)),
        }];
        for (reason, n) in &self.by_reason {
            let hint = match (reason, asker) {
                (LeftOutReason::Status(s), Asker::CommandLine) => {
                    format!(" (--status {} brings them in)", filter.with(*s))
                }
                (LeftOutReason::Status(s), Asker::Window) => format!(" (tick “{}” to bring them in)", s.as_str()),
                (LeftOutReason::Stale, _) => " (open them to see; their spans no longer fit the text)".to_owned(),
                (LeftOutReason::Unreadable, _) => " (newsanno validate lists what is wrong)".to_owned(),
                (LeftOutReason::NoFile, _) => String::new(),
            };
            lines.push(format!("  {n} {}{hint}", reason.words()));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lists_parse_and_print() {
        let f: StatusFilter = "done,in-progress,not-started".parse().unwrap();
        assert_eq!(f.statuses(), [Status::NotStarted, Status::InProgress, Status::Done]);
        assert_eq!(f.to_string(), "not-started,in-progress,done");
        assert_eq!("all".parse::<StatusFilter>().unwrap().statuses().len(), 4);
        assert_eq!("in_progress".parse::<StatusFilter>().unwrap().statuses(), [Status::InProgress]);
        assert!("finished".parse::<StatusFilter>().unwrap_err().contains("\"finished\" is not a status"));
        assert!(",".parse::<StatusFilter>().is_err());
        assert_eq!(StatusFilter::default().statuses(), [Status::Done]);
        assert_eq!(StatusFilter::done_or_in_progress(true).to_string(), "in-progress,done");
    }

    #[test]
    fn left_out_names_the_reason_and_the_option() {
        let mut left = LeftOut { documents: 8, ..LeftOut::default() };
        for _ in 0..7 {
            left.add(LeftOutReason::Status(Status::NotStarted));
        }
        left.add(LeftOutReason::Stale);
        let filter = StatusFilter::done_or_in_progress(true);
        let lines = left.describe(&filter, Asker::CommandLine);
        assert_eq!(lines[0], "left out 8 documents:");
        assert_eq!(lines[1], "  7 not started (--status not-started,in-progress,done brings them in)");
        assert!(lines[2].starts_with("  1 stale"), "{lines:?}");
        let window = left.describe(&filter, Asker::Window);
        assert_eq!(window[1], "  7 not started (tick “not started” to bring them in)");
        assert!(LeftOut::default().describe(&filter, Asker::Window).is_empty());
    }
}
