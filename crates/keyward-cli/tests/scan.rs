//! `keyward scan` on folders, files and stdin: the "Done when" folder, the placeholder
//! folder, and the text / JSON / SARIF outputs.

use std::path::Path;

use crate::common::*;
use serde_json::Value;
use tempfile::TempDir;

/// The keys planted in [`planted_folder`].
struct Planted {
    openai: String,
    anthropic: String,
    github: String,
    pem: String,
}

/// An `.env`, a Python file (an emoji before the key), a JS file and a PEM key file.
fn planted_folder() -> (TempDir, Planted) {
    let mut rng = Rng::new(2);
    let keys = Planted {
        openai: rng.openai_project_key(),
        anthropic: rng.anthropic_key(),
        github: rng.github_classic_token(),
        pem: rng.pem_private_key(),
    };
    let dir = TempDir::new().unwrap();
    write(dir.path(), ".env", format!("# local settings\nOPENAI_API_KEY={}\n", keys.openai));
    write(
        dir.path(),
        "app.py",
        format!("import anthropic\n\nGREETING = \"héllo 👋\"; client = anthropic.Anthropic(api_key=\"{}\")\n", keys.anthropic),
    );
    write(dir.path(), "web/index.js", format!("const octokit = new Octokit({{ auth: \"{}\" }});\n", keys.github));
    write(dir.path(), "deploy/server.key", &keys.pem);
    (dir, keys)
}

/// The same files with the placeholders people write instead of keys.
fn placeholder_folder() -> TempDir {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        ".env",
        "# local settings\nOPENAI_API_KEY=sk-proj-your-key-here\nANTHROPIC_API_KEY=${ANTHROPIC_API_KEY}\nGITHUB_TOKEN=<GITHUB_TOKEN>\nNPM_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
    );
    write(
        dir.path(),
        "app.py",
        "import os, anthropic\n\nGREETING = \"héllo 👋\"; client = anthropic.Anthropic(api_key=os.getenv(\"ANTHROPIC_API_KEY\"))\n",
    );
    write(dir.path(), "web/index.js", "const octokit = new Octokit({ auth: process.env.GITHUB_TOKEN });\n");
    write(dir.path(), "deploy/server.key", "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n");
    dir
}

/// A built-in rule's severity, as `keyward rules --format json` lists it.
fn severity(id: &str) -> String {
    let rules: Vec<Value> = serde_json::from_slice(&keyward(Path::new("/"), &["rules", "--format", "json"]).stdout).unwrap();
    let rule = rules.iter().find(|r| r["id"] == id).unwrap_or_else(|| panic!("no rule {id}"));
    rule["severity"].as_str().unwrap().to_owned()
}

fn field<'v>(finding: &'v Value, name: &str) -> &'v Value {
    finding.get(name).unwrap_or_else(|| panic!("finding has no `{name}`: {finding}"))
}

/// `(ruleId, line, column, endLine, endColumn)` of the finding in `path`.
fn location(findings: &[Value], path: &str) -> (String, u64, u64, u64, u64) {
    let matching: Vec<&Value> = findings.iter().filter(|f| f["path"] == path).collect();
    assert_eq!(matching.len(), 1, "one finding in {path}: {findings:?}");
    let f = matching[0];
    let n = |name| field(f, name).as_u64().unwrap();
    (field(f, "ruleId").as_str().unwrap().to_owned(), n("line"), n("column"), n("endLine"), n("endColumn"))
}

#[test]
fn planted_keys_are_reported_with_rule_line_and_utf16_column() {
    let (dir, keys) = planted_folder();
    let output = keyward(dir.path(), &["scan", "--format", "json", "."]);
    assert_eq!(code(&output), 1, "findings exit 1; stderr: {}", stderr(&output));
    let findings = findings(&output);
    assert_eq!(findings.len(), 4, "{findings:#?}");
    let len = |key: &str| key.len() as u64;
    assert_eq!(location(&findings, ".env"), ("openai-project-key".into(), 2, 16, 2, 16 + len(&keys.openai)));
    // `é` is one UTF-16 unit (two bytes), `👋` two units (four bytes): column 62, byte column 65.
    assert_eq!(location(&findings, "app.py"), ("anthropic-api-key".into(), 3, 62, 3, 62 + len(&keys.anthropic)));
    assert_eq!(location(&findings, "web/index.js"), ("github-pat-classic".into(), 1, 38, 1, 38 + len(&keys.github)));
    let (rule, line, column, end_line, _) = location(&findings, "deploy/server.key");
    assert_eq!((rule.as_str(), line, column, end_line), ("pem-private-key", 1, 1, 6));
    // Byte offsets are bytes: the Python key starts 3 bytes after its UTF-16 column.
    let python = findings.iter().find(|f| f["path"] == "app.py").unwrap();
    let app = std::fs::read_to_string(dir.path().join("app.py")).unwrap();
    let (start, end) = (python["start"].as_u64().unwrap() as usize, python["end"].as_u64().unwrap() as usize);
    assert_eq!(&app[start..end], keys.anthropic);
}

#[test]
fn placeholders_are_not_reported() {
    let dir = placeholder_folder();
    let output = keyward(dir.path(), &["scan", "--format", "json", "--min-confidence", "low", "."]);
    assert_eq!(findings(&output), Vec::<Value>::new(), "stderr: {}", stderr(&output));
    assert_eq!(code(&output), 0);
    let text = keyward(dir.path(), &["scan"]);
    assert_eq!((code(&text), stdout(&text)), (0, String::new()));
    assert!(stderr(&text).contains("no findings; scanned 4 files"), "{}", stderr(&text));
}

#[test]
fn json_findings_have_exactly_the_design_fields() {
    let (dir, keys) = planted_folder();
    let output = keyward(dir.path(), &["scan", "--format", "json", "web/index.js"]);
    let findings = findings(&output);
    let f = findings[0].as_object().unwrap();
    // Field names in output order (the pretty printer puts one field per line).
    let out = stdout(&output);
    let names: Vec<&str> = out
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix('"')?.split_once("\": ").map(|(name, _)| name))
        .collect();
    assert_eq!(
        names,
        [
            "ruleId", "provider", "title", "confidence", "severity", "start", "end", "line", "column", "endLine",
            "endColumn", "redacted", "fingerprint", "revokeUrl", "path"
        ]
    );
    assert_eq!(f["provider"], "GitHub");
    assert_eq!(f["confidence"], "high");
    assert_eq!(f["path"], "web/index.js");
    assert_eq!(f["revokeUrl"], "https://github.com/settings/tokens");
    assert_eq!(f["redacted"], format!("ghp_…{}", &keys.github[36..]));
    assert_eq!(f["fingerprint"].as_str().unwrap().len(), 32);
    assert_eq!((f["start"].as_u64(), f["end"].as_u64()), (Some(37), Some(77)));
    assert!(!stdout(&output).contains(&keys.github[4..]), "the secret is not printed");
}

#[test]
fn show_secret_adds_the_raw_secret() {
    let (dir, keys) = planted_folder();
    let json = keyward(dir.path(), &["scan", "--format", "json", "--show-secret", "web/index.js"]);
    assert_eq!(findings(&json)[0]["secret"], keys.github.as_str());
    let text = keyward(dir.path(), &["scan", "--show-secret", "web/index.js"]);
    assert!(stdout(&text).contains(&keys.github));
}

#[test]
fn text_output_is_one_line_per_finding_without_secrets_or_colours() {
    let (dir, keys) = planted_folder();
    let output = keyward(dir.path(), &["scan"]);
    assert_eq!(code(&output), 1);
    let out = stdout(&output);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    let github = format!(
        "web/index.js:1:38: {} github-pat-classic (high confidence) GitHub personal access token (classic): ghp_…{}",
        severity("github-pat-classic"),
        &keys.github[36..]
    );
    assert!(lines.contains(&github.as_str()), "{out}");
    assert!(lines.iter().any(|l| l.starts_with("app.py:3:62: critical anthropic-api-key (high confidence) ")), "{out}");
    assert!(lines.iter().any(|l| l.starts_with(".env:2:16: critical openai-project-key (high confidence) ")), "{out}");
    for key in [&keys.openai, &keys.anthropic, &keys.github] {
        assert!(!out.contains(&key[16..]), "no secret in the output");
    }
    assert!(!out.contains(&keys.pem[40..80]));
    assert!(!out.contains('\x1b'), "no colour codes when stdout is not a terminal");
    let critical = ["openai-project-key", "anthropic-api-key", "github-pat-classic", "pem-private-key"]
        .iter()
        .filter(|id| severity(id) == "critical")
        .count();
    let by_severity = match critical {
        4 => String::from("4 critical"),
        n => format!("{n} critical, {} high", 4 - n),
    };
    assert!(stderr(&output).contains(&format!("4 findings ({by_severity}) in 4 files")), "{}", stderr(&output));
    assert!(!out.contains("fingerprint="), "fingerprints only when asked for");
    let with_fingerprints = keyward(dir.path(), &["scan", "--show-fingerprint", "web/index.js"]);
    let json = findings(&keyward(dir.path(), &["scan", "-f", "json", "web/index.js"]));
    let fingerprint = json[0]["fingerprint"].as_str().unwrap();
    assert!(stdout(&with_fingerprints).trim_end().ends_with(&format!(" fingerprint={fingerprint}")), "{}", stdout(&with_fingerprints));
}

#[test]
fn sarif_output_is_sarif_2_1_0_with_utf16_regions() {
    let (dir, keys) = planted_folder();
    let output = keyward(dir.path(), &["scan", "--format", "sarif", "."]);
    assert_eq!(code(&output), 1);
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "keyward");
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    // Only the rules that have results, each with GitHub's security-severity.
    let mut ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    ids.sort();
    assert_eq!(ids, ["anthropic-api-key", "github-pat-classic", "openai-project-key", "pem-private-key"]);
    for rule in rules {
        let expected = match severity(rule["id"].as_str().unwrap()).as_str() {
            "critical" => "9.5",
            "high" => "8.0",
            "medium" => "5.5",
            _ => "2.0",
        };
        assert_eq!(rule["properties"]["security-severity"], expected, "{rule}");
        assert!(rule["properties"]["tags"].as_array().unwrap().contains(&Value::from("security")));
    }
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"], "ruleIndex points at the result's rule");
        assert_eq!(result["level"], "error", "high confidence is an error");
        assert_eq!(result["partialFingerprints"]["keyward/v1"].as_str().unwrap().len(), 32);
        assert!(result["message"]["text"].as_str().unwrap().contains('…'));
        assert_eq!(result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    }
    let root = std::fs::canonicalize(dir.path()).unwrap();
    assert_eq!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], format!("file://{}/", root.display()));
    let python = results.iter().find(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "app.py").unwrap();
    let region = &python["locations"][0]["physicalLocation"]["region"];
    assert_eq!((region["startLine"].as_u64(), region["startColumn"].as_u64()), (Some(3), Some(62)));
    assert_eq!(region["endColumn"].as_u64(), Some(62 + keys.anthropic.len() as u64));
    assert!(!stdout(&output).contains(&keys.anthropic[16..]));
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    assert_eq!(run["invocations"][0]["toolExecutionNotifications"], Value::Array(Vec::new()));
}

#[test]
fn sarif_gives_absolute_paths_as_file_uris_and_read_errors_as_notifications() {
    let (dir, _) = planted_folder();
    let absolute = dir.path().join("web/index.js");
    let output = keyward(dir.path(), &["scan", "-f", "sarif", absolute.to_str().unwrap(), "/proc/self/mem"]);
    assert_eq!(code(&output), 1);
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    let run = &log["runs"][0];
    let location = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], format!("file://{}", absolute.display()));
    assert!(location.get("uriBaseId").is_none());
    let notifications = run["invocations"][0]["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notifications.len(), 1, "{notifications:?}");
    assert_eq!(notifications[0]["level"], "error");
    assert!(notifications[0]["message"]["text"].as_str().unwrap().starts_with("/proc/self/mem: "));
    assert_eq!(notifications[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "file:///proc/self/mem");
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
}

#[test]
fn sarif_of_nine_findings_is_small() {
    let dir = TempDir::new().unwrap();
    let mut rng = Rng::new(7);
    for i in 0..9 {
        write(dir.path(), &format!("f{i}.js"), format!("t = \"{}\"\n", rng.github_classic_token()));
    }
    let output = keyward(dir.path(), &["scan", "-f", "sarif"]);
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 9);
    assert_eq!(log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap().len(), 1);
    assert!(output.stdout.len() < 20_000, "{} bytes", output.stdout.len());
}

#[test]
fn github_format_annotates_each_finding() {
    let (dir, keys) = planted_folder();
    let output = keyward(dir.path(), &["scan", "-f", "github", "web/index.js", ".env"]);
    assert_eq!(code(&output), 1);
    let out = stdout(&output);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("::error file=.env,line=2,endLine=2,col=16,endColumn="), "{out}");
    assert!(lines[0].contains(",title=keyward%3A openai-project-key::OpenAI project API key (critical severity, high confidence): sk-proj-…"), "{out}");
    let github = &lines[1];
    assert!(github.starts_with("::error file=web/index.js,line=1,endLine=1,col=38,endColumn=78,title=keyward%3A github-pat-classic::"), "{out}");
    assert!(github.contains("Revoke or rotate it: https://github.com/settings/tokens"), "{github}");
    assert!(!out.contains(&keys.github[4..]) && !out.contains(&keys.openai[10..]), "no secret");
}

#[test]
fn output_writes_the_report_to_a_file() {
    let (dir, _) = planted_folder();
    let output = keyward(dir.path(), &["scan", "-f", "json", "--output", "report.json", "web"]);
    assert_eq!((code(&output), stdout(&output)), (1, String::new()));
    let report: Value = serde_json::from_slice(&std::fs::read(dir.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(report.as_array().unwrap().len(), 1);
    let missing_folder = keyward(dir.path(), &["scan", "-o", "no/such/dir/report.txt", "web"]);
    assert_eq!(code(&missing_folder), 2);
    assert!(stderr(&missing_folder).contains("cannot write no/such/dir/report.txt"), "{}", stderr(&missing_folder));
}

#[test]
fn stdin_is_scanned_when_piped_or_given_as_dash() {
    let dir = TempDir::new().unwrap();
    let token = Rng::new(3).github_classic_token();
    let input = format!("first line\n🔑 {token}\n");
    for args in [&["scan", "--format", "json"][..], &["scan", "--format", "json", "-"]] {
        let output = keyward_with_stdin(dir.path(), args, input.as_bytes());
        assert_eq!(code(&output), 1, "{args:?}");
        let findings = findings(&output);
        assert_eq!(path_rules(&findings), [("<stdin>".to_owned(), "github-pat-classic".to_owned())]);
        assert_eq!((findings[0]["line"].as_u64(), findings[0]["column"].as_u64()), (Some(2), Some(4)));
    }
    let clean = keyward_with_stdin(dir.path(), &["scan"], b"nothing to see\n");
    assert_eq!(code(&clean), 0);
}

#[test]
fn no_path_and_no_piped_stdin_scans_the_current_folder() {
    let (dir, _) = planted_folder();
    let output = keyward(dir.path(), &["scan", "--format", "json"]);
    assert_eq!(findings(&output).len(), 4);
}

#[test]
fn gitignored_files_and_the_git_folder_are_skipped_unless_no_ignore() {
    let dir = TempDir::new().unwrap();
    let token = Rng::new(4).github_classic_token();
    write(dir.path(), ".gitignore", "build/\n");
    write(dir.path(), "build/bundle.js", format!("t=\"{token}\"\n"));
    write(dir.path(), ".git/config", format!("t=\"{token}\"\n"));
    write(dir.path(), "src/main.js", format!("t=\"{token}\"\n"));
    let paths = |args: &[&str]| {
        let mut paths: Vec<String> = path_rules(&findings(&keyward(dir.path(), args))).into_iter().map(|(p, _)| p).collect();
        paths.sort();
        paths
    };
    assert_eq!(paths(&["scan", "-f", "json"]), ["src/main.js"]);
    assert_eq!(paths(&["scan", "-f", "json", "--no-ignore"]), ["build/bundle.js", "src/main.js"]);
}

#[test]
fn many_files_give_the_same_sorted_findings_on_one_thread_and_many() {
    let dir = TempDir::new().unwrap();
    let mut rng = Rng::new(5);
    for i in 0..200 {
        let content = if i % 7 == 0 { format!("x = 1\nkey = \"{}\"\n", rng.github_classic_token()) } else { format!("x = {i}\n") };
        write(dir.path(), &format!("d{}/f{i:03}.py", i % 5), content);
    }
    let one = keyward(dir.path(), &["scan", "-f", "json", "--threads", "1"]);
    let many = keyward(dir.path(), &["scan", "-f", "json", "-j", "4"]);
    assert_eq!(findings(&one).len(), 29);
    assert_eq!(one.stdout, many.stdout);
    let paths: Vec<String> = path_rules(&findings(&one)).into_iter().map(|(p, _)| p).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
}

#[test]
fn min_confidence_filters_findings() {
    let dir = TempDir::new().unwrap();
    let token = Rng::new(6).github_classic_token();
    write(dir.path(), "settings.py", format!("GH = \"{token}\"\napi_key = \"Zt8qL2vX9mR4wK7pN3sB6yD1\"\n"));
    let all = findings(&keyward(dir.path(), &["scan", "-f", "json", "--min-confidence", "low"]));
    assert!(all.iter().any(|f| f["confidence"] == "low"), "{all:#?}");
    let high = findings(&keyward(dir.path(), &["scan", "-f", "json", "--min-confidence", "high"]));
    assert_eq!(path_rules(&high), [("settings.py".to_owned(), "github-pat-classic".to_owned())]);
}

#[test]
fn rules_lists_every_rule_as_text_and_json() {
    let dir = TempDir::new().unwrap();
    let count = keyward_core::builtin_rule_count();
    let text = keyward(dir.path(), &["rules"]);
    assert_eq!(code(&text), 0);
    assert_eq!(stdout(&text).lines().count(), count);
    assert!(stdout(&text).lines().any(|l| l.starts_with("github-pat-classic ") && l.contains("GitHub") && l.contains("high")));
    assert!(stdout(&text).lines().any(|l| l.starts_with("openai-project-key ") && l.contains(" critical ")));
    let json: Vec<Value> = serde_json::from_slice(&keyward(dir.path(), &["rules", "--format", "json"]).stdout).unwrap();
    assert_eq!(json.len(), count);
    assert!(json.iter().all(|r| r["id"].is_string() && r["provider"].is_string() && r["confidence"].is_string() && r["severity"].is_string()));
    assert_eq!(code(&keyward(dir.path(), &["rules", "--format", "sarif"])), 2);
}

#[test]
fn output_paths_are_given_as_the_user_named_them() {
    let (dir, _) = planted_folder();
    let nested = keyward(dir.path(), &["scan", "-f", "json", "web"]);
    assert_eq!(path_rules(&findings(&nested))[0].0, "web/index.js");
    let absolute = dir.path().join("web");
    let output = keyward(Path::new("/"), &["scan", "-f", "json", absolute.to_str().unwrap()]);
    assert_eq!(path_rules(&findings(&output))[0].0, dir.path().join("web/index.js").to_str().unwrap());
}
