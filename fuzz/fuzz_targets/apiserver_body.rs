//! Request bodies as the API server decodes them: the input is a header line naming the verb
//! and the resource, then the body, which is sent once as each content type the server
//! accepts (JSON, YAML, protobuf) to a fresh in-memory server.
//!
//! Header: `create|update|delete|bind <resource>[/status][?query]`, e.g. `create pods` or
//! `update leases/status?fieldValidation=Strict` (resources: `pods`, `configmaps`,
//! `namespaces`, `nodes`, `events`, `coordination.k8s.io/leases`, `events.k8s.io/events`).
//! `delete` sends `DeleteOptions` and `bind` a `Binding`: bodies of kinds that are not stored.
//! Without a header, or for an unknown resource, the whole input goes through the
//! kind-agnostic parsing every body gets first.
#![no_main]

mod common;

use common::{check, on_server_stack, split_header, target};
use k8s_framework::apiserver::fuzzing::{self, Server};
use libfuzzer_sys::fuzz_target;

const CONTENT_TYPES: &[&str] = &[
    "application/json",
    "application/yaml",
    "application/vnd.kubernetes.protobuf",
];

fn generic(body: &[u8]) {
    for content_type in CONTENT_TYPES {
        if let Err(e) = fuzzing::parse_body(content_type, body) {
            assert!((400..500).contains(&e.code), "{content_type}: {e:?}");
        }
    }
}

fuzz_target!(|input: &[u8]| {
    let Some((header, body)) = split_header(input) else {
        return generic(input);
    };
    let (verb, path) = header.split_once(' ').unwrap_or((header, ""));
    let (resource, status, query) = target(path);
    if !fuzzing::resources().iter().any(|r| r == resource) {
        return generic(body);
    }
    on_server_stack(|| {
        let server = Server::new();
        let limit = server.max_body_bytes();
        for content_type in CONTENT_TYPES {
            let result = match verb {
                "create" => server.create(resource, content_type, body, query),
                "update" => server.update(resource, status, content_type, body, query),
                "delete" => server.delete(resource, content_type, body, query),
                "bind" => server.bind(content_type, body, query),
                _ => return generic(body),
            };
            check(
                &format!("{verb} {resource} as {content_type}"),
                &result,
                limit,
            );
        }
    });
});
