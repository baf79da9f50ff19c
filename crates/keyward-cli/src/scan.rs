//! One scan run: the scanner, the findings collected from every source (shared by the walker's
//! threads), and the counters and messages of the summary.

use std::fmt::Display;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use keyward_core::{Finding, Scanner};

/// A finding with the path it was found in and, only with `--show-secret`, the secret.
pub struct Reported<'s> {
    pub path: String,
    pub finding: Finding<'s>,
    pub secret: Option<String>,
}

/// What a run found and how much it read.
pub struct Outcome<'s> {
    /// Sorted by path, then position.
    pub findings: Vec<Reported<'s>>,
    pub files_scanned: u64,
    pub bytes_scanned: u64,
    pub files_skipped: u64,
    pub errors: u64,
}

pub struct Session<'s> {
    scanner: &'s Scanner,
    show_secret: bool,
    findings: Mutex<Vec<Reported<'s>>>,
    files_scanned: AtomicU64,
    bytes_scanned: AtomicU64,
    files_skipped: AtomicU64,
    errors: AtomicU64,
}

impl<'s> Session<'s> {
    pub fn new(scanner: &'s Scanner, show_secret: bool) -> Self {
        Session {
            scanner,
            show_secret,
            findings: Mutex::new(Vec::new()),
            files_scanned: AtomicU64::new(0),
            bytes_scanned: AtomicU64::new(0),
            files_skipped: AtomicU64::new(0),
            errors: AtomicU64::new(0),
        }
    }

    /// Scans one file's (or blob's, or stdin's) bytes.
    pub fn scan(&self, path: &str, bytes: &[u8]) {
        self.files_scanned.fetch_add(1, Ordering::Relaxed);
        self.bytes_scanned.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        let findings = self.scanner.scan(bytes);
        if findings.is_empty() {
            return;
        }
        let reported = findings.into_iter().map(|finding| Reported {
            path: path.to_owned(),
            secret: self.show_secret.then(|| String::from_utf8_lossy(finding.secret(bytes)).into_owned()),
            finding,
        });
        self.findings.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).extend(reported);
    }

    /// A file that could not be read: reported now, and the run cannot be called clean.
    pub fn error(&self, message: impl Display) {
        self.errors.fetch_add(1, Ordering::Relaxed);
        eprintln!("keyward: error: {message}");
    }

    /// A file deliberately not scanned (too large, not a regular file); the reason is printed.
    pub fn skip(&self, path: &str, reason: impl Display) {
        self.files_skipped.fetch_add(1, Ordering::Relaxed);
        eprintln!("keyward: skipped {path}: {reason}");
    }

    /// A file not scanned without a message: binary files are common and never hold text keys.
    pub fn skip_quietly(&self) {
        self.files_skipped.fetch_add(1, Ordering::Relaxed);
    }

    pub fn finish(self) -> Outcome<'s> {
        let mut findings = self.findings.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
        findings.sort_by(|a, b| a.path.cmp(&b.path).then(a.finding.start.cmp(&b.finding.start)));
        Outcome {
            findings,
            files_scanned: self.files_scanned.into_inner(),
            bytes_scanned: self.bytes_scanned.into_inner(),
            files_skipped: self.files_skipped.into_inner(),
            errors: self.errors.into_inner(),
        }
    }
}
