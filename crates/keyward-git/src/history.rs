//! Every blob of a history, once, with the first commit that brought it.
//!
//! Commits are visited parents first (git's topological order, reversed). Each commit's tree is
//! walked, skipping the subtrees already walked (same tree id: same content), so each distinct
//! tree is read once and each distinct blob is recorded once, under the first commit and path
//! where it appeared. This is the work of `git log -p` without building diffs: unchanged
//! folders cost nothing, a changed file costs its new blob.

use std::collections::HashSet;

use gix::bstr::{BString, ByteSlice, ByteVec};
use gix::object::tree::EntryKind;
use gix::revision::walk::Sorting;

use crate::{is_file, Error, ObjectId, Repo};

/// Which commits to look at.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// `A..B` (or a single revision: it and its ancestors). Default: every ref, as `git log --all`.
    pub range: Option<String>,
    /// A branch (or any revision) and its ancestors.
    pub branch: Option<String>,
    /// Only commits whose committer date is at or after this time (seconds since the epoch).
    pub since: Option<i64>,
}

/// A commit that brought at least one blob.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commit {
    /// Full hex id.
    pub id: String,
    /// `Name <email>`.
    pub author: String,
    /// The author date, RFC 3339 with the author's UTC offset.
    pub date: String,
}

/// A distinct blob and where it first appeared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blob {
    pub id: ObjectId,
    /// Relative to the repository root, `/`-separated.
    pub path: String,
    /// Index into [`History::commits`]; commits are in parents-first order.
    pub commit: usize,
}

/// The blobs of the selected commits that their parents outside the selection do not hold.
#[derive(Debug, Default)]
pub struct History {
    pub commits: Vec<Commit>,
    pub blobs: Vec<Blob>,
    /// Commits visited (also those that brought no new blob).
    pub commits_walked: usize,
}

/// Deeper trees are refused (git's own `core.maxTreeDepth` default is 2048).
const MAX_TREE_DEPTH: usize = 4096;

impl Repo {
    /// Lists the blobs of the selected history. `include(path, is_folder)` decides which paths
    /// are looked at (the config's excludes); `progress(done, total)` is called per commit.
    pub fn history(
        &self,
        selection: &Selection,
        include: &dyn Fn(&str, bool) -> bool,
        progress: &dyn Fn(usize, usize),
    ) -> Result<History, Error> {
        let repo = self.local();
        let (tips, hidden) = endpoints(&repo, selection)?;
        let walk = repo
            .rev_walk(tips)
            .with_hidden(hidden)
            .sorting(Sorting::TopoOrder)
            .all()
            .map_err(|e| Error::new("walking the history", e))?;
        let mut selected = Vec::new();
        for info in walk {
            let info = info.map_err(|e| Error::new("walking the history", e))?;
            let commit = info.object().map_err(|e| Error::new(format_args!("commit {}", info.id), e))?;
            let time = commit.time().map_err(|e| Error::new(format_args!("commit {}", info.id), e))?;
            if selection.since.is_some_and(|since| time.seconds < since) {
                continue;
            }
            selected.push((info.id, info.parent_ids.to_vec()));
        }
        // Topological order lists children first; blobs are attributed to the oldest commit.
        selected.reverse();

        let mut walker = TreeWalker { repo: &repo, include, seen_trees: HashSet::new(), seen_blobs: HashSet::new() };
        // Parents outside the selection (the `A` of `A..B`, commits before `--since`) already
        // held their blobs: mark them seen, so only what the selection brought is listed.
        let ids: HashSet<ObjectId> = selected.iter().map(|(id, _)| *id).collect();
        let boundary: HashSet<ObjectId> =
            selected.iter().flat_map(|(_, parents)| parents).filter(|parent| !ids.contains(*parent)).copied().collect();
        for parent in boundary {
            let tree = tree_of(&repo, parent)?;
            walker.walk(tree, &mut BString::default(), 0, None)?;
        }

        let mut history = History { commits_walked: selected.len(), ..History::default() };
        for (done, (id, _)) in selected.iter().enumerate() {
            progress(done, selected.len());
            let tree = tree_of(&repo, *id)?;
            let first_new = history.blobs.len();
            walker.walk(tree, &mut BString::default(), 0, Some((&mut history.blobs, history.commits.len())))?;
            if history.blobs.len() > first_new {
                history.commits.push(describe(&repo, *id)?);
            }
        }
        progress(selected.len(), selected.len());
        Ok(history)
    }
}

/// The commits to start from and those whose ancestry is excluded.
fn endpoints(repo: &gix::Repository, selection: &Selection) -> Result<(Vec<ObjectId>, Vec<ObjectId>), Error> {
    if let Some(range) = &selection.range {
        let spec = repo.rev_parse(range.as_str()).map_err(|e| Error::new(format_args!("--range {range}"), e))?;
        return match spec.detach() {
            gix::revision::plumbing::Spec::Include(tip) => Ok((vec![peel(repo, tip)?], Vec::new())),
            gix::revision::plumbing::Spec::Range { from, to } => Ok((vec![peel(repo, to)?], vec![peel(repo, from)?])),
            _ => Err(Error(format!("--range {range}: expected A..B or a single revision"))),
        };
    }
    if let Some(branch) = &selection.branch {
        let tip = repo.rev_parse_single(branch.as_str()).map_err(|e| Error::new(format_args!("--branch {branch}"), e))?;
        return Ok((vec![peel(repo, tip.detach())?], Vec::new()));
    }
    // Every ref (branches, tags, remotes, stash, notes) and HEAD, as `git log --all`.
    let mut tips = Vec::new();
    let references = repo.references().map_err(|e| Error::new("listing refs", e))?;
    for reference in references.all().map_err(|e| Error::new("listing refs", e))? {
        let mut reference = reference.map_err(|e| Error(format!("listing refs: {e}")))?;
        // A tag of a tree or blob (rare) has no history to walk.
        if let Ok(id) = reference.peel_to_commit().map(|commit| commit.id) {
            tips.push(id);
        }
    }
    if let Ok(head) = repo.head_id() {
        tips.push(head.detach());
    }
    tips.sort();
    tips.dedup();
    Ok((tips, Vec::new()))
}

/// The commit an object (a commit or an annotated tag) points to.
fn peel(repo: &gix::Repository, id: ObjectId) -> Result<ObjectId, Error> {
    let object = repo.find_object(id).map_err(|e| Error::new(format_args!("object {id}"), e))?;
    let commit = object.peel_to_commit().map_err(|e| Error::new(format_args!("{id} is not a commit"), e))?;
    Ok(commit.id)
}

fn tree_of(repo: &gix::Repository, commit: ObjectId) -> Result<ObjectId, Error> {
    let found = repo.find_commit(commit).map_err(|e| Error::new(format_args!("commit {commit}"), e))?;
    found.tree_id().map(|id| id.detach()).map_err(|e| Error::new(format_args!("commit {commit}"), e))
}

fn describe(repo: &gix::Repository, id: ObjectId) -> Result<Commit, Error> {
    let commit = repo.find_commit(id).map_err(|e| Error::new(format_args!("commit {id}"), e))?;
    let author = commit.author().map_err(|e| Error::new(format_args!("commit {id}: author"), e))?;
    let time = author.time().map_err(|e| Error::new(format_args!("commit {id}: author date"), e))?;
    Ok(Commit {
        id: id.to_string(),
        author: format!("{} <{}>", author.name.trim().to_str_lossy(), author.email.trim().to_str_lossy()),
        date: time.format_or_unix(gix::date::time::format::ISO8601_STRICT),
    })
}

/// Walks trees, skipping what an earlier walk covered.
struct TreeWalker<'r> {
    repo: &'r gix::Repository,
    include: &'r dyn Fn(&str, bool) -> bool,
    /// Trees walked completely (nothing in them excluded): the same id anywhere holds nothing new.
    seen_trees: HashSet<ObjectId>,
    seen_blobs: HashSet<ObjectId>,
}

impl TreeWalker<'_> {
    /// Walks `tree` at `path`; new blobs go to `record` (the list and the commit's index), or are
    /// only marked seen when it is `None`. Returns whether nothing inside was excluded.
    fn walk(
        &mut self,
        tree: ObjectId,
        path: &mut BString,
        depth: usize,
        mut record: Option<(&mut Vec<Blob>, usize)>,
    ) -> Result<bool, Error> {
        if self.seen_trees.contains(&tree) {
            return Ok(true);
        }
        if depth > MAX_TREE_DEPTH {
            return Err(Error(format!("tree {tree} at {path}: nested deeper than {MAX_TREE_DEPTH} folders")));
        }
        let object = self.repo.find_object(tree).map_err(|e| Error::new(format_args!("tree {tree}"), e))?;
        let entries: Vec<(EntryKind, BString, ObjectId)> = object
            .try_into_tree()
            .map_err(|e| Error::new(format_args!("tree {tree}"), e))?
            .iter()
            .map(|entry| entry.map(|e| (e.mode().kind(), e.filename().to_owned(), e.object_id())))
            .collect::<Result<_, _>>()
            .map_err(|e| Error::new(format_args!("tree {tree}"), e))?;
        let mut complete = true;
        let parent_len = path.len();
        for (kind, name, id) in entries {
            if parent_len > 0 {
                path.push(b'/');
            }
            path.push_str(&name);
            let is_tree = kind == EntryKind::Tree;
            if is_tree || is_file(kind) {
                if !(self.include)(&path.to_str_lossy(), is_tree) {
                    complete = false;
                } else if is_tree {
                    let reborrowed = record.as_mut().map(|(blobs, commit)| (&mut **blobs, *commit));
                    complete &= self.walk(id, path, depth + 1, reborrowed)?;
                } else if self.seen_blobs.insert(id) {
                    if let Some((blobs, commit)) = record.as_mut() {
                        blobs.push(Blob { id, path: path.to_str_lossy().into_owned(), commit: *commit });
                    }
                }
            }
            path.truncate(parent_len);
        }
        if complete {
            self.seen_trees.insert(tree);
        }
        Ok(complete)
    }
}
