//! Hostile inputs for the speed measurement of `bench/hostile.sh` (native here, wasm in
//! `bench/hostile-wasm.mjs`).
//!
//! `hostile write DIR SIZE`: writes `plain.txt` (real source code from ~/.cargo/registry/src,
//! the baseline) and every input of `tests/hostile` shaped against the whole engine at SIZE
//! bytes, plus the per-keyword and per-rule inputs that scan slowest at 64 KB (timed here), and
//! an `index.tsv` (file, name).
//! `hostile measure FILE...`: prints `MB/s<TAB>work/byte<TAB>findings<TAB>truncated<TAB>growth`
//! per file, growth being the time of the whole file over the time of its first half.
#[path = "../tests/hostile/mod.rs"]
mod hostile;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use keyward_core::{ScanStats, Scanner};

/// Per-keyword and per-rule inputs are first timed at this size; the slowest are kept.
const PROBE_SIZE: usize = 64 << 10;
const SLOWEST_KEPT: usize = 6;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("write") if args.len() == 3 => write(Path::new(&args[1]), args[2].parse().expect("SIZE in bytes")),
        Some("measure") => args[1..].iter().for_each(|file| measure(Path::new(file))),
        _ => panic!("usage: hostile write DIR SIZE | hostile measure FILE..."),
    }
}

fn write(dir: &Path, size: usize) {
    std::fs::create_dir_all(dir).expect("output folder");
    let scanner = Scanner::default();
    scanner.compile_all().expect("catalogue compiles");
    let mut inputs = vec![hostile::Hostile { name: "plain text (source code)".into(), bytes: source_code(size) }];
    inputs.extend(hostile::shapes(&scanner, size));
    for family in [hostile::keyword_floods(&scanner, PROBE_SIZE), hostile::example_floods(PROBE_SIZE)] {
        let mut timed: Vec<(Duration, hostile::Hostile)> =
            family.into_iter().map(|h| (time_once(&scanner, &h.bytes), h)).collect();
        timed.sort_by_key(|(time, _)| std::cmp::Reverse(*time));
        for (_, probe) in timed.into_iter().take(SLOWEST_KEPT) {
            // Rebuild at full size: the probe's unit repeated.
            let unit = &probe.bytes[..unit_len(&probe.bytes)];
            inputs.push(hostile::Hostile { name: probe.name, bytes: hostile::repeat_to(unit, size) });
        }
    }
    let mut index = String::new();
    for (i, input) in inputs.iter().enumerate() {
        let file = if i == 0 { "plain.txt".to_string() } else { format!("{i:03}.txt") };
        std::fs::write(dir.join(&file), &input.bytes).expect("write input");
        index += &format!("{file}\t{}\n", input.name);
    }
    std::fs::write(dir.join("index.tsv"), index).expect("write index");
}

/// The shortest prefix of a repeated input that repeats to it.
fn unit_len(bytes: &[u8]) -> usize {
    (1..=bytes.len()).find(|&n| bytes.chunks(n).all(|c| c == &bytes[..c.len()])).unwrap_or(bytes.len())
}

fn time_once(scanner: &Scanner, bytes: &[u8]) -> Duration {
    let started = Instant::now();
    std::hint::black_box(scanner.scan(bytes));
    started.elapsed()
}

fn measure(file: &Path) {
    let bytes = std::fs::read(file).expect("readable input");
    let scanner = Scanner::default();
    scanner.compile_all().expect("catalogue compiles");
    let (seconds, findings, stats) = median_scan(&scanner, &bytes);
    // Time for the whole input over time for its first half: about 2 when the cost is linear,
    // 4 when quadratic, whatever the counters say.
    let (half_seconds, _, _) = median_scan(&scanner, &bytes[..bytes.len() / 2]);
    println!(
        "{:.2}\t{:.2}\t{findings}\t{}\t{:.1}",
        bytes.len() as f64 / seconds / 1e6,
        stats.work() as f64 / bytes.len().max(1) as f64,
        stats.truncated,
        seconds / half_seconds
    );
}

/// Seconds per scan (the median of timed scans after an untimed one, since the lazy DFAs fill
/// their caches over the first scans; at least three, or as many as fit in two seconds; only
/// the first when it alone took over 20 s), findings and counters.
fn median_scan(scanner: &Scanner, bytes: &[u8]) -> (f64, usize, ScanStats) {
    let warm_up = Instant::now();
    let (mut findings, mut stats) = scanner.scan_with_stats(bytes);
    let mut times = if warm_up.elapsed() > Duration::from_secs(20) { vec![warm_up.elapsed()] } else { Vec::new() };
    let started = Instant::now();
    while times.is_empty() || (times.len() < 9 && (times.len() < 3 || started.elapsed() < Duration::from_secs(2))) {
        let run = Instant::now();
        (findings, stats) = scanner.scan_with_stats(bytes);
        times.push(run.elapsed());
    }
    times.sort();
    (times[times.len() / 2].as_secs_f64(), findings.len(), stats)
}

/// Real third-party source code, as much as `size`: the plain-text baseline.
fn source_code(size: usize) -> Vec<u8> {
    let root = PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo/registry/src");
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for path in entries.into_iter().rev() {
            if path.is_dir() {
                stack.push(path);
            } else if out.len() < size
                && path.extension().is_some_and(|x| ["rs", "js", "py", "toml", "md"].iter().any(|e| x == *e))
            {
                out.extend(std::fs::read(&path).unwrap_or_default());
                out.push(b'\n');
            }
        }
        if out.len() >= size {
            break;
        }
    }
    assert!(out.len() >= size, "not enough source code under ~/.cargo/registry/src for the baseline");
    out.truncate(size);
    out
}
