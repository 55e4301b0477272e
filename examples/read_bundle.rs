//! A minimal Rust reader of the `ron` export bundle: prints spans per label.
//!
//! ```text
//! newsanno export assets/sample --format ron --source majority:2 --out sample.ron
//! cargo run --example read_bundle -- sample.ron
//! ```

use std::collections::BTreeMap;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: read_bundle BUNDLE.ron");
        return ExitCode::from(2);
    };
    match newsanno::formats::ron_bundle::read_bundle(std::path::Path::new(&path)) {
        Ok(bundle) => {
            let mut per_label: BTreeMap<&str, usize> = BTreeMap::new();
            for doc in &bundle.documents {
                for span in &doc.spans {
                    *per_label.entry(&span.label).or_default() += 1;
                }
            }
            println!("{} documents", bundle.documents.len());
            for (label, n) in per_label {
                println!("{label}\t{n}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
