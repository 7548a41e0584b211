//! The kinds this server serves: names, scopes, verbs, subresources and selectable fields.
//!
//! One [`ResourceKind`] per served group/version/resource; discovery, routing, OpenAPI and
//! storage all read this table, so adding a kind starts here.

use serde_json::Value;

/// A served resource: what discovery lists and what the routes accept.
#[derive(Debug)]
pub(crate) struct ResourceKind {
    /// API group, empty for the legacy core group.
    pub(crate) group: &'static str,
    /// API version, e.g. `v1`.
    pub(crate) version: &'static str,
    /// Kind, e.g. `Pod`.
    pub(crate) kind: &'static str,
    /// Plural resource name, e.g. `pods`.
    pub(crate) plural: &'static str,
    /// Singular resource name, e.g. `pod`.
    pub(crate) singular: &'static str,
    /// Whether objects live in a namespace.
    pub(crate) namespaced: bool,
    /// Short names kubectl accepts (`po`, `no`).
    pub(crate) short_names: &'static [&'static str],
    /// Categories (`all`).
    pub(crate) categories: &'static [&'static str],
    /// Which subresources are served.
    pub(crate) subresources: &'static [Subresource],
    /// Where objects are kept: kinds served in two groups (events) share storage.
    pub(crate) storage: &'static str,
    /// Field labels accepted in a `fieldSelector`, each with the JSON path it reads.
    pub(crate) fields: &'static [(&'static str, &'static [&'static str])],
    /// Whether deleting the object is graceful (pods) rather than immediate.
    pub(crate) graceful_delete: bool,
    /// Whether a DELETE answers with the deleted object rather than a `Status`.
    pub(crate) return_deleted_object: bool,
    /// The verbs discovery lists for the resource itself.
    pub(crate) verbs: &'static [&'static str],
}

/// A subresource of a served kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Subresource {
    /// `.../status`: get, update and patch the status alone.
    Status,
    /// `pods/binding`: bind a pod to a node.
    Binding,
    /// `pods/log`: a container's log, proxied from the pod's node (see `logs`).
    Log,
}

impl Subresource {
    /// The path segment.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Subresource::Status => "status",
            Subresource::Binding => "binding",
            Subresource::Log => "log",
        }
    }
}

const ALL_VERBS: &[&str] = &[
    "create",
    "delete",
    "deletecollection",
    "get",
    "list",
    "patch",
    "update",
    "watch",
];
const NAMESPACE_VERBS: &[&str] = &[
    "create", "delete", "get", "list", "patch", "update", "watch",
];

const META_FIELDS: &[(&str, &[&str])] = &[
    ("metadata.name", &["metadata", "name"]),
    ("metadata.namespace", &["metadata", "namespace"]),
];

/// Selectable pod fields: `kubernetes: pkg/registry/core/pod/strategy.go` (`PodToSelectableFields`).
const POD_FIELDS: &[(&str, &[&str])] = &[
    ("metadata.name", &["metadata", "name"]),
    ("metadata.namespace", &["metadata", "namespace"]),
    ("spec.nodeName", &["spec", "nodeName"]),
    ("spec.restartPolicy", &["spec", "restartPolicy"]),
    ("spec.schedulerName", &["spec", "schedulerName"]),
    ("spec.serviceAccountName", &["spec", "serviceAccountName"]),
    ("spec.hostNetwork", &["spec", "hostNetwork"]),
    ("status.phase", &["status", "phase"]),
    ("status.podIP", &["status", "podIP"]),
    ("status.nominatedNodeName", &["status", "nominatedNodeName"]),
];

/// `kubernetes: pkg/registry/core/node/strategy.go` (`NodeToSelectableFields`).
const NODE_FIELDS: &[(&str, &[&str])] = &[
    ("metadata.name", &["metadata", "name"]),
    ("spec.unschedulable", &["spec", "unschedulable"]),
];

/// `kubernetes: pkg/registry/core/namespace/strategy.go` (`NamespaceToSelectableFields`).
const NAMESPACE_FIELDS: &[(&str, &[&str])] = &[
    ("metadata.name", &["metadata", "name"]),
    ("status.phase", &["status", "phase"]),
];

/// `kubernetes: pkg/registry/core/event/strategy.go` (`ToSelectableFields`), core/v1 names.
const EVENT_FIELDS: &[(&str, &[&str])] = &[
    ("metadata.name", &["metadata", "name"]),
    ("metadata.namespace", &["metadata", "namespace"]),
    ("involvedObject.kind", &["involvedObject", "kind"]),
    ("involvedObject.namespace", &["involvedObject", "namespace"]),
    ("involvedObject.name", &["involvedObject", "name"]),
    ("involvedObject.uid", &["involvedObject", "uid"]),
    (
        "involvedObject.apiVersion",
        &["involvedObject", "apiVersion"],
    ),
    (
        "involvedObject.resourceVersion",
        &["involvedObject", "resourceVersion"],
    ),
    ("involvedObject.fieldPath", &["involvedObject", "fieldPath"]),
    ("reason", &["reason"]),
    ("reportingComponent", &["reportingComponent"]),
    ("source", &["source", "component"]),
    ("type", &["type"]),
];

/// The same selectable fields, named as events.k8s.io/v1 names them (the storage is core/v1).
const EVENTS_V1_FIELDS: &[(&str, &[&str])] = &[
    ("metadata.name", &["metadata", "name"]),
    ("metadata.namespace", &["metadata", "namespace"]),
    ("regarding.kind", &["involvedObject", "kind"]),
    ("regarding.namespace", &["involvedObject", "namespace"]),
    ("regarding.name", &["involvedObject", "name"]),
    ("regarding.uid", &["involvedObject", "uid"]),
    ("regarding.apiVersion", &["involvedObject", "apiVersion"]),
    (
        "regarding.resourceVersion",
        &["involvedObject", "resourceVersion"],
    ),
    ("regarding.fieldPath", &["involvedObject", "fieldPath"]),
    ("reason", &["reason"]),
    ("reportingController", &["reportingComponent"]),
    ("type", &["type"]),
];

/// Every served kind.
pub(crate) static KINDS: &[ResourceKind] = &[
    ResourceKind {
        group: "",
        version: "v1",
        kind: "Namespace",
        plural: "namespaces",
        singular: "namespace",
        namespaced: false,
        short_names: &["ns"],
        categories: &[],
        subresources: &[Subresource::Status],
        storage: "namespaces",
        fields: NAMESPACE_FIELDS,
        graceful_delete: false,
        return_deleted_object: true,
        verbs: NAMESPACE_VERBS,
    },
    ResourceKind {
        group: "",
        version: "v1",
        kind: "Pod",
        plural: "pods",
        singular: "pod",
        namespaced: true,
        short_names: &["po"],
        categories: &["all"],
        subresources: &[Subresource::Binding, Subresource::Log, Subresource::Status],
        storage: "pods",
        fields: POD_FIELDS,
        graceful_delete: true,
        return_deleted_object: true,
        verbs: ALL_VERBS,
    },
    ResourceKind {
        group: "",
        version: "v1",
        kind: "Node",
        plural: "nodes",
        singular: "node",
        namespaced: false,
        short_names: &["no"],
        categories: &[],
        subresources: &[Subresource::Status],
        storage: "nodes",
        fields: NODE_FIELDS,
        graceful_delete: false,
        return_deleted_object: false,
        verbs: ALL_VERBS,
    },
    ResourceKind {
        group: "",
        version: "v1",
        kind: "ConfigMap",
        plural: "configmaps",
        singular: "configmap",
        namespaced: true,
        short_names: &["cm"],
        categories: &[],
        subresources: &[],
        storage: "configmaps",
        fields: META_FIELDS,
        graceful_delete: false,
        return_deleted_object: false,
        verbs: ALL_VERBS,
    },
    ResourceKind {
        group: "",
        version: "v1",
        kind: "Event",
        plural: "events",
        singular: "event",
        namespaced: true,
        short_names: &["ev"],
        categories: &[],
        subresources: &[],
        storage: "events",
        fields: EVENT_FIELDS,
        graceful_delete: false,
        return_deleted_object: false,
        verbs: ALL_VERBS,
    },
    ResourceKind {
        group: "coordination.k8s.io",
        version: "v1",
        kind: "Lease",
        plural: "leases",
        singular: "lease",
        namespaced: true,
        short_names: &[],
        categories: &[],
        subresources: &[],
        storage: "leases.coordination.k8s.io",
        fields: META_FIELDS,
        graceful_delete: false,
        return_deleted_object: false,
        verbs: ALL_VERBS,
    },
    ResourceKind {
        group: "events.k8s.io",
        version: "v1",
        kind: "Event",
        plural: "events",
        singular: "event",
        namespaced: true,
        short_names: &["ev"],
        categories: &[],
        subresources: &[],
        storage: "events",
        fields: EVENTS_V1_FIELDS,
        graceful_delete: false,
        return_deleted_object: false,
        verbs: ALL_VERBS,
    },
];

/// The API groups served under `/apis`, in the order discovery lists them.
pub(crate) const GROUPS: &[(&str, &str)] =
    &[("events.k8s.io", "v1"), ("coordination.k8s.io", "v1")];

impl ResourceKind {
    /// `v1` or `coordination.k8s.io/v1`.
    pub(crate) fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.to_string()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// Whether the kind has this subresource.
    pub(crate) fn has(&self, sub: Subresource) -> bool {
        self.subresources.contains(&sub)
    }

    /// The value of a selectable field, or `None` if the label is not selectable for this kind.
    /// Absent fields read as the empty string, booleans as `true`/`false`, as upstream does.
    pub(crate) fn field_value(&self, obj: &Value, label: &str) -> Option<String> {
        let (_, path) = self.fields.iter().find(|(l, _)| *l == label)?;
        let mut cur = obj;
        for seg in *path {
            match cur.get(seg) {
                Some(v) => cur = v,
                None => {
                    return Some(
                        if label == "spec.hostNetwork" || label == "spec.unschedulable" {
                            "false".into()
                        } else {
                            String::new()
                        },
                    );
                }
            }
        }
        Some(match cur {
            Value::String(s) => s.clone(),
            Value::Bool(b) => b.to_string(),
            Value::Null => String::new(),
            other => other.to_string(),
        })
    }
}

/// The kind served at `group`/`version`/`plural`, if any.
pub(crate) fn lookup(group: &str, version: &str, plural: &str) -> Option<&'static ResourceKind> {
    KINDS
        .iter()
        .find(|k| k.group == group && k.version == version && k.plural == plural)
}

/// The kinds served in one group version.
pub(crate) fn in_group_version<'a>(
    group: &'a str,
    version: &'a str,
) -> impl Iterator<Item = &'static ResourceKind> + 'a {
    KINDS
        .iter()
        .filter(move |k| k.group == group && k.version == version)
}
