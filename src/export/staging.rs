//! All-or-nothing outputs: exporters write into a staging path beside the target and move it
//! into place only when every document was exported, so a failed export leaves no half file.
//!
//! A file target `OUT` is staged as `OUT.partial`; a directory target `OUT/` as the directory
//! `OUT.partial/`, whose files are moved into `OUT/` (created if needed, other files there are
//! left alone) on commit. Dropping an uncommitted `Staged` removes the staging path.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// A staging path that becomes `target` on `commit`.
pub struct Staged {
    target: PathBuf,
    staging: PathBuf,
    dir: bool,
    done: bool,
}

fn partial_path(target: &Path) -> PathBuf {
    let mut name = target
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "out".into());
    name.push(".partial");
    target.with_file_name(name)
}

impl Staged {
    /// Stage a single output file.
    pub fn file(target: &Path) -> Result<Staged> {
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        Ok(Staged {
            target: target.to_path_buf(),
            staging: partial_path(target),
            dir: false,
            done: false,
        })
    }

    /// Stage an output directory (the staging directory is created empty).
    pub fn dir(target: &Path) -> Result<Staged> {
        if target.exists() && !target.is_dir() {
            anyhow::bail!("{} exists and is not a directory", target.display());
        }
        let staging = partial_path(target);
        if staging.exists() {
            std::fs::remove_dir_all(&staging)
                .with_context(|| format!("removing old {}", staging.display()))?;
        }
        std::fs::create_dir_all(&staging)
            .with_context(|| format!("creating {}", staging.display()))?;
        Ok(Staged {
            target: target.to_path_buf(),
            staging,
            dir: true,
            done: false,
        })
    }

    /// Where to write now: the staging file, or the staging directory.
    pub fn path(&self) -> &Path {
        &self.staging
    }

    /// Move the staged output into place.
    pub fn commit(mut self) -> Result<()> {
        if self.dir {
            std::fs::create_dir_all(&self.target)
                .with_context(|| format!("creating {}", self.target.display()))?;
            let entries = std::fs::read_dir(&self.staging)
                .with_context(|| format!("reading {}", self.staging.display()))?;
            for entry in entries {
                let entry = entry?;
                let to = self.target.join(entry.file_name());
                std::fs::rename(entry.path(), &to)
                    .with_context(|| format!("moving output into {}", to.display()))?;
            }
            std::fs::remove_dir(&self.staging)
                .with_context(|| format!("removing {}", self.staging.display()))?;
        } else {
            std::fs::rename(&self.staging, &self.target)
                .with_context(|| format!("writing {}", self.target.display()))?;
        }
        self.done = true;
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.done {
            let _ = if self.dir {
                std::fs::remove_dir_all(&self.staging)
            } else {
                std::fs::remove_file(&self.staging)
            };
        }
    }
}
