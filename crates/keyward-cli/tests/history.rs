//! `keyward history` on a repository built here with real git: renames, an edit, a merge, a
//! deleted file, a key removed in a later commit, an unmerged branch and a tag.

use std::path::Path;
use std::process::Command;

use serde_json::Value;
use tempfile::TempDir;

use crate::common::*;

/// Runs git in `dir` as `author`, dated `day` (of January 2024) for both author and committer.
fn git_as(dir: &Path, author: &str, day: u32, args: &[&str]) {
    let date = format!("2024-01-{day:02}T12:00:00+01:00");
    let status = Command::new("git")
        .args(["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"])
        .args(args)
        .env("GIT_AUTHOR_NAME", author)
        .env("GIT_AUTHOR_EMAIL", format!("{}@example.invalid", author.to_lowercase()))
        .env("GIT_COMMITTER_NAME", author)
        .env("GIT_COMMITTER_EMAIL", "ci@example.invalid")
        .env("GIT_AUTHOR_DATE", &date)
        .env("GIT_COMMITTER_DATE", &date)
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

fn commit(dir: &Path, author: &str, day: u32, message: &str) {
    git_as(dir, author, day, &["add", "-A"]);
    git_as(dir, author, day, &["commit", "-q", "-m", message]);
}

fn rev(dir: &Path, name: &str) -> String {
    let output = Command::new("git").args(["rev-parse", name]).current_dir(dir).output().unwrap();
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

struct Built {
    dir: TempDir,
    github: String,
    anthropic: String,
    openai: String,
}

/// main: c1 adds config.py with a GitHub token (Alice, Jan 1); c2 renames it to settings.py;
/// c3 edits another line of it; feature branch c4 adds deploy.sh with an Anthropic key (Bob),
/// merged into main by c5; c6 removes the token from settings.py and deletes deploy.sh, tagged
/// v1. Branch `experiment` (from c3, never merged) adds notes.txt with an OpenAI key (Carol).
fn built_repo() -> Built {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let mut rng = Rng::new(50);
    let (github, anthropic, openai) = (rng.github_classic_token(), rng.anthropic_key(), rng.openai_project_key());
    let settings: String = (0..20).map(|i| format!("OPTION_{i} = {i}\n")).collect();
    git_as(d, "Alice", 1, &["init", "-q"]);
    write(d, "README.md", "# demo\n");
    write(d, "config.py", format!("import os\nGITHUB_TOKEN = \"{github}\"\nDEBUG = False\n{settings}"));
    commit(d, "Alice", 1, "c1: config");
    git_as(d, "Alice", 2, &["mv", "config.py", "settings.py"]);
    commit(d, "Alice", 2, "c2: rename");
    write(d, "settings.py", format!("import os\nGITHUB_TOKEN = \"{github}\"\nDEBUG = True\n{settings}"));
    commit(d, "Alice", 3, "c3: debug");
    git_as(d, "Carol", 4, &["branch", "experiment"]);
    git_as(d, "Bob", 4, &["checkout", "-q", "-b", "feature"]);
    write(d, "deploy.sh", format!("#!/bin/sh\nexport ANTHROPIC_API_KEY={anthropic}\n"));
    commit(d, "Bob", 4, "c4: deploy");
    git_as(d, "Alice", 5, &["checkout", "-q", "main"]);
    write(d, "app.js", "console.log('hi');\n");
    commit(d, "Alice", 5, "c5a: app");
    git_as(d, "Alice", 6, &["merge", "-q", "--no-ff", "-m", "c5: merge feature", "feature"]);
    write(d, "settings.py", format!("import os\nGITHUB_TOKEN = os.environ[\"GITHUB_TOKEN\"]\nDEBUG = True\n{settings}"));
    std::fs::remove_file(d.join("deploy.sh")).unwrap();
    commit(d, "Alice", 7, "c6: remove the keys");
    git_as(d, "Alice", 7, &["tag", "v1"]);
    git_as(d, "Carol", 8, &["checkout", "-q", "experiment"]);
    write(d, "notes.txt", format!("try {openai}\n"));
    commit(d, "Carol", 8, "c7: experiment");
    git_as(d, "Alice", 9, &["checkout", "-q", "main"]);
    Built { dir, github, anthropic, openai }
}

/// `(path, ruleId, line, commit subject, author, date)` of a finding.
type Row = (String, String, u64, String, String, String);

fn history_findings(dir: &Path, args: &[&str]) -> (i32, Vec<Row>) {
    let mut all = vec!["history", "-f", "json"];
    all.extend_from_slice(args);
    let output = keyward(dir, &all);
    assert!(code(&output) < 2, "{}", stderr(&output));
    let found = findings(&output)
        .iter()
        .map(|f| {
            let commit = f["commit"].as_str().unwrap();
            let subject = Command::new("git").args(["log", "-1", "--format=%s", commit]).current_dir(dir).output().unwrap();
            (
                f["path"].as_str().unwrap().to_owned(),
                f["ruleId"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                String::from_utf8(subject.stdout).unwrap().trim().to_owned(),
                f["author"].as_str().unwrap().to_owned(),
                f["date"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    (code(&output), found)
}

fn row(path: &str, rule: &str, line: u64, subject: &str, author: &str, day: u32) -> Row {
    (
        path.into(),
        rule.into(),
        line,
        subject.into(),
        format!("{author} <{}@example.invalid>", author.to_lowercase()),
        format!("2024-01-{day:02}T12:00:00+01:00"),
    )
}

#[test]
fn every_secret_ever_committed_is_reported_with_the_commit_that_introduced_it() {
    let built = built_repo();
    let (status, found) = history_findings(built.dir.path(), &[]);
    assert_eq!(status, 1);
    assert_eq!(
        found,
        [
            // Removed from settings.py by c6 and never in the work tree again: still in history.
            row("config.py", "github-pat-classic", 2, "c1: config", "Alice", 1),
            // Deleted by c6; brought in on a branch, merged later: the branch's commit.
            row("deploy.sh", "anthropic-api-key", 2, "c4: deploy", "Bob", 4),
            // Only on an unmerged branch.
            row("notes.txt", "openai-project-key", 1, "c7: experiment", "Carol", 8),
            // The exact rename (c2) adds no blob; c3's edit makes a new version holding the token.
            row("settings.py", "github-pat-classic", 2, "c3: debug", "Alice", 3),
        ]
    );
    let output = keyward(built.dir.path(), &["history"]);
    let out = stdout(&output);
    for secret in [&built.github, &built.anthropic, &built.openai] {
        assert!(!out.contains(&secret[12..]), "no secret in the output");
    }
    let c1 = rev(built.dir.path(), "main~5");
    assert!(
        out.lines().any(|l| l.starts_with("config.py:2:17: ") && l.ends_with(&format!(" commit={} author=\"Alice <alice@example.invalid>\" date=2024-01-01T12:00:00+01:00", &c1[..12]))),
        "{out}"
    );
    let err = stderr(&output);
    assert!(err.contains("history: 8 commits walked, "), "{err}");
    assert!(err.contains("revoke") && err.contains("git filter-repo") && err.contains("force-push"), "{err}");
}

#[test]
fn branch_range_and_since_select_commits() {
    let built = built_repo();
    let d = built.dir.path();
    let paths = |args: &[&str]| history_findings(d, args).1.into_iter().map(|f| (f.0, f.3)).collect::<Vec<_>>();
    let pair = |path: &str, subject: &str| (path.to_owned(), subject.to_owned());
    // main and its ancestors: not the experiment branch.
    assert_eq!(
        paths(&["--branch", "main"]),
        [pair("config.py", "c1: config"), pair("deploy.sh", "c4: deploy"), pair("settings.py", "c3: debug")]
    );
    // What the feature branch brought on top of c3: blobs c3 already had are not listed.
    assert_eq!(paths(&["--range", "main~3..feature"]), [pair("deploy.sh", "c4: deploy")]);
    assert_eq!(paths(&["--range", "v1..experiment"]), [pair("notes.txt", "c7: experiment")]);
    // Committed on or after January 4: c1–c3's blobs were there before.
    assert_eq!(paths(&["--since", "2024-01-04"]), [pair("deploy.sh", "c4: deploy"), pair("notes.txt", "c7: experiment")]);
    let nothing = keyward(d, &["history", "--range", "v1..main"]);
    assert_eq!((code(&nothing), stdout(&nothing)), (0, String::new()), "{}", stderr(&nothing));
    for (args, message) in [
        (&["history", "--range", "nope..main"][..], "--range nope..main"),
        (&["history", "--since", "banana"], "--since: `banana` is not a date"),
        (&["history", "--branch", "nope"], "--branch nope"),
    ] {
        let output = keyward(d, args);
        assert_eq!(code(&output), 2, "{args:?}");
        assert!(stderr(&output).contains(message), "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn config_baseline_and_repo_argument_apply() {
    let built = built_repo();
    let d = built.dir.path();
    // The work tree's config excludes paths in every commit.
    write(d, ".keyward.toml", "exclude = [\"deploy.sh\", \"notes.txt\"]\n");
    let (_, found) = history_findings(d, &[]);
    assert_eq!(found.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(), ["config.py", "settings.py"]);
    // A baseline of those findings hides them, and the summary counts them.
    std::fs::remove_file(d.join(".keyward.toml")).unwrap();
    let all = findings(&keyward(d, &["history", "-f", "json", "--branch", "main"]));
    let baseline = serde_json::json!({
        "keywardBaseline": 1,
        "findings": all.iter().map(|f| serde_json::json!({ "fingerprint": f["fingerprint"] })).collect::<Vec<Value>>(),
    });
    write(d, "../baseline.json", baseline.to_string());
    let hidden = keyward(d, &["history", "--baseline", "../baseline.json"]);
    assert_eq!(stdout(&hidden).lines().count(), 1, "only the experiment's key is new: {}", stdout(&hidden));
    assert!(stderr(&hidden).contains("(3 hidden by the baseline)"), "{}", stderr(&hidden));
    // The repository named on the command line, from elsewhere; SARIF carries the commit.
    let elsewhere = TempDir::new().unwrap();
    let sarif = keyward(elsewhere.path(), &["history", "-f", "sarif", d.to_str().unwrap()]);
    assert_eq!(code(&sarif), 1, "{}", stderr(&sarif));
    let log: Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    assert!(results.iter().all(|r| r["properties"]["commit"].as_str().is_some_and(|c| c.len() == 40)));
    let root = std::fs::canonicalize(d).unwrap();
    assert_eq!(log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"], format!("file://{}/", root.display()));
}

#[test]
fn outside_a_repository_history_is_an_error() {
    let dir = TempDir::new().unwrap();
    let output = keyward(dir.path(), &["history"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("not a git repository"), "{}", stderr(&output));
}

#[test]
fn a_shallow_clone_is_read_up_to_its_boundary() {
    // CI checkouts are shallow by default: the missing parents are not an error.
    let built = built_repo();
    let clone = TempDir::new().unwrap();
    let url = format!("file://{}", built.dir.path().display());
    let status = Command::new("git").args(["clone", "-q", "--depth", "2", &url, "shallow"]).current_dir(clone.path()).status().unwrap();
    assert!(status.success());
    let shallow = clone.path().join("shallow");
    let (status, found) = history_findings(&shallow, &[]);
    assert_eq!(status, 1);
    // The oldest commit fetched (the merge) is where the keys its tree holds first appear.
    let rows: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.3.as_str())).collect();
    assert_eq!(rows, [("deploy.sh", "c5: merge feature"), ("settings.py", "c5: merge feature")]);
    let output = keyward(&shallow, &["history"]);
    assert!(stderr(&output).contains("history: 2 commits walked"), "{}", stderr(&output));
}

#[test]
fn blobs_over_the_size_limit_are_named_with_their_commit() {
    let built = built_repo();
    let output = keyward(built.dir.path(), &["history", "--max-file-size", "200", "-f", "json"]);
    let c1 = rev(built.dir.path(), "main~5");
    let err = stderr(&output);
    assert!(err.contains(&format!("keyward: skipped config.py (commit {}): ", &c1[..12])), "{err}");
    assert!(err.contains("over the size limit of 200 bytes"), "{err}");
    // deploy.sh and notes.txt are small enough.
    let paths: Vec<String> = path_rules(&findings(&output)).into_iter().map(|(path, _)| path).collect();
    assert_eq!(paths, ["deploy.sh", "notes.txt"]);
}
