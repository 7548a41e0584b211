//! PATCH bodies as the API server applies them: the input is a header line naming the
//! resource (and the status subresource, and a query), then the body, which is applied as a
//! JSON patch, a merge patch, a strategic merge patch and a server-side apply to the stored
//! object `fuzz` of a fresh in-memory server, through the verb the server runs (with its
//! object size limit and the accumulated copy limit of JSON patches).
//!
//! Header: `<resource>[/status][?query]`, e.g. `pods`, `pods/status`,
//! `coordination.k8s.io/leases?force=true` (an apply's `fieldManager` defaults to `fuzz`).
//! Without a header the whole input is a patch to `pods`.
#![no_main]

mod common;

use common::{check, on_server_stack, split_header, target};
use k8s_framework::apiserver::fuzzing::Server;
use libfuzzer_sys::fuzz_target;

const PATCH_TYPES: &[&str] = &[
    "application/json-patch+json",
    "application/merge-patch+json",
    "application/strategic-merge-patch+json",
    "application/apply-patch+yaml",
];

fuzz_target!(|input: &[u8]| {
    let (resource, status, query, body) = match split_header(input) {
        Some((header, body)) => {
            let (resource, status, query) = target(header);
            (resource, status, query, body)
        }
        None => ("pods", false, "", input),
    };
    let query = if query.contains("fieldManager=") {
        query.to_string()
    } else if query.is_empty() {
        "fieldManager=fuzz".to_string()
    } else {
        format!("{query}&fieldManager=fuzz")
    };
    on_server_stack(|| {
        for content_type in PATCH_TYPES {
            // A fresh server each time: every patch type meets the same object.
            let server = Server::new();
            let result = server.patch(resource, status, content_type, body, &query);
            let what = format!("{content_type} to {resource}");
            check(&what, &result, server.max_body_bytes());
            // What was stored must read back and stay within the limit.
            if result.is_ok() {
                let list = server.list(resource, "", None);
                check(&format!("list after {what}"), &list, usize::MAX / 2);
            }
        }
    });
});
