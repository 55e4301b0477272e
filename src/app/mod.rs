//! The annotation window (eframe/egui). Only built with the `gui` feature.

pub mod fonts;
