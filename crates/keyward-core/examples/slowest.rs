fn main() {
    let root = std::env::args().nth(1).unwrap();
    let scanner = keyward_core::Scanner::default();
    let mut stack = vec![std::path::PathBuf::from(root)];
    let mut times = Vec::new();
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let ft = e.file_type().unwrap();
            if ft.is_dir() { stack.push(p); continue; }
            if !ft.is_file() { continue; }
            let Ok(bytes) = std::fs::read(&p) else { continue };
            if bytes[..bytes.len().min(8192)].contains(&0) { continue; }
            let t = std::time::Instant::now();
            let (_, stats) = scanner.scan_with_stats(&bytes);
            times.push((t.elapsed().as_secs_f64(), bytes.len(), stats.bytes_searched, stats.prefilter_hits, p));
        }
    }
    let total: f64 = times.iter().map(|t| t.0).sum();
    let bytes: usize = times.iter().map(|t| t.1).sum();
    times.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
    println!("total {:.2}s {} MB {:.0} MB/s", total, bytes >> 20, bytes as f64 / total / 1e6);
    for t in times.iter().take(25) { println!("{:.3}s {:>9} searched {:>11} hits {:>8} {}", t.0, t.1, t.2, t.3, t.4.display()); }
}
