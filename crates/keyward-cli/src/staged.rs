//! `--staged`: scan what the next commit would contain (git's index), not the work tree.
//! Paths are reported relative to the repository root, lines as in the staged version.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::config::Config;
use crate::scan::Session;
use crate::sources::{scan_text, too_large};
use crate::Fatal;

/// A staged regular file: its blob id and its path relative to the repository root.
struct StagedFile {
    blob: String,
    path: String,
}

pub fn scan_staged(config: &Config, session: &Session) -> Result<(), Fatal> {
    let root = PathBuf::from(git_text(None, &["rev-parse", "--show-toplevel"])?.trim_end_matches('\n'));
    let diff = git_output(Some(&root), &["diff", "--cached", "--raw", "-z", "--no-abbrev", "--no-renames", "--diff-filter=ACM"])?;
    let files: Vec<StagedFile> = parse_raw_diff(&diff)
        .into_iter()
        .filter(|file| !config.is_excluded(&root.join(&file.path), false))
        .collect();
    if files.is_empty() {
        return Ok(());
    }
    let mut child = Command::new("git")
        .current_dir(&root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| Fatal(format!("--staged: cannot run git: {e}")))?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let request: String = files.iter().map(|file| format!("{}\n", file.blob)).collect();
    // Written from another thread: git answers while we still write, and both pipes can fill.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let mut blobs = BufReader::new(child.stdout.take().expect("stdout is piped"));
    let mut content = Vec::new();
    for file in &files {
        read_blob(&mut blobs, &mut content).map_err(|e| Fatal(format!("--staged: reading {} from git: {e}", file.path)))?;
        if content.len() as u64 > config.max_file_size() {
            session.skip(&file.path, too_large(Some(content.len() as u64), config.max_file_size()));
        } else {
            scan_text(&file.path, &content, session);
        }
    }
    drop(blobs);
    let _ = writer.join();
    let _ = child.wait();
    Ok(())
}

/// Parses `git diff --raw -z` records (`:old_mode new_mode old_blob new_blob status\0path\0`),
/// keeping regular files: symbolic links and submodules hold no text of their own.
fn parse_raw_diff(raw: &[u8]) -> Vec<StagedFile> {
    let mut fields = raw.split(|&b| b == 0);
    let mut files = Vec::new();
    while let (Some(meta), Some(path)) = (fields.next(), fields.next()) {
        let meta = String::from_utf8_lossy(meta);
        let parts: Vec<&str> = meta.trim_start_matches(':').split(' ').collect();
        if let [_, new_mode, _, new_blob, _] = parts[..] {
            if new_mode == "100644" || new_mode == "100755" {
                files.push(StagedFile { blob: new_blob.to_owned(), path: String::from_utf8_lossy(path).into_owned() });
            }
        }
    }
    files
}

/// Reads one `git cat-file --batch` answer: `<blob> blob <size>\n<content>\n`.
fn read_blob(reader: &mut impl BufRead, content: &mut Vec<u8>) -> std::io::Result<()> {
    let mut header = String::new();
    reader.read_line(&mut header)?;
    let size: u64 = header
        .split_whitespace()
        .nth(2)
        .and_then(|size| size.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("unexpected answer `{}`", header.trim_end())))?;
    content.clear();
    reader.take(size).read_to_end(content)?;
    let mut newline = [0u8; 1];
    reader.read_exact(&mut newline)?;
    Ok(())
}

fn git_text(dir: Option<&Path>, args: &[&str]) -> Result<String, Fatal> {
    Ok(String::from_utf8_lossy(&git_output(dir, args)?).into_owned())
}

/// Runs git and returns its standard output; a failure is fatal, with git's own message.
fn git_output(dir: Option<&Path>, args: &[&str]) -> Result<Vec<u8>, Fatal> {
    let mut command = Command::new("git");
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let output = command
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Fatal(format!("--staged: cannot run git: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(Fatal(format!("--staged: `git {}` failed: {}", args.join(" "), stderr.trim())));
    }
    Ok(output.stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_diff_keeps_regular_files_only() {
        let z = "0".repeat(40);
        let raw = format!(
            ":000000 100644 {z} {a} A\0src/new file.py\0:100644 100755 {z} {b} M\0run.sh\0\
             :000000 120000 {z} {c} A\0link\0:000000 160000 {z} {c} A\0vendor/sub\0",
            a = "a".repeat(40),
            b = "b".repeat(40),
            c = "c".repeat(40),
        );
        let files = parse_raw_diff(raw.as_bytes());
        let got: Vec<(&str, &str)> = files.iter().map(|f| (f.blob.as_str(), f.path.as_str())).collect();
        assert_eq!(got, [(&*"a".repeat(40), "src/new file.py"), (&*"b".repeat(40), "run.sh")]);
    }

    #[test]
    fn blob_answers_are_read_back_to_back() {
        let mut answers: &[u8] = b"abc blob 5\nhello\nabd blob 0\n\n";
        let mut content = Vec::new();
        read_blob(&mut answers, &mut content).unwrap();
        assert_eq!(content, b"hello");
        read_blob(&mut answers, &mut content).unwrap();
        assert_eq!(content, b"");
        assert!(read_blob(&mut answers, &mut content).is_err());
    }
}
