//! The files an agent serves through LIST_FILES and READ_FILE: its executors' sandboxes,
//! attached under the paths upstream attaches them (`mesos: src/slave/slave.cpp`
//! `Framework::addExecutor`), resolved, listed and read as `mesos: src/files/files.cpp` does.
//!
//! Upstream attaches each run directory at three virtual paths and keeps them until the
//! sandbox is garbage collected; mesos-sim never collects sandboxes, so the table is read
//! off the agent's work directory: every `frameworks/F/executors/E/runs/C` is attached as
//! itself, and the `runs/latest` link (made at launch, as `paths::createExecutorDirectory`
//! makes it) as `.../runs/latest` and `/frameworks/F/executors/E/runs/latest`.

use std::collections::BTreeMap;
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use mesos_sdk::v1::{FileInfo, TimeInfo};

/// What went wrong, as `FilesError` types it; the texts are upstream's.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum FilesError {
    /// 400 with the message.
    Invalid(String),
    /// 404 with an empty body.
    NotFound,
    /// 500 with the message.
    Unknown(String),
}

/// `os::pagesize() * 16`: the most one READ_FILE returns.
const MAX_READ: u64 = 4096 * 16;

/// Virtual paths and the real directories they stand for.
#[derive(Debug, Default)]
pub(crate) struct Attachments {
    paths: BTreeMap<String, PathBuf>,
}

impl Attachments {
    /// The sandboxes under `agent_dir` (`<work_dir>/agents/<agent id>`).
    pub(crate) fn of_agent(agent_dir: &Path) -> Attachments {
        let mut paths = BTreeMap::new();
        for (framework, framework_dir) in children(&agent_dir.join("frameworks")) {
            for (executor, executor_dir) in children(&framework_dir.join("executors")) {
                let runs = executor_dir.join("runs");
                for (run, run_dir) in children(&runs) {
                    let Ok(real) = std::fs::canonicalize(&run_dir) else {
                        continue;
                    };
                    if run == "latest" {
                        paths.insert(path_string(&run_dir), real.clone());
                        paths.insert(
                            format!("/frameworks/{framework}/executors/{executor}/runs/latest"),
                            real,
                        );
                    } else if real.is_dir() {
                        paths.insert(path_string(&run_dir), real);
                    }
                }
            }
        }
        Attachments { paths }
    }

    /// `FilesProcess::resolve`: the longest attached prefix of `path`, with the rest of the
    /// path below it; `Ok(None)` when nothing is there, an error when the result would leave
    /// the attached directory.
    fn resolve(&self, path: &str) -> Result<Option<PathBuf>, String> {
        let trimmed = path.strip_suffix('/').unwrap_or(path);
        let mut tokens: Vec<&str> = trimmed.split('/').collect();
        let mut suffix = String::new();
        while let Some(last) = tokens.last().copied() {
            let prefix = join_all(&tokens);
            let Some(attached) = self.paths.get(&prefix) else {
                suffix = if suffix.is_empty() {
                    last.to_string()
                } else {
                    join(last, &suffix)
                };
                tokens.pop();
                continue;
            };
            if attached.is_dir() {
                let joined = join(&path_string(attached), &suffix);
                let real = match std::fs::canonicalize(&joined) {
                    Ok(real) => real,
                    Err(error)
                        if matches!(
                            error.kind(),
                            std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                        ) =>
                    {
                        return Ok(None);
                    }
                    Err(error) => {
                        return Err(format!(
                            "Failed to determine canonical path of '{joined}': {error}"
                        ));
                    }
                };
                // A string prefix test, as upstream's `strings::startsWith`.
                if !path_string(&real).starts_with(&path_string(attached)) {
                    return Err(format!("'{joined}' is inaccessible"));
                }
                return Ok(Some(real));
            } else if !suffix.is_empty() {
                return Ok(None);
            }
            return Ok(Some(attached.clone()));
        }
        Ok(None)
    }

    fn resolved(&self, path: &str) -> Result<PathBuf, FilesError> {
        match self.resolve(path) {
            Ok(Some(real)) => Ok(real),
            Ok(None) => Err(FilesError::NotFound),
            Err(error) => Err(FilesError::Invalid(format!("{error}.\n"))),
        }
    }

    /// `FilesProcess::browse`: the entries of the directory at `path`, sorted by their real
    /// path, each named `path/entry`; a file lists as nothing (`os::ls` fails on it).
    pub(crate) fn browse(&self, path: &str) -> Result<Vec<FileInfo>, FilesError> {
        let real = self.resolved(path)?;
        let mut files = BTreeMap::new();
        for (name, full) in children(&real) {
            // `stat`, not `lstat`: links are described by what they point to.
            let Ok(metadata) = std::fs::metadata(&full) else {
                continue;
            };
            files.insert(full, file_info(&join(path, &name), &metadata));
        }
        Ok(files.into_values().collect())
    }

    /// `FilesProcess::_read`: the file's size and up to `length` bytes (at most 64 KiB)
    /// from `offset`.
    pub(crate) fn read(
        &self,
        offset: u64,
        length: Option<u64>,
        path: &str,
    ) -> Result<(u64, Vec<u8>), FilesError> {
        let real = self.resolved(path)?;
        if real.is_dir() {
            return Err(FilesError::Invalid("Cannot read a directory.\n".into()));
        }
        let shown = real.display();
        let mut file = std::fs::File::open(&real).map_err(|error| {
            FilesError::Unknown(format!("Failed to open file at '{shown}': {error}.\n"))
        })?;
        let size = file.seek(SeekFrom::End(0)).map_err(|error| {
            FilesError::Unknown(format!("Failed to open file at '{shown}': {error}.\n"))
        })?;
        if offset >= size {
            return Ok((size, Vec::new()));
        }
        let length = length.unwrap_or(size - offset);
        if length == 0 {
            return Ok((size, Vec::new()));
        }
        let length = length.min(MAX_READ);
        file.seek(SeekFrom::Start(offset)).map_err(|error| {
            FilesError::Unknown(format!("Failed to seek file at '{shown}': {error}"))
        })?;
        let mut data = Vec::new();
        file.take(length)
            .read_to_end(&mut data)
            .map_err(|error| FilesError::Unknown(error.to_string()))?;
        Ok((size, data))
    }
}

/// `protobuf::createFileInfo`: the modification time in whole seconds, owner and group by
/// name where the system knows them.
fn file_info(path: &str, metadata: &std::fs::Metadata) -> FileInfo {
    FileInfo {
        path: path.to_string(),
        nlink: i32::try_from(metadata.nlink()).ok(),
        size: Some(metadata.size()),
        mtime: Some(TimeInfo {
            nanoseconds: metadata.mtime().saturating_mul(1_000_000_000),
        }),
        mode: Some(metadata.mode()),
        uid: Some(name_of("/etc/passwd", metadata.uid())),
        gid: Some(name_of("/etc/group", metadata.gid())),
    }
}

/// The name of user or group `id` in `/etc/passwd` or `/etc/group` (`getpwuid`,
/// `getgrgid`), else the number.
fn name_of(database: &str, id: u32) -> String {
    let wanted = id.to_string();
    std::fs::read_to_string(database)
        .ok()
        .and_then(|text| {
            text.lines().find_map(|line| {
                let mut fields = line.split(':');
                let name = fields.next()?;
                (fields.nth(1)? == wanted).then(|| name.to_string())
            })
        })
        .unwrap_or(wanted)
}

/// The entries of a directory with their names (none when it is not one).
fn children(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| Some((entry.file_name().into_string().ok()?, entry.path())))
        .collect()
}

fn path_string(path: &Path) -> String {
    path.display().to_string()
}

/// stout's `path::join` of two components: one `/` between them.
fn join(left: &str, right: &str) -> String {
    format!(
        "{}/{}",
        left.strip_suffix('/').unwrap_or(left),
        right.strip_prefix('/').unwrap_or(right)
    )
}

fn join_all(tokens: &[&str]) -> String {
    let mut iter = tokens.iter();
    let first = iter.next().map(|t| t.to_string()).unwrap_or_default();
    iter.fold(first, |acc, token| join(&acc, token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_upstream() {
        let root = std::env::temp_dir().join(format!("mesos-sim-files-{}", uuid::Uuid::new_v4()));
        let runs = root.join("frameworks/F/executors/E/runs");
        let run = runs.join("C");
        std::fs::create_dir_all(run.join("sub")).expect("dirs");
        std::fs::write(run.join("out.txt"), b"hello-sandbox\n").expect("file");
        std::os::unix::fs::symlink(&run, runs.join("latest")).expect("link");
        let files = Attachments::of_agent(&root);

        let latest = "/frameworks/F/executors/E/runs/latest";
        let listed: Vec<String> = files
            .browse(latest)
            .expect("listed")
            .into_iter()
            .map(|f| f.path)
            .collect();
        assert_eq!(
            listed,
            [format!("{latest}/out.txt"), format!("{latest}/sub")]
        );
        assert_eq!(
            files.read(3, Some(4), &format!("{latest}/out.txt")),
            Ok((14, b"lo-s".to_vec()))
        );
        assert_eq!(
            files.read(30, None, &format!("{latest}/out.txt")),
            Ok((14, Vec::new()))
        );
        let real = format!("{}/out.txt", run.display());
        assert_eq!(files.read(0, None, &real).map(|r| r.0), Ok(14));
        assert_eq!(
            files.read(0, None, latest),
            Err(FilesError::Invalid("Cannot read a directory.\n".into()))
        );
        assert_eq!(
            files.read(0, None, &format!("{latest}/out.txt/x")),
            Err(FilesError::NotFound)
        );
        assert_eq!(files.browse("/frameworks/F"), Err(FilesError::NotFound));
        assert_eq!(files.browse(&format!("{latest}/out.txt")), Ok(Vec::new()));
        let escape = files.browse(&format!("{latest}/../.."));
        assert!(
            matches!(&escape, Err(FilesError::Invalid(m)) if m.ends_with("is inaccessible.\n")),
            "{escape:?}"
        );
        let _ = std::fs::remove_dir_all(root);
    }
}
