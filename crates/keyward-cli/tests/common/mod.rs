//! Helpers for the CLI tests: run the built `keyward` binary, and build realistic fake tokens at
//! test time (so no real-looking token sits in a plain file of the repo).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// Runs `keyward args…` in `dir` with no standard input.
pub fn keyward(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_keyward")).current_dir(dir).args(args).output().expect("keyward runs")
}

/// Runs `keyward args…` in `dir` with `input` piped to its standard input.
pub fn keyward_with_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_keyward"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("keyward starts");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

pub fn code(output: &Output) -> i32 {
    output.status.code().expect("keyward exits normally, not by a signal")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// Parses `--format json` output (an array of findings).
pub fn findings(output: &Output) -> Vec<Value> {
    match serde_json::from_slice(&output.stdout) {
        Ok(Value::Array(findings)) => findings,
        other => panic!("expected a JSON array, got {other:?}; stderr: {}", stderr(output)),
    }
}

/// `(path, ruleId)` of each finding, in output order.
pub fn path_rules(findings: &[Value]) -> Vec<(String, String)> {
    findings.iter().map(|f| (f["path"].as_str().unwrap().to_owned(), f["ruleId"].as_str().unwrap().to_owned())).collect()
}

pub fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, content).unwrap();
}

/// A deterministic xorshift generator: random-looking token bodies, the same on every run.
pub struct Rng(u64);

const ALNUM: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const URL_SAFE: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
const BASE64: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/";

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn chars(&mut self, n: usize, alphabet: &[u8]) -> String {
        (0..n).map(|_| alphabet[(self.next() % alphabet.len() as u64) as usize] as char).collect()
    }

    /// `sk-proj-` + 74 + the `T3BlbkFJ` marker + 74, as OpenAI issues them.
    pub fn openai_project_key(&mut self) -> String {
        let (head, tail) = (self.chars(74, URL_SAFE), self.chars(74, URL_SAFE));
        format!("{}{}{head}T3BlbkFJ{tail}", "sk-", "proj-")
    }

    /// `sk-ant-api03-` + 93 + `AA`.
    pub fn anthropic_key(&mut self) -> String {
        format!("{}{}{}AA", "sk-ant-", "api03-", self.chars(93, URL_SAFE))
    }

    /// `ghp_` + 30 base62 + their CRC32 in 6 base62 digits: a checksum-valid classic token.
    pub fn github_classic_token(&mut self) -> String {
        let body = self.chars(30, ALNUM);
        let mut crc = u64::from(crc32(body.as_bytes()));
        let mut check = [b'0'; 6];
        for slot in check.iter_mut().rev() {
            *slot = ALNUM[(crc % 62) as usize];
            crc /= 62;
        }
        let token = format!("{}{body}{}", "ghp_", std::str::from_utf8(&check).unwrap());
        assert!(keyward_core::Checksum::GithubCrc32.verify(token.as_bytes()));
        token
    }

    /// An RSA private key block: header, four 64-character base64 lines, footer.
    pub fn pem_private_key(&mut self) -> String {
        let lines: Vec<String> = (0..4).map(|_| self.chars(64, BASE64)).collect();
        format!("-----BEGIN RSA {}-----\n{}\n-----END RSA {}-----\n", "PRIVATE KEY", lines.join("\n"), "PRIVATE KEY")
    }
}

/// CRC-32 (IEEE), bit by bit: only for building fixture tokens.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}
