//! A pod's volumes, made real on the agent before its containers start: `emptyDir` (a
//! directory of the pod's, or a tmpfs for `medium: Memory` where the executor may mount
//! one), `hostPath` (the host's own path, checked against its `type`), `configMap` and
//! `secret` (files written from the data the scheduler resolved, with `items` and modes),
//! `downwardAPI` (files of the pod's fields).
//!
//! Executor mode has no mount namespace: containers share the host's filesystem. A
//! container sees its mounts through the environment and its working directory instead:
//! `K8SM_VOLUME_<NAME>` holds the host path of each mounted volume (`subPath` applied, the
//! name upper-cased with `-` and `.` as `_`), `K8SM_ROOTFS` a directory where every
//! `mountPath` exists as a link to its volume (`$K8SM_ROOTFS/etc/config`), and a
//! `workingDir` at or under a `mountPath` is translated to the volume. Nothing else is
//! isolated: a container can read and write what the executor's user can.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Component, Path, PathBuf};

use k8s_openapi::api::core::v1::{Container, KeyToPath, Volume};

use super::env::{ConfigError, field_value};
use crate::pod_task::PodTask;

/// The pod's volumes, by name, as host paths.
#[derive(Debug, Default, Clone)]
pub(super) struct Volumes {
    paths: BTreeMap<String, PathBuf>,
    rootfs: PathBuf,
    tmpfs: Vec<PathBuf>,
}

fn volume_error(message: String) -> ConfigError {
    ConfigError {
        reason: "CreateContainerConfigError",
        message,
    }
}

/// A relative path of the volume that stays inside it (no `..`, not absolute).
fn inside(base: &Path, relative: &str) -> Result<PathBuf, ConfigError> {
    let relative = Path::new(relative);
    if relative.is_absolute()
        || relative
            .components()
            .any(|c| matches!(c, Component::ParentDir | Component::RootDir))
    {
        return Err(volume_error(format!(
            "path {:?} must be relative and may not contain '..'",
            relative.display()
        )));
    }
    Ok(base.join(relative))
}

fn write_file(path: &Path, data: &[u8], mode: u32) -> Result<(), ConfigError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| volume_error(format!("cannot create {}: {e}", parent.display())))?;
    }
    std::fs::write(path, data)
        .and_then(|()| std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)))
        .map_err(|e| volume_error(format!("cannot write {}: {e}", path.display())))
}

/// Writes a ConfigMap's or Secret's `data` into `dir`: every key, or only `items`.
fn write_keys(
    dir: &Path,
    what: &str,
    name: &str,
    data: Option<&BTreeMap<String, String>>,
    items: Option<&Vec<KeyToPath>>,
    default_mode: Option<i32>,
    optional: bool,
) -> Result<(), ConfigError> {
    let default_mode = u32::try_from(default_mode.unwrap_or(0o644)).unwrap_or(0o644) & 0o777;
    let Some(data) = data else {
        if optional {
            return Ok(());
        }
        return Err(volume_error(format!("{what} \"{name}\" not found")));
    };
    match items {
        Some(items) => {
            for item in items {
                let value = data.get(&item.key).ok_or_else(|| {
                    volume_error(format!(
                        "configmap references non-existent config key: {}",
                        item.key
                    ))
                })?;
                let mode = item
                    .mode
                    .and_then(|m| u32::try_from(m).ok())
                    .unwrap_or(default_mode)
                    & 0o777;
                write_file(&inside(dir, &item.path)?, value.as_bytes(), mode)?;
            }
        }
        None => {
            for (key, value) in data {
                write_file(&inside(dir, key)?, value.as_bytes(), default_mode)?;
            }
        }
    }
    Ok(())
}

/// An environment variable name for a volume.
fn env_name(volume: &str) -> String {
    let upper: String = volume
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("K8SM_VOLUME_{upper}")
}

impl Volumes {
    /// Makes every volume of the pod under `pod_dir/volumes`.
    pub(super) fn create(task: &PodTask, pod_dir: &Path) -> Result<Volumes, ConfigError> {
        let mut volumes = Volumes {
            rootfs: pod_dir.join("rootfs"),
            ..Default::default()
        };
        let specs: Vec<Volume> = task
            .pod
            .spec
            .as_ref()
            .and_then(|s| s.volumes.clone())
            .unwrap_or_default();
        for volume in specs {
            let dir = pod_dir.join("volumes").join(&volume.name);
            let path = if let Some(host) = &volume.host_path {
                host_path(&host.path, host.type_.as_deref().unwrap_or(""))?
            } else {
                std::fs::create_dir_all(&dir)
                    .map_err(|e| volume_error(format!("cannot create {}: {e}", dir.display())))?;
                if let Some(empty) = &volume.empty_dir {
                    if empty.medium.as_deref() == Some("Memory") {
                        mount_tmpfs(&dir, empty.size_limit.as_ref().map(|q| q.0.as_str()))?;
                        volumes.tmpfs.push(dir.clone());
                    }
                } else if let Some(cm) = &volume.config_map {
                    write_keys(
                        &dir,
                        "configmap",
                        &cm.name,
                        task.config_maps.get(&cm.name),
                        cm.items.as_ref(),
                        cm.default_mode,
                        cm.optional.unwrap_or(false),
                    )?;
                } else if let Some(secret) = &volume.secret {
                    let name = secret.secret_name.clone().unwrap_or_default();
                    write_keys(
                        &dir,
                        "secret",
                        &name,
                        task.secrets.get(&name),
                        secret.items.as_ref(),
                        secret.default_mode,
                        secret.optional.unwrap_or(false),
                    )?;
                } else if let Some(downward) = &volume.downward_api {
                    let mode = u32::try_from(downward.default_mode.unwrap_or(0o644))
                        .unwrap_or(0o644)
                        & 0o777;
                    for item in downward.items.iter().flatten() {
                        let value = match &item.field_ref {
                            Some(field) => {
                                field_value(task, &field.field_path).ok_or_else(|| {
                                    volume_error(format!(
                                        "unsupported fieldRef {:?} in volume {}",
                                        field.field_path, volume.name
                                    ))
                                })?
                            }
                            None => String::new(),
                        };
                        write_file(&inside(&dir, &item.path)?, value.as_bytes(), mode)?;
                    }
                } else {
                    return Err(volume_error(format!(
                        "volume {} is of a kind k8sm's executor mode cannot provide (it has \
                         emptyDir, hostPath, configMap, secret and downwardAPI)",
                        volume.name
                    )));
                }
                dir
            };
            volumes.paths.insert(volume.name.clone(), path);
        }
        Ok(volumes)
    }

    /// The environment and working directory `container` sees its mounts through; makes
    /// the links under `K8SM_ROOTFS`.
    pub(super) fn view(
        &self,
        container: &Container,
        pod_dir: &Path,
    ) -> Result<(BTreeMap<String, String>, PathBuf), ConfigError> {
        let mut env = BTreeMap::new();
        env.insert("K8SM_ROOTFS".to_string(), self.rootfs.display().to_string());
        let mut cwd = match &container.working_dir {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => pod_dir.to_path_buf(),
        };
        for mount in container.volume_mounts.iter().flatten() {
            let volume = self.paths.get(&mount.name).ok_or_else(|| {
                volume_error(format!(
                    "container {} mounts volume {}, which the pod does not have",
                    container.name, mount.name
                ))
            })?;
            let source = match mount.sub_path.as_deref() {
                Some(sub) if !sub.is_empty() => inside(volume, sub)?,
                _ => volume.clone(),
            };
            env.insert(env_name(&mount.name), source.display().to_string());
            let mount_path = Path::new(&mount.mount_path);
            let relative = mount_path.strip_prefix("/").unwrap_or(mount_path);
            let link = inside(&self.rootfs, &relative.display().to_string())?;
            if let Some(parent) = link.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            if std::fs::symlink_metadata(&link).is_err() {
                std::os::unix::fs::symlink(&source, &link)
                    .map_err(|e| volume_error(format!("cannot link {}: {e}", link.display())))?;
            }
            if let Some(working) = container.working_dir.as_deref() {
                if let Ok(rest) = Path::new(working).strip_prefix(mount_path) {
                    cwd = source.join(rest);
                }
            }
        }
        Ok((env, cwd))
    }

    /// Unmounts the pod's tmpfs volumes.
    pub(super) fn release(&self) {
        for dir in &self.tmpfs {
            let _ = std::process::Command::new("umount").arg(dir).status();
        }
    }
}

/// A `hostPath` checked against its `type` (`kubernetes: pkg/volume/hostpath`).
fn host_path(path: &str, kind: &str) -> Result<PathBuf, ConfigError> {
    let path = PathBuf::from(path);
    let meta = std::fs::metadata(&path);
    let wrong = |what: &str| {
        Err(volume_error(format!(
            "hostPath type check failed: {} is not a {what}",
            path.display()
        )))
    };
    match kind {
        "" => {}
        "DirectoryOrCreate" => {
            if meta.is_err() {
                std::fs::create_dir_all(&path)
                    .map_err(|e| volume_error(format!("cannot create {}: {e}", path.display())))?;
                let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755));
            } else if !meta.as_ref().is_ok_and(|m| m.is_dir()) {
                return wrong("directory");
            }
        }
        "Directory" if !meta.as_ref().is_ok_and(|m| m.is_dir()) => return wrong("directory"),
        "FileOrCreate" => {
            if meta.is_err() {
                if let Some(parent) = path.parent() {
                    let _ = std::fs::create_dir_all(parent);
                }
                std::fs::File::create(&path)
                    .map_err(|e| volume_error(format!("cannot create {}: {e}", path.display())))?;
            } else if !meta.as_ref().is_ok_and(|m| m.is_file()) {
                return wrong("file");
            }
        }
        "File" if !meta.as_ref().is_ok_and(|m| m.is_file()) => return wrong("file"),
        "Socket" | "CharDevice" | "BlockDevice" => {
            use std::os::unix::fs::FileTypeExt;
            let ok = meta.as_ref().is_ok_and(|m| {
                let t = m.file_type();
                match kind {
                    "Socket" => t.is_socket(),
                    "CharDevice" => t.is_char_device(),
                    _ => t.is_block_device(),
                }
            });
            if !ok {
                return wrong(kind);
            }
        }
        "Directory" | "File" => {}
        other => {
            return Err(volume_error(format!("unknown hostPath type {other:?}")));
        }
    }
    Ok(path)
}

/// `medium: Memory`: a tmpfs, where the executor may mount one.
fn mount_tmpfs(dir: &Path, size: Option<&str>) -> Result<(), ConfigError> {
    let mut options = "mode=0777".to_string();
    if let Some(bytes) = size.and_then(crate::quantity::parse) {
        options.push_str(&format!(",size={}", bytes.max(4096.0) as u64));
    }
    let status = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", &options, "tmpfs"])
        .arg(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    match status {
        Ok(s) if s.success() => Ok(()),
        _ => Err(volume_error(format!(
            "emptyDir with medium Memory needs a tmpfs mount at {}, which the executor is not \
             permitted to make (it needs CAP_SYS_ADMIN); use a disk-backed emptyDir",
            dir.display()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_their_volume() {
        let base = Path::new("/v");
        assert_eq!(inside(base, "a/b").expect("ok"), Path::new("/v/a/b"));
        assert!(inside(base, "../etc/passwd").is_err());
        assert!(inside(base, "/etc/passwd").is_err());
        assert_eq!(env_name("my-config.d"), "K8SM_VOLUME_MY_CONFIG_D");
    }
}
