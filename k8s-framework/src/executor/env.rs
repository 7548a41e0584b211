//! A container's environment and command line as the kubelet builds them: `envFrom` first,
//! then `env` in order (later entries win), `fieldRef`, `resourceFieldRef`, ConfigMap and
//! Secret keys, and `$(VAR)` expansion in values, `command` and `args`
//! (`kubernetes: pkg/kubelet/kubelet_pods.go` `makeEnvironmentVariables`,
//! `third_party/forked/golang/expansion/expand.go`).

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Container, EnvVar, Pod};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

use crate::pod_task::PodTask;

/// Why a container cannot be started; the message is what the pod's status shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The kubelet's reason (`CreateContainerConfigError`, ...).
    pub reason: &'static str,
    /// What is wrong, naming the container and the field.
    pub message: String,
}

fn config_error(message: String) -> ConfigError {
    ConfigError {
        reason: "CreateContainerConfigError",
        message,
    }
}

/// Replaces `$(NAME)` with `vars[NAME]` where defined; `$$` is a literal `$`; anything else,
/// an undefined name included, stays as written.
pub fn expand(input: &str, vars: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
        } else if let Some(body) = after.strip_prefix('(') {
            match body.find(')') {
                Some(end) => {
                    let name = &body[..end];
                    match vars.get(name) {
                        Some(value) => out.push_str(value),
                        None => {
                            out.push_str("$(");
                            out.push_str(name);
                            out.push(')');
                        }
                    }
                    rest = &body[end + 1..];
                }
                None => {
                    out.push_str("$(");
                    rest = body;
                }
            }
        } else {
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The value of a `fieldRef` path for this pod (`kubernetes: pkg/api/v1/pod/util.go`
/// `ConvertDownwardAPIFieldLabel` and the kubelet's `podFieldSelectorRuntimeValue`).
pub fn field_value(task: &PodTask, path: &str) -> Option<String> {
    let pod: &Pod = &task.pod;
    let meta = &pod.metadata;
    let spec = pod.spec.as_ref();
    let map_key = |prefix: &str| -> Option<String> {
        path.strip_prefix(prefix)
            .and_then(|r| r.strip_prefix("['"))
            .and_then(|r| r.strip_suffix("']"))
            .map(str::to_string)
    };
    match path {
        "metadata.name" => meta.name.clone(),
        "metadata.namespace" => Some(meta.namespace.clone().unwrap_or_else(|| "default".into())),
        "metadata.uid" => meta.uid.clone(),
        "spec.nodeName" => Some(task.node_name.clone()),
        "spec.serviceAccountName" => Some(
            spec.and_then(|s| s.service_account_name.clone())
                .unwrap_or_default(),
        ),
        "status.hostIP" | "status.podIP" => Some(task.host_ip.clone()),
        "status.hostIPs" | "status.podIPs" => Some(task.host_ip.clone()),
        "metadata.labels" => Some(format_map(meta.labels.as_ref())),
        "metadata.annotations" => Some(format_map(meta.annotations.as_ref())),
        _ => {
            if let Some(key) = map_key("metadata.labels") {
                return Some(
                    meta.labels
                        .as_ref()
                        .and_then(|l| l.get(&key).cloned())
                        .unwrap_or_default(),
                );
            }
            if let Some(key) = map_key("metadata.annotations") {
                return Some(
                    meta.annotations
                        .as_ref()
                        .and_then(|l| l.get(&key).cloned())
                        .unwrap_or_default(),
                );
            }
            None
        }
    }
}

/// `key="value"` lines, sorted, as the downward API writes maps.
fn format_map(map: Option<&BTreeMap<String, String>>) -> String {
    map.map(|m| {
        m.iter()
            .map(|(k, v)| format!("{k}={v:?}"))
            .collect::<Vec<_>>()
            .join("\n")
    })
    .unwrap_or_default()
}

/// A quantity in the units a `resourceFieldRef` asks for, rounded up as the kubelet does
/// (`kubernetes: pkg/api/v1/resource/helpers.go` `ExtractContainerResourceValue`).
fn resource_value(quantity: &Quantity, resource: &str, divisor: Option<&Quantity>) -> String {
    let value = crate::quantity::parse(&quantity.0).unwrap_or(0.0);
    let divisor = divisor
        .and_then(|d| crate::quantity::parse(&d.0))
        .filter(|d| *d > 0.0)
        .unwrap_or(1.0);
    let _ = resource;
    format!("{}", (value / divisor).ceil() as i64)
}

fn resource_field(container: &Container, resource: &str, divisor: Option<&Quantity>) -> String {
    let resources = container.resources.as_ref();
    let (kind, name) = resource.split_once('.').unwrap_or((resource, ""));
    let pick = |limits: bool| {
        resources
            .and_then(|r| {
                if limits {
                    r.limits.as_ref()
                } else {
                    r.requests.as_ref()
                }
            })
            .and_then(|m| m.get(name))
    };
    let quantity = match kind {
        "limits" => pick(true).or_else(|| pick(false)),
        _ => pick(false),
    };
    match quantity {
        Some(q) => resource_value(q, resource, divisor),
        // Without a limit the kubelet reports the node's allocatable amount; without a
        // request, zero.
        None => "0".into(),
    }
}

fn lookup(
    sources: &BTreeMap<String, BTreeMap<String, String>>,
    what: &str,
    name: &str,
    key: &str,
    optional: bool,
) -> Result<Option<String>, ConfigError> {
    match sources.get(name) {
        Some(data) => match data.get(key) {
            Some(value) => Ok(Some(value.clone())),
            None if optional => Ok(None),
            None => Err(config_error(format!(
                "couldn't find key {key} in {what} default/{name}"
            ))),
        },
        None if optional => Ok(None),
        None => Err(config_error(format!("{what} \"{name}\" not found"))),
    }
}

/// The environment of `container`: `envFrom` sources, then `env` entries in order, each
/// value expanded against what precedes it.
pub fn environment(
    task: &PodTask,
    container: &Container,
) -> Result<BTreeMap<String, String>, ConfigError> {
    let mut vars: BTreeMap<String, String> = BTreeMap::new();
    for source in container.env_from.iter().flatten() {
        let prefix = source.prefix.clone().unwrap_or_default();
        let (what, name, optional, data) = if let Some(cm) = &source.config_map_ref {
            (
                "configmap",
                cm.name.clone(),
                cm.optional.unwrap_or(false),
                task.config_maps.get(&cm.name),
            )
        } else if let Some(secret) = &source.secret_ref {
            (
                "secret",
                secret.name.clone(),
                secret.optional.unwrap_or(false),
                task.secrets.get(&secret.name),
            )
        } else {
            continue;
        };
        match data {
            Some(data) => {
                for (key, value) in data {
                    vars.insert(format!("{prefix}{key}"), value.clone());
                }
            }
            None if optional => {}
            None => return Err(config_error(format!("{what} \"{name}\" not found"))),
        }
    }
    for EnvVar {
        name,
        value,
        value_from,
    } in container.env.iter().flatten()
    {
        let resolved = if let Some(from) = value_from {
            if let Some(field) = &from.field_ref {
                field_value(task, &field.field_path).ok_or_else(|| {
                    config_error(format!(
                        "unsupported fieldRef {:?} for env {name} of container {}",
                        field.field_path, container.name
                    ))
                })?
            } else if let Some(resource) = &from.resource_field_ref {
                let source = match &resource.container_name {
                    Some(other) if !other.is_empty() && *other != container.name => task
                        .pod
                        .spec
                        .as_ref()
                        .and_then(|s| s.containers.iter().find(|c| c.name == *other))
                        .ok_or_else(|| {
                            config_error(format!(
                                "resourceFieldRef of env {name} names container {other}, which \
                                 is not in the pod"
                            ))
                        })?,
                    _ => container,
                };
                resource_field(source, &resource.resource, resource.divisor.as_ref())
            } else if let Some(key) = &from.config_map_key_ref {
                match lookup(
                    &task.config_maps,
                    "configmap",
                    &key.name,
                    &key.key,
                    key.optional.unwrap_or(false),
                )? {
                    Some(v) => v,
                    None => continue,
                }
            } else if let Some(key) = &from.secret_key_ref {
                match lookup(
                    &task.secrets,
                    "secret",
                    &key.name,
                    &key.key,
                    key.optional.unwrap_or(false),
                )? {
                    Some(v) => v,
                    None => continue,
                }
            } else {
                String::new()
            }
        } else {
            expand(value.as_deref().unwrap_or_default(), &vars)
        };
        vars.insert(name.clone(), resolved);
    }
    Ok(vars)
}

/// The process's argv: `command` (the entrypoint) then `args`, each expanded. Without an
/// image there is no entrypoint to fall back on, so a container with args only runs its args,
/// and one with neither cannot run.
pub fn argv(
    container: &Container,
    vars: &BTreeMap<String, String>,
) -> Result<Vec<String>, ConfigError> {
    let argv: Vec<String> = container
        .command
        .iter()
        .flatten()
        .chain(container.args.iter().flatten())
        .map(|a| expand(a, vars))
        .collect();
    if argv.is_empty() {
        return Err(ConfigError {
            reason: "CreateContainerError",
            message: format!(
                "container {} has neither command nor args: k8sm's executor mode runs \
                 processes, not images (give the container a command)",
                container.name
            ),
        });
    }
    Ok(argv)
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{
        ConfigMapEnvSource, ConfigMapKeySelector, EnvFromSource, EnvVarSource, ObjectFieldSelector,
    };

    fn vars(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn expansion_follows_kubernetes_rules() {
        let v = vars(&[("A", "1"), ("B", "two")]);
        assert_eq!(expand("$(A)-$(B)", &v), "1-two");
        assert_eq!(expand("$$(A)", &v), "$(A)");
        assert_eq!(expand("$(MISSING)", &v), "$(MISSING)");
        assert_eq!(expand("cost $5", &v), "cost $5");
        assert_eq!(expand("open $(A", &v), "open $(A");
        assert_eq!(expand("é$(A)ü", &v), "é1ü");
    }

    fn task() -> PodTask {
        let mut task = PodTask {
            node_name: "node-a".into(),
            host_ip: "10.0.0.7".into(),
            ..Default::default()
        };
        task.pod.metadata.name = Some("web".into());
        task.pod.metadata.namespace = Some("shop".into());
        task.pod.metadata.uid = Some("u-1".into());
        task.pod.metadata.labels = Some(vars(&[("app", "web")]));
        task.config_maps
            .insert("settings".into(), vars(&[("mode", "fast"), ("level", "3")]));
        task
    }

    #[test]
    fn env_from_then_env_with_field_and_config_map_references() {
        let field = |path: &str| EnvVarSource {
            field_ref: Some(ObjectFieldSelector {
                field_path: path.into(),
                ..Default::default()
            }),
            ..Default::default()
        };
        let container = Container {
            name: "app".into(),
            env_from: Some(vec![EnvFromSource {
                prefix: Some("CFG_".into()),
                config_map_ref: Some(ConfigMapEnvSource {
                    name: "settings".into(),
                    optional: None,
                }),
                ..Default::default()
            }]),
            env: Some(vec![
                EnvVar {
                    name: "POD".into(),
                    value_from: Some(field("metadata.name")),
                    ..Default::default()
                },
                EnvVar {
                    name: "NS".into(),
                    value_from: Some(field("metadata.namespace")),
                    ..Default::default()
                },
                EnvVar {
                    name: "NODE".into(),
                    value_from: Some(field("spec.nodeName")),
                    ..Default::default()
                },
                EnvVar {
                    name: "APP".into(),
                    value_from: Some(field("metadata.labels['app']")),
                    ..Default::default()
                },
                EnvVar {
                    name: "MODE".into(),
                    value_from: Some(EnvVarSource {
                        config_map_key_ref: Some(ConfigMapKeySelector {
                            name: "settings".into(),
                            key: "mode".into(),
                            optional: None,
                        }),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
                EnvVar {
                    name: "GREETING".into(),
                    value: Some("$(POD) in $(NS) is $(MODE)".into()),
                    ..Default::default()
                },
            ]),
            ..Default::default()
        };
        let env = environment(&task(), &container).expect("resolvable");
        assert_eq!(env["CFG_mode"], "fast");
        assert_eq!(env["CFG_level"], "3");
        assert_eq!(env["POD"], "web");
        assert_eq!(env["NODE"], "node-a");
        assert_eq!(env["APP"], "web");
        assert_eq!(env["GREETING"], "web in shop is fast");
    }

    #[test]
    fn a_missing_config_map_is_a_config_error_unless_optional() {
        let mut container = Container {
            name: "app".into(),
            env: Some(vec![EnvVar {
                name: "X".into(),
                value_from: Some(EnvVarSource {
                    config_map_key_ref: Some(ConfigMapKeySelector {
                        name: "absent".into(),
                        key: "k".into(),
                        optional: None,
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            }]),
            ..Default::default()
        };
        let error = environment(&task(), &container).expect_err("missing");
        assert_eq!(error.reason, "CreateContainerConfigError");
        assert!(error.message.contains("absent"), "{error:?}");
        if let Some(env) = container.env.as_mut() {
            if let Some(from) = env[0].value_from.as_mut() {
                if let Some(key) = from.config_map_key_ref.as_mut() {
                    key.optional = Some(true);
                }
            }
        }
        let env = environment(&task(), &container).expect("optional");
        assert!(!env.contains_key("X"));
    }

    #[test]
    fn argv_is_command_then_args_and_needs_one_of_them() {
        let v = vars(&[("WHO", "world")]);
        let container = Container {
            name: "c".into(),
            command: Some(vec!["echo".into()]),
            args: Some(vec!["hello $(WHO)".into()]),
            ..Default::default()
        };
        assert_eq!(argv(&container, &v).expect("argv"), ["echo", "hello world"]);
        let args_only = Container {
            name: "c".into(),
            args: Some(vec!["sleep".into(), "1".into()]),
            ..Default::default()
        };
        assert_eq!(argv(&args_only, &v).expect("argv"), ["sleep", "1"]);
        let neither = Container {
            name: "c".into(),
            image: Some("nginx".into()),
            ..Default::default()
        };
        let error = argv(&neither, &v).expect_err("nothing to run");
        assert!(
            error.message.contains("give the container a command"),
            "{error:?}"
        );
    }
}
