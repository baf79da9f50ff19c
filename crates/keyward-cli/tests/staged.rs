//! `keyward scan --staged`: what the next commit adds, read from git's index in real
//! repositories: new secrets block, secrets already in HEAD (moved, renamed, or in a file edited
//! elsewhere) do not.

use std::path::Path;
use std::process::Command;

use crate::common::*;
use tempfile::TempDir;

pub fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=keyward", "-c", "user.email=keyward@example.invalid", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

pub fn repo() -> TempDir {
    let dir = TempDir::new().unwrap();
    git(dir.path(), &["init", "-q"]);
    dir
}

#[test]
fn staged_content_is_scanned_not_the_work_tree() {
    let dir = repo();
    let mut rng = Rng::new(30);
    let (staged, unstaged) = (rng.github_classic_token(), rng.anthropic_key());
    write(dir.path(), "README.md", "hello\n");
    git(dir.path(), &["add", "README.md"]);
    git(dir.path(), &["commit", "-q", "-m", "init"]);

    write(dir.path(), "src/config.js", format!("// settings\nexport const token = \"{staged}\";\n"));
    git(dir.path(), &["add", "src/config.js"]);
    // After staging, the work tree copy is cleaned: the commit would still carry the key.
    write(dir.path(), "src/config.js", "export const token = process.env.TOKEN;\n");
    // A key in an untracked file is not part of the commit.
    write(dir.path(), "notes.py", format!("KEY = \"{unstaged}\"\n"));

    // Run from a subfolder: paths are relative to the repository root.
    let output = keyward(&dir.path().join("src"), &["scan", "--staged", "--format", "json"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let found = findings(&output);
    assert_eq!(path_rules(&found), [("src/config.js".to_owned(), "github-pat-classic".to_owned())]);
    assert_eq!((found[0]["line"].as_u64(), found[0]["column"].as_u64()), (Some(2), Some(23)));
}

#[test]
fn a_clean_index_passes_and_deleted_binary_and_linked_files_are_fine() {
    let dir = repo();
    write(dir.path(), "a.txt", "nothing here\n");
    write(dir.path(), "b.txt", "bye\n");
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "init"]);
    git(dir.path(), &["rm", "-q", "b.txt"]);
    let token = Rng::new(31).github_classic_token();
    write(dir.path(), "image.bin", [&b"\x89PNG\0\0"[..], token.as_bytes()].concat());
    std::os::unix::fs::symlink("a.txt", dir.path().join("link")).unwrap();
    write(dir.path(), "a.txt", "still nothing\n");
    git(dir.path(), &["add", "-A"]);
    let output = keyward(dir.path(), &["scan", "--staged"]);
    assert_eq!((code(&output), stdout(&output)), (0, String::new()), "{}", stderr(&output));
    assert!(stderr(&output).contains("scanned 1 file"), "{}", stderr(&output));
}

#[test]
fn an_empty_repository_and_the_config_excludes_work() {
    let dir = repo();
    let token = Rng::new(32).github_classic_token();
    write(dir.path(), "tests/fixture.js", format!("t = \"{token}\"\n"));
    write(dir.path(), ".keyward.toml", "exclude = [\"tests/\"]\n");
    git(dir.path(), &["add", "."]);
    let output = keyward(dir.path(), &["scan", "--staged"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    write(dir.path(), ".keyward.toml", "");
    let output = keyward(dir.path(), &["scan", "--staged"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
}

#[test]
fn staged_outside_a_repository_is_an_error() {
    let dir = TempDir::new().unwrap();
    let output = keyward(dir.path(), &["scan", "--staged"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("--staged"), "{}", stderr(&output));
    assert!(stderr(&output).to_lowercase().contains("not a git repository"), "{}", stderr(&output));
}

/// `(path, ruleId, line)` of `keyward scan --staged -f json` in `dir`, and the exit status.
fn staged_findings(dir: &Path) -> (i32, Vec<(String, String, u64)>) {
    let output = keyward(dir, &["scan", "--staged", "-f", "json"]);
    let found = findings(&output)
        .iter()
        .map(|f| (f["path"].as_str().unwrap().to_owned(), f["ruleId"].as_str().unwrap().to_owned(), f["line"].as_u64().unwrap()))
        .collect();
    (code(&output), found)
}

/// Twenty lines of settings, as the rest of a config file.
fn settings() -> String {
    (0..20).map(|i| format!("OPTION_{i} = \"value number {i}\"\n")).collect()
}

/// `git diff --cached -M --name-status`: git's own view of the staged changes.
fn git_status(dir: &Path) -> String {
    let output = Command::new("git").args(["diff", "--cached", "-M", "--name-status"]).current_dir(dir).output().unwrap();
    String::from_utf8(output.stdout).unwrap()
}

/// A repository whose first commit holds `config.py` with an old key on line 2.
fn repo_with_a_committed_key() -> (TempDir, String) {
    let dir = repo();
    let old = Rng::new(33).github_classic_token();
    write(dir.path(), "config.py", format!("import os\nTOKEN = \"{old}\"\nDEBUG = False\n{}", settings()));
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "init"]);
    (dir, old)
}

#[test]
fn a_rename_or_an_edit_elsewhere_in_a_file_with_an_old_key_passes() {
    let (dir, old) = repo_with_a_committed_key();
    git(dir.path(), &["mv", "config.py", "settings.py"]);
    assert_eq!(staged_findings(dir.path()), (0, vec![]), "git mv of a committed key");
    git(dir.path(), &["commit", "-q", "-m", "rename"]);

    // A one-line edit elsewhere in the file.
    write(dir.path(), "settings.py", format!("import os\nTOKEN = \"{old}\"\nDEBUG = True\n{}", settings()));
    git(dir.path(), &["add", "settings.py"]);
    assert_eq!(staged_findings(dir.path()), (0, vec![]), "an edit on another line");

    // A rename with edits (git still sees a rename): the old key is not new.
    git(dir.path(), &["commit", "-q", "-m", "debug"]);
    std::fs::create_dir(dir.path().join("app")).unwrap();
    git(dir.path(), &["mv", "settings.py", "app/settings.py"]);
    write(dir.path(), "app/settings.py", format!("import os\n\nTOKEN = \"{old}\"\nDEBUG = True\nLEVEL = 3\n{}", settings()));
    git(dir.path(), &["add", "-A"]);
    assert!(git_status(dir.path()).starts_with("R"), "git sees a rename: {}", git_status(dir.path()));
    assert_eq!(staged_findings(dir.path()), (0, vec![]), "rename with edits");

    // Rewritten beyond recognition, the file is a new one for git: its key counts as added.
    git(dir.path(), &["mv", "app/settings.py", "app/other.py"]);
    write(dir.path(), "app/other.py", format!("TOKEN = \"{old}\"\n"));
    git(dir.path(), &["add", "-A"]);
    assert_eq!(git_status(dir.path()), "A\tapp/other.py\nD\tsettings.py\n");
    assert_eq!(staged_findings(dir.path()), (1, vec![("app/other.py".into(), "github-pat-classic".into(), 1)]));
}

#[test]
fn a_new_key_blocks_even_next_to_an_old_one() {
    let (dir, old) = repo_with_a_committed_key();
    let new = Rng::new(34).anthropic_key();
    write(dir.path(), "config.py", format!("import os\nTOKEN = \"{old}\"\nDEBUG = False\nCLAUDE = \"{new}\"\n{}", settings()));
    git(dir.path(), &["add", "config.py"]);
    assert_eq!(staged_findings(dir.path()), (1, vec![("config.py".into(), "anthropic-api-key".into(), 4)]));

    // Renamed and given a new key: only the new key is reported, at its new path.
    git(dir.path(), &["mv", "config.py", "settings.py"]);
    assert!(git_status(dir.path()).starts_with("R"), "git sees a rename: {}", git_status(dir.path()));
    assert_eq!(staged_findings(dir.path()), (1, vec![("settings.py".into(), "anthropic-api-key".into(), 4)]));
}

#[test]
fn an_old_key_copied_into_another_file_blocks() {
    let (dir, old) = repo_with_a_committed_key();
    write(dir.path(), "deploy.sh", format!("export GITHUB_TOKEN={old}\n"));
    git(dir.path(), &["add", "deploy.sh"]);
    assert_eq!(staged_findings(dir.path()), (1, vec![("deploy.sh".into(), "github-pat-classic".into(), 1)]));
}

#[test]
fn large_staged_files_are_scanned_whole() {
    let (dir, _) = repo_with_a_committed_key();
    let key = Rng::new(35).anthropic_key();
    // 12 MB of log lines, the key at the end: over the default 10 MB limit of folder scans.
    let mut dump = "2024-05-01 12:00:00 INFO request handled in 12 ms\n".repeat(250_000);
    dump.push_str(&format!("ANTHROPIC_API_KEY={key}\n"));
    assert!(dump.len() > 12_000_000);
    write(dir.path(), "dump.log", &dump);
    git(dir.path(), &["add", "dump.log"]);
    assert_eq!(staged_findings(dir.path()), (1, vec![("dump.log".into(), "anthropic-api-key".into(), 250_001)]));
    let limited = keyward(dir.path(), &["scan", "--staged", "--max-file-size", "1K", "-f", "json"]);
    assert_eq!(findings(&limited).len(), 1, "--max-file-size does not apply to --staged");
}

#[test]
fn the_blocking_message_says_how_to_proceed() {
    let (dir, _) = repo_with_a_committed_key();
    write(dir.path(), "new.py", format!("K = \"{}\"\n", Rng::new(36).anthropic_key()));
    git(dir.path(), &["add", "new.py"]);
    let output = keyward(dir.path(), &["scan", "--staged"]);
    assert_eq!(code(&output), 1);
    let message = stderr(&output);
    for expected in ["the commit is blocked", "# keyward:allow", ".keywardignore", "--show-fingerprint", "keyward baseline", "git commit --no-verify"] {
        assert!(message.contains(expected), "`{expected}` in {message}");
    }
    let clean = keyward(dir.path(), &["scan", "--staged", "--baseline", "/dev/null"]);
    assert_eq!(code(&clean), 2, "an invalid baseline is an error, not a pass");
    let plain_scan = keyward(dir.path(), &["scan", "new.py"]);
    assert!(!stderr(&plain_scan).contains("commit is blocked"), "only --staged talks about commits");
}

#[test]
fn a_staged_utf16_file_is_decoded() {
    let (dir, _) = repo_with_a_committed_key();
    let key = Rng::new(37).github_classic_token();
    let text: Vec<u8> = [0xFF, 0xFE].into_iter().chain(format!("TOKEN={key}\r\n").encode_utf16().flat_map(u16::to_le_bytes)).collect();
    write(dir.path(), ".env.ps1", text);
    git(dir.path(), &["add", "-f", ".env.ps1"]);
    assert_eq!(staged_findings(dir.path()), (1, vec![(".env.ps1".into(), "github-pat-classic".into(), 1)]));
}

#[test]
fn named_paths_limit_the_scan_and_unchanged_files_are_scanned_whole() {
    let (dir, old) = repo_with_a_committed_key();
    let new = Rng::new(38).anthropic_key();
    write(dir.path(), "src/new.py", format!("K = \"{new}\"\n"));
    write(dir.path(), "config.py", format!("import os\nTOKEN = \"{old}\"\nDEBUG = True\n{}", settings()));
    git(dir.path(), &["add", "-A"]);
    let run = |args: &[&str]| {
        let mut all = vec!["scan", "--staged", "-f", "json"];
        all.extend_from_slice(args);
        let output = keyward(dir.path(), &all);
        let mut found = path_rules(&findings(&output));
        found.sort();
        (code(&output), found)
    };
    let pair = |path: &str, rule: &str| (path.to_owned(), rule.to_owned());
    // As pre-commit calls it at commit time (the staged files): what the commit adds.
    assert_eq!(run(&["config.py", "src/new.py"]), (1, vec![pair("src/new.py", "anthropic-api-key")]));
    assert_eq!(run(&["config.py"]), (0, vec![]), "config.py's key is already committed");
    // As `pre-commit run --all-files` calls it (every tracked file): a file unchanged since the
    // last commit is scanned whole, so a key committed long ago fails the run.
    git(dir.path(), &["commit", "-q", "-m", "more"]);
    assert_eq!(run(&["config.py", "src/new.py"]), (1, vec![pair("config.py", "github-pat-classic"), pair("src/new.py", "anthropic-api-key")]));
    // A folder selects what is under it; from a subfolder, paths are relative to it.
    assert_eq!(run(&["src"]), (1, vec![pair("src/new.py", "anthropic-api-key")]));
    let from_src = keyward(&dir.path().join("src"), &["scan", "--staged", "-f", "json", "new.py"]);
    assert_eq!(path_rules(&findings(&from_src)), [pair("src/new.py", "anthropic-api-key")]);
    let outside = keyward(dir.path(), &["scan", "--staged", "/tmp"]);
    assert_eq!(code(&outside), 2);
    assert!(stderr(&outside).contains("/tmp: not inside the repository"), "{}", stderr(&outside));
}

#[test]
fn run_from_a_subfolder_the_whole_index_is_compared() {
    let (dir, old) = repo_with_a_committed_key();
    std::fs::create_dir_all(dir.path().join("docs")).unwrap();
    write(dir.path(), "docs/README.md", "notes\n");
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "docs"]);
    git(dir.path(), &["mv", "config.py", "settings.py"]);
    let new = Rng::new(34).github_classic_token();
    write(dir.path(), "app.py", format!("TOKEN = \"{new}\"\n"));
    git(dir.path(), &["add", "app.py"]);
    // `git commit` in docs/ commits every staged change, so the check covers them all...
    let (status, found) = staged_findings(&dir.path().join("docs"));
    assert_eq!((status, found), (1, vec![("app.py".into(), "github-pat-classic".into(), 1)]));
    // ...and a file named from there still has HEAD's version of its rename source.
    let output = keyward(&dir.path().join("docs"), &["scan", "--staged", "-f", "json", "../settings.py"]);
    assert_eq!((code(&output), findings(&output).len()), (0, 0), "the moved old key {old} is not new");
}
