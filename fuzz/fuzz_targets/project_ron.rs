//! The project.ron loader: any bytes give settings or an error; settings that
//! load survive being written and read again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsanno::store::project_file::ProjectConfig;

fuzz_target!(|data: &[u8]| {
    let dir = newsanno_fuzz::scratch_dir();
    let path = dir.path().join("project.ron");
    if let Ok(config) = ProjectConfig::parse(&path, data) {
        config.write(&path).expect("write settings");
        let again = ProjectConfig::read(&path).expect("what we write loads");
        assert_eq!(config, again);
    }
});
