//! The deploy manifests (`k8s-framework/deploy/*.yaml`) read into k8s-openapi's types,
//! strictly: a field the type does not know (a typo, a field of another version) is an error,
//! as `kubectl apply --validate=strict` would make it.

#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{Namespace, Service, ServiceAccount};
use k8s_openapi::api::rbac::v1::{ClusterRole, ClusterRoleBinding, Role, RoleBinding};
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// The folder of the manifests.
pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy")
}

/// One object of the manifests.
// A dozen objects read once: their sizes do not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Object {
    Namespace(Namespace),
    ServiceAccount(ServiceAccount),
    ClusterRole(ClusterRole),
    ClusterRoleBinding(ClusterRoleBinding),
    Role(Role),
    RoleBinding(RoleBinding),
    Deployment(Deployment),
    Service(Service),
}

/// An object and the file it came from.
#[derive(Debug, Clone)]
pub struct Manifest {
    pub file: String,
    pub object: Object,
}

/// Every object of every `.yaml` file in [`dir`], files in name order (the order `kubectl
/// apply -f deploy/` applies them), or what is wrong with one.
pub fn load() -> Result<Vec<Manifest>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .map_err(|e| format!("{}: {e}", dir().display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{file}: {e}"))?;
        for (index, document) in serde_yaml::Deserializer::from_str(&text).enumerate() {
            let value = serde_json::Value::deserialize(document)
                .map_err(|e| format!("{file}, document {index}: not YAML: {e}"))?;
            if value.is_null() {
                continue;
            }
            let object = parse(&value).map_err(|e| format!("{file}, document {index}: {e}"))?;
            out.push(Manifest {
                file: file.clone(),
                object,
            });
        }
    }
    Ok(out)
}

/// One object, by its `apiVersion` and `kind`.
pub fn parse(value: &serde_json::Value) -> Result<Object, String> {
    let api_version = value["apiVersion"].as_str().unwrap_or_default();
    let kind = value["kind"].as_str().unwrap_or_default();
    Ok(match (api_version, kind) {
        ("v1", "Namespace") => Object::Namespace(strict(value)?),
        ("v1", "ServiceAccount") => Object::ServiceAccount(strict(value)?),
        ("v1", "Service") => Object::Service(strict(value)?),
        ("rbac.authorization.k8s.io/v1", "ClusterRole") => Object::ClusterRole(strict(value)?),
        ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding") => {
            Object::ClusterRoleBinding(strict(value)?)
        }
        ("rbac.authorization.k8s.io/v1", "Role") => Object::Role(strict(value)?),
        ("rbac.authorization.k8s.io/v1", "RoleBinding") => Object::RoleBinding(strict(value)?),
        ("apps/v1", "Deployment") => Object::Deployment(strict(value)?),
        other => return Err(format!("an object of an unexpected kind: {other:?}")),
    })
}

/// `value` as a `T`, which must give back exactly `value` when written again: k8s-openapi
/// skips fields it does not know, so anything lost on the way was not a field of `T` (or had
/// the wrong type, e.g. a number given as a string).
pub fn strict<T>(value: &serde_json::Value) -> Result<T, String>
where
    T: DeserializeOwned + serde::Serialize,
{
    let typed: T = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    let again = serde_json::to_value(&typed).map_err(|e| e.to_string())?;
    match first_difference(value, &again, String::new()) {
        None => Ok(typed),
        Some(path) => Err(format!(
            "{path} does not survive a round trip through {} (an unknown field, or one of the wrong type)",
            std::any::type_name::<T>()
        )),
    }
}

/// The path of the first place where `a` and `b` differ.
fn first_difference(a: &serde_json::Value, b: &serde_json::Value, at: String) -> Option<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => x
            .iter()
            .find_map(|(k, v)| match y.get(k) {
                Some(w) => first_difference(v, w, format!("{at}.{k}")),
                None => Some(format!("{at}.{k}")),
            })
            .or_else(|| {
                y.keys()
                    .find(|k| !x.contains_key(*k))
                    .map(|k| format!("{at}.{k} (added)"))
            }),
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| first_difference(v, w, format!("{at}[{i}]"))),
        _ if a == b => None,
        _ => Some(if at.is_empty() { ".".into() } else { at }),
    }
}

impl Manifest {
    /// `kind/namespace/name`, for messages.
    pub fn id(&self) -> String {
        let (kind, meta) = match &self.object {
            Object::Namespace(o) => ("Namespace", &o.metadata),
            Object::ServiceAccount(o) => ("ServiceAccount", &o.metadata),
            Object::ClusterRole(o) => ("ClusterRole", &o.metadata),
            Object::ClusterRoleBinding(o) => ("ClusterRoleBinding", &o.metadata),
            Object::Role(o) => ("Role", &o.metadata),
            Object::RoleBinding(o) => ("RoleBinding", &o.metadata),
            Object::Deployment(o) => ("Deployment", &o.metadata),
            Object::Service(o) => ("Service", &o.metadata),
        };
        format!(
            "{kind}/{}/{}",
            meta.namespace.as_deref().unwrap_or(""),
            meta.name.as_deref().unwrap_or("")
        )
    }
}

/// The one Deployment of the manifests.
pub fn deployment(all: &[Manifest]) -> Deployment {
    let mut found = all.iter().filter_map(|m| match &m.object {
        Object::Deployment(d) => Some(d.clone()),
        _ => None,
    });
    let deployment = found.next().expect("a Deployment in deploy/");
    assert!(found.next().is_none(), "one Deployment in deploy/");
    deployment
}

/// The scheduler's container of the Deployment: (command, args, plain env values).
pub fn scheduler_container(
    deployment: &Deployment,
) -> (Vec<String>, Vec<String>, Vec<(String, String)>) {
    let spec = deployment
        .spec
        .as_ref()
        .and_then(|s| s.template.spec.as_ref())
        .expect("a pod template");
    assert_eq!(spec.containers.len(), 1, "one container: the scheduler");
    let container = &spec.containers[0];
    let env = container
        .env
        .iter()
        .flatten()
        .filter_map(|e| Some((e.name.clone(), e.value.clone()?)))
        .collect();
    (
        container.command.clone().unwrap_or_default(),
        container.args.clone().unwrap_or_default(),
        env,
    )
}
