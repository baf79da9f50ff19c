//! Bad input: each problem gets a clear message on stderr, the rest of the scan goes on,
//! nothing panics, and the exit status says what happened (0 clean, 1 findings, 2 error).

use std::process::Output;

use crate::common::*;
use tempfile::TempDir;

/// A folder with one GitHub token in `good.js`.
fn folder_with_a_key() -> TempDir {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "good.js", format!("const t = \"{}\";\n", Rng::new(40).github_classic_token()));
    dir
}

fn assert_no_panic(output: &Output) {
    assert!(!stderr(output).contains("panicked"), "{}", stderr(output));
}

fn is_root() -> bool {
    std::process::Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0\n")).unwrap_or(false)
}

#[test]
fn an_unreadable_file_is_reported_and_the_scan_goes_on() {
    let dir = folder_with_a_key();
    // Reading /proc/self/mem at offset 0 fails with EIO even for root: a real read error.
    let unreadable = "/proc/self/mem";
    let output = keyward(dir.path(), &["scan", "--format", "json", unreadable, "good.js"]);
    assert_no_panic(&output);
    assert!(stderr(&output).contains(&format!("keyward: error: {unreadable}: ")), "{}", stderr(&output));
    assert_eq!(findings(&output).len(), 1, "the other file is still scanned");
    assert_eq!(code(&output), 1, "findings win over read errors");

    let alone = keyward(dir.path(), &["scan", unreadable]);
    assert_eq!(code(&alone), 2, "an error and no findings: the run cannot vouch for a clean result");
    assert!(stderr(&alone).contains("1 error"), "{}", stderr(&alone));
}

#[test]
fn a_file_without_read_permission_is_reported() {
    if is_root() {
        eprintln!("skipped: root reads files whatever their mode (the /proc/self/mem test covers read errors)");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let dir = folder_with_a_key();
    write(dir.path(), "secret.env", "x\n");
    std::fs::set_permissions(dir.path().join("secret.env"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let output = keyward(dir.path(), &["scan"]);
    assert!(stderr(&output).contains("secret.env: Permission denied"), "{}", stderr(&output));
    assert_eq!(code(&output), 1);
}

#[test]
fn broken_symlinks_are_reported() {
    let dir = folder_with_a_key();
    std::os::unix::fs::symlink("missing-target", dir.path().join("dangling.env")).unwrap();
    let walked = keyward(dir.path(), &["scan"]);
    assert_no_panic(&walked);
    assert!(stderr(&walked).contains("skipped dangling.env: broken symbolic link"), "{}", stderr(&walked));
    assert_eq!(code(&walked), 1, "good.js is still scanned");

    // A working link named on the command line is followed.
    std::os::unix::fs::symlink("good.js", dir.path().join("link.js")).unwrap();
    assert_eq!(code(&keyward(dir.path(), &["scan", "link.js"])), 1);

    let named = keyward(dir.path(), &["scan", "dangling.env"]);
    assert_eq!(code(&named), 2);
    assert!(stderr(&named).contains("error: dangling.env: broken symbolic link"), "{}", stderr(&named));
}

#[test]
fn a_missing_path_is_an_error_and_the_others_are_scanned() {
    let dir = folder_with_a_key();
    let output = keyward(dir.path(), &["scan", "no-such-dir", "good.js"]);
    assert!(stderr(&output).contains("no-such-dir"), "{}", stderr(&output));
    assert!(stderr(&output).contains("error: no-such-dir: no such file or folder"), "{}", stderr(&output));
    assert_eq!(code(&output), 1);
    assert_eq!(code(&keyward(dir.path(), &["scan", "no-such-dir"])), 2);
}

#[test]
fn files_over_the_size_limit_are_skipped_with_a_message() {
    let dir = folder_with_a_key();
    let token = Rng::new(41).anthropic_key();
    write(dir.path(), "big.log", format!("{}\nkey={token}\n", "log line\n".repeat(300)));
    let output = keyward(dir.path(), &["scan", "--format", "json", "--max-file-size", "1K"]);
    assert_no_panic(&output);
    assert!(
        stderr(&output).contains("skipped big.log: 2814 bytes, over the size limit of 1024 bytes"),
        "{}",
        stderr(&output)
    );
    assert_eq!(path_rules(&findings(&output)), [("good.js".to_owned(), "github-pat-classic".to_owned())]);
    assert_eq!(code(&output), 1);
    // Standard input has a limit too.
    let piped = keyward_with_stdin(dir.path(), &["scan", "--max-file-size", "1K", "-"], "x\n".repeat(1000).as_bytes());
    assert!(stderr(&piped).contains("skipped <stdin>: over the size limit of 1024 bytes"), "{}", stderr(&piped));
    assert_eq!(code(&piped), 0);
}

#[test]
fn binary_files_are_skipped_and_invalid_utf8_text_is_scanned() {
    let dir = TempDir::new().unwrap();
    let token = Rng::new(42).github_classic_token();
    write(dir.path(), "logo.png", [&b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..], token.as_bytes()].concat());
    write(dir.path(), "latin1.txt", [&b"caf\xe9 \xff\xfe\n\xe9t\xe9 "[..], token.as_bytes(), b"\n"].concat());
    write(dir.path(), "empty.txt", "");
    let output = keyward(dir.path(), &["scan", "--format", "json"]);
    assert_no_panic(&output);
    let found = findings(&output);
    assert_eq!(path_rules(&found), [("latin1.txt".to_owned(), "github-pat-classic".to_owned())]);
    // Each invalid byte counts as one UTF-16 unit (U+FFFD): `\xe9t\xe9 ` is four columns.
    assert_eq!((found[0]["line"].as_u64(), found[0]["column"].as_u64()), (Some(2), Some(5)));
    assert!(stderr(&output).contains("scanned 2 files"), "{}", stderr(&output));
    assert!(stderr(&output).contains("1 skipped"), "{}", stderr(&output));
}

#[test]
fn fifos_are_not_read() {
    let dir = folder_with_a_key();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    // Reading a FIFO with no writer would block forever: in a folder it is passed over.
    let walked = keyward(dir.path(), &["scan"]);
    assert_eq!(code(&walked), 1);
    let named = keyward(dir.path(), &["scan", "pipe"]);
    assert!(stderr(&named).contains("skipped pipe: not a regular file"), "{}", stderr(&named));
    assert_eq!(code(&named), 0);
}

#[test]
fn bad_arguments_exit_2_with_a_message() {
    let dir = folder_with_a_key();
    for args in [
        &["scan", "--format", "xml"][..],
        &["scan", "--min-confidence", "extreme"],
        &["scan", "--threads", "0"],
        &["scan", "--max-file-size", "ten"],
        &["scan", "--bogus"],
        &["scan", "--staged", "-"],
        &["frobnicate"],
        &[],
    ] {
        let output = keyward(dir.path(), args);
        assert_eq!(code(&output), 2, "{args:?}");
        assert!(stderr(&output).contains("error"), "{args:?}: {}", stderr(&output));
        assert_eq!(stdout(&output), "", "{args:?}");
        assert_no_panic(&output);
    }
    let help = keyward(dir.path(), &["scan", "--help"]);
    assert_eq!(code(&help), 0);
    assert!(stdout(&help).contains("--show-secret"));
}

/// Runs `command` in bash in `dir` (for pipes and redirections).
fn bash(dir: &std::path::Path, command: &str) -> Output {
    let keyward = env!("CARGO_BIN_EXE_keyward");
    std::process::Command::new("bash")
        .arg("-c")
        .arg(command.replace("keyward", &format!("'{keyward}'")))
        .current_dir(dir)
        .output()
        .unwrap()
}

/// A folder of 2,000 files with a key each: a report far larger than a pipe's buffer.
fn many_findings() -> TempDir {
    let dir = TempDir::new().unwrap();
    let mut rng = Rng::new(43);
    for i in 0..2000 {
        write(dir.path(), &format!("f{i}.js"), format!("t = \"{}\"\n", rng.github_classic_token()));
    }
    dir
}

#[test]
fn output_that_cannot_be_written_exits_2_with_a_message() {
    let dir = many_findings();
    let full = bash(dir.path(), "keyward scan -f json > /dev/full");
    assert_eq!(code(&full), 2);
    assert!(stderr(&full).contains("keyward: error: cannot write the report to standard output: No space left on device"), "{}", stderr(&full));
    assert_no_panic(&full);

    let to_file = bash(dir.path(), "keyward scan -f json -o /dev/full");
    assert_eq!(code(&to_file), 2);
    assert!(stderr(&to_file).contains("cannot write /dev/full: No space left on device"), "{}", stderr(&to_file));
    assert!(std::path::Path::new("/dev/full").exists(), "a device is never removed");

    for format in ["json", "text", "sarif"] {
        let closed = bash(dir.path(), &format!("keyward scan -f {format} | head -c 10 > head.out; echo \"exit=${{PIPESTATUS[0]}}\""));
        assert_eq!(stdout(&closed), "exit=2\n", "{format}: {}", stderr(&closed));
        assert!(stderr(&closed).contains("cannot write the report to standard output: Broken pipe"), "{}", stderr(&closed));
        assert_no_panic(&closed);
    }
    // What the reader got is a cut-off document that no JSON parser accepts.
    let head = std::fs::read(dir.path().join("head.out")).unwrap();
    assert_eq!(head.len(), 10);
    assert!(serde_json::from_slice::<serde_json::Value>(&head).is_err());
}

#[test]
fn a_report_that_fits_is_written_whole() {
    let dir = many_findings();
    let output = keyward(dir.path(), &["scan", "-f", "json"]);
    assert_eq!(code(&output), 1);
    assert_eq!(findings(&output).len(), 2000);
}

/// `text` as UTF-16 with a byte-order mark.
fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let units = text.encode_utf16();
    let (mark, body): (Vec<u8>, Vec<u8>) = if big_endian {
        (vec![0xFE, 0xFF], units.flat_map(u16::to_be_bytes).collect())
    } else {
        (vec![0xFF, 0xFE], units.flat_map(u16::to_le_bytes).collect())
    };
    [mark, body].concat()
}

#[test]
fn utf16_files_with_a_byte_order_mark_are_decoded_and_scanned() {
    let dir = TempDir::new().unwrap();
    let mut rng = Rng::new(44);
    let (github, anthropic) = (rng.github_classic_token(), rng.anthropic_key());
    // As PowerShell's `Set-Content -Encoding Unicode` / `>` write a .env: UTF-16LE, CRLF.
    write(dir.path(), ".env", utf16(&format!("# é 😀\r\nGITHUB_TOKEN={github}\r\n"), false));
    write(dir.path(), "be.txt", utf16(&format!("😀 key: {anthropic}\n"), true));
    let output = keyward(dir.path(), &["scan", "-f", "json"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let found = findings(&output);
    assert_eq!(
        path_rules(&found),
        [(".env".to_owned(), "github-pat-classic".to_owned()), ("be.txt".to_owned(), "anthropic-api-key".to_owned())]
    );
    let position = |f: &serde_json::Value| (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap(), f["endColumn"].as_u64().unwrap());
    assert_eq!(position(&found[0]), (2, 14, 14 + github.len() as u64));
    // The emoji is two UTF-16 units: the key starts at unit 8 of its line, column 9.
    assert_eq!(position(&found[1]), (1, 9, 9 + anthropic.len() as u64));
    // start/end are offsets in the UTF-8 text the file decodes to, its mark included.
    let decoded = format!("\u{FEFF}# é 😀\r\nGITHUB_TOKEN={github}\r\n");
    let (start, end) = (found[0]["start"].as_u64().unwrap() as usize, found[0]["end"].as_u64().unwrap() as usize);
    assert_eq!(&decoded[start..end], github);
}

#[test]
fn a_utf8_byte_order_mark_does_not_shift_columns() {
    let dir = TempDir::new().unwrap();
    let token = Rng::new(45).github_classic_token();
    write(dir.path(), "bom.env", [&b"\xEF\xBB\xBF"[..], format!("GITHUB_TOKEN={token}\n").as_bytes()].concat());
    let found = findings(&keyward(dir.path(), &["scan", "-f", "json"]));
    assert_eq!(path_rules(&found), [("bom.env".to_owned(), "github-pat-classic".to_owned())]);
    assert_eq!((found[0]["line"].as_u64(), found[0]["column"].as_u64()), (Some(1), Some(14)), "as an editor shows it");
}

#[test]
fn files_deleted_during_the_walk_are_named_and_skipped() {
    let dir = TempDir::new().unwrap();
    let token = Rng::new(46).github_classic_token();
    for i in 0..3000 {
        write(dir.path(), &format!("d/f{i:04}.txt"), "nothing here\n".repeat(50));
    }
    write(dir.path(), "key.js", format!("t = \"{token}\"\n"));
    // Delete the files while keyward walks them, from another process, as a build cleaning up would.
    let output = bash(dir.path(), "(sleep 0.05; rm -rf d) & keyward scan -j 1 -f json; status=$?; wait; exit $status");
    assert_no_panic(&output);
    let err = stderr(&output);
    assert!(!err.contains("error"), "a file that is gone is not an error: {err}");
    for line in err.lines().filter(|l| l.starts_with("keyward: skipped")) {
        assert!(line.starts_with("keyward: skipped d/f") && line.ends_with(": deleted during the scan"), "{line}");
    }
    assert_eq!(path_rules(&findings(&output)), [("key.js".to_owned(), "github-pat-classic".to_owned())]);
    assert_eq!(code(&output), 1);
}

#[test]
fn a_truncated_scan_is_a_warning_naming_the_file_and_a_sarif_notification() {
    let dir = TempDir::new().unwrap();
    let mut rng = Rng::new(47);
    let dump: String = (0..10_001).map(|_| format!("{}\n", rng.github_classic_token())).collect();
    write(dir.path(), "dump.txt", dump);
    write(dir.path(), "ok.js", format!("t = \"{}\"\n", rng.github_classic_token()));
    let output = keyward(dir.path(), &["scan", "-f", "sarif"]);
    assert_eq!(code(&output), 1);
    assert!(
        stderr(&output).contains("keyward: warning: dump.txt: the scan stopped early (over 10000 findings"),
        "{}",
        stderr(&output)
    );
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let run = &log["runs"][0];
    // The engine's budget stops a dump this dense (one key per line) after its first keys.
    let results = run["results"].as_array().unwrap();
    let in_dump = results.iter().filter(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "dump.txt").count();
    assert!((500..10_001).contains(&in_dump), "{in_dump} from the dump");
    assert_eq!(results.len(), in_dump + 1, "and ok.js's");
    let notifications = run["invocations"][0]["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notifications.len(), 1);
    assert_eq!(notifications[0]["level"], "warning");
    assert_eq!(notifications[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "dump.txt");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true, "a truncated scan is not a failed one");
}
