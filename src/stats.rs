//! `newsanno stats`: how far each annotator is, and spans per label.

use std::collections::BTreeMap;

use crate::error::Result;
use crate::model::Status;
use crate::store::Project;

/// One annotator's progress.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnnotatorStats {
    /// Files per status.
    pub by_status: BTreeMap<&'static str, usize>,
    /// Files made on other text.
    pub stale: usize,
    /// Files that do not parse.
    pub unreadable: usize,
    /// Spans per label.
    pub spans_per_label: BTreeMap<String, usize>,
}

impl AnnotatorStats {
    /// Files with `status`.
    pub fn count(&self, status: Status) -> usize {
        self.by_status.get(status.as_str()).copied().unwrap_or(0)
    }

    /// All spans.
    pub fn spans(&self) -> usize {
        self.spans_per_label.values().sum()
    }
}

/// Figures for a whole project.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectStats {
    /// Documents in the corpus.
    pub documents: usize,
    /// Their total length in code points.
    pub chars: usize,
    /// Per annotator, sorted by name.
    pub annotators: BTreeMap<String, AnnotatorStats>,
}

/// Reads every annotation file (without document texts) and counts.
pub fn project_stats(project: &Project) -> Result<ProjectStats> {
    let mut stats = ProjectStats {
        documents: project.documents().len(),
        chars: project.documents().iter().map(|d| d.chars).sum(),
        ..ProjectStats::default()
    };
    for annotator in project.annotators()? {
        let mut mine = AnnotatorStats::default();
        for entry in project.documents() {
            match project.read_annotation_header(&annotator, &entry.id) {
                Ok(Some((file, stale))) => {
                    *mine.by_status.entry(file.status.as_str()).or_default() += 1;
                    mine.stale += usize::from(stale);
                    for span in &file.spans {
                        *mine.spans_per_label.entry(span.label.clone()).or_default() += 1;
                    }
                }
                Ok(None) => {}
                Err(_) => mine.unreadable += 1,
            }
        }
        stats.annotators.insert(annotator, mine);
    }
    Ok(stats)
}
