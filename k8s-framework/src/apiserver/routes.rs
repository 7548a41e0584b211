//! Request paths: which document, collection, object or subresource a URL names, and the
//! query string, percent-decoded.
//!
//! The layout is kube-apiserver's: `/api/v1/...` for the core group, `/apis/{group}/{version}/...`
//! for the others, `namespaces/{ns}/` before namespaced resources.

use super::resources::{ResourceKind, Subresource, lookup};

/// What a request path names.
#[derive(Debug, Clone)]
pub(crate) enum Route {
    /// `/version`.
    Version,
    /// `/api`.
    Api,
    /// `/apis`.
    Apis,
    /// `/apis/{group}`.
    ApiGroup(String),
    /// `/api/v1` or `/apis/{group}/{version}`.
    ApiResources {
        /// Group ("" for core).
        group: String,
        /// Version.
        version: String,
    },
    /// `/openapi/v2`.
    OpenApiV2,
    /// `/openapi/v3`.
    OpenApiV3Root,
    /// `/openapi/v3/{api/v1 | apis/g/v}`.
    OpenApiV3(String),
    /// `/healthz`, `/livez`, `/readyz`.
    Health,
    /// A collection: list, watch, create, deletecollection.
    Collection {
        /// The kind.
        kind: &'static ResourceKind,
        /// The namespace, for namespaced paths.
        namespace: Option<String>,
    },
    /// One object.
    Object {
        /// The kind.
        kind: &'static ResourceKind,
        /// The namespace ("" for cluster-scoped kinds).
        namespace: String,
        /// The object's name.
        name: String,
    },
    /// A subresource of one object.
    Subresource {
        /// The kind.
        kind: &'static ResourceKind,
        /// The namespace ("" for cluster-scoped kinds).
        namespace: String,
        /// The object's name.
        name: String,
        /// Which subresource.
        sub: Subresource,
    },
    /// Under a served group version but no such resource: a 404 `Status`.
    UnknownResource,
    /// Nothing at all: kube-apiserver's plain `404 page not found`.
    NotFound,
}

/// Percent-decodes a query component (`+` is a space).
pub(crate) fn percent_decode(s: &str) -> String {
    // `+` first: a `%2B` decodes to a plus that stays one.
    percent_encoding::percent_decode_str(&s.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// The parsed query string.
#[derive(Debug, Clone, Default)]
pub(crate) struct Query(Vec<(String, String)>);

impl Query {
    /// Parses `a=b&c=d`.
    pub(crate) fn parse(q: Option<&str>) -> Self {
        let mut out = Vec::new();
        for pair in q.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            out.push((percent_decode(k), percent_decode(v)));
        }
        Self(out)
    }

    /// The first value of a parameter.
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A boolean parameter (`true`, `1`).
    pub(crate) fn flag(&self, key: &str) -> bool {
        matches!(self.get(key), Some("true" | "1"))
    }
}

fn served_gv(group: &str, version: &str) -> bool {
    (group.is_empty() && version == "v1") || super::resources::GROUPS.contains(&(group, version))
}

/// Routes a path.
pub(crate) fn route(path: &str) -> Route {
    let segs: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(percent_decode)
        .collect();
    let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
    match segs.as_slice() {
        ["version"] => Route::Version,
        ["healthz" | "livez" | "readyz", ..] => Route::Health,
        ["api"] => Route::Api,
        ["apis"] => Route::Apis,
        ["openapi", "v2"] => Route::OpenApiV2,
        ["openapi", "v3"] => Route::OpenApiV3Root,
        ["openapi", "v3", rest @ ..] => Route::OpenApiV3(rest.join("/")),
        ["api", "v1"] => Route::ApiResources {
            group: String::new(),
            version: "v1".into(),
        },
        ["apis", group] => Route::ApiGroup(group.to_string()),
        ["apis", group, version] => {
            if served_gv(group, version) {
                Route::ApiResources {
                    group: group.to_string(),
                    version: version.to_string(),
                }
            } else {
                Route::NotFound
            }
        }
        ["api", "v1", rest @ ..] => resource_route("", "v1", rest),
        ["apis", group, version, rest @ ..] if served_gv(group, version) => {
            resource_route(group, version, rest)
        }
        _ => Route::NotFound,
    }
}

fn sub_of(kind: &'static ResourceKind, s: &str) -> Option<Subresource> {
    [Subresource::Status, Subresource::Binding, Subresource::Log]
        .into_iter()
        .find(|sub| sub.name() == s && kind.has(*sub))
}

fn resource_route(group: &str, version: &str, rest: &[&str]) -> Route {
    let find = |plural: &str| lookup(group, version, plural);
    match rest {
        [plural] => match find(plural) {
            Some(kind) => Route::Collection {
                kind,
                namespace: None,
            },
            None => Route::UnknownResource,
        },
        ["namespaces", ns, plural]
            if !(group.is_empty() && matches!(*plural, "status" | "finalize")) =>
        {
            match find(plural).filter(|k| k.namespaced) {
                Some(kind) => Route::Collection {
                    kind,
                    namespace: Some(ns.to_string()),
                },
                None => Route::UnknownResource,
            }
        }
        ["namespaces", ns, plural, name] => match find(plural).filter(|k| k.namespaced) {
            Some(kind) => Route::Object {
                kind,
                namespace: ns.to_string(),
                name: name.to_string(),
            },
            None => Route::UnknownResource,
        },
        ["namespaces", ns, plural, name, sub] => match find(plural).filter(|k| k.namespaced) {
            Some(kind) => match sub_of(kind, sub) {
                Some(sub) => Route::Subresource {
                    kind,
                    namespace: ns.to_string(),
                    name: name.to_string(),
                    sub,
                },
                None => Route::UnknownResource,
            },
            None => Route::UnknownResource,
        },
        [plural, name] => match find(plural).filter(|k| !k.namespaced) {
            Some(kind) => Route::Object {
                kind,
                namespace: String::new(),
                name: name.to_string(),
            },
            None => Route::UnknownResource,
        },
        [plural, name, sub] => match find(plural).filter(|k| !k.namespaced) {
            Some(kind) => match sub_of(kind, sub) {
                Some(sub) => Route::Subresource {
                    kind,
                    namespace: String::new(),
                    name: name.to_string(),
                    sub,
                },
                None => Route::UnknownResource,
            },
            None => Route::UnknownResource,
        },
        _ => Route::UnknownResource,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        assert!(matches!(
            route("/api/v1/pods"),
            Route::Collection {
                namespace: None,
                ..
            }
        ));
        assert!(
            matches!(route("/api/v1/namespaces/default/pods"), Route::Collection { namespace: Some(ref n), .. } if n == "default")
        );
        assert!(
            matches!(route("/api/v1/namespaces/default"), Route::Object { ref name, .. } if name == "default")
        );
        assert!(matches!(
            route("/api/v1/namespaces/x/status"),
            Route::Subresource {
                sub: Subresource::Status,
                ..
            }
        ));
        assert!(matches!(
            route("/api/v1/namespaces/d/pods/p/binding"),
            Route::Subresource {
                sub: Subresource::Binding,
                ..
            }
        ));
        assert!(matches!(
            route("/api/v1/namespaces/d/pods/p/log"),
            Route::Subresource {
                sub: Subresource::Log,
                ..
            }
        ));
        assert!(matches!(
            route("/api/v1/nodes/n/log"),
            Route::UnknownResource
        ));
        assert!(matches!(
            route("/api/v1/nodes/n/status"),
            Route::Subresource {
                sub: Subresource::Status,
                ..
            }
        ));
        assert!(matches!(
            route("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n"),
            Route::Object { .. }
        ));
        assert!(matches!(route("/api/v1/widgets"), Route::UnknownResource));
        assert!(matches!(
            route("/api/v1/nodes/n/binding"),
            Route::UnknownResource
        ));
        assert!(matches!(
            route("/apis/apps/v1/deployments"),
            Route::NotFound
        ));
        assert!(matches!(route("/nope"), Route::NotFound));
        let q = Query::parse(Some(
            "fieldSelector=spec.nodeName%3D%2Cx%3Dy&watch=1&labelSelector=a+in+(b)",
        ));
        assert_eq!(q.get("fieldSelector"), Some("spec.nodeName=,x=y"));
        assert!(q.flag("watch"));
        assert_eq!(q.get("labelSelector"), Some("a in (b)"));
    }
}
