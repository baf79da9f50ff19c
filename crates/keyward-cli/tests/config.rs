//! `.keyward.toml` and `--config`: disabled rules, allowlists, excludes, custom rules, limits,
//! discovery at the repo root, and clear errors (exit 2) for a bad config.

use std::path::Path;
use std::process::Command;

use crate::common::*;
use tempfile::TempDir;

/// A folder with a GitHub token in `src/app.js`, an Anthropic key in `fixtures/keys.py`
/// and an `acme_` token that only a custom rule finds.
fn folder() -> TempDir {
    let mut rng = Rng::new(10);
    let dir = TempDir::new().unwrap();
    write(dir.path(), "src/app.js", format!("const t = \"{}\";\nconst acme = \"acme_{}\";\n", rng.github_classic_token(), "q8r2m4x7v1k9p3z6w5t0y8u2i4o6e1a3"));
    write(dir.path(), "fixtures/keys.py", format!("KEY = \"{}\"\n", rng.anthropic_key()));
    dir
}

fn rules_found(dir: &Path, args: &[&str]) -> Vec<(String, String)> {
    let mut all = vec!["scan", "--format", "json"];
    all.extend_from_slice(args);
    let output = keyward(dir, &all);
    assert!(code(&output) < 2, "stderr: {}", stderr(&output));
    let mut found = path_rules(&findings(&output));
    found.sort();
    found
}

fn pair(path: &str, rule: &str) -> (String, String) {
    (path.to_owned(), rule.to_owned())
}

#[test]
fn without_config_the_builtin_rules_run() {
    let dir = folder();
    assert_eq!(rules_found(dir.path(), &[]), [pair("fixtures/keys.py", "anthropic-api-key"), pair("src/app.js", "github-pat-classic")]);
}

#[test]
fn disable_allow_and_exclude_apply() {
    let dir = folder();
    write(dir.path(), ".keyward.toml", "disable = [\"github-pat-classic\"]\n");
    assert_eq!(rules_found(dir.path(), &[]), [pair("fixtures/keys.py", "anthropic-api-key")]);

    write(dir.path(), ".keyward.toml", "allow = ['^ghp_']\n");
    assert_eq!(rules_found(dir.path(), &[]), [pair("fixtures/keys.py", "anthropic-api-key")]);

    write(dir.path(), ".keyward.toml", "exclude = [\"fixtures/\"]\n");
    assert_eq!(rules_found(dir.path(), &[]), [pair("src/app.js", "github-pat-classic")]);
    // Excludes hold for files named on the command line too (pre-commit passes file names).
    assert_eq!(rules_found(dir.path(), &["fixtures/keys.py", "src/app.js"]), [pair("src/app.js", "github-pat-classic")]);
    write(dir.path(), ".keyward.toml", "exclude = [\"*.js\"]\n");
    assert_eq!(rules_found(dir.path(), &[]), [pair("fixtures/keys.py", "anthropic-api-key")]);
}

#[test]
fn custom_rules_are_reported_and_listed() {
    let dir = folder();
    write(
        dir.path(),
        ".keyward.toml",
        "[[rules]]\nid = \"acme-token\"\npattern = 'acme_[a-z0-9]{32}'\nkeywords = [\"acme_\"]\nprovider = \"Acme\"\ntitle = \"Acme API token\"\nconfidence = \"high\"\nrevokeUrl = \"https://acme.invalid/tokens\"\n",
    );
    let output = keyward(dir.path(), &["scan", "--format", "json", "src"]);
    let found = findings(&output);
    let acme = found.iter().find(|f| f["ruleId"] == "acme-token").expect("custom rule reported");
    assert_eq!((acme["provider"].as_str(), acme["title"].as_str()), (Some("Acme"), Some("Acme API token")));
    assert_eq!((acme["line"].as_u64(), acme["column"].as_u64(), acme["confidence"].as_str()), (Some(2), Some(15), Some("high")));
    let rules = stdout(&keyward(dir.path(), &["rules"]));
    assert!(rules.lines().any(|l| l.starts_with("acme-token ") && l.contains("Acme API token")), "{rules}");
}

#[test]
fn min_confidence_and_max_file_size_come_from_the_config_and_the_command_line_wins() {
    let dir = folder();
    // src/app.js has 106 bytes, fixtures/keys.py 117.
    write(dir.path(), ".keyward.toml", "minConfidence = \"high\"\nmaxFileSize = 110\n");
    let output = keyward(dir.path(), &["scan", "--format", "json"]);
    assert_eq!(path_rules(&findings(&output)), [pair("src/app.js", "github-pat-classic")]);
    assert!(stderr(&output).contains("skipped fixtures/keys.py"), "{}", stderr(&output));
    let larger = keyward(dir.path(), &["scan", "--format", "json", "--max-file-size", "1M"]);
    assert_eq!(findings(&larger).len(), 2);
}

#[test]
fn the_config_is_found_at_the_git_repo_root_and_config_flag_overrides_it() {
    let dir = folder();
    let git = Command::new("git").args(["init", "-q"]).current_dir(dir.path()).status().unwrap();
    assert!(git.success());
    write(dir.path(), ".keyward.toml", "disable = [\"github-pat-classic\"]\n");
    // Run from a subfolder: the root's config applies, excludes stay relative to the root.
    assert_eq!(rules_found(&dir.path().join("src"), &[]), []);
    write(dir.path(), "other.toml", "exclude = [\"src/app.js\"]\n");
    let explicit = dir.path().join("other.toml");
    assert_eq!(rules_found(&dir.path().join("src"), &["--config", explicit.to_str().unwrap(), "."]), []);
    assert_eq!(rules_found(dir.path(), &["--config", "other.toml"]), [pair("fixtures/keys.py", "anthropic-api-key")]);
}

/// Runs a scan with `config` as `.keyward.toml`; it must fail with exit 2 and mention `expected`.
fn assert_config_error(config: &str, expected: &[&str]) {
    let dir = folder();
    write(dir.path(), ".keyward.toml", config);
    let output = keyward(dir.path(), &["scan"]);
    let message = stderr(&output);
    assert_eq!(code(&output), 2, "{config}: {message}");
    assert!(message.starts_with("keyward: error: invalid config .keyward.toml") || message.contains(".keyward.toml"), "{message}");
    for part in expected {
        assert!(message.contains(part), "`{part}` in {message}");
    }
    assert!(!message.contains("panicked"));
    assert_eq!(stdout(&output), "", "nothing is scanned with a bad config");
}

#[test]
fn a_bad_config_is_an_error_with_a_clear_message() {
    assert_config_error("[[rules]]\nid = \"broken\"\npattern = 'acme_[a-z'\n", &["broken", "invalid regex"]);
    assert_config_error("disable = [\n", &["invalid config", "line 1"]);
    assert_config_error("disabel = [\"x\"]\n", &["unknown field `disabel`"]);
    assert_config_error("disable = [\"no-such-rule\"]\n", &["unknown rule id `no-such-rule`"]);
    assert_config_error("allow = ['(unclosed']\n", &["allow pattern `(unclosed`"]);
    assert_config_error("minConfidence = \"extreme\"\n", &["extreme"]);
    assert_config_error("maxFileSize = \"lots\"\n", &["maxFileSize", "`lots` is not a size"]);
    assert_config_error("[[rules]]\nid = \"empty\"\npattern = 'x*'\n", &["empty", "empty string"]);
}

#[test]
fn a_missing_or_unreadable_config_file_is_an_error() {
    let dir = folder();
    let missing = keyward(dir.path(), &["scan", "--config", "nope.toml"]);
    assert_eq!(code(&missing), 2);
    assert!(stderr(&missing).contains("cannot read config nope.toml"), "{}", stderr(&missing));
    let folder_instead = keyward(dir.path(), &["scan", "--config", "src"]);
    assert_eq!(code(&folder_instead), 2);
    assert!(stderr(&folder_instead).contains("cannot read config src"), "{}", stderr(&folder_instead));
}

#[test]
fn the_config_is_found_from_the_scanned_path_not_the_current_folder() {
    let project = folder();
    write(project.path(), ".keyward.toml", "disable = [\"github-pat-classic\"]\n");
    let elsewhere = TempDir::new().unwrap();
    let path = project.path().to_str().unwrap();
    let found = rules_found(elsewhere.path(), &[path]);
    let expected = format!("{path}/fixtures/keys.py");
    assert_eq!(found, [(expected, "anthropic-api-key".to_owned())], "the project's config applies");

    // The nearest config upward wins, up to the repository root; excludes stay relative to it.
    let git = Command::new("git").args(["init", "-q"]).current_dir(project.path()).status().unwrap();
    assert!(git.success());
    write(project.path(), "src/.keyward.toml", "exclude = [\"app.js\"]\n");
    assert_eq!(rules_found(elsewhere.path(), &[&format!("{path}/src")]), []);
    assert_eq!(rules_found(elsewhere.path(), &[&format!("{path}/src/app.js")]), [], "a file's folder is where the search starts");
    // Two roots, two configs: each root gets its own.
    let both = rules_found(elsewhere.path(), &[&format!("{path}/src"), &format!("{path}/fixtures")]);
    assert_eq!(both, [(format!("{path}/fixtures/keys.py"), "anthropic-api-key".to_owned())]);
    write(project.path(), "src/.keyward.toml", "");
    let both = rules_found(elsewhere.path(), &[&format!("{path}/src"), &format!("{path}/fixtures")]);
    assert_eq!(
        both,
        [
            (format!("{path}/fixtures/keys.py"), "anthropic-api-key".to_owned()),
            (format!("{path}/src/app.js"), "github-pat-classic".to_owned())
        ],
        "src's own (empty) config is nearer than the root's"
    );
}

#[test]
fn a_config_above_the_repository_root_is_not_used() {
    let outer = TempDir::new().unwrap();
    write(outer.path(), ".keyward.toml", "disable = [\"github-pat-classic\"]\n");
    let repo = outer.path().join("repo");
    write(&repo, "app.js", format!("t = \"{}\"\n", Rng::new(11).github_classic_token()));
    assert_eq!(rules_found(&repo, &[]), [], "outside a repository the search goes up to /");
    let git = Command::new("git").args(["init", "-q"]).current_dir(&repo).status().unwrap();
    assert!(git.success());
    assert_eq!(rules_found(&repo, &[]), [pair("app.js", "github-pat-classic")]);
}

#[test]
fn custom_rules_drop_placeholders_unless_told_to_report_them() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", "key = acme_0123456789abcdefghijklmnopqrstuv\n");
    let rule = "[[rules]]\nid = \"acme-token\"\npattern = 'acme_[a-z0-9]{32}'\nkeywords = [\"acme_\"]\n";
    write(dir.path(), ".keyward.toml", rule);
    assert_eq!(rules_found(dir.path(), &[]), [], "a made-up value looks like a placeholder");
    write(dir.path(), ".keyward.toml", format!("{rule}reportPlaceholders = true\n"));
    assert_eq!(rules_found(dir.path(), &[]), [pair("a.txt", "acme-token")]);
}

#[test]
fn suppression_comments_in_the_spellings_people_type() {
    let dir = TempDir::new().unwrap();
    let mut rng = Rng::new(12);
    let lines = [
        format!("a = \"{}\"  # keyward: allow", rng.github_classic_token()),
        format!("b = \"{}\"  // KEYWARD:ALLOW", rng.github_classic_token()),
        format!("c = \"{}\"  # Keyward : Allow", rng.github_classic_token()),
        String::from("# keyward: allow-next-line"),
        format!("d = \"{}\"", rng.github_classic_token()),
        format!("e = \"{}\"  # keyward allow (no colon: not a marker)", rng.github_classic_token()),
    ];
    write(dir.path(), "keys.py", lines.join("\n") + "\n");
    let output = keyward(dir.path(), &["scan", "-f", "json"]);
    let found = findings(&output);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["line"], 6);
}
