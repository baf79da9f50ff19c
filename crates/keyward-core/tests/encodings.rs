//! Keys where they really leak: inside JSON strings, percent-encoded, base64 in a Kubernetes
//! Secret. Each is found, reported at the span of its encoded form, and fingerprinted as the
//! decoded secret (so a baseline entry matches the key however it was written).

use base64::Engine as _;
use keyward_core::{fingerprint, Scanner};

const GITHUB: &str = concat!("ghp_", "zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ", "0mLq17");
const AWS_SECRET: &str = concat!("zyh/HWmw0U81AFsNcJ2Q", "ybSf7O1kaBJqatWn+HQg");

fn rule_ids_and_spans(text: &str) -> Vec<(String, String)> {
    Scanner::default()
        .scan(text.as_bytes())
        .iter()
        .map(|f| (f.rule.id.to_string(), text[f.start..f.end].to_string()))
        .collect()
}

#[test]
fn notebook_cells_with_escaped_quotes_and_newlines() {
    let notebook = format!(
        r#"{{"cells": [{{"cell_type": "code", "source": ["import os\n", "os.environ[\"API_KEY\"] = \"Zq8vR2mT7kLp4xWc9bNd3hFs\"\n", "t = \"\n{GITHUB}\"\n"]}}]}}"#
    );
    let found = rule_ids_and_spans(&notebook);
    assert!(found.contains(&("generic-secret-assignment".into(), "Zq8vR2mT7kLp4xWc9bNd3hFs".into())), "{found:?}");
    assert!(found.contains(&("github-pat-classic".into(), GITHUB.into())), "{found:?}");
}

#[test]
fn percent_encoded_values() {
    let url = format!("GET /login?next=https%3A%2F%2Fapp%2F%3Ftoken%3D{GITHUB}&x=1 HTTP/1.1");
    assert_eq!(rule_ids_and_spans(&url), [("github-pat-classic".to_string(), GITHUB.to_string())]);

    let encoded = AWS_SECRET.replace('/', "%2F").replace('+', "%2B");
    let form = format!("aws_secret_access_key={encoded}&region=eu-west-1");
    let scanner = Scanner::default();
    let findings = scanner.scan(form.as_bytes());
    let f = findings.iter().find(|f| f.rule.id == "aws-secret-access-key").expect("found when percent-encoded");
    assert_eq!(&form[f.start..f.end], encoded);
    assert_eq!(f.fingerprint, fingerprint("aws-secret-access-key", AWS_SECRET.as_bytes()));
}

#[test]
fn kubernetes_secret_data_is_decoded_one_level() {
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    let manifest = format!(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\ndata:\n  GITHUB_TOKEN: {}\n  db_password: {}\n  replicas: {}\n",
        b64(GITHUB),
        b64("q8R-2mT7kLp4xWc9bNd3h"),
        b64("3"),
    );
    let found = rule_ids_and_spans(&manifest);
    assert_eq!(
        found,
        [
            ("github-pat-classic".to_string(), b64(GITHUB)),
            ("generic-password".to_string(), b64("q8R-2mT7kLp4xWc9bNd3h")),
        ]
    );
    let scanner = Scanner::default();
    let findings = scanner.scan(manifest.as_bytes());
    assert_eq!(findings[0].line, 7);
    assert_eq!(findings[0].fingerprint, fingerprint("github-pat-classic", GITHUB.as_bytes()));
    assert_eq!(findings[0].redacted, "ghp_…Lq17");
}

/// Credentials in the files and histories where they are usually left behind.
#[test]
fn config_files_and_histories() {
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    let cases: Vec<(&str, String, &str)> = vec![
        (".netrc", "machine api.example.com\n  login deploy\n  password Xk9vQ2mT7kLp4xWc9bNd3hFz\n".into(), "netrc-password"),
        (".npmrc", format!("//registry.npmjs.org/:_authToken={}\n", concat!("npm_", "OmmbpPqEZ1BiWw0FExGN2Zfk4l66eh3mS5ol")), "npm-access-token"),
        (".pypirc", format!("[pypi]\nusername = __token__\npassword = pypi-{}\n", "AgEIcHlwaS5vcmcCJGJhZDFmNjE2LTk2OWEtNGZhNy1hNjYyLWQ5ZDFmMGM1MjE1NwACKlszLCIxNTc2NTMzYiJdAAAGIEh2Y2JkOTk3ZmVhYjE4MjNlZDNmZDNiZWM3OWY0"), "pypi-api-token"),
        ("docker config.json", format!("{{\"auths\": {{\"https://index.docker.io/v1/\": {{\"auth\": \"{}\"}}}}}}", b64("deploy:Xk9vQ2mT7kLp4xWc9bNd")), "docker-config-auth"),
        ("MCP config", format!("{{\"mcpServers\": {{\"gh\": {{\"command\": \"npx\", \"env\": {{\"GITHUB_TOKEN\": \"{GITHUB}\"}}}}}}}}"), "github-pat-classic"),
        ("shell history", "curl -s -H \"Authorization: Bearer Xk9vQ2mT7kLp4xWc9bNd3hFzq81ZzA\" https://api.internal.example/v1\n".into(), "http-bearer-token"),
    ];
    for (place, text, rule) in cases {
        let found = rule_ids_and_spans(&text);
        assert!(found.iter().any(|(id, _)| id == rule), "{place}: expected {rule}, got {found:?}");
    }
}
