//! One run: the findings collected from every source (shared by the walker's threads), the
//! accepted fingerprints, and the counters and notices of the summary.

use std::collections::HashSet;
use std::fmt::Display;
use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use keyward_core::Finding;
use keyward_git::Commit;

use crate::content::{decode, Content};
use crate::pieces::{self, Piece, Streamed};
use crate::setup::Setup;

/// Findings kept per file: a dump of a million keys is reported as truncated, not printed whole.
pub const MAX_FINDINGS_PER_FILE: usize = 10_000;

/// A finding with where it was found and, only with `--show-secret`, the secret.
pub struct Reported<'s> {
    pub path: String,
    pub finding: Finding<'s>,
    pub secret: Option<String>,
    /// `keyward history`: the commit that introduced the secret at this path, and its index in
    /// the parents-first order (the earliest wins when a secret is in several versions).
    pub commit: Option<(usize, &'s Commit)>,
}

/// A problem to report next to the findings (SARIF `toolExecutionNotifications`).
pub struct Notice {
    pub path: String,
    pub message: String,
    pub kind: NoticeKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// The file could not be read.
    Error,
    /// A work cap stopped part of the scan: findings may be missing.
    Truncated,
}

/// What a run found and how much it read.
pub struct Outcome<'s> {
    /// Sorted by path, then position.
    pub findings: Vec<Reported<'s>>,
    pub notices: Vec<Notice>,
    pub files_scanned: u64,
    pub bytes_scanned: u64,
    pub files_skipped: u64,
    pub errors: u64,
    /// Findings hidden because `--baseline` lists them.
    pub hidden_by_baseline: u64,
    /// Findings hidden because a `.keywardignore` lists them.
    pub hidden_by_ignore_file: u64,
}

/// Where scanned bytes come from, beyond their path.
#[derive(Clone, Copy)]
pub enum Origin<'a, 's> {
    /// A file, stdin, or a blob: every finding counts.
    Plain,
    /// A staged blob and the blob it replaces: only secrets the change adds count.
    Change { previous: Option<&'a [u8]> },
    /// A blob of a history, first seen in this commit.
    Commit(usize, &'s Commit),
}

pub struct Session<'s> {
    show_secret: bool,
    baseline: HashSet<String>,
    findings: Mutex<Vec<Reported<'s>>>,
    notices: Mutex<Vec<Notice>>,
    files_scanned: AtomicU64,
    bytes_scanned: AtomicU64,
    files_skipped: AtomicU64,
    errors: AtomicU64,
    hidden_by_baseline: AtomicU64,
    hidden_by_ignore_file: AtomicU64,
}

impl<'s> Session<'s> {
    pub fn new(show_secret: bool, baseline: HashSet<String>) -> Self {
        Session {
            show_secret,
            baseline,
            findings: Mutex::new(Vec::new()),
            notices: Mutex::new(Vec::new()),
            files_scanned: AtomicU64::new(0),
            bytes_scanned: AtomicU64::new(0),
            files_skipped: AtomicU64::new(0),
            errors: AtomicU64::new(0),
            hidden_by_baseline: AtomicU64::new(0),
            hidden_by_ignore_file: AtomicU64::new(0),
        }
    }

    /// Scans one file's (or blob's, or stdin's) bytes: decoded, or skipped if binary.
    pub fn scan(&self, setup: &'s Setup, path: &str, bytes: &[u8], origin: Origin<'_, 's>) {
        let Content::Text(text) = decode(bytes) else {
            self.skip_quietly();
            return;
        };
        self.files_scanned.fetch_add(1, Ordering::Relaxed);
        self.bytes_scanned.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        let (findings, stats) = setup.scanner.scan_with_limit(&text, MAX_FINDINGS_PER_FILE);
        if stats.truncated {
            self.truncated(path);
        }
        let previous = match origin {
            Origin::Change { previous: Some(previous) } => match decode(previous) {
                Content::Text(previous) => Some(previous),
                Content::Binary => None,
            },
            _ => None,
        };
        let commit = match origin {
            Origin::Commit(index, commit) => Some((index, commit)),
            _ => None,
        };
        let kept = self.keep(setup, path, findings, |finding| finding.secret(&text), previous.as_deref(), commit);
        self.add(kept);
    }

    /// A regular file of `size` bytes too large to hold whole, read and scanned in pieces
    /// (`pieces`); a UTF-16 one (rare that large) is read whole by `read_whole`.
    pub fn scan_in_pieces(
        &self,
        setup: &'s Setup,
        path: &str,
        file: impl Read,
        size: usize,
        read_whole: impl FnOnce() -> io::Result<Vec<u8>>,
    ) -> io::Result<()> {
        let mut kept_count = 0;
        let mut truncated = false;
        let sizes = (pieces::PIECE_BYTES, pieces::OVERLAP_BYTES);
        let streamed = pieces::scan_in_pieces(&setup.scanner, file, size, sizes, MAX_FINDINGS_PER_FILE, |piece| {
            let Piece { text, text_start, findings, truncated: cut } = piece;
            truncated |= cut;
            let mut kept = self.keep(setup, path, findings, |f| &text[f.start - text_start..f.end - text_start], None, None);
            if kept_count + kept.len() > MAX_FINDINGS_PER_FILE {
                kept.truncate(MAX_FINDINGS_PER_FILE - kept_count);
                truncated = true;
            }
            kept_count += kept.len();
            self.add(kept);
            kept_count < MAX_FINDINGS_PER_FILE
        })?;
        match streamed {
            Streamed::Scanned => {
                self.files_scanned.fetch_add(1, Ordering::Relaxed);
                self.bytes_scanned.fetch_add(size as u64, Ordering::Relaxed);
                if truncated {
                    self.truncated(path);
                }
            }
            Streamed::Binary => self.skip_quietly(),
            Streamed::Utf16 => self.scan(setup, path, &read_whole()?, Origin::Plain),
        }
        Ok(())
    }

    /// The findings worth reporting, out of those of one text (`secret` gives a finding's bytes):
    /// not in the blob a staged change replaces, the baseline or the ignore file.
    fn keep<'t>(
        &self,
        setup: &Setup,
        path: &str,
        findings: Vec<Finding<'s>>,
        secret: impl for<'f> Fn(&'f Finding<'s>) -> &'t [u8],
        previous: Option<&[u8]>,
        commit: Option<(usize, &'s Commit)>,
    ) -> Vec<Reported<'s>> {
        let mut kept = Vec::new();
        for finding in findings {
            let secret = secret(&finding);
            if previous.is_some_and(|previous| memchr::memmem::find(previous, secret).is_some()) {
                continue;
            }
            if self.baseline.contains(&finding.fingerprint) {
                self.hidden_by_baseline.fetch_add(1, Ordering::Relaxed);
                continue;
            }
            if setup.ignored.contains(&finding.fingerprint) {
                self.hidden_by_ignore_file.fetch_add(1, Ordering::Relaxed);
                continue;
            }
            let secret = self.show_secret.then(|| String::from_utf8_lossy(secret).into_owned());
            kept.push(Reported { path: path.to_owned(), secret, commit, finding });
        }
        kept
    }

    fn add(&self, kept: Vec<Reported<'s>>) {
        if !kept.is_empty() {
            self.findings.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).extend(kept);
        }
    }

    fn truncated(&self, path: &str) {
        let message = format!(
            "the scan stopped early (over {MAX_FINDINGS_PER_FILE} findings, or the engine's work limit on hostile \
             input): findings may be missing"
        );
        self.notice(path, message, NoticeKind::Truncated);
    }

    /// A file that could not be read: reported now, and the run cannot be called clean.
    pub fn error(&self, path: &str, message: impl Display) {
        self.errors.fetch_add(1, Ordering::Relaxed);
        self.notice(path, message, NoticeKind::Error);
    }

    fn notice(&self, path: &str, message: impl Display, kind: NoticeKind) {
        let label = if kind == NoticeKind::Error { "error" } else { "warning" };
        eprintln!("keyward: {label}: {path}: {message}");
        let notice = Notice { path: path.to_owned(), message: message.to_string(), kind };
        self.notices.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(notice);
    }

    /// A file deliberately not scanned (too large, not a regular file, gone); the reason is printed.
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
        if findings.iter().any(|r| r.commit.is_some()) {
            // A secret kept through several versions of a file: report the version of the
            // commit that introduced it.
            findings.sort_by(|a, b| {
                (&a.path, &a.finding.fingerprint, a.commit.map(|c| c.0)).cmp(&(
                    &b.path,
                    &b.finding.fingerprint,
                    b.commit.map(|c| c.0),
                ))
            });
            findings.dedup_by(|later, first| later.path == first.path && later.finding.fingerprint == first.finding.fingerprint);
        }
        findings.sort_by(|a, b| a.path.cmp(&b.path).then(a.finding.start.cmp(&b.finding.start)));
        let mut notices = self.notices.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
        notices.sort_by(|a, b| a.path.cmp(&b.path));
        Outcome {
            findings,
            notices,
            files_scanned: self.files_scanned.into_inner(),
            bytes_scanned: self.bytes_scanned.into_inner(),
            files_skipped: self.files_skipped.into_inner(),
            errors: self.errors.into_inner(),
            hidden_by_baseline: self.hidden_by_baseline.into_inner(),
            hidden_by_ignore_file: self.hidden_by_ignore_file.into_inner(),
        }
    }
}
