//! What the next commit adds: git's index against `HEAD`'s tree.

use gix::diff::index::{Action, ChangeRef};
use gix::status::tree_index::TrackRenames;
use gix::worktree::stack::state::attributes::Source as AttributesSource;

use crate::{is_file, Error, ObjectId, Repo};

/// A staged regular file that differs from `HEAD`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StagedFile {
    /// Relative to the repository root, `/`-separated.
    pub path: String,
    /// The staged content.
    pub blob: ObjectId,
    /// `HEAD`'s blob at the same path (a modified file) or at the rename source (a renamed
    /// file); `None` for an added file.
    pub previous: Option<ObjectId>,
}

impl Repo {
    /// The index's regular files (stage 0) that are added, modified or renamed relative to `HEAD`
    /// (every staged file before the first commit), with renames found as `git diff --cached -M`
    /// finds them: git's default of at least 50 % similar content, no copy detection.
    pub fn staged(&self) -> Result<Vec<StagedFile>, Error> {
        let repo = self.local();
        let index = repo.index_or_empty().map_err(|e| Error::new("reading git's index", e))?;
        let head_tree = repo.head_tree_id_or_empty().map_err(|e| Error::new("reading HEAD", e))?;
        let renames = TrackRenames::Given(gix::diff::Rewrites::default());
        // The whole index, wherever keyward runs: gix's default pathspec would limit the diff to
        // the current folder, as `git diff --cached .` does, while `git commit` takes everything.
        let mut whole_repo = repo
            .pathspec(false, None::<&str>, false, &gix::index::State::new(repo.object_hash()), AttributesSource::IdMapping)
            .map_err(|e| Error::new("setting up the index comparison", e))?;
        let mut files = Vec::new();
        repo.tree_index_status(&head_tree, &index, Some(&mut whole_repo), renames, |change, _, _| {
            let file = match change {
                ChangeRef::Addition { location, entry_mode, id, .. } => {
                    is_index_file(entry_mode).then(|| staged(&location, &id, None))
                }
                ChangeRef::Modification { location, entry_mode, id, previous_id, .. } => {
                    is_index_file(entry_mode).then(|| staged(&location, &id, Some(&previous_id)))
                }
                ChangeRef::Rewrite { location, entry_mode, id, source_id, .. } => {
                    is_index_file(entry_mode).then(|| staged(&location, &id, Some(&source_id)))
                }
                ChangeRef::Deletion { .. } => None,
            };
            files.extend(file);
            Ok::<_, gix::Error>(Action::Continue(()))
        })
        .map_err(|e| Error::new("comparing git's index with HEAD", e))?;
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }
}

impl Repo {
    /// Every regular file of the index (stage 0) with its staged blob, sorted by path.
    pub fn index_files(&self) -> Result<Vec<(String, ObjectId)>, Error> {
        let index = self.local().index_or_empty().map_err(|e| Error::new("reading git's index", e))?;
        let files = index
            .entries()
            .iter()
            .filter(|entry| entry.stage() == gix::index::entry::Stage::Unconflicted && is_index_file(entry.mode))
            .map(|entry| (entry.path(&index).to_string(), entry.id))
            .collect();
        Ok(files)
    }
}

fn staged(path: &gix::bstr::BStr, blob: &gix::oid, previous: Option<&gix::oid>) -> StagedFile {
    StagedFile { path: path.to_string(), blob: blob.to_owned(), previous: previous.map(ToOwned::to_owned) }
}

fn is_index_file(mode: gix::index::entry::Mode) -> bool {
    mode.to_tree_entry_mode().is_some_and(|mode| is_file(mode.kind()))
}
