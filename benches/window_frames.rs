//! Window benchmark: a 50,000-character article with 3,000 spans (some
//! nested) and the suggestions their texts propagate, in the real app, driven
//! headless through egui (no GPU): frame CPU time (egui pass + tessellation)
//! at rest, while scrolling, for the frame after adding a span, and for the
//! frame after the window's width changes (the article laid out anew); and
//! start to first frame, font included.
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
    let project = project_with(scratch.path(), &[("long".to_owned(), text)]);
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
    println!("article: {len} chars, {} spans ({nested} overlapping a neighbour)", file.spans.len());

    let ctx = egui::Context::default();
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 900.0));
    let started = Instant::now();
    let launch = LaunchOptions {
        project: Some(project.root().to_path_buf()),
        annotator: Some("alice".to_owned()),
        document: Some("long".to_owned()),
        review: false,
        screenshot: None,
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
    app.flush();
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
