//! `keyward baseline` writes the fingerprints of today's findings; `scan --baseline` hides them.

use crate::common::*;
use serde_json::Value;
use tempfile::TempDir;

#[test]
fn a_baseline_hides_accepted_findings_and_new_ones_still_show() {
    let mut rng = Rng::new(20);
    let (old, new) = (rng.github_classic_token(), rng.anthropic_key());
    let dir = TempDir::new().unwrap();
    write(dir.path(), "legacy.js", format!("const t = \"{old}\";\n"));

    let written = keyward(dir.path(), &["baseline", "-o", "keyward-baseline.json", "legacy.js"]);
    assert_eq!(code(&written), 0, "{}", stderr(&written));
    let text = std::fs::read_to_string(dir.path().join("keyward-baseline.json")).unwrap();
    assert!(!text.contains(&old[4..]), "the baseline holds no secret");
    let document: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(document["keywardBaseline"], 1);
    assert_eq!(document["findings"][0]["ruleId"], "github-pat-classic");
    assert_eq!(document["findings"][0]["fingerprint"].as_str().unwrap().len(), 32);

    let accepted = keyward(dir.path(), &["scan", "--baseline", "keyward-baseline.json", "legacy.js"]);
    assert_eq!((code(&accepted), stdout(&accepted)), (0, String::new()));
    assert!(stderr(&accepted).contains("keyward: no findings (1 hidden by the baseline); scanned 1 file"), "{}", stderr(&accepted));

    // The same secret moved to another file is still accepted; a new one is not.
    write(dir.path(), "moved.py", format!("\n\nT = \"{old}\"\nK = \"{new}\"\n"));
    let output = keyward(dir.path(), &["scan", "--format", "json", "--baseline", "keyward-baseline.json", "moved.py"]);
    assert_eq!(code(&output), 1);
    assert_eq!(path_rules(&findings(&output)), [("moved.py".to_owned(), "anthropic-api-key".to_owned())]);
}

#[test]
fn the_baseline_goes_to_stdout_without_o() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.js", format!("t = \"{}\"\n", Rng::new(21).github_classic_token()));
    let output = keyward(dir.path(), &["baseline", "a.js"]);
    assert_eq!(code(&output), 0);
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["findings"].as_array().unwrap().len(), 1);
}

#[test]
fn a_bad_baseline_is_an_error() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.js", "nothing\n");
    for (content, expected) in [
        ("not json", "invalid baseline"),
        ("[\"abc\"]", "invalid baseline"),
        ("{\"keywardBaseline\": 9, \"findings\": []}", "has version 9"),
    ] {
        write(dir.path(), "b.json", content);
        let output = keyward(dir.path(), &["scan", "--baseline", "b.json", "a.js"]);
        assert_eq!(code(&output), 2, "{content}");
        assert!(stderr(&output).contains(expected), "{}", stderr(&output));
    }
    let missing = keyward(dir.path(), &["scan", "--baseline", "missing.json", "a.js"]);
    assert_eq!(code(&missing), 2);
    assert!(stderr(&missing).contains("cannot read baseline missing.json"));
}

#[test]
fn keywardignore_at_the_repo_root_accepts_fingerprints() {
    let dir = TempDir::new().unwrap();
    let mut rng = Rng::new(22);
    write(dir.path(), "src/a.js", format!("t = \"{}\"\nk = \"{}\"\n", rng.github_classic_token(), rng.anthropic_key()));
    let before = findings(&keyward(dir.path(), &["scan", "-f", "json"]));
    assert_eq!(before.len(), 2);
    let github = before.iter().find(|f| f["ruleId"] == "github-pat-classic").unwrap();
    let fingerprint = github["fingerprint"].as_str().unwrap();
    write(dir.path(), ".keywardignore", format!("# test fixture, revoked\n{fingerprint}  # src/a.js\n\n"));
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let after = keyward(&dir.path().join("src"), &["scan", "-f", "json"]);
    assert_eq!(path_rules(&findings(&after)), [("a.js".to_owned(), "anthropic-api-key".to_owned())]);
    assert!(stderr(&after).contains("1 finding (1 critical) in 1 file (1 hidden by .keywardignore)"), "{}", stderr(&after));

    write(dir.path(), ".keywardignore", "not-a-fingerprint\n");
    let bad = keyward(dir.path(), &["scan"]);
    assert_eq!(code(&bad), 2);
    assert!(stderr(&bad).contains(".keywardignore:1: `not-a-fingerprint` is not a fingerprint"), "{}", stderr(&bad));
}
