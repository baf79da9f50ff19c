//! `keyward history`: every distinct blob of the selected commits, scanned once, in parallel;
//! each finding carries the commit that introduced it. Progress goes to stderr when it is a
//! terminal.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressStyle};
use keyward_git::{History, Repo, Selection};

use crate::session::{Origin, Session};
use crate::setup::Setup;
use crate::sources::too_large;
use crate::Fatal;

/// Lists the blobs of the selected commits (paths the config excludes are not looked at).
pub fn list(repo: &Repo, selection: &Selection, setup: &Setup) -> Result<History, Fatal> {
    let root = repo.work_dir();
    let include = |path: &str, is_dir: bool| match &root {
        Some(root) => !setup.config.is_excluded(&root.join(path), is_dir),
        None => !setup.config.is_excluded(std::path::Path::new(path), is_dir),
    };
    let bar = progress_bar("{spinner} walking commits {pos}/{len}");
    let history = repo
        .history(selection, &include, &|done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        })
        .map_err(|e| Fatal(format!("history: {e}")))?;
    bar.finish_and_clear();
    Ok(history)
}

/// Scans every listed blob on `threads` threads.
pub fn scan<'s>(repo: &Repo, history: &'s History, setup: &'s Setup, threads: usize, session: &Session<'s>) {
    let bar = progress_bar("{bar:30} {pos}/{len} blobs scanned, {elapsed}");
    bar.set_length(history.blobs.len() as u64);
    let next = AtomicUsize::new(0);
    let limit = setup.config.max_file_size();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let reader = repo.blob_reader();
                let mut buffer = Vec::new();
                while let Some(blob) = history.blobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let commit = &history.commits[blob.commit];
                    let name = || format!("{} (commit {})", blob.path, &commit.id[..12]);
                    match reader.size(blob.id) {
                        Ok(size) if size > limit => session.skip(&name(), too_large(Some(size), limit)),
                        Ok(_) => match reader.read(blob.id, &mut buffer) {
                            Ok(()) => session.scan(setup, &blob.path, &buffer, Origin::Commit(blob.commit, commit)),
                            Err(error) => session.error(&name(), error),
                        },
                        Err(error) => session.error(&name(), error),
                    }
                    bar.inc(1);
                }
            });
        }
    });
    bar.finish_and_clear();
}

/// A progress bar on stderr, hidden when stderr is not a terminal (CI logs, pipes, hooks).
fn progress_bar(template: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    bar.set_style(ProgressStyle::with_template(template).expect("the template is valid"));
    bar
}
