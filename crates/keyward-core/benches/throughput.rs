//! Core throughput (MB/s, one thread) on a realistic mix: real third-party source code (the
//! crates in ~/.cargo/registry/src), real minified JS (from node_modules trees on the machine,
//! when present), and generated JSON and logs. Also the cost of building a scanner and of an
//! editor-style rescan of a 10,000-line file.
//!
//! Run: `cargo bench -p keyward-core --bench throughput` (or `make bench`).

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use keyward_core::Scanner;

const CORPUS_BYTES: usize = 8 << 20;

/// Concatenates files with one of `extensions` under `roots`, up to `limit` bytes, in a stable order.
fn collect(roots: &[PathBuf], extensions: &[&str], limit: usize) -> Vec<u8> {
    let mut files = Vec::new();
    let mut stack: Vec<PathBuf> = roots.iter().filter(|r| r.exists()).cloned().collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                stack.push(path);
            } else if extensions.iter().any(|x| path.to_string_lossy().ends_with(x)) {
                files.push(path);
            }
        }
    }
    let mut out = Vec::new();
    for file in files {
        if out.len() >= limit {
            break;
        }
        if let Ok(bytes) = std::fs::read(&file) {
            out.extend_from_slice(&bytes);
            out.push(b'\n');
        }
    }
    out.truncate(limit);
    out
}

/// A small deterministic generator, so generated corpora are the same on every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn word(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len).map(|_| alphabet[self.next() as usize % alphabet.len()] as char).collect()
    }
}

const HEX: &[u8] = b"0123456789abcdef";
const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

fn generated_json(limit: usize) -> Vec<u8> {
    let mut rng = Lcg(7);
    let mut out = String::from("[\n");
    while out.len() < limit {
        out += &format!(
            "  {{\"id\": \"{}\", \"name\": \"{}\", \"sha256\": \"{}\", \"tokenType\": \"bearer\", \"count\": {}, \"tags\": [\"{}\", \"{}\"], \"url\": \"https://cdn.example.net/{}/{}.png\"}},\n",
            rng.word(HEX, 24), rng.word(ALNUM, 12), rng.word(HEX, 64), rng.next() % 10_000,
            rng.word(ALNUM, 6), rng.word(ALNUM, 8), rng.word(ALNUM, 10), rng.word(HEX, 16),
        );
    }
    out.into_bytes()
}

fn generated_logs(limit: usize) -> Vec<u8> {
    let mut rng = Lcg(11);
    let mut out = String::new();
    let levels = ["INFO", "DEBUG", "WARN", "ERROR"];
    while out.len() < limit {
        out += &format!(
            "2026-11-27T21:{:02}:{:02}.{:03}Z {} [req {}] GET /api/v2/items/{}?page={} 200 {}ms user={} session_authenticated=true trace={}\n",
            rng.next() % 60, rng.next() % 60, rng.next() % 1000, levels[rng.next() as usize % 4],
            rng.word(HEX, 16), rng.next() % 100_000, rng.next() % 50, rng.next() % 900,
            rng.word(ALNUM, 8), rng.word(HEX, 32),
        );
    }
    out.into_bytes()
}

fn corpora() -> Vec<(&'static str, Vec<u8>)> {
    let home = PathBuf::from(std::env::var("HOME").unwrap_or_default());
    let registry = home.join(".cargo/registry/src");
    let node_roots = [
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vscode-extension/node_modules"),
        home.join(".cache/keyward-tools/npm/node_modules"),
    ];
    let mut corpora = vec![
        ("source (.rs)", collect(&[registry], &[".rs"], CORPUS_BYTES)),
        ("minified JS", collect(&node_roots, &[".min.js"], CORPUS_BYTES)),
        ("JSON (generated)", generated_json(CORPUS_BYTES)),
        ("logs (generated)", generated_logs(CORPUS_BYTES)),
    ];
    corpora.retain(|(name, bytes)| {
        if bytes.len() < 1 << 20 {
            eprintln!("skipping {name}: only {} bytes found on this machine", bytes.len());
        }
        bytes.len() >= 1 << 20
    });
    corpora
}

fn throughput(c: &mut Criterion) {
    let scanner = Scanner::default();
    let mut group = c.benchmark_group("scan");
    group.sample_size(10);
    for (name, bytes) in corpora() {
        let findings = scanner.scan(&bytes).len();
        eprintln!("{name}: {} MB, {findings} findings", bytes.len() >> 20);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &bytes, |b, bytes| b.iter(|| scanner.scan(bytes)));
    }
    group.finish();
}

fn setup_and_rescan(c: &mut Criterion) {
    c.bench_function("Scanner::default (compile every rule)", |b| b.iter(Scanner::default));
    let scanner = Scanner::default();
    let home = PathBuf::from(std::env::var("HOME").unwrap_or_default());
    let source = collect(&[home.join(".cargo/registry/src")], &[".rs"], 2 << 20);
    let ten_thousand_lines: Vec<u8> = source.split(|&b| b == b'\n').take(10_000).collect::<Vec<_>>().join(&b'\n');
    c.bench_function("rescan 10,000-line file", |b| b.iter(|| scanner.scan(&ten_thousand_lines)));
}

criterion_group!(benches, throughput, setup_and_rescan);
criterion_main!(benches);
