//! Window benchmark: a 50,000-character article with 3,000 spans (some
//! nested) and the suggestions their texts propagate, in the real app, driven
//! headless through egui (no GPU): frame CPU time (egui pass + tessellation)
//! at rest, while scrolling, for the frame after adding a span, and for the
//! frame after the window's width changes (the article laid out anew); and
//! start to first frame, font included. Then the same article with 1,000
//! relations among its spans, every relation in view drawn: the steady frame
//! against the article without relations, and the frame that adds a relation
//! (R, type key, Tab, Enter) against the frame that adds a span.
//!
//! `cargo bench --bench window_frames`; `WINDOW_FRAMES_ONLY=edits` runs only
//! the edit frames (for `valgrind --tool=callgrind`).

mod common;

use std::time::{Duration, Instant};

use common::*;
use newsanno::app::shell::Settings;
use newsanno::app::{LaunchOptions, NewsannoApp};
use newsanno::{AnnotationFile, Project};

fn main() {
    let scratch = scratch();
    let sentences = sentences();
    let mut rng = Rng::new(5);
    let text = article(&mut rng, &sentences, 50_000);
    let project = project_with(scratch.path(), &[("long".to_owned(), text.clone()), ("linked".to_owned(), text)]);
    let doc = project.load_document("long").expect("doc");
    let len = doc.text.char_len();
    let labels = ["executive", "product", "event", "metric"];
    let mut file = AnnotationFile::new("long", "alice", &doc.entry.text_hash);
    while file.spans.len() < 3_000 {
        let start = rng.range(0, len - 12);
        let end = start + rng.range(2, 8);
        let _ = file.add_span(&doc.text, start, end, labels[rng.range(0, 4)]);
        // Every tenth span gets a nested span of another label inside it.
        if file.spans.len().is_multiple_of(10) && end - start > 2 {
            let _ = file.add_span(&doc.text, start + 1, end - 1, labels[rng.range(0, 4)]);
        }
    }
    let nested = file.spans.windows(2).filter(|w| w[1].start < w[0].end).count();
    Project::open(project.root()).expect("open").save_annotation(&mut file, &doc).expect("save");
    // The same spans on the same text, plus 1,000 relations between near spans.
    let linked_doc = project.load_document("linked").expect("doc");
    // Bob's, so both windows can be open at once and their frames interleaved (noise hits both alike).
    let mut linked = AnnotationFile::new("linked", "bob", &linked_doc.entry.text_hash);
    linked.spans = file.spans.clone();
    linked.annotator = "bob".to_owned();
    let kinds = ["leads", "leaves", "measures", "affects", "alias"];
    while linked.relations.len() < 1_000 {
        let a = rng.range(0, linked.spans.len() - 6);
        let b = a + rng.range(1, 6);
        let (from, to, kind) = (linked.spans[a].id, linked.spans[b].id, kinds[rng.range(0, kinds.len())]);
        if !linked.relations.iter().any(|r| r.from == from && r.to == to && r.kind == kind) {
            let id = linked.next_relation_id();
            linked.relations.push(newsanno::Relation { id, from, to, kind: kind.to_owned(), note: None });
        }
    }
    Project::open(project.root()).expect("open").save_annotation(&mut linked, &linked_doc).expect("save");
    println!("article: {len} chars, {} spans ({nested} overlapping a neighbour)", file.spans.len());
    // `WINDOW_FRAMES_ONLY=steady:long` or `steady:linked`: 100 steady frames of one
    // window, in `steady_frames` (for `valgrind --tool=callgrind --toggle-collect='*steady_frames*'`).
    if let Ok(only) = std::env::var("WINDOW_FRAMES_ONLY")
        && let Some(which) = only.strip_prefix("steady:")
    {
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 900.0));
        let (annotator, settings) = match which {
            "linked" => ("bob", Settings { all_relations: true, ..Settings::default() }),
            _ => ("alice", Settings::default()),
        };
        let mut window = Window::open(project.root(), annotator, which, settings, screen);
        window.settle(500);
        let total = steady_frames(&mut window, 100);
        println!("{which}: 100 steady frames in {:.1} ms", ms(total));
        return;
    }

    let ctx = egui::Context::default();
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 900.0));
    let started = Instant::now();
    let launch = LaunchOptions {
        project: Some(project.root().to_path_buf()),
        annotator: Some("alice".to_owned()),
        document: Some("long".to_owned()),
        review: false,
        screenshot: None,
        all_relations: false,
    };
    let mut app = NewsannoApp::with_settings(launch, Settings::default());
    let mut time = 0.0;
    let vertices = std::cell::Cell::new(0);
    let only_edits = std::env::var("WINDOW_FRAMES_ONLY").is_ok_and(|v| v == "edits");
    let width = std::cell::Cell::new(screen.width());
    let mut frame = |app: &mut NewsannoApp, events: Vec<egui::Event>| -> Duration {
        time += 1.0 / 60.0;
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(width.get(), screen.height()));
        let input = egui::RawInput { screen_rect: Some(screen), time: Some(time), events, ..Default::default() };
        let t = Instant::now();
        let mut output = ctx.run_ui(input, |ui| app.frame_ui(ui));
        let primitives = ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
        let elapsed = t.elapsed();
        output.textures_delta.clear();
        vertices.set(
            primitives
                .iter()
                .map(|p| match &p.primitive {
                    egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
                    egui::epaint::Primitive::Callback(_) => 0,
                })
                .sum::<usize>(),
        );
        elapsed
    };
    frame(&mut app, Vec::new());
    println!(
        "start to first frame (open project, jieba, fonts, layout): {:.0} ms (goal <= 500 ms)",
        ms(started.elapsed())
    );
    for _ in 0..10 {
        frame(&mut app, Vec::new());
    }

    let painted = app.session.as_ref().and_then(|s| s.current.as_ref()).map_or(0, |c| c.file.spans.len());
    let suggested = app.session.as_ref().map_or(0, |s| s.suggestions.open.len());
    println!(
        "(a frame tessellates {} vertices; the open document has {painted} spans and {suggested} open suggestions)",
        vertices.get()
    );
    let steady = if only_edits {
        Duration::ZERO
    } else {
        let at_rest: Vec<Duration> = (0..200).map(|_| frame(&mut app, Vec::new())).collect();
        report("steady-state frame (nothing changes)", at_rest, 2.0)
    };

    let center = screen.center();
    let scrolling: Vec<Duration> = (0..if only_edits { 0 } else { 200 })
        .map(|i| {
            let delta = if i < 150 { -60.0 } else { 60.0 };
            frame(
                &mut app,
                vec![
                    egui::Event::PointerMoved(center),
                    egui::Event::MouseWheel {
                        unit: egui::MouseWheelUnit::Point,
                        delta: egui::vec2(0.0, delta),
                        phase: egui::TouchPhase::Move,
                        modifiers: egui::Modifiers::NONE,
                        source: egui::MouseWheelSource::Wheel,
                    },
                ],
            )
        })
        .collect();
    if !only_edits {
        report("frame while scrolling", scrolling, 16.0);
    }

    let mut adds = Vec::new();
    for k in 0..50 {
        let start = 100 + k * 700;
        if let Some(open) = app.session.as_mut().and_then(|s| s.current.as_mut()) {
            open.selected_span = None;
            open.selection = Some((start, start + 3));
        }
        let key = egui::Event::Key {
            key: egui::Key::Num3,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        };
        adds.push(frame(&mut app, vec![key]));
        frame(&mut app, Vec::new());
    }
    let spans = app.session.as_ref().and_then(|s| s.current.as_ref()).map_or(0, |c| c.file.spans.len());
    let add = report(&format!("frame that adds a span (now {spans} spans)"), adds, 5.0);
    if !only_edits {
        println!("an edit frame costs {:.1}x a steady frame (goal <= 3x)", add.as_secs_f64() / steady.as_secs_f64());
        // The window is made narrower and wider again: every paragraph wraps anew.
        let mut resizes = Vec::new();
        for k in 0..30 {
            width.set(if k % 2 == 0 { 1300.0 } else { 1400.0 });
            resizes.push(frame(&mut app, Vec::new()));
            for _ in 0..3 {
                frame(&mut app, Vec::new());
            }
        }
        report("frame after the window's width changes", resizes, 16.0);
        width.set(screen.width());
        // Frames after a resize until the whole article is laid out again.
        width.set(1250.0);
        let mut settle = Vec::new();
        for _ in 0..200 {
            settle.push(frame(&mut app, Vec::new()));
            if app.article.laid_out_last_frame == 0 && settle.len() > 1 {
                break;
            }
        }
        let total: Duration = settle.iter().sum();
        println!(
            "after a resize the whole article is laid out again within {} frames, {:.1} ms in all",
            settle.len(),
            ms(total)
        );
    }
    if only_edits {
        app.flush();
        return;
    }
    // The same article with 1,000 relations (bob's file), every relation in view drawn (the
    // worst case; by default only the selected span's are), against the article without
    // relations (alice's), both in fresh windows at the top of the article whose frames
    // alternate, so the machine's noise hits both alike.
    drop(app);
    let mut plain = Window::open(project.root(), "alice", "long", Settings::default(), screen);
    let all = Settings { all_relations: true, ..Settings::default() };
    let mut linked_window = Window::open(project.root(), "bob", "linked", all, screen);
    plain.settle(500);
    linked_window.settle(500);
    let relations =
        linked_window.app.session.as_ref().and_then(|s| s.current.as_ref()).map_or(0, |c| c.file.relations.len());
    let (mut without, mut with_relations) = (Vec::new(), Vec::new());
    for _ in 0..300 {
        without.push(plain.frame(Vec::new()));
        with_relations.push(linked_window.frame(Vec::new()));
    }
    let drawn = linked_window.app.article.relations_drawn;
    let steady_plain = report("steady-state frame, no relations (interleaved)", without, 2.0);
    let steady_linked = report(
        &format!("steady-state frame with {relations} relations ({drawn} in view drawn, interleaved)"),
        with_relations,
        2.0,
    );
    println!(
        "relations cost {:+.1}% on the steady frame (goal <= +10%)",
        (steady_linked.as_secs_f64() / steady_plain.as_secs_f64() - 1.0) * 100.0
    );
    plain.app.flush();
    drop(plain);
    let mut linked_app = linked_window.app;
    let mut frame = |app: &mut NewsannoApp, events: Vec<egui::Event>| -> Duration {
        linked_window.time += 1.0 / 60.0;
        let input =
            egui::RawInput { screen_rect: Some(screen), time: Some(linked_window.time), events, ..Default::default() };
        let t = Instant::now();
        let mut output = linked_window.ctx.run_ui(input, |ui| app.frame_ui(ui));
        let _ = linked_window.ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
        t.elapsed()
    };
    let key = |key: egui::Key| egui::Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    };
    let (mut relation_adds, mut span_adds) = (Vec::new(), Vec::new());
    for k in 0..40 {
        // A span near the top of the view is selected; R, 1 (leads), Tab to a target, Enter.
        let in_view = linked_app.article.spans_in_view().to_vec();
        if let Some(open) = linked_app.session.as_mut().and_then(|s| s.current.as_mut()) {
            open.selection = None;
            open.selected_relation = None;
            open.selected_span = in_view.get(k % in_view.len().max(1)).copied();
        }
        frame(&mut linked_app, vec![key(egui::Key::R), key(egui::Key::Num1)]);

        frame(&mut linked_app, vec![key(egui::Key::Tab)]);
        relation_adds.push(frame(&mut linked_app, vec![key(egui::Key::Enter)]));
        frame(&mut linked_app, Vec::new());
        // And a span, the same way as above.
        let start = 101 + k * 700;
        if let Some(open) = linked_app.session.as_mut().and_then(|s| s.current.as_mut()) {
            open.selected_span = None;
            open.selected_relation = None;
            open.selection = Some((start, start + 3));
        }
        span_adds.push(frame(&mut linked_app, vec![key(egui::Key::Num3)]));
        frame(&mut linked_app, Vec::new());
    }
    let now = linked_app.session.as_ref().and_then(|s| s.current.as_ref()).map_or(0, |c| c.file.relations.len());
    assert!(
        now > relations,
        "the relation frames made no relation: {:?}",
        linked_app.session.as_ref().and_then(|s| s.flash.as_ref()).map(|f| &f.text)
    );
    let add_relation = report(&format!("frame that adds a relation (now {now} relations)"), relation_adds, 5.0);
    let add_span = report("frame that adds a span, same document", span_adds, 5.0);
    println!(
        "adding a relation costs {:.2}x adding a span (goal <= 1x)",
        add_relation.as_secs_f64() / add_span.as_secs_f64()
    );
    linked_app.flush();
    drop(linked_app);
    frames_while_the_model_trains(project.root(), screen);
}

// Steady frames of alice's window while her model trains on a worker (cache
// removed: it trains from her 3,000+ spans), then the same frames once
// training, tagging and ranking are over.
fn frames_while_the_model_trains(root: &std::path::Path, screen: egui::Rect) {
    let _ = std::fs::remove_dir_all(root.join(newsanno::suggest::crf::training::CACHE_DIR));
    let mut window = Window::open(root, "alice", "long", Settings::default(), screen);
    let training = |w: &Window| w.app.session.as_ref().is_some_and(|s| s.suggestions.model.training());
    let mut during = Vec::new();
    for _ in 0..2_000 {
        if !training(&window) {
            break;
        }
        during.push(window.frame(Vec::new()));
        std::thread::sleep(Duration::from_millis(2));
    }
    let busy = |w: &Window| w.app.session.as_ref().is_some_and(|s| s.suggestions.model.busy());
    let waited = Instant::now();
    while busy(&window) && waited.elapsed() < Duration::from_secs(300) {
        window.frame(Vec::new());
        std::thread::sleep(Duration::from_millis(20));
    }
    window.settle(500);
    // Paced like the frames above (a frame right after another finds warmer caches).
    let after: Vec<Duration> = (0..during.len().clamp(100, 300))
        .map(|_| {
            let frame = window.frame(Vec::new());
            std::thread::sleep(Duration::from_millis(2));
            frame
        })
        .collect();
    if during.len() < 20 {
        println!("the model trained before 20 frames were measured ({} frames): no comparison", during.len());
        return;
    }
    let status = window.app.session.as_ref().map(|s| s.suggestions.model.status()).unwrap_or_default();
    let while_training = report("steady-state frame while the model trains on a worker", during, 2.0);
    let after_training = report("steady-state frame after it trained", after, 2.0);
    println!(
        "frames while training cost {:.2}x frames after it ({status})",
        while_training.as_secs_f64() / after_training.as_secs_f64()
    );
    window.app.flush();
}

/// A window of its own: an app with its own egui context and clock.
struct Window {
    app: NewsannoApp,
    ctx: egui::Context,
    time: f64,
    screen: egui::Rect,
}

impl Window {
    /// Frames until the background part-of-speech tagging of the open document has come in
    /// (its suggestions change the frame), at most `limit`.
    fn settle(&mut self, limit: usize) {
        for _ in 0..limit {
            self.frame(Vec::new());
            let tagging = self
                .app
                .session
                .as_ref()
                .is_some_and(|s| s.current.as_ref().is_some_and(|c| s.suggestions.tagging(&c.doc)));
            if !tagging {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        for _ in 0..10 {
            self.frame(Vec::new());
        }
    }

    fn open(root: &std::path::Path, annotator: &str, document: &str, settings: Settings, screen: egui::Rect) -> Self {
        let launch = LaunchOptions {
            project: Some(root.to_path_buf()),
            annotator: Some(annotator.to_owned()),
            document: Some(document.to_owned()),
            review: false,
            screenshot: None,
            all_relations: false,
        };
        Window { app: NewsannoApp::with_settings(launch, settings), ctx: egui::Context::default(), time: 0.0, screen }
    }

    /// One frame (egui pass + tessellation); its CPU time.
    fn frame(&mut self, events: Vec<egui::Event>) -> Duration {
        self.time += 1.0 / 60.0;
        let input =
            egui::RawInput { screen_rect: Some(self.screen), time: Some(self.time), events, ..Default::default() };
        let t = Instant::now();
        let mut output = self.ctx.run_ui(input, |ui| self.app.frame_ui(ui));
        let _ = self.ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
        t.elapsed()
    }
}

#[inline(never)]
fn steady_frames(window: &mut Window, n: usize) -> Duration {
    (0..n).map(|_| window.frame(Vec::new())).sum()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Prints the median and p99 of `times`; returns the median.
fn report(what: &str, mut times: Vec<Duration>, goal_ms: f64) -> Duration {
    times.sort();
    let pct = |p: f64| ms(times[((times.len() as f64 * p).ceil() as usize).saturating_sub(1).min(times.len() - 1)]);
    println!(
        "{what}: median {:.2} ms, p99 {:.2} ms over {} frames (goal <= {goal_ms} ms)",
        pct(0.5),
        pct(0.99),
        times.len()
    );
    times[times.len().div_ceil(2).saturating_sub(1)]
}
