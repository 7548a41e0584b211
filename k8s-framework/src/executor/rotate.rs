//! A container's log file, rotated by size as the kubelet rotates container logs
//! (`--container-log-max-size`, default 10Mi; `--container-log-max-files`, default 5:
//! `kubernetes: pkg/kubelet/logs/container_log_manager.go`).
//!
//! The container shim writes what the container prints through a [`RotatingLog`]: when the
//! next write would take the file past its size, the file is renamed `N.log.1` (older ones
//! shift to `.2`, `.3`, ... and the oldest beyond the count is dropped) and a new, empty
//! `N.log` takes its place. As with the kubelet, `kubectl logs` reads the current file only.
//! Rotated files keep a plain numeric suffix (the kubelet stamps them with the time and
//! compresses the older ones).

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The kubelet's default `--container-log-max-size`: 10 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;
/// The kubelet's default `--container-log-max-files`: the current file and four rotated.
pub const DEFAULT_MAX_FILES: u32 = 5;
/// The environment variable that sets the size (a Kubernetes quantity, e.g. `10Mi`), for the
/// executor; the scheduler sets it from its `--container-log-max-size`.
pub const MAX_SIZE_ENV: &str = "K8SM_CONTAINER_LOG_MAX_SIZE";
/// The environment variable that sets the file count (at least 2), for the executor.
pub const MAX_FILES_ENV: &str = "K8SM_CONTAINER_LOG_MAX_FILES";

/// How large a container's log grows and how many files of it are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogLimits {
    /// The size past which the file is rotated, in bytes (at least 1).
    pub max_bytes: u64,
    /// How many files are kept, the current one included (at least 2).
    pub max_files: u32,
}

impl Default for LogLimits {
    fn default() -> Self {
        LogLimits {
            max_bytes: DEFAULT_MAX_BYTES,
            max_files: DEFAULT_MAX_FILES,
        }
    }
}

/// A log limit that cannot be used, with where it came from.
#[derive(Debug, thiserror::Error)]
#[error("{variable}={value:?}: {reason}")]
pub struct LimitError {
    /// The variable or flag that held it.
    pub variable: String,
    /// What it held.
    pub value: String,
    /// Why it cannot be used.
    pub reason: &'static str,
}

impl LogLimits {
    /// Parses a size (a Kubernetes quantity: `10Mi`, `500Ki`, `1000000`) and a count, as the
    /// kubelet validates them: the size positive, the count at least 2. `size_from` and
    /// `files_from` name where the values came from, for the error.
    pub fn parse(
        size: Option<&str>,
        size_from: &str,
        files: Option<&str>,
        files_from: &str,
    ) -> Result<LogLimits, LimitError> {
        let mut limits = LogLimits::default();
        if let Some(text) = size {
            let bytes = crate::quantity::parse(text.trim())
                .filter(|b| b.is_finite() && *b >= 1.0)
                .ok_or_else(|| LimitError {
                    variable: size_from.to_string(),
                    value: text.to_string(),
                    reason: "not a positive size (a quantity such as 10Mi)",
                })?;
            // Saturating: a size past u64 is as good as no limit.
            limits.max_bytes = if bytes >= u64::MAX as f64 {
                u64::MAX
            } else {
                bytes as u64
            };
        }
        if let Some(text) = files {
            limits.max_files = text
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| *n >= 2)
                .ok_or_else(|| LimitError {
                    variable: files_from.to_string(),
                    value: text.to_string(),
                    reason: "not a whole number of at least 2",
                })?;
        }
        Ok(limits)
    }

    /// The limits of this process' environment ([`MAX_SIZE_ENV`], [`MAX_FILES_ENV`]); the
    /// defaults for what is unset.
    pub fn from_env() -> Result<LogLimits, LimitError> {
        let read = |name: &str| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned());
        LogLimits::parse(
            read(MAX_SIZE_ENV).as_deref(),
            MAX_SIZE_ENV,
            read(MAX_FILES_ENV).as_deref(),
            MAX_FILES_ENV,
        )
    }
}

/// A log file that rotates itself by size.
#[derive(Debug)]
pub struct RotatingLog {
    path: PathBuf,
    limits: LogLimits,
    file: File,
    size: u64,
}

/// `path` with `.n` appended.
pub fn rotated_path(path: &Path, n: u32) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".{n}"));
    PathBuf::from(name)
}

impl RotatingLog {
    /// Opens `path` for appending (creating it), counting what it holds already.
    pub fn open(path: &Path, limits: LogLimits) -> std::io::Result<RotatingLog> {
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        let size = file.metadata()?.len();
        Ok(RotatingLog {
            path: path.to_path_buf(),
            limits: LogLimits {
                max_bytes: limits.max_bytes.max(1),
                max_files: limits.max_files.max(2),
            },
            file,
            size,
        })
    }

    /// Appends `data`, rotating first when it would take a non-empty file past its size.
    /// One write larger than the size goes whole into a fresh file.
    pub fn write(&mut self, data: &[u8]) -> std::io::Result<()> {
        if data.is_empty() {
            return Ok(());
        }
        if self.size > 0 && self.size.saturating_add(data.len() as u64) > self.limits.max_bytes {
            self.rotate()?;
        }
        self.file.write_all(data)?;
        self.size = self.size.saturating_add(data.len() as u64);
        Ok(())
    }

    fn rotate(&mut self) -> std::io::Result<()> {
        // The oldest kept is `.{max_files - 1}`: renaming onto it replaces what was there.
        for n in (1..self.limits.max_files - 1).rev() {
            match std::fs::rename(rotated_path(&self.path, n), rotated_path(&self.path, n + 1)) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        std::fs::rename(&self.path, rotated_path(&self.path, 1))?;
        self.file = OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(true)
            .open(&self.path)?;
        self.size = 0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_parse_as_the_kubelet_validates_them() {
        assert_eq!(
            LogLimits::parse(None, "s", None, "f").unwrap(),
            LogLimits::default()
        );
        let limits = LogLimits::parse(Some("1Ki"), "s", Some("3"), "f").unwrap();
        assert_eq!((limits.max_bytes, limits.max_files), (1024, 3));
        for (size, files) in [
            (Some("0"), None),
            (Some("-1Mi"), None),
            (Some("ten"), None),
            (None, Some("1")),
            (None, Some("many")),
        ] {
            let error = LogLimits::parse(size, "SIZE", files, "FILES").unwrap_err();
            assert!(
                error.to_string().starts_with("SIZE=") || error.to_string().starts_with("FILES="),
                "{error}"
            );
        }
    }

    #[test]
    fn a_full_log_rotates_and_keeps_the_newest_files() {
        let dir = std::env::temp_dir().join(format!("k8sm-rotate-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("0.log");
        let mut log = RotatingLog::open(
            &path,
            LogLimits {
                max_bytes: 10,
                max_files: 3,
            },
        )
        .unwrap();
        for line in [
            "aaaa\n", "bbbb\n", "cccc\n", "dddd\n", "eeee\n", "ffff\n", "gggg\n",
        ] {
            log.write(line.as_bytes()).unwrap();
        }
        let read = |p: PathBuf| std::fs::read_to_string(p).unwrap_or_default();
        assert_eq!(read(path.clone()), "gggg\n");
        assert_eq!(read(rotated_path(&path, 1)), "eeee\nffff\n");
        assert_eq!(read(rotated_path(&path, 2)), "cccc\ndddd\n");
        assert!(!rotated_path(&path, 3).exists(), "three files kept");
        // A write larger than the size goes whole into a fresh file.
        log.write(b"0123456789abcdef\n").unwrap();
        assert_eq!(read(path.clone()), "0123456789abcdef\n");
        // Reopening counts what the file holds.
        drop(log);
        let mut log = RotatingLog::open(
            &path,
            LogLimits {
                max_bytes: 10,
                max_files: 3,
            },
        )
        .unwrap();
        log.write(b"x\n").unwrap();
        assert_eq!(read(path.clone()), "x\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
