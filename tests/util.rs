//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `newsanno` binary under test.
pub fn newsanno() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsanno"))
}

/// Runs `newsanno ARGS` and returns its output.
pub fn run(args: &[&str]) -> Output {
    newsanno().args(args).output().expect("newsanno runs")
}

/// stdout as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// stderr as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A temporary folder with an initialised project in `project/`.
pub struct Fixture {
    /// Owns the folder; removed on drop.
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// A fresh project with the default labels.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let project = dir.path().join("project");
        newsanno::Project::init(&project, "test", Vec::new()).expect("init");
        Fixture { dir }
    }

    /// The project folder.
    pub fn project(&self) -> PathBuf {
        self.dir.path().join("project")
    }

    /// Writes `content` to `name` inside the temporary folder (not the project) and returns its path.
    pub fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, content).expect("write input");
        path
    }

    /// A fresh project holding `articles` (id, text), imported from a JSON Lines file.
    pub fn with_articles(articles: &[(&str, &str)]) -> Self {
        let titled: Vec<(&str, Option<&str>, &str)> = articles.iter().map(|&(id, text)| (id, None, text)).collect();
        Self::with_titled_articles(&titled)
    }

    /// A fresh project holding `articles` (id, title or none, text).
    pub fn with_titled_articles(articles: &[(&str, Option<&str>, &str)]) -> Self {
        let fx = Fixture::new();
        let lines: Vec<String> = articles
            .iter()
            .map(|&(id, title, text)| match title {
                Some(title) => serde_json::json!({"id": id, "title": title, "text": text}).to_string(),
                None => serde_json::json!({"id": id, "text": text}).to_string(),
            })
            .collect();
        let input = fx.write("in.jsonl", lines.join("\n"));
        fx.import(&[&input]).expect("import the fixture's articles");
        fx
    }

    /// Imports `paths` through the library with default options.
    pub fn import(&self, paths: &[&Path]) -> newsanno::Result<newsanno::import::ImportSummary> {
        self.import_with(paths, &newsanno::import::ImportOptions::default())
    }

    /// Imports `paths` through the library.
    pub fn import_with(
        &self,
        paths: &[&Path],
        options: &newsanno::import::ImportOptions,
    ) -> newsanno::Result<newsanno::import::ImportSummary> {
        let project = newsanno::Project::open(&self.project())?;
        let paths: Vec<PathBuf> = paths.iter().map(|p| p.to_path_buf()).collect();
        newsanno::import::import_paths(&project, &paths, options, &mut |_, _| {})
    }

    /// The project, opened afresh.
    pub fn open(&self) -> newsanno::Project {
        newsanno::Project::open(&self.project()).expect("open")
    }

    /// Files under corpus/ (to show nothing was written).
    pub fn corpus_files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.project().join("corpus"))
            .expect("corpus dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// Checks `condition` up to `tries` times, `pause` apart; true as soon as it holds.
pub fn wait_until(tries: usize, pause: std::time::Duration, mut condition: impl FnMut() -> bool) -> bool {
    for _ in 0..tries {
        if condition() {
            return true;
        }
        std::thread::sleep(pause);
    }
    condition()
}

/// A copy of the bundled sample project: (the temporary folder that owns it, the project folder).
pub fn copy_sample() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("sample");
    let status = Command::new("cp").arg("-r").arg(repo().join("assets/sample")).arg(&target).status().expect("cp");
    assert!(status.success());
    (dir, target)
}

/// Repository root (for assets/).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every span of `annotator` in the project at `dir`: (document, start, end, label, text), sorted.
pub fn spans_of(dir: &Path, annotator: &str) -> Vec<(String, usize, usize, String, String)> {
    let project = newsanno::Project::open(dir).expect("open");
    let mut out = Vec::new();
    for entry in project.documents() {
        let doc = project.load_document(&entry.id).expect("doc");
        if let Some(l) = project.load_annotation(annotator, &doc).expect("load") {
            assert!(l.problems.is_empty(), "{:?}", l.problems);
            for s in l.file.spans {
                out.push((entry.id.clone(), s.start, s.end, s.label, s.text));
            }
        }
    }
    out.sort();
    out
}

/// Every relation of `annotator` in the project at `dir`, by its ends' values:
/// (document, from (start, end, label), to (start, end, label), type), sorted;
/// a symmetric type's ends in order, so either way round compares equal.
pub type RelationRow = (String, (usize, usize, String), (usize, usize, String), String);

/// The relations of `annotator` (see [`RelationRow`]).
pub fn relations_of(dir: &Path, annotator: &str) -> Vec<RelationRow> {
    let project = newsanno::Project::open(dir).expect("open");
    let mut out = Vec::new();
    for entry in project.documents() {
        let doc = project.load_document(&entry.id).expect("doc");
        if let Some(l) = project.load_annotation(annotator, &doc).expect("load") {
            assert_eq!(l.file.linked_spans(&[]).count(), l.file.relations.len(), "a relation to a missing span");
            for (a, b, r) in l.file.linked_spans(project.relation_types()) {
                out.push((
                    entry.id.clone(),
                    (a.start, a.end, a.label.clone()),
                    (b.start, b.end, b.label.clone()),
                    r.kind.clone(),
                ));
            }
        }
    }
    out.sort();
    out
}
