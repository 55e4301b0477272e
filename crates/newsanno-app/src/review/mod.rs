//! The review's views (egui): the agreement dashboard, and the header of a
//! document under adjudication. The review's state and actions are
//! newsanno-session's `review`.

mod charts;
mod dashboard;

pub use dashboard::ReviewViews;
