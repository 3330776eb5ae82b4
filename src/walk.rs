//! Walking input directories: every real file once, symlink loops reported, never followed.
//!
//! `DirWalk` walks one directory with `walkdir` (entries sorted by name, depth first, so the
//! order is the same on every run) and yields the files whose extension is an input format
//! (`io::Format::of`). Each real directory is walked at most once:
//! - a symbolic link to a directory that contains the link (`ln -s .. sub/up`) is a loop: not
//!   followed, and it comes out as `Walked::Problem` with kind `symlink_loop`;
//! - a link to a directory or file inside the walked folder is not followed (its files are
//!   read under their real path) and a link to an outside directory already walked is not followed again:
//!   both come out as `Walked::Skipped`, a warning;
//! - a link to any other directory is followed.
//!
//! A directory that cannot be listed and a broken link come out as kind `io`. `SeenFiles`
//! remembers (device, inode) of every file read, so a file reached a second time (through a
//! symlinked directory or a hard link) is skipped with a warning. `DuplicateIds` notices ids
//! given to two documents. It reads no file contents.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::io::Format;

/// One thing a directory walk found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Walked {
    /// An input file (its extension is a known format).
    File(PathBuf),
    /// A path that could not be walked: becomes an error record.
    Problem {
        path: PathBuf,
        kind: &'static str,
        message: String,
    },
    /// A linked directory not followed because its files are read elsewhere: a warning.
    Skipped { path: PathBuf, message: String },
}

/// Lazy, sorted walk of one directory.
pub struct DirWalk {
    inner: walkdir::IntoIter,
    /// The walked folder, symlinks resolved (`None` when it cannot be resolved).
    root: Option<PathBuf>,
    /// (device, inode) of the directories walked.
    dirs: HashSet<(u64, u64)>,
}

impl DirWalk {
    pub fn new(root: &Path) -> DirWalk {
        DirWalk {
            inner: walkdir::WalkDir::new(root)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter(),
            root: std::fs::canonicalize(root).ok(),
            dirs: HashSet::new(),
        }
    }

    /// A linked file whose target is in the walked folder is read under the target's path.
    fn check_linked_file(&self, entry: &walkdir::DirEntry) -> Option<Walked> {
        if !entry.path_is_symlink() {
            return None;
        }
        let target = std::fs::canonicalize(entry.path()).ok()?;
        let root = self.root.as_ref()?;
        target.starts_with(root).then(|| Walked::Skipped {
            path: entry.path().to_path_buf(),
            message: format!(
                "not following {}: it links to {} in the same folder, read under that path",
                entry.path().display(),
                target.display()
            ),
        })
    }

    /// What to do with a directory entry: `None` to walk it, else why not.
    fn check_dir(&mut self, entry: &walkdir::DirEntry) -> Option<Walked> {
        let key = file_key(entry.path());
        if !entry.path_is_symlink() {
            self.dirs.extend(key);
            return None;
        }
        let path = entry.path().to_path_buf();
        let target = std::fs::canonicalize(&path).ok();
        let parent = path.parent().and_then(|p| std::fs::canonicalize(p).ok());
        if let (Some(t), Some(p)) = (&target, &parent) {
            if p.starts_with(t) {
                return Some(Walked::Problem {
                    message: format!(
                        "symbolic link loop: {} leads back to {}, which contains it; not followed",
                        path.display(),
                        t.display()
                    ),
                    path,
                    kind: "symlink_loop",
                });
            }
            if self.root.as_ref().is_some_and(|r| t.starts_with(r)) {
                return Some(Walked::Skipped {
                    message: format!(
                        "not following {}: it links to {} in the same folder, read under that path",
                        path.display(),
                        t.display()
                    ),
                    path,
                });
            }
        }
        match key {
            Some(k) if !self.dirs.insert(k) => Some(Walked::Skipped {
                message: format!(
                    "not following {}: the directory it links to was already read",
                    path.display()
                ),
                path,
            }),
            _ => None,
        }
    }
}

impl Iterator for DirWalk {
    type Item = Walked;

    fn next(&mut self) -> Option<Walked> {
        loop {
            match self.inner.next()? {
                Ok(entry) => {
                    if entry.file_type().is_dir() {
                        if let Some(not_walked) = self.check_dir(&entry) {
                            self.inner.skip_current_dir();
                            return Some(not_walked);
                        }
                        continue;
                    }
                    if Format::of(entry.path()).is_some() {
                        if let Some(skipped) = self.check_linked_file(&entry) {
                            return Some(skipped);
                        }
                        return Some(Walked::File(entry.into_path()));
                    }
                }
                Err(e) => return Some(problem(&e)),
            }
        }
    }
}

/// The error record of a walk error.
fn problem(e: &walkdir::Error) -> Walked {
    let path = e.path().map(Path::to_path_buf).unwrap_or_default();
    if let Some(ancestor) = e.loop_ancestor() {
        return Walked::Problem {
            message: format!(
                "symbolic link loop: {} leads back to {}; not followed",
                path.display(),
                ancestor.display()
            ),
            path,
            kind: "symlink_loop",
        };
    }
    let cause = e
        .io_error()
        .map(|io| io.to_string())
        .unwrap_or_else(|| e.to_string());
    let message = if path.is_dir() {
        format!("cannot list directory {}: {cause}", path.display())
    } else {
        format!("cannot read {}: {cause}", path.display())
    };
    Walked::Problem {
        path,
        kind: "io",
        message,
    }
}

/// (device, inode) of the files already read.
#[derive(Debug, Default)]
pub struct SeenFiles {
    seen: HashSet<(u64, u64)>,
}

impl SeenFiles {
    /// True the first time a file is seen; false when the same file was seen under another
    /// path. Files whose identity cannot be read (and every file off Unix) count as new.
    pub fn first_time(&mut self, path: &Path) -> bool {
        match file_key(path) {
            Some(key) => self.seen.insert(key),
            None => true,
        }
    }
}

#[cfg(unix)]
fn file_key(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_key(_: &Path) -> Option<(u64, u64)> {
    None
}

/// Most duplicate-id warnings written out one by one; the rest are counted.
pub const MAX_DUPLICATE_WARNINGS: usize = 20;

/// Notices a document id used twice (the same file stem in two folders, a repeated JSONL id).
/// Keeps a 64-bit hash per id, not the id.
#[derive(Debug, Default)]
pub struct DuplicateIds {
    seen: HashSet<u64>,
    /// How many documents had an id already used.
    pub count: usize,
}

impl DuplicateIds {
    /// Record `id`; true when it was already used.
    pub fn repeated(&mut self, id: &str) -> bool {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        let h = BuildHasherDefault::<DefaultHasher>::default().hash_one(id);
        let repeated = !self.seen.insert(h);
        if repeated {
            self.count += 1;
        }
        repeated
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_ids_are_counted() {
        let mut d = DuplicateIds::default();
        assert!(!d.repeated("bai-1"));
        assert!(!d.repeated("bai-2"));
        assert!(d.repeated("bai-1"));
        assert_eq!(d.count, 1);
    }

    #[cfg(unix)]
    #[test]
    fn loop_is_a_problem_and_files_come_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("in");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("a.txt"), "Hà Nội").unwrap();
        std::fs::write(root.join("sub/b.txt"), "Huế").unwrap();
        std::fs::write(root.join("sub/skip.bin"), "x").unwrap();
        std::os::unix::fs::symlink("..", root.join("sub/up")).unwrap();
        let got: Vec<Walked> = DirWalk::new(&root).collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0], Walked::File(root.join("a.txt")));
        assert_eq!(got[1], Walked::File(root.join("sub/b.txt")));
        match &got[2] {
            Walked::Problem { path, kind, .. } => {
                assert_eq!(*kind, "symlink_loop");
                assert_eq!(path, &root.join("sub/up"));
            }
            other => panic!("expected a loop, got {other:?}"),
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_file_seen_through_a_link_is_not_new() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        std::fs::write(&f, "x").unwrap();
        std::os::unix::fs::symlink(&f, dir.path().join("b.txt")).unwrap();
        let mut seen = SeenFiles::default();
        assert!(seen.first_time(&f));
        assert!(!seen.first_time(&dir.path().join("b.txt")));
    }
}
