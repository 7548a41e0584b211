//! An opt-in record of every request the server answered, as kube-apiserver's authorizer sees
//! it (verb, API group, resource, subresource, namespace, name) with the client's User-Agent:
//! what a client needs RBAC for, measured instead of guessed.
//!
//! The attributes come from the method and URL alone, before routing, as upstream's
//! `RequestInfoFactory` derives them
//! (`kubernetes: staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go`): a
//! request for a resource this server does not serve (secrets) is recorded as RBAC checks it.

use std::sync::{Arc, Mutex};

use http::Method;

use super::routes::{Query, percent_decode};

/// One answered request, in the terms of an RBAC rule (`authorizer.Attributes` upstream).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub struct RequestAttributes {
    /// The client's `User-Agent` header, empty when it sent none.
    pub user_agent: String,
    /// For resource requests the RBAC verb: `get`, `list`, `watch`, `create`, `update`,
    /// `patch`, `delete`, `deletecollection` (or `proxy`); for others the lowercase HTTP method.
    pub verb: String,
    /// Whether the URL names a resource (`/api/v1/...`, `/apis/{group}/{version}/...`) rather
    /// than a non-resource URL (discovery, `/version`, `/openapi/...`, health checks), which
    /// RBAC matches by `nonResourceURLs`.
    pub resource_request: bool,
    /// The URL's path.
    pub path: String,
    /// The API group, empty for the core group (and for non-resource requests).
    pub api_group: String,
    /// The API version.
    pub api_version: String,
    /// The namespace, empty for cluster-wide requests.
    pub namespace: String,
    /// The resource (`pods`).
    pub resource: String,
    /// The subresource (`status`, `binding`, `log`), empty for the resource itself.
    pub subresource: String,
    /// The object's name, empty for collections (a list or watch whose `fieldSelector`
    /// requires one `metadata.name` has that name, as upstream authorizes it).
    pub name: String,
    /// The status code of the answer.
    pub code: u16,
}

impl RequestAttributes {
    /// The attributes of a request, before it is answered (`code` 0).
    pub(crate) fn of(method: &Method, path: &str, query: Option<&str>, user_agent: &str) -> Self {
        let mut out = RequestAttributes {
            user_agent: user_agent.to_string(),
            verb: method.as_str().to_ascii_lowercase(),
            resource_request: false,
            path: path.to_string(),
            api_group: String::new(),
            api_version: String::new(),
            namespace: String::new(),
            resource: String::new(),
            subresource: String::new(),
            name: String::new(),
            code: 0,
        };
        let segments: Vec<String> = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(percent_decode)
            .collect();
        let mut parts: &[String] = &segments;
        // `/api/v1` and `/apis/{group}/{version}` are discovery: non-resource URLs.
        let group = match parts {
            [prefix, rest @ ..] if prefix == "api" && rest.len() >= 2 => {
                parts = rest;
                String::new()
            }
            [prefix, group, rest @ ..] if prefix == "apis" && rest.len() >= 2 => {
                parts = rest;
                group.clone()
            }
            _ => return out,
        };
        let [version, rest @ ..] = parts else {
            return out;
        };
        out.resource_request = true;
        out.api_group = group;
        out.api_version = version.clone();
        parts = rest;
        // The legacy `/watch/...` and `/proxy/...` prefixes name the verb themselves.
        let via_method = match parts {
            [special, rest @ ..]
                if (special == "watch" || special == "proxy") && !rest.is_empty() =>
            {
                out.verb = special.clone();
                parts = rest;
                false
            }
            _ => {
                out.verb = match *method {
                    Method::POST => "create",
                    Method::GET | Method::HEAD => "get",
                    Method::PUT => "update",
                    Method::PATCH => "patch",
                    Method::DELETE => "delete",
                    _ => "",
                }
                .to_string();
                true
            }
        };
        if let [namespaces, namespace, rest @ ..] = parts {
            if namespaces == "namespaces" {
                out.namespace = namespace.clone();
                // `namespaces/{name}/status` and `/finalize` are the namespace's own
                // subresources; anything else after the name is a namespaced resource.
                if !rest.is_empty() && rest[0] != "status" && rest[0] != "finalize" {
                    parts = rest;
                }
            }
        }
        if let Some(resource) = parts.first() {
            out.resource = resource.clone();
        }
        if let Some(name) = parts.get(1) {
            out.name = name.clone();
        }
        if let Some(sub) = parts.get(2).filter(|_| out.verb != "proxy") {
            out.subresource = sub.clone();
        }
        if out.name.is_empty() && via_method && out.verb == "get" {
            let query = Query::parse(query);
            out.verb = if query.flag("watch") { "watch" } else { "list" }.to_string();
            out.name = exact_name(query.get("fieldSelector").unwrap_or("")).unwrap_or_default();
        }
        if out.name.is_empty() && out.verb == "delete" {
            out.verb = "deletecollection".to_string();
        }
        out
    }
}

/// The name a field selector requires exactly (`metadata.name=x` or `==x`), if any.
fn exact_name(selector: &str) -> Option<String> {
    selector.split(',').find_map(|term| {
        let value = term.trim().strip_prefix("metadata.name")?;
        let value = value
            .strip_prefix("==")
            .or_else(|| value.strip_prefix('='))?;
        (!value.is_empty() && !value.contains('/') && value != "." && value != "..")
            .then(|| value.to_string())
    })
}

/// Where a server configured with [`ApiServerConfig::with_request_log`] records what it
/// answered. Cloning shares the record; it grows with every request, so it is meant for tests
/// and audits, not for a long-running server.
///
/// [`ApiServerConfig::with_request_log`]: super::ApiServerConfig::with_request_log
///
/// ```no_run
/// # async fn run() -> Result<(), k8s_framework::apiserver::Error> {
/// use k8s_framework::apiserver::{ApiServer, ApiServerConfig, RequestLog};
///
/// let log = RequestLog::new();
/// let server = ApiServer::start(ApiServerConfig::default().with_request_log(log.clone())).await?;
/// // ... clients talk to the server ...
/// for request in log.entries().iter().filter(|r| r.resource_request) {
///     println!("{} {} {}/{}", request.user_agent, request.verb, request.resource, request.subresource);
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default)]
pub struct RequestLog {
    entries: Arc<Mutex<Vec<RequestAttributes>>>,
}

impl RequestLog {
    /// An empty log.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every request recorded so far, in the order they were answered.
    pub fn entries(&self) -> Vec<RequestAttributes> {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Records an answered request.
    pub(crate) fn record(&self, request: RequestAttributes) {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(request);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(method: Method, url: &str) -> RequestAttributes {
        let (path, query) = match url.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (url, None),
        };
        RequestAttributes::of(&method, path, query, "test")
    }

    /// (verb, group, resource, subresource, namespace, name), or the verb and path of a
    /// non-resource request.
    fn rbac(a: &RequestAttributes) -> (bool, String, String, String, String, String, String) {
        (
            a.resource_request,
            a.verb.clone(),
            a.api_group.clone(),
            a.resource.clone(),
            a.subresource.clone(),
            a.namespace.clone(),
            a.name.clone(),
        )
    }

    fn resource(
        verb: &str,
        group: &str,
        resource: &str,
        sub: &str,
        namespace: &str,
        name: &str,
    ) -> (bool, String, String, String, String, String, String) {
        (
            true,
            verb.into(),
            group.into(),
            resource.into(),
            sub.into(),
            namespace.into(),
            name.into(),
        )
    }

    #[test]
    fn resource_requests_are_named_as_rbac_names_them() {
        let cases = [
            (
                Method::GET,
                "/api/v1/pods",
                resource("list", "", "pods", "", "", ""),
            ),
            (
                Method::GET,
                "/api/v1/pods?watch=true&resourceVersion=5",
                resource("watch", "", "pods", "", "", ""),
            ),
            (
                Method::GET,
                "/api/v1/watch/namespaces/d/pods",
                resource("watch", "", "pods", "", "d", ""),
            ),
            (
                Method::GET,
                "/api/v1/namespaces/d/pods?fieldSelector=metadata.name%3Dweb&watch=1",
                resource("watch", "", "pods", "", "d", "web"),
            ),
            (
                Method::POST,
                "/api/v1/namespaces/d/pods/web/binding",
                resource("create", "", "pods", "binding", "d", "web"),
            ),
            (
                Method::PATCH,
                "/api/v1/nodes/n1/status",
                resource("patch", "", "nodes", "status", "", "n1"),
            ),
            (
                Method::PUT,
                "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1",
                resource(
                    "update",
                    "coordination.k8s.io",
                    "leases",
                    "",
                    "kube-node-lease",
                    "n1",
                ),
            ),
            (
                Method::DELETE,
                "/api/v1/namespaces/d/configmaps",
                resource("deletecollection", "", "configmaps", "", "d", ""),
            ),
            (
                Method::DELETE,
                "/api/v1/namespaces/d/pods/web",
                resource("delete", "", "pods", "", "d", "web"),
            ),
            (
                Method::GET,
                "/api/v1/namespaces/d",
                resource("get", "", "namespaces", "", "d", "d"),
            ),
            (
                Method::PUT,
                "/api/v1/namespaces/d/finalize",
                resource("update", "", "namespaces", "finalize", "d", "d"),
            ),
            (
                Method::GET,
                "/api/v1/namespaces",
                resource("list", "", "namespaces", "", "", ""),
            ),
            (
                Method::GET,
                "/api/v1/namespaces/d/secrets/token",
                resource("get", "", "secrets", "", "d", "token"),
            ),
        ];
        for (method, url, want) in cases {
            assert_eq!(rbac(&of(method, url)), want, "{url}");
        }
    }

    #[test]
    fn discovery_and_other_urls_are_non_resource_requests() {
        for url in [
            "/api",
            "/api/v1",
            "/apis",
            "/apis/coordination.k8s.io",
            "/apis/coordination.k8s.io/v1",
            "/version",
            "/openapi/v3/api/v1",
            "/healthz",
        ] {
            let a = of(Method::GET, url);
            assert!(!a.resource_request, "{url}");
            assert_eq!((a.verb.as_str(), a.path.as_str()), ("get", url));
        }
    }

    #[test]
    fn the_log_keeps_what_it_is_given_in_order() {
        let log = RequestLog::new();
        let shared = log.clone();
        shared.record(of(Method::GET, "/version"));
        shared.record(of(Method::GET, "/api/v1/pods"));
        let paths: Vec<String> = log.entries().into_iter().map(|a| a.path).collect();
        assert_eq!(paths, ["/version", "/api/v1/pods"]);
    }
}
