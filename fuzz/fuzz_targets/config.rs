//! `.keyward.toml` parsing and validation (keyward-config) on arbitrary text: a clean
//! `ConfigError` or a config whose scanner either builds or is refused with a message. Exclude
//! patterns (tried on fixed paths and on each pattern's own text as a path) never match outside
//! the config's folder, and an excluded folder excludes what it holds. Each line also goes
//! through `parse_size`, which agrees with a plain number.
#![no_main]

use std::path::Path;

use keyward_config::{parse_size, Config};
use keyward_core::Scanner;
use libfuzzer_sys::fuzz_target;

const PATHS: &[&str] = &["a.txt", ".env", "src/main.rs", "tests/fixtures/key.txt", "build/out.js", "x/y/z", "/repo/a"];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for line in text.lines() {
        if let (Ok(bytes), Ok(plain)) = (parse_size(line), line.trim().parse::<u64>()) {
            assert_eq!(bytes, plain, "{line:?}");
        }
    }
    let config = match Config::parse(&text, Path::new("/repo")) {
        Err(error) => return assert!(!error.0.is_empty()),
        Ok(config) => config,
    };
    // Building a scanner costs the whole catalogue: only when the file changes it.
    let file = &config.file;
    if !(file.rules.is_empty() && file.allow.is_empty() && file.disable.is_empty()) {
        if let Err(error) = Scanner::new(config.scanner_config()) {
            assert!(!config.error(error).0.is_empty());
        }
    }
    let patterns = file.exclude.iter().map(|p| p.trim_start_matches('!').trim_end_matches('/'));
    for path in PATHS.iter().copied().chain(patterns).take(16) {
        let path = Path::new(path);
        if config.is_excluded(path, true) && !path.as_os_str().is_empty() {
            assert!(config.is_excluded(&path.join("child"), false), "{path:?} is excluded but not its child");
        }
        if !path.is_absolute() {
            assert!(!config.is_excluded(&Path::new("/elsewhere").join(path), false), "{path:?} outside /repo excluded");
        }
    }
});
