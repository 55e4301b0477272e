//! `newsanno train`: the learning curve, the cached model, and bad input.

use crate::util::{Fixture, run, stderr, stdout};

/// Ten short articles where an executive's name stands before 总裁 and a product after 发布, all annotated by alice.
pub fn corpus() -> Fixture {
    let names = ["张勇", "王坚", "李彦", "马明", "周靖", "吴泳", "赵强", "钱伟", "孙杨", "郑洁"];
    let products = ["钉钉", "飞书", "通义", "文心", "混元", "盘古", "百炼", "灵骏", "闲鱼", "淘宝"];
    let texts: Vec<(String, String)> = names
        .iter()
        .zip(products)
        .enumerate()
        .map(|(i, (n, p))| (format!("d{i}"), format!("公司今天宣布{n}总裁上任。{n}总裁随后发布{p}新版本。")))
        .collect();
    let borrowed: Vec<(&str, &str)> = texts.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let fx = Fixture::with_articles(&borrowed);
    let project = fx.open();
    for (i, (id, text)) in texts.iter().enumerate() {
        let doc = project.load_document(id).unwrap();
        let mut file = newsanno::AnnotationFile::new(id, "alice", &doc.entry.text_hash);
        let chars: Vec<char> = text.chars().collect();
        let at = |needle: &str, from: usize| {
            let n: Vec<char> = needle.chars().collect();
            (from..chars.len()).find(|&k| chars[k..].starts_with(&n)).unwrap()
        };
        let first = at(names[i], 0);
        file.add_span(&doc.text, first, first + 2, "executive").unwrap();
        let second = at(names[i], first + 2);
        file.add_span(&doc.text, second, second + 2, "executive").unwrap();
        let p = at(products[i], 0);
        file.add_span(&doc.text, p, p + 2, "product").unwrap();
        file.status = if i % 2 == 0 { newsanno::Status::Done } else { newsanno::Status::InProgress };
        project.save_annotation(&mut file, &doc).unwrap();
    }
    fx
}

#[test]
fn the_learning_curve_is_printed_and_the_model_is_cached_until_the_files_change() {
    let fx = corpus();
    let dir = fx.project();
    let d = dir.to_str().unwrap();
    let out = run(&["train", d, "--from", "alice", "--folds", "2"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("learning from alice: 10 documents, 30 spans (2-fold cross-validation, full features)"),
        "{text}"
    );
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().split('%').next().is_some_and(|p| p.trim().parse::<u32>().is_ok()))
        .collect();
    assert_eq!(rows.len(), 10, "{text}");
    // Trained on all five training documents of a fold, the pattern is learnt: F1 1.0 on the held-out half.
    assert!(rows[9].contains("1.0000"), "{text}");
    assert!(text.contains("model trained on all 10 documents") && text.contains("no model in the cache yet"), "{text}");
    assert!(dir.join("cache/model-alice.crfsuite").is_file());
    // Unchanged files: the cache is used; a corrupt model file is trained again, and said.
    let again = stdout(&run(&["train", d, "--from", "alice"]));
    assert!(again.contains("is up to date"), "{again}");
    std::fs::write(dir.join("cache/model-alice.crfsuite"), b"garbage").unwrap();
    let fixed = stdout(&run(&["train", d, "--from", "alice"]));
    assert!(fixed.contains("the cached model is unusable") && fixed.contains("not a CRFsuite model"), "{fixed}");
    let chars = stdout(&run(&["train", d, "--from", "alice", "--features", "characters"]));
    assert!(chars.contains("characters features") && chars.contains("the annotations changed"), "{chars}");
}

#[test]
fn nobody_to_learn_from_and_no_spans_are_clear_errors() {
    let fx = Fixture::with_articles(&[("a", "没有标注的文章。"), ("b", "也没有。")]);
    let d = fx.project();
    let out = run(&["train", d.to_str().unwrap(), "--from", "carol"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no annotator \"carol\""), "{}", stderr(&out));
    let project = fx.open();
    for id in ["a", "b"] {
        let doc = project.load_document(id).unwrap();
        let mut file = newsanno::AnnotationFile::new(id, "bob", &doc.entry.text_hash);
        file.status = newsanno::Status::Done;
        project.save_annotation(&mut file, &doc).unwrap();
    }
    let out = run(&["train", d.to_str().unwrap(), "--from", "bob"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stderr(&out).contains("nothing to learn from: no span"), "{}", stderr(&out));
}

#[test]
fn suggest_with_the_model_source_pre_annotates_and_is_scored_held_out() {
    let fx = corpus();
    let dir = fx.project();
    // Two new articles nobody has annotated: the model proposes their executives.
    let extra = fx.write("more.jsonl", "{\"id\": \"n1\", \"text\": \"公司今天宣布刘洋总裁上任。\"}\n{\"id\": \"n2\", \"text\": \"公司今天宣布陈晨总裁上任。\"}\n");
    fx.import(&[&extra]).unwrap();
    let d = dir.to_str().unwrap();
    let out = run(&["suggest", d, "--annotator", "alice", "--sources", "model", "--accept"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("model: learnt from alice's spans (trained now: no model in the cache yet)"), "{text}");
    let project = fx.open();
    let doc = project.load_document("n1").unwrap();
    let file = project.load_annotation("alice", &doc).unwrap().expect("written").file;
    let spans: Vec<(&str, &str, String)> =
        file.spans.iter().map(|s| (s.text.as_str(), s.label.as_str(), s.source.to_string())).collect();
    assert_eq!(spans, [("刘洋", "executive", "model".to_owned())], "{text}");
    assert_eq!(file.version, "1.1", "a span source is a 1.1 field");
    // Scored against alice: each document tagged by a model that did not learn from it.
    let out =
        run(&["suggest", d, "--annotator", "alice", "--sources", "model", "--evaluate", "alice", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f1 = json["scores"]["model"]["*"]["f1"].as_f64().unwrap();
    assert!(f1 > 0.8, "the pattern is plain: {f1}");
    assert!(json["scores"]["model"]["executive"]["suggested"].as_u64().unwrap() > 0);
    assert!(json["scores"].get("all").is_none(), "no rule-based source was asked for");
}

#[test]
fn the_queue_puts_what_the_model_is_least_sure_of_first() {
    let fx = corpus();
    // One article like the training ones, one unlike anything learnt.
    let extra = fx.write(
        "more.jsonl",
        "{\"id\": \"plain\", \"text\": \"公司今天宣布刘洋总裁上任。\"}\n{\"id\": \"odd\", \"text\": \"据悉，Mate 80系列搭载昇腾910C，同比增长37%，营收167.61亿元。\"}\n",
    );
    fx.import(&[&extra]).unwrap();
    let d = fx.project();
    let out = run(&["queue", d.to_str().unwrap(), "--annotator", "alice"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "2 documents alice has not started; 2 shown", "{text}");
    assert!(lines[1].contains(" odd ") && lines[2].contains(" plain "), "the unfamiliar article first:\n{text}");
    let u = |line: &str| line.split_whitespace().next().unwrap().parse::<f64>().unwrap();
    assert!(u(lines[1]) > u(lines[2]), "{text}");
    let corpus_order =
        stdout(&run(&["queue", d.to_str().unwrap(), "--annotator", "alice", "--order", "corpus", "--limit", "1"]));
    assert_eq!(corpus_order.lines().nth(1), Some("plain  公司今天宣布刘洋总裁上任。"), "{corpus_order}");
}

#[test]
fn model_from_naming_an_unknown_annotator_is_a_clear_error() {
    let fx = corpus();
    let path = fx.project().join("project.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen(
        "    suggestions: Suggestions(\n",
        "    suggestions: Suggestions(\n        model_from: Some(\"nobody\"),\n",
        1,
    );
    assert_ne!(edited, text, "the project file has a Suggestions block");
    std::fs::write(&path, edited).unwrap();
    let out = run(&["suggest", fx.project().to_str().unwrap(), "--annotator", "alice", "--sources", "model"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("no annotator \"nobody\"") && stderr(&out).contains("model_from"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn features_follow_the_imported_text_crlf_normalised_and_astral() {
    // \r\n became \n at import: offsets, sentences and tags count the normalised text.
    let fx = Fixture::with_articles(&[("c", "𠮷野家报道：张勇\r\n宣布阿里云上市。")]);
    let project = fx.open();
    let doc = project.load_document("c").unwrap();
    assert_eq!(doc.text(), "𠮷野家报道：张勇\n宣布阿里云上市。");
    let spans = vec![(6, 8, "executive".to_owned()), (11, 14, "product".to_owned())];
    let info = newsanno::suggest::crf::TextInfo::default();
    let set = newsanno::suggest::crf::FeatureSet::Characters;
    let (seqs, dropped) = newsanno::suggest::crf::training::sequences(&doc, Some(&spans), &info, set);
    assert_eq!(dropped, 0);
    let pieces: Vec<(usize, usize)> = seqs.iter().map(|s| (s.offset, s.features.len())).collect();
    assert_eq!(pieces, [(0, 9), (9, 8)], "a sentence ends after the newline");
    assert_eq!(seqs[0].tags[6..9], ["B-executive", "I-executive", "O"].map(String::from));
    assert_eq!(seqs[1].tags[2..5], ["B-product", "I-product", "I-product"].map(String::from));
    assert!(seqs[0].features[0].contains(&"c+0=𠮷".to_owned()));
    assert!(seqs[0].features[8].contains(&"c+0=\n".to_owned()));
}
