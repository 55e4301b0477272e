//! What the packages carry that the binary makes (version line, completions,
//! man pages) and the files they ship from assets/ (desktop entry, icons).
//! The packages themselves are built and installed on a clean Debian root by
//! tools/package.sh and tools/package_test.sh (run by .ci/run).

use crate::util::{Fixture, repo, run, stderr, stdout};

#[test]
fn version_names_the_crate_version_and_the_commit_built_from() {
    let out = run(&["--version"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let line = stdout(&out);
    let line = line.trim();
    let commit = line
        .strip_prefix(concat!("newsanno ", env!("CARGO_PKG_VERSION"), " (commit "))
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or_else(|| panic!("unexpected version line {line:?}"));
    // In a git checkout it is HEAD (build.rs asks git); elsewhere "unknown".
    let head = std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(repo())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    match head {
        Some(head) if std::env::var_os("NEWSANNO_COMMIT").is_none() => assert_eq!(commit, head),
        _ => assert!(!commit.is_empty(), "{line}"),
    }
}

#[test]
fn completions_for_each_shell_know_the_commands_and_their_options() {
    for (shell, marker) in [("bash", "_newsanno()"), ("zsh", "#compdef newsanno"), ("fish", "complete -c newsanno")] {
        let out = run(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.contains(marker), "{shell}: no {marker:?}");
        // Options without their dashes: fish writes `-l include-in-progress`.
        for word in ["export", "import", "adjudicate", "include-in-progress", "annotator"] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
        // The hidden torture command is not offered.
        assert!(!script.contains("torture"), "{shell} completions offer the hidden torture command");
    }
    let out = run(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("invalid value 'tcsh'"), "{}", stderr(&out));
}

#[test]
fn man_pages_for_newsanno_and_each_command() {
    let out = run(&["man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.contains(".TH newsanno 1"), "{}", &page[..page.len().min(300)]);
    assert!(page.contains("newsanno\\-export(1)"), "the main page does not point to newsanno-export(1)");

    let fx = Fixture::new();
    let dir = fx.dir.path().join("man1");
    let out = run(&["man", "--out", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut files: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    for name in ["newsanno.1", "newsanno-export.1", "newsanno-import.1", "newsanno-completions.1"] {
        assert!(files.iter().any(|f| f == name), "{name} missing from {files:?}");
    }
    assert!(!files.iter().any(|f| f.contains("torture") || f.contains("help")), "{files:?}");
    assert!(stdout(&out).contains(&format!("{} man pages written", files.len())), "{}", stdout(&out));
    let export = std::fs::read_to_string(dir.join("newsanno-export.1")).unwrap();
    assert!(export.contains(".TH newsanno-export 1") && export.contains("\\-\\-format"), "{export}");
}

#[test]
fn a_project_folder_or_its_project_ron_is_what_the_desktop_entry_passes() {
    // `newsanno %f` with something that is not a project fails with the CLI's message, before any window.
    let fx = Fixture::new();
    let not_project = fx.dir.path().join("empty");
    std::fs::create_dir_all(&not_project).unwrap();
    let out = run(&[not_project.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not a newsanno project (no project.ron)"), "{}", stderr(&out));
    // A file that is not project.ron is not taken for its folder.
    let stray = fx.write("notes.txt", "x");
    let out = run(&[stray.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // A word that is neither a command nor a path is a usage error, as clap makes it.
    let out = run(&["expotr"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("expotr is neither a command nor a project folder"), "{}", stderr(&out));
    // Commands still win over a folder of the same name.
    let out = run(&["validate", fx.project().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn the_desktop_entry_opens_a_project_folder_and_names_the_icon() {
    let entry = std::fs::read_to_string(repo().join("assets/desktop/newsanno.desktop")).unwrap();
    let lines: Vec<&str> = entry.lines().collect();
    assert_eq!(lines[0], "[Desktop Entry]");
    for wanted in ["Type=Application", "Exec=newsanno %f", "Icon=newsanno", "Terminal=false", "StartupWMClass=newsanno"]
    {
        assert!(lines.contains(&wanted), "no {wanted:?} in the desktop entry");
    }
    let categories = lines.iter().find_map(|l| l.strip_prefix("Categories=")).unwrap();
    let categories: Vec<&str> = categories.split(';').filter(|c| !c.is_empty()).collect();
    assert_eq!(categories, ["Office", "Education"]);
    // Every key=value line has a key the spec knows (a typo would be ignored by desktops).
    let known = [
        "Type",
        "Version",
        "Name",
        "GenericName",
        "Comment",
        "Exec",
        "Icon",
        "Terminal",
        "Categories",
        "Keywords",
        "StartupNotify",
        "StartupWMClass",
    ];
    for line in &lines[1..] {
        let key = line.split(['=', '[']).next().unwrap();
        assert!(known.contains(&key), "unknown key in {line:?}");
    }
}

#[test]
fn the_icon_has_every_hicolor_size_as_a_png_of_that_size_and_the_svg() {
    let root = repo().join("assets/icons/hicolor");
    for size in [16u32, 24, 32, 48, 64, 128, 256, 512] {
        let path = root.join(format!("{size}x{size}/apps/newsanno.png"));
        let png = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{}", path.display());
        // IHDR: width and height, big-endian, at bytes 16..24.
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!((width, height), (size, size), "{}", path.display());
    }
    let svg = std::fs::read_to_string(root.join("scalable/apps/newsanno.svg")).unwrap();
    assert_eq!(svg, std::fs::read_to_string(repo().join("assets/icons/newsanno.svg")).unwrap());
    assert!(svg.contains("viewBox=\"0 0 256 256\""));
}
