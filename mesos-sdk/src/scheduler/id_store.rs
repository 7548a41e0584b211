//! Where a framework's id is kept between runs of its scheduler, so that a restarted scheduler
//! re-subscribes as the same framework (within its failover timeout) and keeps its tasks.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::Error;
use crate::v1::FrameworkId;

/// Keeps a framework's id. The session loads it at start (when the configured
/// `FrameworkInfo` has no id), saves it on the first SUBSCRIBED that assigns or confirms it,
/// and clears it after a TEARDOWN.
pub trait FrameworkIdStore: fmt::Debug + Send + Sync + 'static {
    /// The stored id, if one is stored.
    fn load(&self) -> Result<Option<FrameworkId>, Error>;
    /// Stores `id`, durably before returning.
    fn save(&self, id: &FrameworkId) -> Result<(), Error>;
    /// Forgets the stored id.
    fn clear(&self) -> Result<(), Error>;
}

/// The longest id a store accepts (Mesos ids are path components: `NAME_MAX`).
const MAX_ID_BYTES: usize = 255;

/// Checks what a store read: an id as Mesos accepts ids (`validateID`).
fn parse_id(text: &str, location: &str) -> Result<Option<FrameworkId>, Error> {
    let id = text.trim();
    if id.is_empty() {
        return Ok(None);
    }
    let refuse = |reason: String| Error::FrameworkIdStore {
        location: location.to_string(),
        reason,
    };
    if id.len() > MAX_ID_BYTES {
        return Err(refuse(format!(
            "holds {} bytes, more than a framework id's {MAX_ID_BYTES}",
            id.len()
        )));
    }
    if id == "."
        || id == ".."
        || id
            .bytes()
            .any(|b| b.is_ascii_control() || b == b'/' || b == b'\\')
    {
        return Err(refuse(format!("holds {id:?}, which is not a framework id")));
    }
    Ok(Some(FrameworkId {
        value: id.to_string(),
    }))
}

/// A [`FrameworkIdStore`] in a file holding the id alone. Saving writes a temporary file
/// beside it, flushes it to disk, renames it over the old one and flushes the folder, so the
/// file holds the old id or the new one, never a mix, even across a crash.
///
/// ```no_run
/// use std::sync::Arc;
/// use mesos_sdk::scheduler::{FileFrameworkIdStore, SchedulerConfig};
/// use mesos_sdk::v1::FrameworkInfo;
///
/// let info = FrameworkInfo { user: "nobody".into(), name: "svc".into(), ..Default::default() };
/// let config = SchedulerConfig::new(info)
///     .with_framework_id_store(Arc::new(FileFrameworkIdStore::new("/var/lib/svc/framework-id")));
/// # drop(config);
/// ```
#[derive(Debug)]
pub struct FileFrameworkIdStore {
    path: PathBuf,
    /// One save or clear at a time.
    writing: Mutex<()>,
}

impl FileFrameworkIdStore {
    /// A store in the file at `path` (created on the first save; its folder must exist).
    pub fn new(path: impl Into<PathBuf>) -> FileFrameworkIdStore {
        FileFrameworkIdStore {
            path: path.into(),
            writing: Mutex::new(()),
        }
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn error(&self, reason: impl fmt::Display) -> Error {
        Error::FrameworkIdStore {
            location: self.path.display().to_string(),
            reason: reason.to_string(),
        }
    }

    fn sync_folder(&self) -> Result<(), Error> {
        let folder = match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        std::fs::File::open(folder)
            .and_then(|f| f.sync_all())
            .map_err(|e| self.error(format!("flushing its folder: {e}")))
    }
}

impl FrameworkIdStore for FileFrameworkIdStore {
    fn load(&self) -> Result<Option<FrameworkId>, Error> {
        use std::io::Read;
        let file = match std::fs::File::open(&self.path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(self.error(e)),
        };
        // Read a little more than an id can be, never the whole of a file that is not one.
        let mut text = String::new();
        file.take(MAX_ID_BYTES as u64 + 2)
            .read_to_string(&mut text)
            .map_err(|e| self.error(format!("reading: {e}")))?;
        parse_id(&text, &self.path.display().to_string())
    }

    fn save(&self, id: &FrameworkId) -> Result<(), Error> {
        parse_id(&id.value, &self.path.display().to_string())?
            .ok_or_else(|| self.error("refusing to save an empty framework id"))?;
        let _guard = crate::transport::locked(&self.writing);
        let mut temporary = self.path.clone().into_os_string();
        temporary.push(format!(".tmp-{}", std::process::id()));
        let temporary = PathBuf::from(temporary);
        let written = (|| {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .open(&temporary)?;
            file.write_all(id.value.as_bytes())?;
            file.write_all(b"\n")?;
            file.sync_all()?;
            std::fs::rename(&temporary, &self.path)
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&temporary);
            return Err(self.error(format!("writing: {e}")));
        }
        self.sync_folder()
    }

    fn clear(&self) -> Result<(), Error> {
        let _guard = crate::transport::locked(&self.writing);
        match std::fs::remove_file(&self.path) {
            Ok(()) => self.sync_folder(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(self.error(format!("removing: {e}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("id-store-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("folder");
        dir
    }

    #[test]
    fn a_file_store_saves_loads_and_clears() {
        let dir = folder();
        let store = FileFrameworkIdStore::new(dir.join("id"));
        assert_eq!(store.load().expect("load"), None);
        let id = FrameworkId {
            value: "a1b2-0001".into(),
        };
        store.save(&id).expect("save");
        assert_eq!(store.load().expect("load"), Some(id.clone()));
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(&dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("id")]);
        store.clear().expect("clear");
        assert_eq!(store.load().expect("load"), None);
        store.clear().expect("clearing twice is fine");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn what_is_not_an_id_is_a_typed_error() {
        let dir = folder();
        let path = dir.join("id");
        let store = FileFrameworkIdStore::new(&path);
        for junk in ["../etc/passwd", "a\u{1}b", &"x".repeat(300)] {
            std::fs::write(&path, junk).expect("write");
            let error = store.load().expect_err(junk);
            assert!(matches!(error, Error::FrameworkIdStore { .. }), "{error:?}");
            assert!(error.to_string().contains(&path.display().to_string()));
        }
        assert!(
            store
                .save(&FrameworkId {
                    value: "a/b".into()
                })
                .is_err()
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
