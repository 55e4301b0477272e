//! The annotation window, driven as a user would with egui_kittest: drag,
//! keys, clicks; then the RON files on disk are checked.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui::{Event, Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use newsanno::app::review::ReviewViews as _;
use newsanno::app::shell::Settings;
use newsanno::app::{LaunchOptions, NewsannoApp};
use newsanno::{AnnotationFile, Project, Status};

use crate::util::{Fixture, copy_sample};

const FIRST: &str =
    "𠮷野家😀报道：阿里巴巴集团董事会主席张勇宣布阿里云将独立上市。\n阿里云营收167.61亿元，同比增长37%。";
const SECOND: &str = "钉钉用户数突破7亿，叶军表示钉钉将继续投入AI。";

fn project() -> (Fixture, PathBuf) {
    let fx = Fixture::with_titled_articles(&[("d1", Some("阿里云独立"), FIRST), ("d2", Some("钉钉七亿"), SECOND)]);
    let dir = fx.project();
    (fx, dir)
}

/// The app on `dir` with nothing remembered: as `annotator` (none: the name
/// prompt), on `document` (none: the first), in review mode or not.
fn launch(dir: &Path, annotator: Option<&str>, document: Option<&str>, review: bool) -> NewsannoApp {
    let launch = LaunchOptions {
        project: Some(dir.to_path_buf()),
        annotator: annotator.map(str::to_owned),
        document: document.map(str::to_owned),
        review,
        screenshot: None,
        all_relations: false,
    };
    NewsannoApp::with_settings(launch, Settings::default())
}

fn app(dir: &Path, annotator: &str) -> NewsannoApp {
    launch(dir, Some(annotator), None, false)
}

// The bundled font covers the BMP's CJK; 𠮷 (Extension B) and 😀 in FIRST have
// no glyph in it (the app draws a box for them, or a system font where one
// exists), so these tests allow that. `every_glyph_of_the_ui_renders` keeps
// the strict check for Chinese text and the whole UI.
fn harness(app: NewsannoApp) -> Harness<'static, NewsannoApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(50)
        .with_step_dt(1.0 / 60.0)
        .allow_missing_glyphs()
        .with_context_setup(newsanno::app::fonts::install_fonts)
        .build_ui_state(|ui, app: &mut NewsannoApp| app.frame_ui(ui), app);
    harness.run_steps(3);
    harness
}

#[test]
fn every_glyph_of_the_ui_renders() {
    let text = "蒂姆·库克称iPhone 17在华销量“超出预期”（全角：１２３），营收167.61亿元。\n第二段：钉钉、PolarDB、同比增长37%。";
    let fx = Fixture::with_titled_articles(&[("bmp", Some("库克到访"), text)]);
    let project = Project::open(&fx.project()).unwrap();
    let doc = project.load_document("bmp").unwrap();
    let mut file = AnnotationFile::new("bmp", "alice", &doc.entry.text_hash);
    file.add_span(&doc.text, 0, 5, "executive").unwrap();
    file.add_span(&doc.text, 0, 2, "product").unwrap();
    project.save_annotation(&mut file, &doc).unwrap();
    // Missing glyphs panic here (the harness default).
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(50)
        .with_step_dt(1.0 / 60.0)
        .with_context_setup(newsanno::app::fonts::install_fonts)
        .build_ui_state(|ui, app: &mut NewsannoApp| app.frame_ui(ui), app(&fx.project(), "alice"));
    h.run_steps(3);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.event(Event::Text("钉钉".into()));
    h.run_steps(3);
    h.get_by_label_contains("Label all 1 matches as");
    h.get_by_label_contains("0 / 1 done");
}

fn char_index(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].chars().count()
}

// Drags from the left quarter of char `from` to the right quarter of char `to - 1`.
fn drag_select(harness: &mut Harness<'_, NewsannoApp>, from: usize, to: usize, modifiers: Modifiers) {
    let (a, b) = {
        let view = &harness.state().article;
        (view.char_screen_rect(from).unwrap(), view.char_screen_rect(to - 1).unwrap())
    };
    let start = Pos2::new(a.min.x + a.width() * 0.2, a.center().y);
    let end = Pos2::new(b.max.x - b.width() * 0.2, b.center().y);
    harness.hover_at(start);
    harness.run_steps(1);
    harness.event_modifiers(
        Event::PointerButton { pos: start, button: egui::PointerButton::Primary, pressed: true, modifiers },
        modifiers,
    );
    harness.run_steps(1);
    for t in [0.3, 0.6, 1.0] {
        harness.event_modifiers(Event::PointerMoved(start + (end - start) * t), modifiers);
        harness.run_steps(1);
    }
    harness.event_modifiers(
        Event::PointerButton { pos: end, button: egui::PointerButton::Primary, pressed: false, modifiers },
        modifiers,
    );
    harness.run_steps(2);
}

fn click_char(harness: &mut Harness<'_, NewsannoApp>, at: usize) {
    click_char_with(harness, at, egui::PointerButton::Primary, Modifiers::NONE);
}

fn click_char_with(
    harness: &mut Harness<'_, NewsannoApp>,
    at: usize,
    button: egui::PointerButton,
    modifiers: Modifiers,
) {
    let r = harness.state().article.char_screen_rect(at).unwrap();
    let pos = r.center();
    harness.hover_at(pos);
    harness.run_steps(1);
    harness.event_modifiers(Event::PointerButton { pos, button, pressed: true, modifiers }, modifiers);
    harness.run_steps(1);
    harness.event_modifiers(Event::PointerButton { pos, button, pressed: false, modifiers }, modifiers);
    harness.run_steps(2);
}

fn saved(harness: &mut Harness<'_, NewsannoApp>, dir: &Path, annotator: &str, doc: &str) -> AnnotationFile {
    harness.state_mut().flush();
    let project = Project::open(dir).unwrap();
    let document = project.load_document(doc).unwrap();
    project.load_annotation(annotator, &document).unwrap().expect("file saved").file
}

#[test]
fn drag_snap_and_key_1_saves_a_span_with_code_point_offsets() {
    let (_fx, dir) = project();
    let mut h = harness(app(&dir, "alice"));
    let zhang = char_index(FIRST, "张勇");
    // Drag over 张勇 only partly ("张" and half of "勇"): it snaps to the word.
    drag_select(&mut h, zhang, zhang + 2, Modifiers::NONE);
    let selection = h.state().session.as_ref().unwrap().current.as_ref().unwrap().selection;
    assert_eq!(selection, Some((zhang, zhang + 2)), "snapped to 张勇");
    h.key_press(Key::Num1);
    h.run_steps(2);
    let file = saved(&mut h, &dir, "alice", "d1");
    assert_eq!(file.spans.len(), 1);
    let span = &file.spans[0];
    assert_eq!(
        (span.start, span.end, span.label.as_str(), span.text.as_str()),
        (zhang, zhang + 2, "executive", "张勇")
    );
    // Python: FIRST[18:20] == "张勇" (𠮷 and 😀 count as one each).
    assert_eq!(zhang, 18);
    assert_eq!(file.status, Status::InProgress);
}

#[test]
fn alt_drag_is_character_exact_and_shift_arrows_adjust() {
    let (_fx, dir) = project();
    let mut h = harness(app(&dir, "alice"));
    let cloud = char_index(FIRST, "阿里巴巴");
    drag_select(&mut h, cloud, cloud + 2, Modifiers::ALT);
    let selection = || h.state().session.as_ref().unwrap().current.as_ref().unwrap().selection;
    assert_eq!(selection(), Some((cloud, cloud + 2)), "Alt keeps 阿里 unsnapped");
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run_steps(1);
    assert_eq!(h.state().session.as_ref().unwrap().current.as_ref().unwrap().selection, Some((cloud, cloud + 4)));
    h.key_press(Key::Num2);
    h.run_steps(1);
    let file = saved(&mut h, &dir, "alice", "d1");
    assert_eq!(file.spans[0].text, "阿里巴巴");
}

#[test]
fn relabel_delete_undo_redo() {
    let (_fx, dir) = project();
    let mut h = harness(app(&dir, "alice"));
    let zhang = char_index(FIRST, "张勇");
    drag_select(&mut h, zhang, zhang + 2, Modifiers::NONE);
    h.key_press(Key::Num1);
    h.run_steps(1);
    // Click the span, press 2: relabelled.
    click_char(&mut h, zhang);
    h.key_press(Key::Num2);
    h.run_steps(1);
    assert_eq!(saved(&mut h, &dir, "alice", "d1").spans[0].label, "product");
    // Pressing 2 on another span with the same range and label is refused, nothing changes.
    h.key_press(Key::Delete);
    h.run_steps(1);
    assert!(saved(&mut h, &dir, "alice", "d1").spans.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(1);
    assert_eq!(saved(&mut h, &dir, "alice", "d1").spans[0].label, "product");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(1);
    assert_eq!(saved(&mut h, &dir, "alice", "d1").spans[0].label, "executive");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(1);
    assert!(saved(&mut h, &dir, "alice", "d1").spans.is_empty());
}

#[test]
fn find_and_label_all_is_one_undoable_edit_that_skips_labelled_matches() {
    let (_fx, dir) = project();
    let mut h = harness(app(&dir, "alice"));
    let first_cloud = char_index(FIRST, "阿里云");
    drag_select(&mut h, first_cloud, first_cloud + 3, Modifiers::ALT);
    h.key_press(Key::Num2);
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.event(Event::Text("阿里云".into()));
    h.run_steps(2);
    h.get_by_label_contains("Label all 2 matches as").click();
    h.run_steps(1);
    let labels: Vec<String> = saved(&mut h, &dir, "alice", "d1").spans.iter().map(|s| s.label.clone()).collect();
    // Combo default is the first label, executive: both matches get it (the product span stays).
    assert_eq!(labels.iter().filter(|l| *l == "executive").count(), 2, "{labels:?}");
    h.get_by_label_contains("Label all 2 matches as").click();
    h.run_steps(1);
    assert_eq!(saved(&mut h, &dir, "alice", "d1").spans.len(), 3, "already labelled matches are skipped");
    // Esc leaves the find field; then one undo removes both.
    h.key_press(Key::Escape);
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(1);
    assert_eq!(saved(&mut h, &dir, "alice", "d1").spans.len(), 1);
}

#[test]
fn navigation_and_done_status() {
    let (_fx, dir) = project();
    let mut h = harness(app(&dir, "alice"));
    let position =
        |h: &Harness<'_, NewsannoApp>| h.state().session.as_ref().unwrap().current.as_ref().unwrap().position;
    assert_eq!(position(&h), 0);
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    h.run_steps(1);
    assert_eq!(position(&h), 1);
    h.key_press(Key::PageUp);
    h.run_steps(1);
    assert_eq!(position(&h), 0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run_steps(1);
    assert_eq!(position(&h), 1, "done opens the next document not done");
    assert_eq!(saved(&mut h, &dir, "alice", "d1").status, Status::Done);
    // Clicking a title in the list opens it.
    h.get_by_label_contains("阿里云独立").click();
    h.run_steps(1);
    assert_eq!(position(&h), 0);
}

/// Saves alice's file for d1 with one span; returns its path and the document.
fn alice_saved_one_span(dir: &Path) -> (PathBuf, newsanno::Document) {
    let project = Project::open(dir).unwrap();
    let doc = project.load_document("d1").unwrap();
    let mut file = AnnotationFile::new("d1", "alice", &doc.entry.text_hash);
    file.add_span(&doc.text, 0, 1, "product").unwrap();
    project.save_annotation(&mut file, &doc).unwrap();
    (project.annotation_path("alice", "d1"), doc)
}

#[test]
fn a_stale_document_opens_read_only_and_refuses_edits() {
    let (_fx, dir) = project();
    let (path, doc) = alice_saved_one_span(&dir);
    let raw =
        std::fs::read_to_string(&path).unwrap().replace(&doc.entry.text_hash, &newsanno::text::text_hash("other"));
    std::fs::write(&path, &raw).unwrap();

    let mut h = harness(app(&dir, "alice"));
    let read_only = h.state().session.as_ref().unwrap().current.as_ref().unwrap().read_only.clone();
    assert!(read_only.unwrap().starts_with("stale"));
    h.get_by_label_contains("Read-only: stale");
    let zhang = char_index(FIRST, "张勇");
    drag_select(&mut h, zhang, zhang + 2, Modifiers::NONE);
    h.key_press(Key::Num1);
    h.run_steps(1);
    h.state_mut().flush();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), raw, "stale file untouched");
}

#[test]
fn a_malformed_file_is_shown_as_broken_not_empty_and_never_overwritten() {
    let (_fx, dir) = project();
    let (path, _) = alice_saved_one_span(&dir);
    // A sync tool cut it short: the closing brackets are gone.
    let raw = std::fs::read_to_string(&path).unwrap();
    let broken = &raw[..raw.len() - 8];
    std::fs::write(&path, broken).unwrap();

    let mut h = harness(app(&dir, "alice"));
    let session = h.state().session.as_ref().unwrap();
    let read_only = session.current.as_ref().unwrap().read_only.clone().unwrap();
    assert!(read_only.contains("cannot be read and will not be overwritten"), "{read_only}");
    assert!(read_only.contains("d1.ron:"), "names the file and place: {read_only}");
    assert!(h.query_all_by_label_contains("cannot be read and will not be overwritten").count() >= 1);
    // The list marks it as broken (⚠ "unreadable"), not as not started.
    let row = &h.state().session.as_ref().unwrap().rows[0];
    assert!(matches!(row.status, newsanno::session::session::RowStatus::Broken), "{:?}", row.status);
    assert!(h.query_all_by_label_contains("⚠").count() >= 1);
    let zhang = char_index(FIRST, "张勇");
    drag_select(&mut h, zhang, zhang + 2, Modifiers::NONE);
    h.key_press(Key::Num1);
    h.run_steps(1);
    h.state_mut().flush();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken, "broken file untouched");
}

#[test]
fn a_second_window_on_the_same_annotator_is_read_only() {
    let (_fx, dir) = project();
    let first = harness(app(&dir, "alice"));
    let mut second = harness(app(&dir, "alice"));
    let read_only = second.state().session.as_ref().unwrap().current.as_ref().unwrap().read_only.clone();
    assert!(read_only.unwrap().contains("open in another window"), "second window must be read-only");
    second.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    second.run_steps(1);
    second.state_mut().flush();
    assert!(!Project::open(&dir).unwrap().annotation_path("alice", "d1").exists());
    drop(first);
    // Another annotator is not affected.
    let bob = harness(app(&dir, "bob"));
    assert!(bob.state().session.as_ref().unwrap().current.as_ref().unwrap().read_only.is_none());
}

/// Runs frames for up to 4 s until the status says saved again (the saver retries every second).
/// Runs frames (`pause` apart, up to `tries`) until `condition` holds; true if it did.
fn step_until(
    h: &mut Harness<'_, NewsannoApp>,
    tries: usize,
    pause: Duration,
    condition: impl Fn(&Harness<'_, NewsannoApp>) -> bool,
) -> bool {
    crate::util::wait_until(tries, pause, || {
        h.run_steps(1);
        condition(h)
    })
}

fn wait_until_saved(h: &mut Harness<'_, NewsannoApp>) -> bool {
    step_until(h, 40, Duration::from_millis(100), |h| {
        matches!(h.state().session.as_ref().unwrap().save_state, newsanno::session::session::SaveState::Saved(_))
    })
}

#[test]
fn a_failed_save_keeps_the_edit_shows_the_error_and_recovers() {
    let (_fx, dir) = project();
    let path = Project::open(&dir).unwrap().annotation_path("alice", "d1");
    // A folder where the file should be: every write fails, even as root.
    std::fs::create_dir_all(&path).unwrap();
    let mut h = harness(app(&dir, "alice"));
    let zhang = char_index(FIRST, "张勇");
    drag_select(&mut h, zhang, zhang + 2, Modifiers::NONE);
    h.key_press(Key::Num1);
    for _ in 0..20 {
        h.run_steps(1);
        std::thread::sleep(Duration::from_millis(20));
    }
    let state = &h.state().session.as_ref().unwrap().save_state;
    assert!(matches!(state, newsanno::session::session::SaveState::Failed(_)), "{state:?}");
    h.get_by_label_contains("failed; edits kept, retrying");
    assert_eq!(h.state().session.as_ref().unwrap().current.as_ref().unwrap().file.spans.len(), 1, "edit kept");
    std::fs::remove_dir(&path).unwrap();
    let recovered = wait_until_saved(&mut h);
    assert!(recovered, "the retry saved the kept edit");
    assert_eq!(saved(&mut h, &dir, "alice", "d1").spans[0].text, "张勇");
}

#[test]
fn a_full_disk_is_shown_the_edits_kept_and_saved_when_space_returns() {
    let (_fx, dir) = project();
    let mut h = harness(app(&dir, "alice"));
    let zhang = char_index(FIRST, "张勇");
    drag_select(&mut h, zhang, zhang + 2, Modifiers::NONE);
    h.key_press(Key::Num1);
    h.run_steps(2);
    let first = saved(&mut h, &dir, "alice", "d1");
    let path = Project::open(&dir).unwrap().annotation_path("alice", "d1");
    let before = std::fs::read(&path).unwrap();

    newsanno::store::atomic::simulated_disk_full::fill(&dir, 64);
    let cloud = char_index(FIRST, "阿里巴巴");
    drag_select(&mut h, cloud, cloud + 4, Modifiers::ALT);
    h.key_press(Key::Num2);
    h.run_steps(2);
    for _ in 0..20 {
        h.run_steps(1);
        std::thread::sleep(Duration::from_millis(20));
    }
    h.get_by_label_contains("No space left on device");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the previous file is intact");
    assert_eq!(h.state().session.as_ref().unwrap().current.as_ref().unwrap().file.spans.len(), 2, "edit kept");

    newsanno::store::atomic::simulated_disk_full::free(&dir);
    let recovered = wait_until_saved(&mut h);
    assert!(recovered, "saved once space returned");
    let after = saved(&mut h, &dir, "alice", "d1");
    assert_eq!(first.spans.len(), 1);
    assert_eq!(after.spans.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(), ["阿里巴巴", "张勇"]);
}

#[test]
fn double_click_selects_a_word_and_notes_and_comments_are_saved() {
    let (_fx, dir) = project();
    let mut h = harness(app(&dir, "alice"));
    let zhang = char_index(FIRST, "张勇");
    let pos = h.state().article.char_screen_rect(zhang).unwrap().center();
    h.hover_at(pos);
    h.run_steps(1);
    for _ in 0..2 {
        h.event(Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(1);
        h.event(Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(1);
    }
    let selection = h.state().session.as_ref().unwrap().current.as_ref().unwrap().selection;
    assert_eq!(selection, Some((zhang, zhang + 2)), "double-click selects the word 张勇");
    h.key_press(Key::Num1);
    h.run_steps(2);
    // The new span is selected: its note field is shown; type a note and leave the field.
    let note_field = h.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Note on 「张勇」");
    note_field.focus();
    h.run_steps(1);
    h.event(Event::Text("董事会主席".into()));
    h.run_steps(1);
    h.key_press(Key::Escape);
    h.run_steps(2);
    let file = saved(&mut h, &dir, "alice", "d1");
    assert_eq!(file.spans[0].note.as_deref(), Some("董事会主席"));
    // The document comment, likewise.
    h.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Document comment").focus();
    h.run_steps(1);
    h.event(Event::Text("待复核".into()));
    h.run_steps(1);
    // The field keeps its caret keys: Ctrl+←, then typing, edits the comment, not the article's caret.
    let caret = h.state().session.as_ref().unwrap().current.as_ref().unwrap().caret;
    h.key_press_modifiers(Modifiers::COMMAND, Key::ArrowLeft);
    h.key_press(Key::ArrowLeft);
    h.run_steps(1);
    assert_eq!(h.state().session.as_ref().unwrap().current.as_ref().unwrap().caret, caret);
    h.key_press_modifiers(Modifiers::COMMAND, Key::ArrowRight);
    h.run_steps(1);
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert_eq!(saved(&mut h, &dir, "alice", "d1").comment, "待复核");
    // Both are undoable edits.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(saved(&mut h, &dir, "alice", "d1").comment, "");
}

#[test]
fn zoom_keys_change_the_article_font_and_are_remembered() {
    let (_fx, dir) = project();
    let mut h = harness(app(&dir, "alice"));
    let before = h.state().article.char_screen_rect(0).unwrap().height();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run_steps(2);
    let after = h.state().article.char_screen_rect(0).unwrap().height();
    assert!(after > before, "{before} -> {after}");
    assert!(h.state().settings().font_size > newsanno::app::shell::DEFAULT_FONT_SIZE);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run_steps(2);
    assert_eq!(h.state().settings().font_size, newsanno::app::shell::DEFAULT_FONT_SIZE);
    h.get_by_label_contains("100%");
}

#[test]
fn first_start_asks_the_annotators_name_and_uses_it() {
    let (_fx, dir) = project();
    let mut h = harness(launch(&dir, None, None, false));
    h.get_by_label_contains("Who is annotating?");
    assert!(h.state().session.is_none());
    // The name field has focus; an unsafe name is refused, a good one starts the session.
    h.event(Event::Text("../x".into()));
    h.run_steps(2);
    h.get_by_label_contains("annotator name \"../x\" must be");
    for _ in 0..4 {
        h.key_press(Key::Backspace);
    }
    h.event(Event::Text("王芳".into()));
    h.run_steps(2);
    h.get_by_label("Start").click();
    h.run_steps(3);
    assert_eq!(h.state().settings().annotator.as_deref(), Some("王芳"));
    let session = h.state().session.as_ref().expect("session opened");
    assert_eq!(session.annotator, "王芳");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run_steps(1);
    assert_eq!(saved(&mut h, &dir, "王芳", "d1").status, Status::Done);
}

#[test]
fn the_bundled_sample_installs_as_a_valid_project() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("sample");
    newsanno::app::sample::install_sample(&target).unwrap();
    let problems = newsanno::store::validate::validate(&target);
    assert!(problems.is_empty(), "{problems:?}");
    let project = Project::open(&target).unwrap();
    assert_eq!(project.documents().len(), 8);
    assert_eq!(project.annotators().unwrap(), ["alice", "bob"]);
    // A second call leaves the user's copy alone.
    std::fs::write(target.join("guidelines.md"), "mine").unwrap();
    newsanno::app::sample::install_sample(&target).unwrap();
    assert_eq!(std::fs::read_to_string(target.join("guidelines.md")).unwrap(), "mine");
}

#[test]
fn new_project_from_articles_imports_on_a_worker_and_opens_it() {
    let (fx, dir) = project();
    let articles = fx.write("incoming/a.txt", "钉钉发布新版本\n\n钉钉今天发布了新版本。");
    fx.write("incoming/b.txt", "阿里云降价\n\n阿里云宣布降价。");
    let new_dir = fx.dir.path().join("fresh");
    let mut h = harness(app(&dir, "alice"));
    h.get_by_label("Project").click();
    h.run_steps(3);
    h.get_by_label("New project from articles…").click();
    h.run_steps(2);
    let fields: Vec<_> = h.get_all_by_role(egui::accesskit::Role::TextInput).collect();
    assert!(fields.len() >= 2);
    drop(fields);
    // Type the two paths (the file dialogs may not exist in CI).
    for (index, text) in [(1, new_dir.display().to_string()), (2, articles.parent().unwrap().display().to_string())] {
        let field = h.get_all_by_role(egui::accesskit::Role::TextInput).nth(index).unwrap();
        field.focus();
        h.run_steps(1);
        h.event(Event::Text(text));
        h.run_steps(1);
    }
    h.get_by_label("Create and import").click();
    let opened = step_until(&mut h, 60, Duration::from_millis(50), |h| {
        h.state().session.as_ref().is_some_and(|s| s.project.root() == new_dir)
    });
    assert!(opened, "the new project opened");
    h.run_steps(2);
    h.get_by_label_contains("imported 2 documents");
    assert_eq!(Project::open(&new_dir).unwrap().documents().len(), 2);
}

fn gold_spans(h: &mut Harness<'_, NewsannoApp>, dir: &Path, doc: &str) -> Vec<(usize, usize, String)> {
    if let Some(gold) = h.state_mut().review.as_mut().and_then(|r| r.gold.as_mut()) {
        gold.flush(Duration::from_secs(5)).unwrap();
    }
    let project = Project::open(dir).unwrap();
    let document = project.load_document(doc).unwrap();
    project
        .load_annotation("gold", &document)
        .unwrap()
        .map(|l| l.file.spans.iter().map(|s| (s.start, s.end, s.label.clone())).collect())
        .unwrap_or_default()
}

/// Review ▸ Agreement and adjudication…, then frames until the report is computed.
fn open_review_dashboard(h: &mut Harness<'_, NewsannoApp>) {
    h.get_by_label("Review").click();
    h.run_steps(3);
    h.get_by_label("Agreement and adjudication…").click();
    h.run_steps(2);
    step_until(h, 100, Duration::from_millis(20), |h| h.state().review.as_ref().is_some_and(|r| r.report.is_some()));
    h.run_steps(2);
}

#[test]
fn review_accepts_a_span_into_gold_merges_agreed_spans_and_undoes() {
    let (_tmp, dir) = copy_sample();
    let mut h = harness(app(&dir, "alice"));
    open_review_dashboard(&mut h);
    h.get_by_label_contains("8 documents, 7 finished by all");
    h.get_by_label_contains("05-earnings-flash").click();
    h.run_steps(3);
    h.get_by_label_contains("12 disputes left");

    // Click a disputed lane bar of bob (lane 1), press A: it is in gold and one dispute fewer.
    let hit = {
        let review = h.state().review.as_ref().unwrap();
        let lanes = review.lanes();
        let disputed: Vec<u64> = lanes[1].spans.iter().filter(|s| !s.agreed).map(|s| s.id).collect();
        *h.state()
            .article
            .lane_hits()
            .iter()
            .find(|(_, lane, id)| *lane == 1 && disputed.contains(id))
            .expect("a disputed bar")
    };
    let (rect, _, id) = hit;
    h.hover_at(rect.center());
    h.run_steps(1);
    h.event(Event::PointerButton {
        pos: rect.center(),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(1);
    h.event(Event::PointerButton {
        pos: rect.center(),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(2);
    assert_eq!(h.state().review.as_ref().unwrap().selected, Some((1, id)));
    h.key_press(Key::A);
    h.run_steps(2);
    h.get_by_label_contains("11 disputes left");
    let gold = gold_spans(&mut h, &dir, "05-earnings-flash");
    assert_eq!(gold.len(), 1);

    // Shift+A accepts every span both agree on; Ctrl+Z takes that back as one step.
    h.key_press_modifiers(Modifiers::SHIFT, Key::A);
    h.run_steps(2);
    let merged = gold_spans(&mut h, &dir, "05-earnings-flash").len();
    assert_eq!(merged, 1 + 7, "7 spans of 05-earnings-flash are agreed by both");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(gold_spans(&mut h, &dir, "05-earnings-flash").len(), 1);

    // R rejects the accepted span: out of gold, and still decided.
    h.key_press(Key::R);
    h.run_steps(2);
    assert!(gold_spans(&mut h, &dir, "05-earnings-flash").is_empty());
    h.get_by_label_contains("11 disputes left");

    // The whole project at once, then undone.
    h.get_by_label("in the whole project").click();
    h.run_steps(3);
    assert_eq!(gold_spans(&mut h, &dir, "01-aliyun-outage").len(), 22);
    h.get_by_label("undo project merge").click();
    h.run_steps(3);
    assert!(gold_spans(&mut h, &dir, "01-aliyun-outage").is_empty());
}

#[test]
fn review_edits_gold_directly_and_shows_gold_as_a_lane_on_request() {
    let (_tmp, dir) = copy_sample();
    let mut h = harness(launch(&dir, Some("alice"), Some("07-headline-flash"), true));
    h.run_steps(3);
    assert_eq!(h.state().review.as_ref().unwrap().document, Some(6));
    // 07-headline-flash: "钉钉宣布向中小企业免费开放AI助理…"; mark 中小企业 (chars 4..8) as an event in gold.
    drag_select(&mut h, 4, 8, Modifiers::ALT);
    h.key_press(Key::Num3);
    h.run_steps(2);
    assert_eq!(gold_spans(&mut h, &dir, "07-headline-flash"), vec![(4, 8, "event".to_owned())]);
    // Back to the dashboard, tick gold: it becomes a lane and is measured against the others.
    h.key_press(Key::Escape);
    h.run_steps(2);
    h.get_by_label("gold").click();
    h.run_steps(2);
    step_until(&mut h, 100, Duration::from_millis(20), |h| {
        h.state().review.as_ref().is_some_and(|r| r.report.as_ref().is_some_and(|rep| rep.annotators.len() == 3))
    });
    let report = h.state().review.as_ref().unwrap().report.clone().unwrap();
    assert_eq!(report.annotators, ["alice", "bob", "gold"]);
    h.get_by_label_contains("07-headline-flash").click();
    h.run_steps(3);
    assert_eq!(h.state().review.as_ref().unwrap().lanes().len(), 3);
}

/// Project ▸ Export…, ticks `tick` (status checkboxes), types `out`, presses Export and waits
/// until the dialog's message contains `expected`; false if it never does.
fn export_from_dialog(h: &mut Harness<'_, NewsannoApp>, tick: &[&str], out: &Path, expected: &str) -> bool {
    h.get_by_label("Project").click();
    h.run_steps(3);
    h.get_by_label("Export…").click();
    h.run_steps(2);
    for label in tick {
        h.get_by_label(label).click();
        h.run_steps(1);
    }
    // The output field is the last text input of the dialog.
    let field = h.get_all_by_role(egui::accesskit::Role::TextInput).last().unwrap();
    field.focus();
    h.run_steps(1);
    h.event(Event::Text(out.display().to_string()));
    h.run_steps(1);
    h.get_by_label("Export").click();
    step_until(h, 100, Duration::from_millis(20), |h| h.query_by_label_contains(expected).is_some())
}

#[test]
fn export_dialog_writes_on_a_worker_and_reports() {
    let (tmp, dir) = copy_sample();
    let out = tmp.path().join("alice.jsonl");
    let mut h = harness(app(&dir, "alice"));
    assert!(
        export_from_dialog(&mut h, &["in progress"], &out, "exported 8 documents"),
        "the export finished and said so"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 8);
    h.get_by_label_contains("142 relations");
}

fn focused(h: &Harness<'_, NewsannoApp>) -> Option<(String, String)> {
    h.state().session.as_ref().unwrap().suggestions.focused().map(|s| (s.text.clone(), s.label.clone()))
}

fn open_suggestions(h: &Harness<'_, NewsannoApp>) -> Vec<(String, String, String)> {
    let state = &h.state().session.as_ref().unwrap().suggestions;
    state.open.iter().map(|s| (s.text.clone(), s.label.clone(), s.source.to_string())).collect()
}

/// Presses Tab until `text` has the focus (at most once round the list).
fn tab_to(h: &mut Harness<'_, NewsannoApp>, text: &str) {
    for _ in 0..10 {
        h.key_press(Key::Tab);
        h.run_steps(1);
        if focused(h).is_some_and(|f| f.0 == text) {
            return;
        }
    }
    panic!("Tab never reached {text}: {:?}", open_suggestions(h));
}

#[test]
fn suggestions_are_accepted_rejected_and_undone_with_the_keyboard() {
    let (_fx, dir) = project();
    let mut h = harness(app(&dir, "alice"));
    let open = open_suggestions(&h);
    assert!(open.contains(&("167.61亿元".into(), "metric".into(), "pattern:amount".into())), "{open:?}");
    assert!(open.contains(&("同比增长37%".into(), "metric".into(), "pattern:change".into())), "{open:?}");
    let current =
        |h: &Harness<'_, NewsannoApp>| h.state().session.as_ref().unwrap().current.as_ref().unwrap().file.clone();
    assert!(current(&h).spans.is_empty(), "suggestions are not annotations");

    tab_to(&mut h, "167.61亿元");
    h.key_press(Key::Enter);
    h.run_steps(1);
    let file = current(&h);
    assert_eq!(file.spans.len(), 1);
    assert_eq!(
        (file.spans[0].text.as_str(), file.spans[0].source.to_string()),
        ("167.61亿元", "pattern:amount".to_owned())
    );
    assert_eq!(focused(&h).map(|f| f.0), Some("同比增长37%".to_owned()), "the focus moves on");

    h.key_press(Key::Backspace);
    h.run_steps(1);
    let file = current(&h);
    assert_eq!(file.rejected.len(), 1);
    assert!(!open_suggestions(&h).iter().any(|s| s.0 == "同比增长37%"), "a rejected suggestion is gone");

    // Undo the rejection, then the acceptance: both suggestions are back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(1);
    assert!(open_suggestions(&h).iter().any(|s| s.0 == "同比增长37%"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(1);
    assert!(current(&h).spans.is_empty());
    assert!(open_suggestions(&h).iter().any(|s| s.0 == "167.61亿元"));
    // Redo both, then check the file on disk.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(1);
    let on_disk = saved(&mut h, &dir, "alice", "d1");
    assert_eq!(on_disk.spans.len(), 1);
    assert_eq!(on_disk.spans[0].source, newsanno::SpanSource::Pattern("amount".into()));
    assert_eq!(on_disk.rejected.len(), 1);
    assert_eq!(on_disk.rejected[0].label, "metric");
    // The accepted figure's attributes were filled in by the normaliser (format 1.4).
    assert_eq!(on_disk.spans[0].attributes["value"].to_string(), "16761000000");
    assert_eq!(on_disk.version, "1.4");
    drop(h);

    // A new window: the rejected suggestion does not come back, the accepted one is a span.
    let h = harness(app(&dir, "alice"));
    let open = open_suggestions(&h);
    assert!(!open.iter().any(|s| s.0 == "同比增长37%" || s.0 == "167.61亿元"), "{open:?}");
}

#[test]
fn labelling_a_text_suggests_its_other_occurrences_and_accept_all_is_one_undo() {
    let (_fx, dir) = project();
    let mut h = harness(app(&dir, "alice"));
    // 阿里云 occurs twice in FIRST; label the first by hand.
    let first = char_index(FIRST, "阿里云");
    drag_select(&mut h, first, first + 3, Modifiers::ALT);
    h.key_press(Key::Num2);
    h.run_steps(2);
    let open = open_suggestions(&h);
    let propagated: Vec<_> = open.iter().filter(|s| s.2 == "propagated").collect();
    assert_eq!(propagated.len(), 1, "{open:?}");
    assert_eq!((propagated[0].0.as_str(), propagated[0].1.as_str()), ("阿里云", "product"));
    let tip = h.state().session.as_ref().unwrap().suggestions.times_labelled("product", "阿里云");
    assert_eq!(tip, 1);

    // "Accept all N metric" in the side panel: one edit, one undo.
    let metric = open.iter().filter(|s| s.1 == "metric").count();
    assert!(metric >= 2, "{open:?}");
    h.get_by_label(&format!("Accept all {metric} metric")).click();
    h.run_steps(2);
    let spans =
        |h: &Harness<'_, NewsannoApp>| h.state().session.as_ref().unwrap().current.as_ref().unwrap().file.spans.len();
    assert_eq!(spans(&h), 1 + metric);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(1);
    assert_eq!(spans(&h), 1, "one undo takes back the whole batch");

    // Switching a source off hides its suggestions.
    h.get_by_label_contains("patterns ").click();
    h.run_steps(2);
    assert!(!open_suggestions(&h).iter().any(|s| s.1 == "metric"), "{:?}", open_suggestions(&h));

    // Undoing the only 阿里云 span: the text is no longer labelled anywhere, so no longer propagated.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(1);
    assert!(!open_suggestions(&h).iter().any(|s| s.2 == "propagated"), "{:?}", open_suggestions(&h));
}

#[test]
fn pos_hints_arrive_from_the_background_tagger() {
    let (_fx, dir) = project();
    let mut h = harness(app(&dir, "alice"));
    // 张勇 follows the title 主席: a strong person-name hint once jieba has tagged the text.
    let found = step_until(&mut h, 100, Duration::from_millis(20), |h| {
        open_suggestions(h).iter().any(|s| s.0 == "张勇" && s.1 == "executive" && s.2 == "pos")
    });
    assert!(found, "{:?}", open_suggestions(&h));
}

#[test]
fn a_broken_term_list_turns_suggestions_off_with_the_reason_and_the_window_works() {
    let (_fx, dir) = project();
    let path = dir.join("project.ron");
    let mut config = newsanno::store::ProjectConfig::read(&path).unwrap();
    config.labels[1].terms = vec!["terms/missing.txt".into()];
    config.write(&path).unwrap();
    let mut h = harness(app(&dir, "alice"));
    let state = &h.state().session.as_ref().unwrap().suggestions;
    let error = state.error.clone().unwrap();
    assert!(error.contains("missing.txt") && error.contains("\"product\""), "{error}");
    assert!(state.open.is_empty());
    // Shown in the side panel and the status bar.
    assert!(h.query_all_by_label_contains("suggestions are off").count() >= 2);
    // Annotating still works.
    let zhang = char_index(FIRST, "张勇");
    drag_select(&mut h, zhang, zhang + 2, Modifiers::NONE);
    h.key_press(Key::Num1);
    h.run_steps(2);
    assert_eq!(saved(&mut h, &dir, "alice", "d1").spans.len(), 1);
}

#[test]
fn review_does_not_draw_the_annotate_sessions_suggestions() {
    let (_tmp, dir) = copy_sample();
    let mut h = harness(app(&dir, "carol"));
    assert!(h.state().article.suggestions_drawn > 0, "a new annotator sees suggestions");
    open_review_dashboard(&mut h);
    h.get_by_label_contains("05-earnings-flash").click();
    h.run_steps(3);
    assert_eq!(h.state().article.suggestions_drawn, 0, "review shows gold and lanes only");
}

#[test]
fn hovering_a_suggestion_says_what_and_where_it_comes_from() {
    let (_fx, dir) = project();
    let mut h = harness(app(&dir, "alice"));
    let at = char_index(FIRST, "167.61亿元");
    let pos = h.state().article.char_screen_rect(at + 2).unwrap().center();
    // One move, then the pointer rests until egui shows the tooltip.
    h.hover_at(pos);
    for _ in 0..90 {
        h.run_steps(1);
        if h.query_all_by_label_contains("suggested metric").next().is_some() {
            break;
        }
    }
    h.get_by_label_contains("suggested metric 「167.61亿元」 (pattern:amount)");
}

// Issue 11: what a new user met in the window.

#[test]
fn the_name_prompt_asks_for_focus_once_not_every_frame() {
    let (_fx, dir) = project();
    let mut h = harness(launch(&dir, None, None, false));
    h.get_by_label_contains("Who is annotating?");
    // Requesting focus every frame interrupts the IME every frame, and
    // egui-winit answers each with set_ime_allowed(false) + (true): in a real
    // X11 window that re-creates the input context, wakes the event loop for
    // another frame and drops the typed keys.
    for _ in 0..5 {
        h.step();
        let ime = h.output().platform_output.ime.expect("the name field has the keyboard");
        assert!(!ime.should_interrupt_composition, "the IME is interrupted on a steady frame");
    }
    h.event(Event::Text("wang".into()));
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().session.as_ref().map(|s| s.annotator.as_str()), Some("wang"));
}

#[test]
fn snapping_stops_at_punctuation_and_alt_keeps_it() {
    let text = "……人事变动,张建锋(行癫)卸任阿里云智能总裁。";
    let fx = Fixture::with_titled_articles(&[("d1", Some("人事"), text)]);
    let dir = fx.project();
    let mut h = harness(app(&dir, "alice"));
    let zhang = char_index(text, "张建锋");
    let paren = zhang + 3;
    // From 张 to the right part of `(`: the bracket is not taken.
    drag_select(&mut h, zhang, paren + 1, Modifiers::NONE);
    let selection =
        |h: &Harness<'_, NewsannoApp>| h.state().session.as_ref().unwrap().current.as_ref().unwrap().selection;
    assert_eq!(selection(&h), Some((zhang, paren)));
    h.key_press(Key::Num1);
    h.run_steps(2);
    let file = saved(&mut h, &dir, "alice", "d1");
    assert_eq!(file.spans.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(), ["张建锋"]);
    // From the comma before the name: the comma goes too.
    h.key_press(Key::Escape);
    drag_select(&mut h, zhang - 1, zhang + 2, Modifiers::NONE);
    assert_eq!(selection(&h), Some((zhang, paren)));
    // Alt keeps exact characters, punctuation included.
    drag_select(&mut h, zhang, paren + 1, Modifiers::ALT);
    assert_eq!(selection(&h), Some((zhang, paren + 1)));
    // Only punctuation selected: it stays as selected.
    drag_select(&mut h, 0, 2, Modifiers::NONE);
    assert_eq!(selection(&h), Some((0, 2)));
}

#[test]
fn reviewing_as_a_lead_makes_no_annotator_and_compares_only_finished_ones() {
    let (_tmp, dir) = copy_sample();
    let out = crate::util::run(&["suggest", dir.to_str().unwrap(), "--annotator", "bot", "--accept"]);
    assert!(out.status.success());
    let mut h = harness(launch(&dir, Some("lead"), None, true));
    step_until(&mut h, 100, Duration::from_millis(20), |h| {
        h.state().review.as_ref().is_some_and(|r| r.report.is_some())
    });
    h.run_steps(2);
    assert!(!dir.join("annotations/lead").exists(), "opening the project made lead an annotator");
    assert!(!dir.join("annotations/gold").exists(), "gold has no folder before it is written");
    let review = h.state().review.as_ref().unwrap();
    let ticks: Vec<(&str, bool)> = review.annotators.iter().map(|(a, on)| (a.as_str(), *on)).collect();
    assert_eq!(ticks, [("alice", true), ("bob", true), ("bot", false), ("gold", false)]);
    assert_eq!(review.report.as_ref().unwrap().annotators, ["alice", "bob"]);
    assert_eq!(review.min_agree, 2);
    h.get_by_label_contains("7 finished by all");
    h.get_by_label_contains("of 2 annotators agree on");
    // Listed as such, and included on request.
    h.get_by_label("bot (no finished document)").click();
    h.run_steps(2);
    assert_eq!(h.state().review.as_ref().unwrap().min_agree, 3);
}

#[test]
fn gold_in_review_runs_no_suggester() {
    let (_tmp, dir) = copy_sample();
    let mut h = harness(app(&dir, "alice"));
    open_review_dashboard(&mut h);
    let gold = h.state().review.as_ref().unwrap().gold.as_ref().unwrap();
    assert!(gold.suggestions.suggester.is_none(), "the gold session built a suggester");
    h.get_by_label("in the whole project").click();
    h.run_steps(3);
    let review = h.state().review.as_ref().unwrap();
    assert!(review.message.as_deref().unwrap_or("").ends_with("agreed spans in 8 documents"), "{:?}", review.message);
    assert!(review.gold.as_ref().unwrap().suggestions.open.is_empty());
}

#[test]
fn mark_done_next_from_the_menu_is_the_same_action_as_ctrl_enter() {
    let (_fx, dir) = project();
    let mut h = harness(app(&dir, "alice"));
    h.get_by_label("Edit").click();
    h.run_steps(3);
    h.get_by_label_contains("Mark done, next").click();
    h.run_steps(2);
    let position = h.state().session.as_ref().unwrap().current.as_ref().unwrap().position;
    assert_eq!(position, 1);
    assert_eq!(saved(&mut h, &dir, "alice", "d1").status, Status::Done);
    // The document is remembered as Ctrl+Enter remembers it.
    assert_eq!(h.state().settings().last_document.values().collect::<Vec<_>>(), ["d2"]);
}

#[test]
fn the_export_dialog_says_what_it_left_out() {
    let (tmp, dir) = copy_sample();
    let out = tmp.path().join("alice.jsonl");
    let mut h = harness(app(&dir, "alice"));
    assert!(export_from_dialog(&mut h, &[], &out, "exported 7 documents"), "the export finished and said so");
    h.get_by_label_contains("left out 1 document:");
    h.get_by_label_contains("1 in progress (tick “in progress” to bring them in)");
}

#[test]
fn after_a_resize_the_article_is_relaid_out_in_steps_and_the_text_in_view_stays() {
    let (_tmp, dir) = copy_sample();
    let mut h = harness(launch(&dir, Some("alice"), Some("08-cloud-ai-yearbook"), false));
    let doc = h.state().session.as_ref().unwrap().current.as_ref().unwrap().doc.id().to_owned();
    assert_eq!(doc, "08-cloud-ai-yearbook");
    // Scroll into the middle of the 20,000-character article.
    let at = 9_000;
    h.state_mut().article.scroll_to = Some(at);
    h.run_steps(4);
    let top = h.state().article.char_at_top().unwrap();
    assert!(top > 0 && top < at, "{top}");
    let before = h.state().article.char_screen_rect(top).unwrap();
    let paragraphs = h.state().article.paragraph_count();
    h.set_size(egui::vec2(1100.0, 900.0));
    h.step();
    let first = h.state().article.laid_out_last_frame;
    assert!(first > 0 && first < paragraphs, "{first} of {paragraphs} paragraphs laid out in the first frame");
    let mut frames = 1;
    while h.state().article.laid_out_last_frame > 0 && frames < 500 {
        h.step();
        frames += 1;
    }
    assert_eq!(h.state().article.laid_out_last_frame, 0, "the whole article is laid out after {frames} frames");
    // The text at the top of the view is still there (within a row), laid out for the new width.
    let after = h.state().article.char_screen_rect(top).unwrap();
    assert!((after.min.y - before.min.y).abs() < 20.0, "{before:?} -> {after:?}");
    let last = h.state().article.char_screen_rect(at).unwrap();
    assert!(last.max.x < 1100.0, "laid out for the new width: {last:?}");
}

// (from text, type, to text) of alice's relations in `doc`, as saved.
fn saved_relations(h: &mut Harness<'_, NewsannoApp>, dir: &Path, doc: &str) -> Vec<(String, String, String)> {
    let file = saved(h, dir, "alice", doc);
    let text = |id: u64| file.span(id).map(|s| s.text.clone()).unwrap_or_default();
    file.relations.iter().map(|r| (text(r.from), r.kind.clone(), text(r.to))).collect()
}

fn relation(from: &str, kind: &str, to: &str) -> (String, String, String) {
    (from.to_owned(), kind.to_owned(), to.to_owned())
}

// 张勇 (executive) and the first 阿里云 (product), labelled by drag and keys.
fn two_spans(h: &mut Harness<'_, NewsannoApp>) -> (usize, usize) {
    let (zhang, cloud) = (char_index(FIRST, "张勇"), char_index(FIRST, "阿里云"));
    drag_select(h, zhang, zhang + 2, Modifiers::NONE);
    h.key_press(Key::Num1);
    h.run_steps(1);
    drag_select(h, cloud, cloud + 3, Modifiers::ALT);
    h.key_press(Key::Num2);
    h.run_steps(1);
    (zhang, cloud)
}

#[test]
fn a_relation_by_keys_r_type_tab_enter_and_deleting_its_span_takes_it_along_in_one_undo() {
    let (_fx, dir) = project();
    let mut h = harness(app(&dir, "alice"));
    let (zhang, _) = two_spans(&mut h);
    click_char(&mut h, zhang);
    h.key_press(Key::R);
    h.run_steps(1);
    h.key_press(Key::Num1);
    h.run_steps(1);
    // Tab goes to the spans the type allows (executive → product): 阿里云.
    h.key_press(Key::Tab);
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(saved_relations(&mut h, &dir, "d1"), [relation("张勇", "leads", "阿里云")]);
    assert_eq!(saved(&mut h, &dir, "alice", "d1").version, "1.2");
    // The list shows it as the hover does (and the status bar said it).
    assert!(h.query_all_by_label("张勇 —leads→ 阿里云").count() >= 1);
    // Its arc is drawn (the selected span's); hovering it names it, clicking it selects it.
    let middle = h.state().article.relation_arc_middle(1).expect("the new relation's arc is drawn");
    let shown = h.query_all_by_label("张勇 —leads→ 阿里云").count();
    // One move, then the pointer rests until egui shows the tooltip.
    h.hover_at(middle);
    for _ in 0..90 {
        h.run_steps(1);
        if h.query_all_by_label("张勇 —leads→ 阿里云").count() > shown {
            break;
        }
    }
    assert_eq!(h.query_all_by_label("张勇 —leads→ 阿里云").count(), shown + 1, "the hover names the relation");
    h.event(Event::PointerButton {
        pos: middle,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerButton {
        pos: middle,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(2);
    assert_eq!(h.state().session.as_ref().unwrap().current.as_ref().unwrap().selected_relation, Some(1));
    h.key_press(Key::Escape);
    h.hover_at(Pos2::new(700.0, 880.0));
    h.run_steps(25);
    // Undo and redo the relation.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(1);
    assert!(saved_relations(&mut h, &dir, "d1").is_empty());
    assert_eq!(saved(&mut h, &dir, "alice", "d1").version, "1.0", "no relation: written as 1.0 again");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(1);
    assert_eq!(saved_relations(&mut h, &dir, "d1").len(), 1);
    // Deleting 张勇 deletes the relation with it; one undo brings both back.
    click_char(&mut h, zhang);
    h.key_press(Key::Delete);
    h.run_steps(1);
    let file = saved(&mut h, &dir, "alice", "d1");
    assert!(file.relations.is_empty() && file.spans.len() == 1, "{file:?}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(1);
    assert_eq!(saved_relations(&mut h, &dir, "d1"), [relation("张勇", "leads", "阿里云")]);
    // R with the relation selected, then 2: retyped to leaves. Delete removes the relation only.
    h.get_by_role_and_label(egui::accesskit::Role::Button, "张勇 —leads→ 阿里云").click();
    h.run_steps(1);
    h.key_press(Key::R);
    h.run_steps(1);
    h.key_press(Key::Num2);
    h.run_steps(1);
    assert_eq!(saved_relations(&mut h, &dir, "d1"), [relation("张勇", "leaves", "阿里云")]);
    h.key_press(Key::Delete);
    h.run_steps(1);
    let file = saved(&mut h, &dir, "alice", "d1");
    assert!(file.relations.is_empty() && file.spans.len() == 2);
    // Esc cancels a relation being made.
    click_char(&mut h, zhang);
    h.key_press(Key::R);
    h.key_press(Key::Num1);
    h.key_press(Key::Escape);
    h.run_steps(1);
    assert!(h.state().session.as_ref().unwrap().current.as_ref().unwrap().linking.is_none());
}

#[test]
fn a_relation_by_mouse_ctrl_drag_or_the_context_menu_then_a_click() {
    let (_fx, dir) = project();
    let mut h = harness(app(&dir, "alice"));
    let (zhang, cloud) = two_spans(&mut h);
    // Ctrl+drag from 张勇 to 阿里云, then pick the type.
    drag_select(&mut h, zhang, zhang + 1, Modifiers::COMMAND);
    let start = h.state().article.char_screen_rect(zhang).unwrap().center();
    let end = h.state().article.char_screen_rect(cloud + 1).unwrap().center();
    h.hover_at(start);
    h.run_steps(1);
    h.event_modifiers(
        Event::PointerButton {
            pos: start,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::COMMAND,
        },
        Modifiers::COMMAND,
    );
    h.run_steps(1);
    for t in [0.3, 0.6, 1.0] {
        h.event_modifiers(Event::PointerMoved(start + (end - start) * t), Modifiers::COMMAND);
        h.run_steps(1);
    }
    h.event_modifiers(
        Event::PointerButton {
            pos: end,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::COMMAND,
        },
        Modifiers::COMMAND,
    );
    h.run_steps(2);
    h.get_by_label("1 leads").click();
    h.run_steps(2);
    assert_eq!(saved_relations(&mut h, &dir, "d1"), [relation("张勇", "leads", "阿里云")]);
    // Right-click 阿里云: "Link to… alias" is there for any label; then a click on 张勇... is not
    // an allowed alias pair (warned) but made: the menu offers every type.
    click_char_with(&mut h, cloud, egui::PointerButton::Secondary, Modifiers::NONE);
    h.get_by_label("Link to… alias").click();
    h.run_steps(1);
    click_char(&mut h, zhang);
    h.run_steps(1);
    let relations = saved_relations(&mut h, &dir, "d1");
    assert_eq!(relations.len(), 2, "{relations:?}");
    assert!(relations.contains(&relation("阿里云", "alias", "张勇")));
    // The same relation twice is refused.
    click_char_with(&mut h, cloud, egui::PointerButton::Secondary, Modifiers::NONE);
    h.get_by_label("Link to… alias").click();
    h.run_steps(1);
    click_char(&mut h, zhang);
    h.run_steps(1);
    assert_eq!(saved_relations(&mut h, &dir, "d1").len(), 2);
}

#[test]
fn keyboard_only_caret_select_label_and_link_and_arrows_no_longer_switch_documents() {
    let (_fx, dir) = project();
    let mut h = harness(app(&dir, "alice"));
    let zhang = char_index(FIRST, "张勇");
    let cloud = char_index(FIRST, "阿里云");
    let position =
        |h: &Harness<'_, NewsannoApp>| h.state().session.as_ref().unwrap().current.as_ref().unwrap().position;
    // The caret starts at the top of the view; → moves it by character.
    for _ in 0..zhang {
        h.key_press(Key::ArrowRight);
    }
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run_steps(1);
    h.key_press(Key::Num1);
    h.run_steps(1);
    // Ctrl+→ moves by jieba word: from after 张勇 over 宣布 to 阿里云's start; Shift+→ ×3 takes 阿里云.
    h.key_press_modifiers(Modifiers::COMMAND, Key::ArrowRight);
    h.run_steps(1);
    let caret = |h: &Harness<'_, NewsannoApp>| h.state().session.as_ref().unwrap().current.as_ref().unwrap().caret;
    assert_eq!(caret(&h), Some(cloud), "宣布 is one word");
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    }
    h.run_steps(1);
    h.key_press(Key::Num2);
    h.run_steps(1);
    let spans: Vec<(usize, usize, String)> =
        saved(&mut h, &dir, "alice", "d1").spans.iter().map(|s| (s.start, s.end, s.text.clone())).collect();
    assert_eq!(spans, [(zhang, zhang + 2, "张勇".into()), (cloud, cloud + 3, "阿里云".into())]);
    // ← into 张勇 selects it (the caret is inside); R 1 Tab Enter links it.
    for _ in 0..6 {
        h.key_press(Key::ArrowLeft);
    }
    h.run_steps(1);
    h.key_press(Key::R);
    h.key_press(Key::Num1);
    h.key_press(Key::Tab);
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(1);
    assert_eq!(saved_relations(&mut h, &dir, "d1"), [relation("张勇", "leads", "阿里云")]);
    // ↓ moves the caret to the next row, not to the next document; Home/End stay on the row.
    h.key_press(Key::ArrowDown);
    h.run_steps(1);
    assert_eq!(position(&h), 0, "↓ is the caret's");
    let second_paragraph = FIRST.split('\n').next().unwrap().chars().count() + 1;
    assert!(caret(&h).unwrap() >= second_paragraph, "{:?}", caret(&h));
    h.key_press(Key::Home);
    h.run_steps(1);
    assert_eq!(caret(&h), Some(second_paragraph));
    h.key_press(Key::End);
    h.run_steps(1);
    assert_eq!(caret(&h), Some(FIRST.chars().count()));
    h.key_press(Key::PageDown);
    h.run_steps(1);
    assert_eq!(position(&h), 1, "PageDown still changes documents");
}

// (from text, type, to text) of gold's relations in `doc`, as saved.
fn gold_relations(h: &mut Harness<'_, NewsannoApp>, dir: &Path, doc: &str) -> Vec<(String, String, String)> {
    h.state_mut().flush();
    if let Some(gold) = h.state_mut().review.as_mut().and_then(|r| r.gold.as_mut()) {
        let _ = gold.flush(Duration::from_secs(5));
    }
    let project = Project::open(dir).unwrap();
    let document = project.load_document(doc).unwrap();
    let Some(file) = project.load_annotation("gold", &document).unwrap().map(|l| l.file) else { return Vec::new() };
    let text = |id: u64| file.span(id).map(|s| s.text.clone()).unwrap_or_default();
    file.relations.iter().map(|r| (text(r.from), r.kind.clone(), text(r.to))).collect()
}

#[test]
fn review_lists_each_annotators_relations_and_accepts_them_with_their_spans() {
    let (_tmp, dir) = copy_sample();
    let mut h = harness(launch(&dir, Some("lead"), Some("01-aliyun-outage"), true));
    h.run_steps(3);
    let rows = h.state().review.as_ref().unwrap().relation_rows();
    // alice linked 5, bob 4 of them (he misses every third figure's).
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert_eq!(rows.iter().filter(|r| r.by.len() == 2).count(), 4);
    h.get_by_label_contains("Relations (5 distinct, 0 in gold)");
    // Accept the one only alice has: its two spans come into gold with it.
    let lonely = rows.iter().find(|r| r.by == ["alice"]).unwrap().text.clone();
    let index = rows.iter().position(|r| r.by == ["alice"]).unwrap();
    h.get_all_by_label("Accept").nth(index).unwrap().click();
    h.run_steps(2);
    let gold = gold_relations(&mut h, &dir, "01-aliyun-outage");
    assert_eq!(gold.len(), 1, "{gold:?}");
    assert_eq!(format!("{} —{}→ {}", gold[0].0, gold[0].1, gold[0].2), lonely);
    assert_eq!(gold_spans(&mut h, &dir, "01-aliyun-outage").len(), 2, "the relation's two spans");
    // Shift+A: every agreed span and the 4 agreed relations, in one step; Ctrl+Z takes that back.
    h.key_press_modifiers(Modifiers::SHIFT, Key::A);
    h.run_steps(2);
    assert_eq!(gold_relations(&mut h, &dir, "01-aliyun-outage").len(), 5);
    h.get_by_label_contains("Relations (5 distinct, 5 in gold)");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(gold_relations(&mut h, &dir, "01-aliyun-outage").len(), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(gold_relations(&mut h, &dir, "01-aliyun-outage").is_empty());
    assert!(gold_spans(&mut h, &dir, "01-aliyun-outage").is_empty());
    // The dashboard gives relation agreement beside span agreement (alice vs bob: 0.7, as `agree` prints).
    h.key_press(Key::Escape);
    step_until(&mut h, 100, Duration::from_millis(20), |h| {
        h.state().review.as_ref().is_some_and(|r| r.report.is_some())
    });
    h.run_steps(2);
    h.get_by_label_contains("relations: exact F1 0.7000 · leads 0.9412");
}

#[test]
fn keys_that_arrive_in_one_frame_are_done_in_their_order_and_each_time() {
    // A fast typist (or xdotool) puts R, 1, Tab, Enter into one frame; they must be done in
    // that order (not Tab first, as the commands are listed), and a repeated key each time.
    // kittest runs one frame per event, so this drives egui directly, as the window does.
    let (_fx, dir) = project();
    let mut app = app(&dir, "alice");
    let ctx = egui::Context::default();
    newsanno::app::fonts::install_fonts(&ctx);
    let mut time = 0.0;
    let mut frame = |app: &mut NewsannoApp, events: Vec<Event>| {
        time += 1.0 / 60.0;
        let screen = egui::Rect::from_min_size(Pos2::ZERO, egui::vec2(1400.0, 900.0));
        let input = egui::RawInput { screen_rect: Some(screen), time: Some(time), events, ..Default::default() };
        let mut output = ctx.run_ui(input, |ui| app.frame_ui(ui));
        output.textures_delta.clear();
    };
    let key = |key: Key, modifiers: Modifiers| Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    };
    for _ in 0..3 {
        frame(&mut app, Vec::new());
    }
    let (zhang, cloud) = (char_index(FIRST, "张勇"), char_index(FIRST, "阿里云"));
    let select = |app: &mut NewsannoApp, range: (usize, usize)| {
        let open = app.session.as_mut().unwrap().current.as_mut().unwrap();
        open.selection = Some(range);
        open.selected_span = None;
    };
    select(&mut app, (zhang, zhang + 2));
    frame(&mut app, vec![key(Key::Num1, Modifiers::NONE)]);
    select(&mut app, (cloud, cloud + 3));
    frame(&mut app, vec![key(Key::Num2, Modifiers::NONE)]);
    let zhang_id = app.session.as_ref().unwrap().current.as_ref().unwrap().file.spans[0].id;
    app.session.as_mut().unwrap().current.as_mut().unwrap().selected_span = Some(zhang_id);
    frame(&mut app, [Key::R, Key::Num1, Key::Tab, Key::Enter].map(|k| key(k, Modifiers::NONE)).to_vec());
    let open = app.session.as_ref().unwrap().current.as_ref().unwrap();
    let made: Vec<(u64, u64, &str)> = open.file.relations.iter().map(|r| (r.from, r.to, r.kind.as_str())).collect();
    assert_eq!(made.len(), 1, "R, 1, Tab, Enter in one frame make one relation: {made:?}");
    assert_eq!(made[0].2, "leads");
    // Three Shift+→ in one frame extend the selection by three.
    select(&mut app, (0, 2));
    app.session.as_mut().unwrap().current.as_mut().unwrap().caret = Some(2);
    frame(&mut app, vec![key(Key::ArrowRight, Modifiers::SHIFT); 3]);
    assert_eq!(app.session.as_ref().unwrap().current.as_ref().unwrap().selection, Some((0, 5)));
    app.flush();
}

#[test]
fn the_model_trains_in_the_background_and_its_suggestions_are_accepted_like_the_others() {
    let fx = crate::train::corpus();
    // 刘洋 is also a POS hint (a name before 总裁), which wins; 灵犀 is the model's alone.
    let text = "公司今天宣布刘洋总裁上任。刘洋总裁随后发布灵犀新版本。";
    let odd = "据悉，Mate 80系列搭载昇腾910C，同比增长37%，营收167.61亿元。";
    let extra = fx.write(
        "more.jsonl",
        format!("{{\"id\": \"n1\", \"text\": \"{text}\"}}\n{{\"id\": \"odd\", \"title\": \"odd one\", \"text\": \"{odd}\"}}\n"),
    );
    fx.import(&[&extra]).unwrap();
    let dir = fx.project();
    let mut h = harness(launch(&dir, Some("alice"), Some("n1"), false));
    // No frame waits: the first frames come at once, the model's suggestion follows from the workers.
    let model_suggestion = |h: &Harness<'_, NewsannoApp>| {
        h.state()
            .session
            .as_ref()
            .unwrap()
            .suggestions
            .open
            .iter()
            .any(|s| s.text == "灵犀" && s.source.to_string() == "model")
    };
    assert!(step_until(&mut h, 300, Duration::from_millis(50), model_suggestion), "{:?}", open_suggestions(&h));
    h.get_by_label_contains("model: trained on 10 documents of alice, F1 ");
    h.get_by_label_contains("on held-out");
    // Hover: the confidence is said.
    let at = char_index(text, "灵犀");
    let pos = h.state().article.char_screen_rect(at).unwrap().center();
    h.hover_at(pos);
    for _ in 0..90 {
        h.run_steps(1);
        if h.query_all_by_label_contains("confidence").next().is_some() {
            break;
        }
    }
    h.get_by_label_contains("suggested product 「灵犀」 (model), confidence 0.");
    // POS also hints 灵犀 (as a name): Tab on to the model's product.
    for _ in 0..20 {
        if focused(&h) == Some(("灵犀".to_owned(), "product".to_owned())) {
            break;
        }
        h.key_press(Key::Tab);
        h.run_steps(1);
    }
    assert_eq!(focused(&h), Some(("灵犀".to_owned(), "product".to_owned())));
    h.key_press(Key::Enter);
    h.run_steps(2);
    let file = saved(&mut h, &dir, "alice", "n1");
    let spans: Vec<(String, String, String)> =
        file.spans.iter().map(|s| (s.text.clone(), s.label.clone(), s.source.to_string())).collect();
    assert_eq!(spans, [("灵犀".to_owned(), "product".to_owned(), "model".to_owned())]);
    // The document list can put what the model is least sure of first.
    assert!(step_until(&mut h, 300, Duration::from_millis(50), |h| {
        !h.state().session.as_ref().unwrap().suggestions.model.uncertainty.is_empty()
    }));
    h.run_steps(2);
    h.get_by_label("most uncertain first").click();
    h.run_steps(2);
    let first = h.state_mut().first_listed_document();
    assert_eq!(first.as_deref(), Some("odd"), "the unfamiliar article heads the list");
}

#[test]
fn a_new_annotators_first_spans_train_a_first_model_with_its_progress_in_the_status_bar() {
    let fx = crate::train::corpus();
    let dir = fx.project();
    let mut h = harness(launch(&dir, Some("carol"), Some("d0"), false));
    let status = |h: &Harness<'_, NewsannoApp>| h.state().session.as_ref().unwrap().suggestions.model.status();
    assert!(
        step_until(&mut h, 300, Duration::from_millis(50), |h| status(h).contains("nothing to learn from yet")),
        "{}",
        status(&h)
    );
    // Ten spans in the open document, each saved by the window as it is made.
    for k in 0..10 {
        let session = h.state_mut().session.as_mut().unwrap();
        let open = session.current.as_mut().unwrap();
        open.selection = Some((2 * k, 2 * k + 2));
        open.selected_span = None;
        session.apply_label(if k % 2 == 0 { "executive" } else { "product" });
        h.run_steps(1);
    }
    assert_eq!(h.state().session.as_ref().unwrap().current.as_ref().unwrap().file.spans.len(), 10);
    // Training starts once they are on disk, without a document marked done.
    assert!(
        step_until(&mut h, 600, Duration::from_millis(50), |h| status(h).contains("trained on 1 document of carol")),
        "{}",
        status(&h)
    );
    assert!(dir.join("cache/model-carol.crfsuite").is_file());
}

#[test]
fn active_time_counts_gaps_between_inputs_up_to_a_minute_measured_with_a_fake_clock() {
    let (_fx, dir) = project();
    let mut h = harness(app(&dir, "alice"));
    let skip =
        |h: &mut Harness<'_, NewsannoApp>, seconds: u64| h.state_mut().clock.skipped += Duration::from_secs(seconds);
    let somewhere = h.state().article.char_screen_rect(3).unwrap().center();
    h.hover_at(somewhere);
    h.run_steps(1);
    // 30 s later a span is labelled: those 30 s count.
    skip(&mut h, 30);
    let zhang = char_index(FIRST, "张勇");
    h.state_mut().session.as_mut().unwrap().current.as_mut().unwrap().selection = Some((zhang, zhang + 2));
    h.key_press(Key::Num1);
    h.run_steps(1);
    // Two minutes away from the keyboard: not counted. Then 5 s to mark it done.
    skip(&mut h, 120);
    h.hover_at(somewhere + egui::vec2(5.0, 0.0));
    h.run_steps(1);
    skip(&mut h, 5);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run_steps(1);
    // d2 is only looked at for 10 s: no file is made for it.
    skip(&mut h, 10);
    h.hover_at(somewhere);
    h.run_steps(1);
    let file = saved(&mut h, &dir, "alice", "d1");
    assert_eq!(file.active_seconds, 35, "30 s + 5 s; the two idle minutes are not counted");
    assert_eq!(file.version, "1.3");
    assert!(!dir.join("annotations/alice/d2.ron").exists(), "looking at a document makes no file");
    h.run_steps(1);
    h.get_by_label_contains("my pace: 0:35 per document · 103 spans/h");
}

#[test]
fn with_assignments_the_list_opens_on_my_queue_and_unticking_it_shows_every_document() {
    let fx = Fixture::with_titled_articles(&[
        ("d1", Some("阿里云独立"), FIRST),
        ("d2", Some("钉钉七亿"), SECOND),
        ("d3", Some("第三篇快讯"), "第三篇文章，营收3亿元。"),
    ]);
    let dir = fx.project();
    let project = Project::open(&dir).unwrap();
    let mut plan = newsanno::store::assignments::Assignments::new(1);
    plan.documents.insert("d1".into(), vec!["bob".into()]);
    plan.documents.insert("d2".into(), vec!["alice".into(), "bob".into()]);
    plan.documents.insert("d3".into(), vec!["alice".into()]);
    newsanno::store::assignments::save_assignments(&project, &plan).unwrap();
    let mut h = harness(app(&dir, "alice"));
    let open = |h: &Harness<'_, NewsannoApp>| {
        h.state().session.as_ref().unwrap().current.as_ref().unwrap().doc.id().to_owned()
    };
    assert_eq!(open(&h), "d2", "the first document of my queue");
    h.get_by_label_contains("0 / 2 done of mine");
    assert!(h.query_by_label_contains("阿里云独立").is_none(), "bob's document is not in my queue");
    h.get_by_label_contains("第三篇快讯");
    // Done: the next document of my queue, and the list drops the done one.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run_steps(2);
    assert_eq!(open(&h), "d3");
    h.get_by_label_contains("1 / 2 done of mine");
    assert!(h.query_by_label_contains("钉钉七亿").is_none());
    // Unticked, every document is reachable.
    h.get_by_label("my queue").click();
    h.run_steps(2);
    h.get_by_label_contains("阿里云独立").click();
    h.run_steps(1);
    assert_eq!(open(&h), "d1");
    h.state_mut().flush();
    // A broken assignments file: the window still opens, on every document, and says why.
    std::fs::write(dir.join("assignments.ron"), "(version: \"1.0\", documents: {\"nope\": [\"alice\"]})").unwrap();
    let h = harness(app(&dir, "alice"));
    h.get_by_label_contains("⚠ assignments not used");
    h.get_by_label_contains("第三篇快讯");
    assert!(h.query_by_label("my queue").is_none());
    let problem = h.state().session.as_ref().unwrap().assignment_problem.clone().unwrap();
    assert!(problem.contains("assignments.ron:1") && problem.contains("\"nope\" is not in the corpus"), "{problem}");
}

#[test]
fn a_sync_conflict_copy_is_offered_and_the_version_not_kept_goes_to_the_trash() {
    let (_fx, dir) = project();
    let (path, doc) = alice_saved_one_span(&dir);
    // "Another machine" saved a version with two spans, marked done; Syncthing kept both.
    let project = Project::open(&dir).unwrap();
    let mut theirs = project.load_annotation("alice", &doc).unwrap().unwrap().file;
    let dingding = char_index(FIRST, "阿里云");
    theirs.add_span(&doc.text, dingding, dingding + 3, "product").unwrap();
    theirs.status = Status::Done;
    let copy = path.with_file_name("d1.sync-conflict-20261202-101010-ABCDEFG.ron");
    std::fs::write(&copy, newsanno::store::annotation_file::to_ron_string(&theirs)).unwrap();
    let warnings = newsanno::store::validate::validate(&dir);
    assert!(
        warnings.iter().any(|p| p.message.contains("a conflicting copy of annotations/alice/d1.ron left by Syncthing")),
        "{warnings:?}"
    );
    let mut h = harness(app(&dir, "alice"));
    h.get_by_label_contains("⚠ Syncthing left another version of this document");
    h.get_by_label_contains("this one: 1 span, not started");
    h.get_by_label_contains("the other: 2 spans, done");
    h.get_by_label("Keep the other").click();
    h.run_steps(2);
    let file = saved(&mut h, &dir, "alice", "d1");
    assert_eq!((file.spans.len(), file.status), (2, Status::Done));
    assert!(!copy.exists());
    let trash: Vec<_> = std::fs::read_dir(dir.join(".newsanno-trash/annotations/alice")).unwrap().flatten().collect();
    assert_eq!(trash.len(), 2, "both the replaced version and the copy are kept in the trash");
    assert!(h.query_by_label_contains("left another version").is_none());
    assert!(newsanno::store::validate::validate(&dir).is_empty(), "{:?}", newsanno::store::validate::validate(&dir));
    // Keeping this one: the copy goes to the trash, the file stays.
    std::fs::write(&copy, "AnnotationFile(broken").unwrap();
    let mut h = harness(app(&dir, "alice"));
    h.get_by_label_contains("the other: cannot be read");
    h.get_by_label("Keep the other").click();
    h.run_steps(1);
    assert!(copy.exists(), "a copy that does not read is not taken");
    h.get_by_label("Keep this one").click();
    h.run_steps(1);
    assert!(!copy.exists());
    assert_eq!(saved(&mut h, &dir, "alice", "d1").spans.len(), 2);
}

#[test]
fn categories_by_keys_and_clicks_go_to_the_file_then_through_jsonl_and_back() {
    let (_tmp, dir) = copy_sample();
    let mut h = harness(launch(&dir, Some("carol"), Some("01-aliyun-outage"), false));
    let categories = |h: &Harness<'_, NewsannoApp>| {
        h.state().session.as_ref().unwrap().current.as_ref().unwrap().file.categories.clone()
    };
    // C, then the category's key (4 事故, 1 科技); C then Esc sets nothing.
    h.key_press(Key::C);
    h.run_steps(1);
    h.get_by_label_contains("category: press its key (1 科技 · 2 财经 · 3 人事变动 · 4 事故)");
    h.key_press(Key::Num4);
    h.run_steps(1);
    h.key_press(Key::C);
    h.run_steps(1);
    h.key_press(Key::Num1);
    h.run_steps(1);
    assert_eq!(categories(&h), ["事故", "科技"]);
    assert!(h.state().session.as_ref().unwrap().current.as_ref().unwrap().file.spans.is_empty(), "no span labelled");
    h.key_press(Key::C);
    h.run_steps(1);
    h.key_press(Key::Escape);
    h.run_steps(1);
    h.key_press(Key::Num2);
    h.run_steps(1);
    assert_eq!(categories(&h), ["事故", "科技"], "after Esc, 2 is not a category key");
    // Undo and redo; a click in the side panel.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(1);
    assert_eq!(categories(&h), ["事故"]);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(1);
    h.get_by_label("2 财经").click();
    h.run_steps(1);
    let file = saved(&mut h, &dir, "carol", "01-aliyun-outage");
    assert_eq!(file.categories, ["事故", "科技", "财经"]);
    assert_eq!((file.version.as_str(), file.status), ("1.3", Status::InProgress));
    drop(h);
    // JSONL carries them out, and an import brings them back as another annotator's.
    let d = dir.to_str().unwrap();
    let out_path = dir.parent().unwrap().join("carol.jsonl");
    let o = out_path.to_str().unwrap();
    let run = |args: &[&str]| {
        let out = crate::util::run(args);
        assert!(out.status.success(), "{}", crate::util::stderr(&out));
        crate::util::stdout(&out)
    };
    run(&["export", d, "--format", "jsonl", "--source", "carol", "--status", "all", "--out", o]);
    let line = std::fs::read_to_string(&out_path).unwrap();
    assert!(line.contains("\"categories\":[\"事故\",\"科技\",\"财经\"]"), "{line}");
    let imported = run(&["import", d, "--format", "jsonl", "--as", "dave", o]);
    assert!(imported.contains("and 3 categories"), "{imported}");
    let project = Project::open(&dir).unwrap();
    let doc = project.load_document("01-aliyun-outage").unwrap();
    let dave = project.load_annotation("dave", &doc).unwrap().unwrap().file;
    assert_eq!(dave.categories, ["事故", "科技", "财经"]);
}

#[test]
fn review_shows_who_gave_which_category_and_takes_the_agreed_ones_and_clicked_ones_into_gold() {
    let (_tmp, dir) = copy_sample();
    let project = Project::open(&dir).unwrap();
    let doc = project.load_document("05-earnings-flash").unwrap();
    for (who, categories) in [("alice", vec!["财经"]), ("bob", vec!["科技", "财经"])] {
        let mut file = project.load_annotation(who, &doc).unwrap().unwrap().file;
        file.categories = categories.into_iter().map(String::from).collect();
        project.save_annotation(&mut file, &doc).unwrap();
    }
    let mut h = harness(app(&dir, "alice"));
    open_review_dashboard(&mut h);
    h.get_by_label_contains("Document categories");
    h.get_by_label_contains("05-earnings-flash").click();
    h.run_steps(3);
    h.get_by_label("财经 (2)");
    h.get_by_label("科技 (1)");
    let gold_categories = |h: &Harness<'_, NewsannoApp>| {
        h.state().review.as_ref().unwrap().gold.as_ref().unwrap().current.as_ref().unwrap().file.categories.clone()
    };
    // Shift+A takes what both agree on (with the agreed spans); a click adds bob's 科技.
    h.key_press_modifiers(Modifiers::SHIFT, Key::A);
    h.run_steps(2);
    assert_eq!(gold_categories(&h), ["财经"]);
    h.get_by_label("科技 (1)").click();
    h.run_steps(2);
    assert_eq!(gold_categories(&h), ["科技", "财经"]);
    h.state_mut().flush();
    let gold = project.load_annotation("gold", &doc).unwrap().unwrap().file;
    assert_eq!(gold.categories, ["科技", "财经"]);
}

#[test]
fn the_review_dashboard_plots_documents_done_per_day_per_annotator() {
    let (_tmp, dir) = copy_sample();
    let mut h = harness(app(&dir, "alice"));
    open_review_dashboard(&mut h);
    step_until(&mut h, 100, Duration::from_millis(20), |h| {
        h.state().review.as_ref().is_some_and(|r| r.stats.is_some())
    });
    h.run_steps(2);
    h.get_by_label("Documents done per day");
    let stats = h.state().review.as_ref().unwrap().stats.clone().unwrap();
    let alice: usize = stats.annotators["alice"].done_per_day.values().sum();
    assert_eq!(alice, stats.annotators["alice"].done, "every done document is on some day");
    assert!(alice > 0);
}
