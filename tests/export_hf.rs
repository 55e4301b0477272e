//! `export --format hf`: the folder, its split manifest, and reusing the manifest after more annotation.

use crate::util::{copy_sample, run, stderr, stdout};

fn manifest(path: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path.join("splits.json")).unwrap()).unwrap()
}

fn ids(m: &serde_json::Value, split: &str) -> Vec<String> {
    m["documents"][split]
        .as_array()
        .map(|a| a.iter().map(|v| v.as_str().unwrap().to_owned()).collect())
        .unwrap_or_default()
}

#[test]
fn an_hf_folder_has_its_card_label_maps_and_a_manifest_that_a_later_export_follows() {
    let (tmp, dir) = copy_sample();
    let d = dir.to_str().unwrap();
    let first = tmp.path().join("first");
    let out = run(&[
        "export",
        d,
        "--format",
        "hf",
        "--source",
        "alice",
        "--status",
        "all",
        "--split",
        "train=0.5,validation=0.25,test=0.25",
        "--seed",
        "9",
        "--out",
        first.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    for file in ["README.md", "label2id.json", "id2label.json", "splits.json", "train.jsonl"] {
        assert!(first.join(file).is_file(), "{file}");
    }
    let m = manifest(&first);
    assert_eq!(m["format"], "newsanno-splits-1");
    assert_eq!(m["seed"], 9);
    let (train, validation, test) = (ids(&m, "train"), ids(&m, "validation"), ids(&m, "test"));
    assert_eq!(train.len() + validation.len() + test.len(), 8, "every document once");
    assert!(train.iter().all(|t| !validation.contains(t) && !test.contains(t)), "no document in two splits");
    let card = std::fs::read_to_string(first.join("README.md")).unwrap();
    assert!(card.contains("- **Source**: annotator alice.") && card.contains("--split train=0.5"), "{card}");
    // A new article, annotated: --split-from keeps the earlier documents where they were.
    let article = tmp.path().join("new.jsonl");
    std::fs::write(&article, "{\"id\": \"09-new\", \"text\": \"阿里云发布新品。张勇出席。\"}\n").unwrap();
    assert!(run(&["import", d, article.to_str().unwrap()]).status.success());
    let project = newsanno::Project::open(&dir).unwrap();
    let doc = project.load_document("09-new").unwrap();
    let mut file = newsanno::AnnotationFile::new("09-new", "alice", &doc.entry.text_hash);
    file.add_span(&doc.text, 0, 3, "product").unwrap();
    file.status = newsanno::Status::Done;
    project.save_annotation(&mut file, &doc).unwrap();
    let second = tmp.path().join("second");
    let out = run(&[
        "export",
        d,
        "--format",
        "hf",
        "--source",
        "alice",
        "--status",
        "all",
        "--split-from",
        first.join("splits.json").to_str().unwrap(),
        "--out",
        second.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let again = manifest(&second);
    for split in ["train", "validation", "test"] {
        let before = ids(&m, split);
        let after = ids(&again, split);
        assert!(before.iter().all(|id| after.contains(id)), "{split}: {before:?} ⊄ {after:?}");
    }
    let placed: usize = ["train", "validation", "test"].iter().map(|s| ids(&again, s).len()).sum();
    assert_eq!(placed, 9, "the new document is placed once");
    assert_eq!(again["seed"], 9, "the manifest's seed is kept");
    // The same manifest for another format: BIO parts follow it too.
    let bio = tmp.path().join("bio");
    let out = run(&[
        "export",
        d,
        "--format",
        "bio",
        "--source",
        "alice",
        "--status",
        "all",
        "--split-from",
        second.join("splits.json").to_str().unwrap(),
        "--out",
        bio.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(manifest(&bio)["documents"], again["documents"]);
    // hf wants datasets' split names.
    let out = run(&[
        "export",
        d,
        "--format",
        "hf",
        "--source",
        "alice",
        "--split",
        "train=0.8,dev=0.2",
        "--out",
        tmp.path().join("x").to_str().unwrap(),
    ]);
    assert!(
        !out.status.success() && stderr(&out).contains("hf split names are train, validation and test"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
}
