//! Scans one file N times and prints MB/s and work counters: a profiling harness
//! (`perf record`, `valgrind --tool=callgrind`). Usage: scan_file FILE [N]
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: scan_file FILE [N]");
    let rounds: usize = args.next().map_or(5, |n| n.parse().expect("N is a number"));
    let bytes = std::fs::read(&path).expect("readable file");
    let started = std::time::Instant::now();
    let scanner = keyward_core::Scanner::default();
    eprintln!("build: {:?}", started.elapsed());
    let started = std::time::Instant::now();
    let mut stats = Default::default();
    for _ in 0..rounds {
        stats = scanner.scan_with_stats(&bytes).1;
    }
    let secs = started.elapsed().as_secs_f64() / rounds as f64;
    eprintln!("{:.0} MB/s, {stats:?}", bytes.len() as f64 / secs / 1e6);
}
