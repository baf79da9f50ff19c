//! `keyward scan --staged`: the git index is scanned, not the work tree.

use std::path::Path;
use std::process::Command;

use crate::common::*;
use tempfile::TempDir;

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=keyward", "-c", "user.email=keyward@example.invalid", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

fn repo() -> TempDir {
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
