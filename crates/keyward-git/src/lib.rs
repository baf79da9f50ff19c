//! keyward's git capability: which blobs a commit would add (the index against `HEAD`, with git's
//! rename detection) and which blobs a history holds, each with the first commit that brought it.
//! Read with gix (gitoxide), git's object store in pure Rust: no `git` process, no parsed output.
//!
//! Scanning is not done here: callers get blob ids and paths, and read each blob's bytes with a
//! [`BlobReader`] (one per thread).

mod history;
mod staged;

use std::fmt;
use std::path::{Path, PathBuf};

pub use gix::ObjectId;
pub use history::{Blob, Commit, History, Selection};
pub use staged::StagedFile;

/// A git error, with what keyward was doing when it happened.
#[derive(Debug)]
pub struct Error(String);

impl Error {
    fn new(context: impl fmt::Display, error: impl fmt::Display) -> Error {
        Error(format!("{context}: {error}"))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// An open repository, shareable between threads.
pub struct Repo {
    inner: gix::ThreadSafeRepository,
}

impl Repo {
    /// The repository containing `path` (a work tree folder, a `.git` folder or a bare repository).
    pub fn discover(path: &Path) -> Result<Repo, Error> {
        let inner = gix::ThreadSafeRepository::discover(path)
            .map_err(|e| Error::new(format_args!("{}: not a git repository", path.display()), e))?;
        Ok(Repo { inner })
    }

    /// The work tree's root folder; `None` for a bare repository.
    pub fn work_dir(&self) -> Option<PathBuf> {
        self.inner.work_dir().map(Path::to_path_buf)
    }

    /// Reads blobs; create one per thread.
    pub fn blob_reader(&self) -> BlobReader {
        BlobReader { repo: self.local() }
    }

    fn local(&self) -> gix::Repository {
        self.inner.to_thread_local()
    }
}

/// Reads blob contents from the object database.
pub struct BlobReader {
    repo: gix::Repository,
}

impl BlobReader {
    /// The blob's size, without decompressing it.
    pub fn size(&self, id: ObjectId) -> Result<u64, Error> {
        self.repo.find_header(id).map(|header| header.size()).map_err(|e| Error::new(format_args!("blob {id}"), e))
    }

    /// Replaces `out` with the blob's bytes.
    pub fn read(&self, id: ObjectId, out: &mut Vec<u8>) -> Result<(), Error> {
        let object = self.repo.find_object(id).map_err(|e| Error::new(format_args!("blob {id}"), e))?;
        out.clear();
        out.extend_from_slice(&object.data);
        Ok(())
    }
}

/// Git modes of files with text of their own: regular and executable files (not symbolic
/// links, whose blob is the link's target, nor submodules).
fn is_file(mode: gix::object::tree::EntryKind) -> bool {
    matches!(mode, gix::object::tree::EntryKind::Blob | gix::object::tree::EntryKind::BlobExecutable)
}

/// Seconds since the epoch of a date as git reads one (`2024-01-31`, RFC 3339, RFC 2822,
/// `2 weeks ago`), for `--since`. A bare date is midnight UTC (git would take the current time
/// of day), so `--since 2024-01-31` includes everything committed that day.
pub fn parse_date(text: &str) -> Result<i64, Error> {
    gix::date::parse(text, None)
        .or_else(|_| gix::date::parse(text, Some(gix::date::ZonedDateTime::now())))
        .map(|time| time.seconds)
        .map_err(|e| Error::new(format_args!("`{text}` is not a date"), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_as_git_reads_them_and_a_bare_date_is_midnight_utc() {
        assert_eq!(parse_date("2024-01-04").unwrap(), 1_704_326_400);
        assert_eq!(parse_date("2024-01-04T12:00:00+01:00").unwrap(), 1_704_366_000);
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
        let two_weeks_ago = parse_date("2 weeks ago").unwrap();
        assert!((now - 14 * 86_400 - two_weeks_ago).abs() < 60, "{two_weeks_ago}");
        for bad in ["banana", "2024-13-45", ""] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }
}
