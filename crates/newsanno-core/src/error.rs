//! The one error type of the library: every variant names the file and, where
//! it makes sense, the place in it, so a message can be acted on without a
//! debugger.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in a file a problem sits. Lines and columns are 1-based, as editors show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A line (and optionally a column) of a text file.
    Line {
        /// 1-based line number.
        line: usize,
        /// 1-based column in characters, when known.
        column: Option<usize>,
    },
    /// A byte offset, for problems found before the file could be split into lines.
    Byte(usize),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Line { line, column: Some(c) } => write!(f, "{line}:{c}"),
            Place::Line { line, column: None } => write!(f, "{line}"),
            Place::Byte(b) => write!(f, "byte {b}"),
        }
    }
}

/// Everything that can go wrong in the core library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder being read or written.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A file is not valid UTF-8.
    #[error("{}: invalid UTF-8 at byte offset {offset} (line {line})", path.display())]
    InvalidUtf8 {
        /// The offending file.
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
    },
    /// A file could not be parsed, or holds a value that makes no sense.
    #[error("{}:{place}: {message}", path.display())]
    Parse {
        /// The offending file.
        path: PathBuf,
        /// Where in the file.
        place: Place,
        /// What is wrong.
        message: String,
    },
    /// A file is well-formed but its content is refused (duplicate ids, unknown
    /// document, unsupported version, ...). The message carries the context.
    #[error("{}: {message}", path.display())]
    Invalid {
        /// The file or folder concerned.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The request itself is wrong (bad argument, unknown annotator, ...).
    #[error("{0}")]
    Usage(String),
}

/// Shorthand used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io { path: path.as_ref().to_path_buf(), source }
    }

    /// A content error on `path` with a free-form message.
    pub fn invalid(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Error::Invalid { path: path.as_ref().to_path_buf(), message: message.into() }
    }

    /// A parse error at `line` (1-based) of `path`.
    pub fn at_line(path: impl AsRef<Path>, line: usize, message: impl Into<String>) -> Self {
        Error::Parse {
            path: path.as_ref().to_path_buf(),
            place: Place::Line { line, column: None },
            message: message.into(),
        }
    }
}
