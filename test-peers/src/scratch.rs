//! The scratch folders of the peers: a real Mesos cluster's, a ZooKeeper server's, mesos-sim's
//! work folder.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

static MADE: AtomicUsize = AtomicUsize::new(0);

/// A folder of the system's temporary directory, `<prefix>-<process id>-<n>`, removed on drop
/// unless the thread is panicking (a failed test leaves its logs there to read). Process ids
/// come back, so a folder of that name that an earlier test process left (one killed before
/// its cleanup) is emptied first: a peer never finds another's files.
///
/// Hold it as the last field of what runs in it: fields drop after their owner's `Drop`, which
/// is where the processes are stopped.
pub(crate) struct ScratchDir(PathBuf);

impl ScratchDir {
    pub(crate) fn new(prefix: &str) -> ScratchDir {
        let path = std::env::temp_dir().join(format!(
            "{prefix}-{}-{}",
            std::process::id(),
            MADE.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path)
            .unwrap_or_else(|e| panic!("creating {}: {e}", path.display()));
        ScratchDir(path)
    }
}

impl Deref for ScratchDir {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}
