//! Label and field selectors as a list parses and applies them. The input is lines:
//! `<resource>`, the `labelSelector`, the `fieldSelector`, and optionally an object (JSON) to
//! match them against as well. The selectors are sent percent-encoded in a list's query to an
//! in-memory server holding one object of each kind, and that list must hold exactly the
//! objects the selectors select one by one.
#![no_main]

mod common;

use std::sync::OnceLock;

use common::on_server_stack;
use k8s_framework::apiserver::fuzzing::{self, Server};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(Server::new)
}

fn percent_encode(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

fn names(list: &Value) -> Vec<String> {
    let mut names: Vec<String> = list["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|o| format!("{}/{}", o["metadata"]["namespace"], o["metadata"]["name"]))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fuzz_target!(|input: &[u8]| {
    let text = String::from_utf8_lossy(input);
    let mut lines = text.splitn(4, '\n');
    let resource = lines.next().unwrap_or("");
    let labels = lines.next().unwrap_or("");
    let fields = lines.next().unwrap_or("");
    let object = lines
        .next()
        .and_then(|o| serde_json::from_str::<Value>(o).ok());
    let server = server();
    on_server_stack(|| {
        if let Some(object) = &object {
            match fuzzing::select(resource, labels, fields, object) {
                Ok(_) => {}
                Err(e) => assert!((400..500).contains(&e.code), "{e:?}"),
            }
        }
        let query = format!(
            "labelSelector={}&fieldSelector={}",
            percent_encode(labels),
            percent_encode(fields)
        );
        let selected = match server.list(resource, &query, None) {
            Ok(list) => list,
            Err(e) => {
                assert!((400..500).contains(&e.code), "{e:?}");
                // A selector the list refuses is one `select` refuses too.
                if e.code == 400 {
                    assert!(fuzzing::select(resource, labels, fields, &Value::Null).is_err());
                }
                return;
            }
        };
        let all = server
            .list(resource, "", None)
            .expect("lists without selectors");
        let expected: Vec<Value> = all.body["items"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|o| fuzzing::select(resource, labels, fields, o).expect("parsed once"))
            .cloned()
            .collect();
        assert_eq!(
            names(&selected.body),
            names(&serde_json::json!({ "items": expected })),
            "the list and the selectors disagree"
        );
    });
});
