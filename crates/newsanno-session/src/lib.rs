//! newsanno-session: the state the window runs on, without egui, so it is
//! tested without a window. A [`Session`] is an annotator's open project: the
//! open document, its edits and undo history, the background saver and lock,
//! the selection and caret, relations being made ([`linking`]), the
//! suggestions and their background workers ([`suggestions`],
//! [`model_worker`]), and the review's state ([`review`]). Every user action
//! is a [`command::Command`]; newsanno-app's views read this state and turn
//! keys, clicks and menus into these calls.

pub mod command;
pub mod linking;
pub mod model_worker;
pub mod review;
pub mod session;
pub mod suggestions;

pub use session::{SaveState, Session};
