//! `--format json`: an array of findings in the shape every front end shares, each with the
//! `path` it was found in, then for history `commit`, `author` and `date`, and `secret` with
//! `--show-secret`.

use keyward_core::Finding;
use serde::Serialize;

use crate::session::Outcome;

#[derive(Serialize)]
struct JsonFinding<'a> {
    #[serde(flatten)]
    finding: &'a Finding<'a>,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    commit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    secret: Option<&'a str>,
}

pub fn write(outcome: &Outcome, out: &mut Vec<u8>) {
    let findings: Vec<JsonFinding> = outcome
        .findings
        .iter()
        .map(|r| {
            let commit = r.commit.map(|(_, commit)| commit);
            JsonFinding {
                finding: &r.finding,
                path: &r.path,
                commit: commit.map(|c| c.id.as_str()),
                author: commit.map(|c| c.author.as_str()),
                date: commit.map(|c| c.date.as_str()),
                secret: r.secret.as_deref(),
            }
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &findings).expect("findings serialize to memory");
    out.push(b'\n');
}
