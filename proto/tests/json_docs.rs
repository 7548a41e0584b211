//! Reads the JSON examples of Apache Mesos' scheduler and executor HTTP API docs with
//! `mesos_proto::json`, checks the decoded values and the round trip through `to_value`, and
//! checks the individual rules of Mesos' JSON mapping (keys, enums, bytes, 64-bit ints, defaults).

use std::fmt::Debug;

use mesos_proto::json::{self, JsonError};
use mesos_proto::v1::{
    self, FrameworkInfo, Resource, TaskState, executor, framework_info, offer, scheduler,
    task_status, value,
};
use prost::{Message, Name};
use serde_json::{Value, json};

// ---------------------------------------------------------------------------------------------
// Examples from apache/mesos `docs/scheduler-http-api.md` (the Mesos 1.11 version of the page).
// Bodies are verbatim unless a comment says what was changed.
// ---------------------------------------------------------------------------------------------

/// "SUBSCRIBE Request (JSON)".
const SCHEDULER_SUBSCRIBE: &str = r#"{
   "type"		: "SUBSCRIBE",
   "subscribe"	: {
      "framework_info"	: {
        "user" :  "foo",
        "name" :  "Example HTTP Framework",
        "roles": ["test1", "test2"],
        "capabilities" : [{"type": "MULTI_ROLE"}]
      },
      "suppressed_roles" : ["test2"],
      "offer_constraints" : {
        "role_constraints": {
          "test1": {
            "groups": [{
              "attribute_constraints": [{
                "selector": {"attribute_name": "foo"},
                "predicate": {"exists": {}}
              }]
            }]
          }
        }
      }
   }
}"#;

/// The re-subscribe form. The docs describe it in prose only ("if subscribe.framework_info.id
/// and FrameworkID are set ..."), so this is the older page's SUBSCRIBE example (which still
/// carries the pre-1.0 `"force": true`, no longer a field of `Subscribe`, hence ignored) with
/// the top-level `framework_id` and `framework_info.id` added as described.
const SCHEDULER_RESUBSCRIBE: &str = r#"{
   "framework_id" : {"value" : "12220-3440-12532-2345"},
   "type"		: "SUBSCRIBE",

   "subscribe"	: {
      "framework_info"	: {
        "id"   :  {"value" : "12220-3440-12532-2345"},
        "user" :  "foo",
        "name" :  "Example HTTP Framework"
      },

      "force" : true
  }
}"#;

/// "SUBSCRIBE Response Event (JSON)".
const SCHEDULER_SUBSCRIBED: &str = r#"{
 "type"			: "SUBSCRIBED",
 "subscribed"	: {
     "framework_id"               : {"value":"12220-3440-12532-2345"},
     "heartbeat_interval_seconds" : 15
  }
}"#;

/// "OFFERS Event (JSON)".
///
/// Changed: the docs give `"offers"` as the array of offers, but `Event.offers` is the message
/// `Event.Offers`, whose `repeated Offer offers` holds the array: `"offers": {"offers": [...]}`.
const SCHEDULER_OFFERS: &str = r#"{
  "type"	: "OFFERS",
  "offers"	: {"offers" : [
    {
      "allocation_info": { "role": "engineering" },
      "id"             : {"value": "12214-23523-O235235"},
      "framework_id"   : {"value": "12124-235325-32425"},
      "agent_id"       : {"value": "12325-23523-S23523"},
      "hostname"       : "agent.host",
      "resources"      : [
                          {
                           "allocation_info": { "role": "engineering" },
                           "name"   : "cpus",
                           "type"   : "SCALAR",
                           "scalar" : {"value" : 2},
                           "role"   : "*"
                          }
                         ],
      "attributes"     : [
                          {
                           "name"   : "os",
                           "type"   : "TEXT",
                           "text"   : {"value" : "ubuntu16.04"}
                          }
                         ],
      "executor_ids"   : [
                          {"value" : "12214-23523-my-executor"}
                         ]
    }
  ]}
}"#;

/// "RESCIND Event (JSON)".
const SCHEDULER_RESCIND: &str = r#"{
  "type"	: "RESCIND",
  "rescind"	: {
    "offer_id"	: { "value" : "12214-23523-O235235"}
  }
}"#;

/// "UPDATE Event (JSON)".
///
/// Changed: the docs' `"uuid": "adfadfadbhgvjayd23r2uahj"` decodes to 18 bytes, not a 16-byte
/// UUID; replaced by `"adfadfadbhgvjayd23r2uQ=="` (same prefix, 16 bytes, padded). The docs'
/// `"bytes"` key is not a `TaskStatus` field (the field is `data`); it is kept, and ignored.
const SCHEDULER_UPDATE: &str = r#"{
  "type"	: "UPDATE",
  "update"	: {
    "status"	: {
        "task_id"	: { "value" : "12344-my-task"},
        "state"		: "TASK_RUNNING",
        "source"	: "SOURCE_EXECUTOR",
        "uuid"		: "adfadfadbhgvjayd23r2uQ==",
        "bytes"		: "uhdjfhuagdj63d7hadkf"
      }
  }
}"#;

/// "ACKNOWLEDGE Request (JSON)".
///
/// Changed: the docs' `"uuid": "jhadf73jhakdlfha723adf"` is 22 characters without padding, so
/// not standard padded Base64; replaced by `"jhadf73jhakdlfha723adg=="` (last character `f` ->
/// `g` so the unused low bits are zero, plus `==`), which is 16 bytes.
const SCHEDULER_ACKNOWLEDGE: &str = r#"{
  "framework_id"	: {"value" : "12220-3440-12532-2345"},
  "type"			: "ACKNOWLEDGE",
  "acknowledge"		: {
    "agent_id"	:  {"value" : "12220-3440-12532-S1233"},
    "task_id"	:  {"value" : "12220-3440-12532-my-task"},
    "uuid"		:  "jhadf73jhakdlfha723adg=="
  }
}"#;

/// "ACCEPT Request (JSON)" with a `LAUNCH` operation.
///
/// Changed: the docs write `"limits": {"cpus": "Infinity", "mem": 512.0}`, but `limits` is a
/// `map<string, Value.Scalar>`, so each value is a `Value.Scalar` object; Mesos' parser rejects a
/// bare number or string there. Now `{"cpus": {"value": "Infinity"}, "mem": {"value": 512.0}}`
/// (Mesos reads the string `"Infinity"` for a double).
const SCHEDULER_ACCEPT: &str = r#"{
  "framework_id": {"value": "12220-3440-12532-2345"},
  "type": "ACCEPT",
  "accept": {
    "offer_ids": [
      {"value": "12220-3440-12532-O12"}
    ],
    "operations": [
      {
        "type": "LAUNCH",
        "launch": {
          "task_infos": [
            {
              "name": "My Task",
              "task_id": {"value": "12220-3440-12532-my-task"},
              "agent_id": {"value": "12220-3440-12532-S1233"},
              "executor": {
                "command": {
                  "shell": true,
                  "value": "sleep 1000"
                },
                "executor_id": {"value": "12214-23523-my-executor"}
              },
              "resources": [
                {
                  "allocation_info": {"role": "engineering"},
                  "name": "cpus",
                  "role": "*",
                  "type": "SCALAR",
                  "scalar": {"value": 1.0}
				        }, {
                  "allocation_info": {"role": "engineering"},
                  "name": "mem",
                  "role": "*",
                  "type": "SCALAR",
                  "scalar": {"value": 128.0}
				        }
              ],
              "limits": {
                "cpus": {"value": "Infinity"},
                "mem": {"value": 512.0}
              }
            }
          ]
        }
      }
    ],
    "filters": {"refuse_seconds": 5.0}
  }
}"#;

/// "DECLINE Request (JSON)".
const SCHEDULER_DECLINE: &str = r#"{
  "framework_id"	: {"value" : "12220-3440-12532-2345"},
  "type"			: "DECLINE",
  "decline"			: {
    "offer_ids"	: [
                   {"value" : "12220-3440-12532-O12"},
                   {"value" : "12220-3440-12532-O13"}
                  ],
    "filters"	: {"refuse_seconds" : 5.0}
  }
}"#;

/// "RECONCILE Request (JSON)".
const SCHEDULER_RECONCILE: &str = r#"{
  "framework_id"	: {"value" : "12220-3440-12532-2345"},
  "type"			: "RECONCILE",
  "reconcile"		: {
    "tasks"		: [
                   { "task_id"  : {"value" : "312325"},
                     "agent_id" : {"value" : "123535"}
                   }
                  ]
  }
}"#;

/// "KILL Request (JSON)".
const SCHEDULER_KILL: &str = r#"{
  "framework_id"	: {"value" : "12220-3440-12532-2345"},
  "type"			: "KILL",
  "kill"			: {
    "task_id"	:  {"value" : "12220-3440-12532-my-task"},
    "agent_id"	:  {"value" : "12220-3440-12532-S1233"}
  }
}"#;

/// "MESSAGE Request (JSON)". `data` is valid Base64 as written (15 bytes).
const SCHEDULER_MESSAGE_CALL: &str = r#"{
  "framework_id"	: {"value" : "12220-3440-12532-2345"},
  "type"			: "MESSAGE",
  "message"			: {
    "agent_id"       : {"value" : "12220-3440-12532-S1233"},
    "executor_id"    : {"value" : "my-framework-executor"},
    "data"           : "adaf838jahd748jnaldf"
  }
}"#;

/// "MESSAGE Event (JSON)". `data` is valid Base64 as written (15 bytes).
const SCHEDULER_MESSAGE_EVENT: &str = r#"{
  "type"	: "MESSAGE",
  "message"	: {
    "agent_id"		: { "value" : "12214-23523-S235235"},
    "executor_id"	: { "value" : "12214-23523-my-executor"},
    "data"			: "adfadf3t2wa3353dfadf"
  }
}"#;

/// "FAILURE Event (JSON)".
const SCHEDULER_FAILURE: &str = r#"{
  "type"	: "FAILURE",
  "failure"	: {
    "agent_id"		: { "value" : "12214-23523-S235235"},
    "executor_id"	: { "value" : "12214-23523-my-executor"},
    "status"		: 1
  }
}"#;

/// "ERROR Event (JSON)".
///
/// Changed: the docs put `"message"` at the top level, where `message` is the `Event.Message`
/// object field; the error text belongs in `Event.Error.message`.
const SCHEDULER_ERROR: &str = r#"{
  "type"	: "ERROR",
  "error"	: {"message" : "Framework is not authorized"}
}"#;

/// The docs' ERROR example as printed, for the test that it is rejected.
const SCHEDULER_ERROR_AS_DOCUMENTED: &str = r#"{
  "type"	: "ERROR",
  "message"	: "Framework is not authorized"
}"#;

/// "HEARTBEAT Event (JSON)".
const SCHEDULER_HEARTBEAT: &str = r#"{
  "type"	: "HEARTBEAT"
}"#;

// ---------------------------------------------------------------------------------------------
// Examples from apache/mesos `docs/executor-http-api.md`.
//
// Changed throughout: the docs' `uuid` is
// "ZDQwZjNmM2UtYmJlMy00NGFmLWEyMzAtNGNiMWVhZTcyZjY3Cg==", the Base64 of the UUID's *text*
// "d40f3f3e-bbe3-44af-a230-4cb1eae72f67\n" (37 bytes). A status update UUID is 16 raw bytes, so
// it is replaced by the Base64 of that same UUID's bytes, "1A8/PrvjRK+iMEyx6ucvZw==".
// ---------------------------------------------------------------------------------------------

/// The 16 bytes of UUID d40f3f3e-bbe3-44af-a230-4cb1eae72f67.
const EXECUTOR_UUID: [u8; 16] = [
    0xd4, 0x0f, 0x3f, 0x3e, 0xbb, 0xe3, 0x44, 0xaf, 0xa2, 0x30, 0x4c, 0xb1, 0xea, 0xe7, 0x2f, 0x67,
];

/// "SUBSCRIBE Request (JSON)" (uuid changed, see above). Each of its `unacknowledged_updates` is
/// a `Call.Update`, which has only `status`; the docs' `framework_id` there is not a field and
/// is ignored.
const EXECUTOR_SUBSCRIBE: &str = r#"{
  "type": "SUBSCRIBE",
  "executor_id": {
    "value": "387aa966-8fc5-4428-a794-5a868a60d3eb"
  },
  "framework_id": {
    "value": "49154f1b-8cf6-4421-bf13-8bd11dccd1f1"
  },
  "subscribe": {
    "unacknowledged_tasks": [
      {
        "name": "dummy-task",
        "task_id": {
          "value": "d40f3f3e-bbe3-44af-a230-4cb1eae72f67"
        },
        "agent_id": {
          "value": "f1c9cdc5-195e-41a7-a0d7-adaa9af07f81"
        },
        "command": {
          "value": "ls",
          "arguments": [
            "-l",
            "\/tmp"
          ]
        }
      }
    ],
    "unacknowledged_updates": [
      {
        "framework_id": {
          "value": "49154f1b-8cf6-4421-bf13-8bd11dccd1f1"
        },
        "status": {
          "source": "SOURCE_EXECUTOR",
          "task_id": {
            "value": "d40f3f3e-bbe3-44af-a230-4cb1eae72f67"
          },
        "state": "TASK_RUNNING",
        "uuid": "1A8/PrvjRK+iMEyx6ucvZw=="
        }
      }
    ]
  }
}"#;

/// "SUBSCRIBE Response Event (JSON)".
///
/// Changed: the docs' `agent_info` has `"host"`, but `AgentInfo` has `required string hostname`
/// (and no `host`); renamed to `"hostname"`. The docs' `subscribed.agent_id` is not a field of
/// `Event.Subscribed` (the agent's id is in `agent_info.id`); it is kept, and ignored.
const EXECUTOR_SUBSCRIBED: &str = r#"{
  "type": "SUBSCRIBED",
  "subscribed": {
    "executor_info": {
      "executor_id": {
        "value": "387aa966-8fc5-4428-a794-5a868a60d3eb"
      },
      "command": {
        "value": "\/path\/to\/executor"
      },
      "framework_id": {
        "value": "49154f1b-8cf6-4421-bf13-8bd11dccd1f1"
      }
    },
    "framework_info": {
      "user": "foo",
      "name": "my_framework"
    },
    "agent_id": {
      "value": "f1c9cdc5-195e-41a7-a0d7-adaa9af07f81"
    },
    "agent_info": {
      "hostname": "agenthost",
      "port": 5051
    }
  }
}"#;

/// "LAUNCH Event (JSON)". Its `launch.framework_info` is not a field of `Event.Launch` (only
/// `task` is); it is kept, and ignored.
const EXECUTOR_LAUNCH: &str = r#"{
  "type": "LAUNCH",
  "launch": {
    "framework_info": {
      "id": {
        "value": "49154f1b-8cf6-4421-bf13-8bd11dccd1f1"
      },
      "user": "foo",
      "name": "my_framework"
    },
    "task": {
      "name": "dummy-task",
      "task_id": {
        "value": "d40f3f3e-bbe3-44af-a230-4cb1eae72f67"
      },
      "agent_id": {
        "value": "f1c9cdc5-195e-41a7-a0d7-adaa9af07f81"
      },
      "command": {
        "value": "sleep",
        "arguments": [
          "100"
        ]
      }
    }
  }
}"#;

/// "UPDATE Request (JSON)" (uuid changed, see above).
const EXECUTOR_UPDATE: &str = r#"{
  "executor_id": {
    "value": "387aa966-8fc5-4428-a794-5a868a60d3eb"
  },
  "framework_id": {
    "value": "9aaa9d0d-e00d-444f-bfbd-23dd197939a0-0000"
  },
  "type": "UPDATE",
  "update": {
    "status": {
      "executor_id": {
        "value": "387aa966-8fc5-4428-a794-5a868a60d3eb"
      },
      "source": "SOURCE_EXECUTOR",
      "state": "TASK_RUNNING",
      "task_id": {
        "value": "66724cec-2609-4fa0-8d93-c5fb2099d0f8"
      },
      "uuid": "1A8/PrvjRK+iMEyx6ucvZw=="
    }
  }
}"#;

/// "KILL Event (JSON)" (titled "LAUNCH Event (JSON)" in the docs).
const EXECUTOR_KILL: &str = r#"{
  "type" : "KILL",
  "kill" : {
    "task_id" : {"value" : "d40f3f3e-bbe3-44af-a230-4cb1eae72f67"}
  }
}"#;

/// "ACKNOWLEDGED Event (JSON)" (uuid changed, see above).
const EXECUTOR_ACKNOWLEDGED: &str = r#"{
  "type" : "ACKNOWLEDGED",
  "acknowledged" : {
    "task_id" : {"value" : "d40f3f3e-bbe3-44af-a230-4cb1eae72f67"},
    "uuid" : "1A8/PrvjRK+iMEyx6ucvZw=="
  }
}"#;

/// "MESSAGE Event (JSON)".
const EXECUTOR_MESSAGE: &str = r#"{
  "type" : "MESSAGE",
  "message" : {
    "data" : "c2FtcGxlIGRhdGE="
  }
}"#;

/// "SHUTDOWN Event (JSON)".
const EXECUTOR_SHUTDOWN: &str = r#"{
  "type" : "SHUTDOWN"
}"#;

/// "ERROR Event (JSON)".
const EXECUTOR_ERROR: &str = r#"{
  "type" : "ERROR",
  "error" : {
    "message" : "Unrecoverable error"
  }
}"#;

// ---------------------------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------------------------

fn doc(text: &str) -> Value {
    serde_json::from_str(text).expect("the example is valid JSON")
}

/// Writes `message` and reads the result back. Checks that every written key is a proto field
/// name (snake_case), and that writing is stable: the message read back writes the same JSON and
/// reads back as itself. Returns the written JSON and the message read back.
///
/// The message read back equals `message` except for unset fields with a declared default: the
/// writer materialises those (as Mesos does), so they come back set to their default.
fn write_and_read<M: Message + Name + Default + PartialEq + Debug>(message: &M) -> (Value, M) {
    let written = json::to_value(message).expect("writes");
    assert_proto_keys(&written, "");
    let back: M = json::from_value(written.clone()).expect("reads its own output");
    assert_eq!(
        json::to_value(&back).unwrap(),
        written,
        "rewriting {back:?}"
    );
    let again: M = json::from_value(json::to_value(&back).unwrap()).unwrap();
    assert_eq!(again, back, "second round trip through {written}");
    (written, back)
}

/// `from_value(to_value(message)) == message`, for messages without unset defaulted fields;
/// returns the written JSON.
fn round_trip<M: Message + Name + Default + PartialEq + Debug>(message: &M) -> Value {
    let (written, back) = write_and_read(message);
    assert_eq!(&back, message, "round trip through {written}");
    written
}

/// Every object key in `value` is snake_case, as proto field names are (no lowerCamelCase).
fn assert_proto_keys(value: &Value, path: &str) {
    match value {
        Value::Object(object) => {
            for (key, v) in object {
                assert!(
                    !key.chars().any(|c| c.is_ascii_uppercase()),
                    "key {key:?} at {path:?} is not a proto field name"
                );
                assert_proto_keys(v, &format!("{path}.{key}"));
            }
        }
        Value::Array(items) => items.iter().for_each(|v| assert_proto_keys(v, path)),
        _ => {}
    }
}

/// Asserts that everything in `expected` (a docs example) is in `actual` (what we wrote), under
/// the same keys and with the same JSON types: enums stay strings, numbers stay numbers (compared
/// exactly when both are integers). `actual` may hold more (declared defaults). `skip` lists the
/// dotted paths of example keys that are not fields of the schema.
fn assert_contains(actual: &Value, expected: &Value, path: &str, skip: &[&str]) {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            for (key, ev) in e {
                let here = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                if skip.contains(&here.as_str()) {
                    assert!(
                        !a.contains_key(key),
                        "{here} is not a field, yet was written"
                    );
                    continue;
                }
                let av = a
                    .get(key)
                    .unwrap_or_else(|| panic!("{here} missing from {actual}"));
                assert_contains(av, ev, &here, skip);
            }
        }
        (Value::Array(a), Value::Array(e)) => {
            assert_eq!(a.len(), e.len(), "length of {path}");
            for (i, (av, ev)) in a.iter().zip(e).enumerate() {
                assert_contains(av, ev, &format!("{path}[{i}]"), skip);
            }
        }
        (Value::Number(a), Value::Number(e)) => match (a.as_u64(), e.as_u64()) {
            (Some(a), Some(e)) => assert_eq!(a, e, "{path}"),
            _ => assert_eq!(a.as_f64(), e.as_f64(), "{path}"),
        },
        (a, e) => assert_eq!(a, e, "{path}"),
    }
}

/// Reads `text`, writes it back and checks that the example is contained in the output and that
/// reading the output gives the decoded message back, with exactly the declared defaults that
/// `defaults` sets (pass `no_defaults` when none apply). Returns the decoded message and the
/// written JSON.
fn check_example<M: Message + Name + Default + PartialEq + Debug + Clone>(
    text: &str,
    skip: &[&str],
    defaults: impl FnOnce(&mut M),
) -> (M, Value) {
    let message: M = json::from_str(text).unwrap_or_else(|e| panic!("reads the example: {e}"));
    let (written, back) = write_and_read(&message);
    let mut expected = message.clone();
    defaults(&mut expected);
    assert_eq!(back, expected, "round trip through {written}");
    assert_contains(&written, &doc(text), "", skip);
    (message, written)
}

fn no_defaults<M>(_: &mut M) {}

/// The declared defaults of `FrameworkInfo` that the writer adds when unset.
fn framework_info_defaults(info: &mut FrameworkInfo) {
    info.failover_timeout.get_or_insert(0.0);
    info.checkpoint.get_or_insert(false);
}

fn missing_fields(err: JsonError) -> Vec<String> {
    match err {
        JsonError::MissingRequired { fields, .. } => fields,
        other => panic!("expected MissingRequired, got {other:?}"),
    }
}

fn schema_path(err: JsonError) -> String {
    match err {
        JsonError::Schema { path, .. } => path,
        other => panic!("expected a Schema error, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Scheduler API examples.
// ---------------------------------------------------------------------------------------------

#[test]
fn scheduler_subscribe_call() {
    let (call, written) = check_example::<scheduler::Call>(SCHEDULER_SUBSCRIBE, &[], |call| {
        framework_info_defaults(&mut call.subscribe.as_mut().unwrap().framework_info);
    });
    assert_eq!(call.r#type(), scheduler::call::Type::Subscribe);
    assert!(call.framework_id.is_none());
    let subscribe = call.subscribe.as_ref().unwrap();
    let info = &subscribe.framework_info;
    assert_eq!(info.user, "foo");
    assert_eq!(info.name, "Example HTTP Framework");
    assert!(info.id.is_none());
    assert_eq!(info.roles, ["test1", "test2"]);
    assert_eq!(info.capabilities.len(), 1);
    assert_eq!(
        info.capabilities[0].r#type(),
        framework_info::capability::Type::MultiRole
    );
    assert_eq!(subscribe.suppressed_roles, ["test2"]);
    let constraints = subscribe.offer_constraints.as_ref().unwrap();
    let groups = &constraints.role_constraints["test1"].groups;
    assert_eq!(groups.len(), 1);
    let constraint = &groups[0].attribute_constraints[0];
    assert_eq!(
        constraint.selector.selector,
        Some(scheduler::attribute_constraint::selector::Selector::AttributeName("foo".into()))
    );
    assert!(matches!(
        constraint.predicate.predicate,
        Some(scheduler::attribute_constraint::predicate::Predicate::Exists(_))
    ));

    assert_eq!(written["type"], "SUBSCRIBE");
    let info = &written["subscribe"]["framework_info"];
    assert_eq!(info["capabilities"][0]["type"], "MULTI_ROLE");
    // Declared defaults are written; the deprecated `role` (default "*") is not.
    assert_eq!(info["failover_timeout"], json!(0.0));
    assert_eq!(info["checkpoint"], json!(false));
    assert!(info.get("role").is_none());
    assert_eq!(
        written["subscribe"]["offer_constraints"]["role_constraints"]["test1"]["groups"][0]["attribute_constraints"]
            [0]["predicate"],
        json!({"exists": {}})
    );
}

#[test]
fn scheduler_resubscribe_call() {
    let (call, written) =
        check_example::<scheduler::Call>(SCHEDULER_RESUBSCRIBE, &["subscribe.force"], |call| {
            framework_info_defaults(&mut call.subscribe.as_mut().unwrap().framework_info);
        });
    assert_eq!(call.r#type(), scheduler::call::Type::Subscribe);
    assert_eq!(
        call.framework_id.as_ref().unwrap().value,
        "12220-3440-12532-2345"
    );
    let info = &call.subscribe.as_ref().unwrap().framework_info;
    assert_eq!(info.id.as_ref().unwrap().value, "12220-3440-12532-2345");
    assert_eq!(info.user, "foo");
    assert!(call.subscribe.as_ref().unwrap().suppressed_roles.is_empty());

    assert_eq!(written["framework_id"]["value"], "12220-3440-12532-2345");
    assert_eq!(
        written["subscribe"]["framework_info"]["id"]["value"],
        "12220-3440-12532-2345"
    );
    let text = json::to_string(&call).unwrap();
    assert!(text.contains(r#""framework_id":"#), "{text}");
    assert!(!text.contains("frameworkId"), "{text}");
}

#[test]
fn scheduler_subscribed_event() {
    let (event, written) =
        check_example::<scheduler::Event>(SCHEDULER_SUBSCRIBED, &[], no_defaults);
    assert_eq!(event.r#type(), scheduler::event::Type::Subscribed);
    let subscribed = event.subscribed.as_ref().unwrap();
    assert_eq!(subscribed.framework_id.value, "12220-3440-12532-2345");
    assert_eq!(subscribed.heartbeat_interval_seconds, Some(15.0));
    assert!(subscribed.master_info.is_none());
    assert_eq!(written["type"], "SUBSCRIBED");
    assert!(written["subscribed"]["heartbeat_interval_seconds"].is_number());
}

#[test]
// Reads and sets the deprecated `role` on purpose.
#[allow(deprecated)]
fn scheduler_offers_event() {
    let (event, written) = check_example::<scheduler::Event>(SCHEDULER_OFFERS, &[], no_defaults);
    assert_eq!(event.r#type(), scheduler::event::Type::Offers);
    let offers = &event.offers.as_ref().unwrap().offers;
    assert_eq!(offers.len(), 1);
    let offer = &offers[0];
    assert_eq!(offer.id.value, "12214-23523-O235235");
    assert_eq!(offer.framework_id.value, "12124-235325-32425");
    assert_eq!(offer.agent_id.value, "12325-23523-S23523");
    assert_eq!(offer.hostname, "agent.host");
    assert_eq!(
        offer.allocation_info.as_ref().unwrap().role(),
        "engineering"
    );
    assert_eq!(offer.resources.len(), 1);
    let cpus = &offer.resources[0];
    assert_eq!(cpus.name, "cpus");
    assert_eq!(cpus.r#type(), value::Type::Scalar);
    assert_eq!(cpus.scalar.as_ref().unwrap().value, 2.0);
    assert_eq!(cpus.role.as_deref(), Some("*"));
    assert_eq!(offer.attributes.len(), 1);
    assert_eq!(offer.attributes[0].name, "os");
    assert_eq!(offer.attributes[0].r#type(), value::Type::Text);
    assert_eq!(
        offer.attributes[0].text.as_ref().unwrap().value,
        "ubuntu16.04"
    );
    assert_eq!(offer.executor_ids[0].value, "12214-23523-my-executor");

    let resource = &written["offers"]["offers"][0]["resources"][0];
    assert_eq!(resource["type"], "SCALAR");
    assert_eq!(resource["scalar"]["value"], json!(2.0));
    // `role` was set in the input, so it is written although deprecated.
    assert_eq!(resource["role"], "*");
    assert_eq!(
        written["offers"]["offers"][0]["attributes"][0]["type"],
        "TEXT"
    );

    // As printed (the array directly under `offers`), the example does not fit the schema.
    let as_documented = SCHEDULER_OFFERS
        .replace(r#"{"offers" : ["#, "[")
        .replace("]}\n}", "]\n}");
    assert!(as_documented.contains(r#""offers"	: ["#), "{as_documented}");
    let err = json::from_str::<scheduler::Event>(&as_documented).unwrap_err();
    assert_eq!(schema_path(err), "offers");
}

#[test]
fn scheduler_rescind_event() {
    let (event, written) = check_example::<scheduler::Event>(SCHEDULER_RESCIND, &[], no_defaults);
    assert_eq!(event.r#type(), scheduler::event::Type::Rescind);
    assert_eq!(
        event.rescind.as_ref().unwrap().offer_id.value,
        "12214-23523-O235235"
    );
    assert_eq!(written, doc(SCHEDULER_RESCIND));
}

#[test]
fn scheduler_update_event() {
    let (event, written) =
        check_example::<scheduler::Event>(SCHEDULER_UPDATE, &["update.status.bytes"], no_defaults);
    assert_eq!(event.r#type(), scheduler::event::Type::Update);
    let status = &event.update.as_ref().unwrap().status;
    assert_eq!(status.task_id.value, "12344-my-task");
    assert_eq!(status.state(), TaskState::TaskRunning);
    assert_eq!(status.source(), task_status::Source::Executor);
    assert_eq!(status.uuid.as_ref().unwrap().len(), 16);
    // The docs' "bytes" is not a field: nothing lands in `data`.
    assert!(status.data.is_none());

    let status = &written["update"]["status"];
    assert_eq!(status["state"], "TASK_RUNNING");
    assert_eq!(status["source"], "SOURCE_EXECUTOR");
    assert_eq!(status["uuid"], "adfadfadbhgvjayd23r2uQ==");
    assert!(status.get("bytes").is_none() && status.get("data").is_none());
}

#[test]
fn scheduler_acknowledge_call() {
    let (call, written) = check_example::<scheduler::Call>(SCHEDULER_ACKNOWLEDGE, &[], no_defaults);
    assert_eq!(call.r#type(), scheduler::call::Type::Acknowledge);
    assert_eq!(
        call.framework_id.as_ref().unwrap().value,
        "12220-3440-12532-2345"
    );
    let ack = call.acknowledge.as_ref().unwrap();
    assert_eq!(ack.agent_id.value, "12220-3440-12532-S1233");
    assert_eq!(ack.task_id.value, "12220-3440-12532-my-task");
    assert_eq!(ack.uuid.len(), 16);
    assert_eq!(written["acknowledge"]["uuid"], "jhadf73jhakdlfha723adg==");
    assert_eq!(written["type"], "ACKNOWLEDGE");
}

#[test]
fn scheduler_accept_launch_call() {
    let (call, written) = check_example::<scheduler::Call>(SCHEDULER_ACCEPT, &[], no_defaults);
    assert_eq!(call.r#type(), scheduler::call::Type::Accept);
    let accept = call.accept.as_ref().unwrap();
    assert_eq!(accept.offer_ids.len(), 1);
    assert_eq!(accept.offer_ids[0].value, "12220-3440-12532-O12");
    assert_eq!(accept.filters.as_ref().unwrap().refuse_seconds, Some(5.0));
    assert_eq!(accept.operations.len(), 1);
    let operation = &accept.operations[0];
    assert_eq!(operation.r#type(), offer::operation::Type::Launch);
    let tasks = &operation.launch.as_ref().unwrap().task_infos;
    assert_eq!(tasks.len(), 1);
    let task = &tasks[0];
    assert_eq!(task.name, "My Task");
    assert_eq!(task.task_id.value, "12220-3440-12532-my-task");
    assert_eq!(task.agent_id.value, "12220-3440-12532-S1233");
    let executor = task.executor.as_ref().unwrap();
    assert_eq!(executor.executor_id.value, "12214-23523-my-executor");
    let command = executor.command.as_ref().unwrap();
    assert_eq!(command.shell, Some(true));
    assert_eq!(command.value.as_deref(), Some("sleep 1000"));
    let names: Vec<_> = task.resources.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["cpus", "mem"]);
    assert!(
        task.resources
            .iter()
            .all(|r| r.r#type() == value::Type::Scalar && r.role() == "*")
    );
    assert_eq!(task.resources[0].scalar.as_ref().unwrap().value, 1.0);
    assert_eq!(task.resources[1].scalar.as_ref().unwrap().value, 128.0);
    assert_eq!(
        task.resources[1]
            .allocation_info
            .as_ref()
            .unwrap()
            .role
            .as_deref(),
        Some("engineering")
    );
    assert_eq!(task.limits["cpus"].value, f64::INFINITY);
    assert_eq!(task.limits["mem"].value, 512.0);

    let operation = &written["accept"]["operations"][0];
    assert_eq!(operation["type"], "LAUNCH");
    let task = &operation["launch"]["task_infos"][0];
    assert_eq!(task["resources"][1]["scalar"]["value"], json!(128.0));
    assert_eq!(task["limits"]["mem"]["value"], json!(512.0));

    // As printed, the docs' `limits` values are not `Value.Scalar` objects; Mesos rejects that.
    let as_documented = SCHEDULER_ACCEPT
        .replace(r#"{"value": "Infinity"}"#, r#""Infinity""#)
        .replace(r#"{"value": 512.0}"#, "512.0");
    assert!(as_documented.contains(r#""mem": 512.0"#));
    let err = json::from_str::<scheduler::Call>(&as_documented).unwrap_err();
    assert!(matches!(err, JsonError::Schema { .. }), "{err:?}");
}

#[test]
fn scheduler_decline_call() {
    let (call, written) = check_example::<scheduler::Call>(SCHEDULER_DECLINE, &[], no_defaults);
    assert_eq!(call.r#type(), scheduler::call::Type::Decline);
    let decline = call.decline.as_ref().unwrap();
    let ids: Vec<_> = decline.offer_ids.iter().map(|o| o.value.as_str()).collect();
    assert_eq!(ids, ["12220-3440-12532-O12", "12220-3440-12532-O13"]);
    assert_eq!(decline.filters.as_ref().unwrap().refuse_seconds, Some(5.0));
    assert_eq!(written["decline"]["filters"]["refuse_seconds"], json!(5.0));
}

#[test]
fn scheduler_reconcile_call() {
    let (call, written) = check_example::<scheduler::Call>(SCHEDULER_RECONCILE, &[], no_defaults);
    assert_eq!(call.r#type(), scheduler::call::Type::Reconcile);
    let tasks = &call.reconcile.as_ref().unwrap().tasks;
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].task_id.value, "312325");
    assert_eq!(tasks[0].agent_id.as_ref().unwrap().value, "123535");
    assert_eq!(written, doc(SCHEDULER_RECONCILE));
}

#[test]
fn scheduler_kill_call() {
    let (call, written) = check_example::<scheduler::Call>(SCHEDULER_KILL, &[], no_defaults);
    assert_eq!(call.r#type(), scheduler::call::Type::Kill);
    let kill = call.kill.as_ref().unwrap();
    assert_eq!(kill.task_id.value, "12220-3440-12532-my-task");
    assert_eq!(
        kill.agent_id.as_ref().unwrap().value,
        "12220-3440-12532-S1233"
    );
    assert!(kill.kill_policy.is_none());
    assert_eq!(written, doc(SCHEDULER_KILL));
}

#[test]
fn scheduler_message_call() {
    let (call, written) =
        check_example::<scheduler::Call>(SCHEDULER_MESSAGE_CALL, &[], no_defaults);
    assert_eq!(call.r#type(), scheduler::call::Type::Message);
    let message = call.message.as_ref().unwrap();
    assert_eq!(message.agent_id.value, "12220-3440-12532-S1233");
    assert_eq!(message.executor_id.value, "my-framework-executor");
    assert_eq!(message.data.len(), 15);
    assert_eq!(written["message"]["data"], "adaf838jahd748jnaldf");
}

#[test]
fn scheduler_message_event() {
    let (event, written) =
        check_example::<scheduler::Event>(SCHEDULER_MESSAGE_EVENT, &[], no_defaults);
    assert_eq!(event.r#type(), scheduler::event::Type::Message);
    let message = event.message.as_ref().unwrap();
    assert_eq!(message.agent_id.value, "12214-23523-S235235");
    assert_eq!(message.executor_id.value, "12214-23523-my-executor");
    assert_eq!(message.data.len(), 15);
    assert_eq!(written, doc(SCHEDULER_MESSAGE_EVENT));
}

#[test]
fn scheduler_failure_event() {
    let (event, written) = check_example::<scheduler::Event>(SCHEDULER_FAILURE, &[], no_defaults);
    assert_eq!(event.r#type(), scheduler::event::Type::Failure);
    let failure = event.failure.as_ref().unwrap();
    assert_eq!(
        failure.agent_id.as_ref().unwrap().value,
        "12214-23523-S235235"
    );
    assert_eq!(
        failure.executor_id.as_ref().unwrap().value,
        "12214-23523-my-executor"
    );
    assert_eq!(failure.status, Some(1));
    assert_eq!(written["failure"]["status"], json!(1));
}

#[test]
fn scheduler_error_event() {
    let (event, written) = check_example::<scheduler::Event>(SCHEDULER_ERROR, &[], no_defaults);
    assert_eq!(event.r#type(), scheduler::event::Type::Error);
    assert_eq!(
        event.error.as_ref().unwrap().message,
        "Framework is not authorized"
    );
    assert_eq!(written, doc(SCHEDULER_ERROR));

    // As printed, `message` holds a string where the `Event.Message` object goes.
    let err = json::from_str::<scheduler::Event>(SCHEDULER_ERROR_AS_DOCUMENTED).unwrap_err();
    assert_eq!(schema_path(err), "message");
}

#[test]
fn scheduler_heartbeat_event() {
    let (event, written) = check_example::<scheduler::Event>(SCHEDULER_HEARTBEAT, &[], no_defaults);
    assert_eq!(event.r#type(), scheduler::event::Type::Heartbeat);
    assert_eq!(
        event,
        scheduler::Event {
            r#type: Some(scheduler::event::Type::Heartbeat as i32),
            ..Default::default()
        }
    );
    assert_eq!(written, json!({"type": "HEARTBEAT"}));
}

// ---------------------------------------------------------------------------------------------
// Executor API examples.
// ---------------------------------------------------------------------------------------------

#[test]
fn executor_subscribe_call() {
    let (call, written) = check_example::<executor::Call>(
        EXECUTOR_SUBSCRIBE,
        &["subscribe.unacknowledged_updates[0].framework_id"],
        |call| {
            // `CommandInfo.shell [default = true]`.
            let task = &mut call.subscribe.as_mut().unwrap().unacknowledged_tasks[0];
            task.command.as_mut().unwrap().shell = Some(true);
        },
    );
    assert_eq!(call.r#type(), executor::call::Type::Subscribe);
    assert_eq!(
        call.executor_id.value,
        "387aa966-8fc5-4428-a794-5a868a60d3eb"
    );
    assert_eq!(
        call.framework_id.value,
        "49154f1b-8cf6-4421-bf13-8bd11dccd1f1"
    );
    let subscribe = call.subscribe.as_ref().unwrap();
    assert_eq!(subscribe.unacknowledged_tasks.len(), 1);
    let task = &subscribe.unacknowledged_tasks[0];
    assert_eq!(task.name, "dummy-task");
    assert_eq!(task.task_id.value, "d40f3f3e-bbe3-44af-a230-4cb1eae72f67");
    assert_eq!(task.agent_id.value, "f1c9cdc5-195e-41a7-a0d7-adaa9af07f81");
    let command = task.command.as_ref().unwrap();
    assert_eq!(command.value.as_deref(), Some("ls"));
    assert_eq!(command.arguments, ["-l", "/tmp"]);
    assert_eq!(subscribe.unacknowledged_updates.len(), 1);
    let status = &subscribe.unacknowledged_updates[0].status;
    assert_eq!(status.source(), task_status::Source::Executor);
    assert_eq!(status.state(), TaskState::TaskRunning);
    assert_eq!(status.task_id.value, "d40f3f3e-bbe3-44af-a230-4cb1eae72f67");
    assert_eq!(status.uuid.as_deref(), Some(&EXECUTOR_UUID[..]));

    assert_eq!(written["type"], "SUBSCRIBE");
    // The unset `shell` of the task's command is written with its declared default.
    assert_eq!(
        written["subscribe"]["unacknowledged_tasks"][0]["command"]["shell"],
        json!(true)
    );
    assert_eq!(
        written["subscribe"]["unacknowledged_updates"][0]["status"]["uuid"],
        "1A8/PrvjRK+iMEyx6ucvZw=="
    );
}

#[test]
fn executor_subscribed_event() {
    let (event, written) =
        check_example::<executor::Event>(EXECUTOR_SUBSCRIBED, &["subscribed.agent_id"], |event| {
            let subscribed = event.subscribed.as_mut().unwrap();
            framework_info_defaults(&mut subscribed.framework_info);
            subscribed.executor_info.command.as_mut().unwrap().shell = Some(true);
        });
    assert_eq!(event.r#type(), executor::event::Type::Subscribed);
    let subscribed = event.subscribed.as_ref().unwrap();
    assert_eq!(
        subscribed.executor_info.executor_id.value,
        "387aa966-8fc5-4428-a794-5a868a60d3eb"
    );
    assert_eq!(
        subscribed
            .executor_info
            .command
            .as_ref()
            .unwrap()
            .value
            .as_deref(),
        Some("/path/to/executor")
    );
    assert_eq!(
        subscribed
            .executor_info
            .framework_id
            .as_ref()
            .unwrap()
            .value,
        "49154f1b-8cf6-4421-bf13-8bd11dccd1f1"
    );
    assert_eq!(subscribed.framework_info.user, "foo");
    assert_eq!(subscribed.framework_info.name, "my_framework");
    assert_eq!(subscribed.agent_info.hostname, "agenthost");
    assert_eq!(subscribed.agent_info.port, Some(5051));

    let written = &written["subscribed"];
    assert_eq!(written["agent_info"]["port"], json!(5051));
    assert_eq!(written["framework_info"]["failover_timeout"], json!(0.0));
    assert_eq!(written["framework_info"]["checkpoint"], json!(false));
    assert_eq!(written["executor_info"]["command"]["shell"], json!(true));

    // As printed (`"host"` instead of `"hostname"`), the required hostname is missing.
    let as_documented = EXECUTOR_SUBSCRIBED.replace(r#""hostname""#, r#""host""#);
    let err = json::from_str::<executor::Event>(&as_documented).unwrap_err();
    assert_eq!(missing_fields(err), ["subscribed.agent_info.hostname"]);
}

#[test]
fn executor_launch_event() {
    let (event, written) =
        check_example::<executor::Event>(EXECUTOR_LAUNCH, &["launch.framework_info"], |event| {
            let task = &mut event.launch.as_mut().unwrap().task;
            task.command.as_mut().unwrap().shell = Some(true);
        });
    assert_eq!(event.r#type(), executor::event::Type::Launch);
    let task = &event.launch.as_ref().unwrap().task;
    assert_eq!(task.name, "dummy-task");
    assert_eq!(task.task_id.value, "d40f3f3e-bbe3-44af-a230-4cb1eae72f67");
    assert_eq!(task.agent_id.value, "f1c9cdc5-195e-41a7-a0d7-adaa9af07f81");
    let command = task.command.as_ref().unwrap();
    assert_eq!(command.value.as_deref(), Some("sleep"));
    assert_eq!(command.arguments, ["100"]);
    assert_eq!(command.shell, None);
    assert_eq!(written["type"], "LAUNCH");
    assert_eq!(written["launch"]["task"]["command"]["shell"], json!(true));
}

#[test]
fn executor_update_call() {
    let (call, written) = check_example::<executor::Call>(EXECUTOR_UPDATE, &[], no_defaults);
    assert_eq!(call.r#type(), executor::call::Type::Update);
    assert_eq!(
        call.framework_id.value,
        "9aaa9d0d-e00d-444f-bfbd-23dd197939a0-0000"
    );
    let status = &call.update.as_ref().unwrap().status;
    assert_eq!(
        status.executor_id.as_ref().unwrap().value,
        "387aa966-8fc5-4428-a794-5a868a60d3eb"
    );
    assert_eq!(status.source(), task_status::Source::Executor);
    assert_eq!(status.state(), TaskState::TaskRunning);
    assert_eq!(status.task_id.value, "66724cec-2609-4fa0-8d93-c5fb2099d0f8");
    assert_eq!(status.uuid.as_ref().unwrap().len(), 16);
    assert_eq!(written["update"]["status"]["state"], "TASK_RUNNING");
    assert_eq!(
        written["update"]["status"]["uuid"],
        "1A8/PrvjRK+iMEyx6ucvZw=="
    );
}

#[test]
fn executor_kill_event() {
    let (event, written) = check_example::<executor::Event>(EXECUTOR_KILL, &[], no_defaults);
    assert_eq!(event.r#type(), executor::event::Type::Kill);
    let kill = event.kill.as_ref().unwrap();
    assert_eq!(kill.task_id.value, "d40f3f3e-bbe3-44af-a230-4cb1eae72f67");
    assert!(kill.kill_policy.is_none());
    assert_eq!(written, doc(EXECUTOR_KILL));
}

#[test]
fn executor_acknowledged_event() {
    let (event, written) =
        check_example::<executor::Event>(EXECUTOR_ACKNOWLEDGED, &[], no_defaults);
    assert_eq!(event.r#type(), executor::event::Type::Acknowledged);
    let acknowledged = event.acknowledged.as_ref().unwrap();
    assert_eq!(
        acknowledged.task_id.value,
        "d40f3f3e-bbe3-44af-a230-4cb1eae72f67"
    );
    assert_eq!(&acknowledged.uuid[..], &EXECUTOR_UUID[..]);
    assert_eq!(written, doc(EXECUTOR_ACKNOWLEDGED));
}

#[test]
fn executor_message_event() {
    let (event, written) = check_example::<executor::Event>(EXECUTOR_MESSAGE, &[], no_defaults);
    assert_eq!(event.r#type(), executor::event::Type::Message);
    assert_eq!(&event.message.as_ref().unwrap().data[..], b"sample data");
    assert_eq!(written, doc(EXECUTOR_MESSAGE));
}

#[test]
fn executor_shutdown_event() {
    let (event, written) = check_example::<executor::Event>(EXECUTOR_SHUTDOWN, &[], no_defaults);
    assert_eq!(event.r#type(), executor::event::Type::Shutdown);
    assert_eq!(
        event,
        executor::Event {
            r#type: Some(executor::event::Type::Shutdown as i32),
            ..Default::default()
        }
    );
    assert_eq!(written, json!({"type": "SHUTDOWN"}));
}

#[test]
fn executor_error_event() {
    let (event, written) = check_example::<executor::Event>(EXECUTOR_ERROR, &[], no_defaults);
    assert_eq!(event.r#type(), executor::event::Type::Error);
    assert_eq!(event.error.as_ref().unwrap().message, "Unrecoverable error");
    assert_eq!(written, doc(EXECUTOR_ERROR));
}

// ---------------------------------------------------------------------------------------------
// The rules of Mesos' JSON mapping, one at a time.
// ---------------------------------------------------------------------------------------------

#[test]
fn unknown_keys_are_ignored() {
    let call: scheduler::Call = json::from_str(
        r#"{"type": "KILL", "no_such_field": [1, {"x": null}], "framework_id": {"value": "f", "extra": 1},
            "kill": {"task_id": {"value": "t"}, "nested_unknown": {"a": "b"}}}"#,
    )
    .unwrap();
    assert_eq!(
        call,
        scheduler::Call {
            r#type: Some(scheduler::call::Type::Kill as i32),
            framework_id: Some(v1::FrameworkId { value: "f".into() }),
            kill: Some(scheduler::call::Kill {
                task_id: v1::TaskId { value: "t".into() },
                agent_id: None,
                kill_policy: None,
            }),
            ..Default::default()
        }
    );
    let written = round_trip(&call);
    assert_eq!(
        written,
        json!({"type": "KILL", "framework_id": {"value": "f"}, "kill": {"task_id": {"value": "t"}}})
    );
}

#[test]
fn null_is_unset() {
    let call: scheduler::Call = json::from_str(
        r#"{"type": "KILL", "framework_id": null, "subscribe": null,
            "kill": {"task_id": {"value": "t"}, "agent_id": null, "kill_policy": null}}"#,
    )
    .unwrap();
    assert!(call.framework_id.is_none());
    assert!(call.subscribe.is_none());
    let kill = call.kill.as_ref().unwrap();
    assert!(kill.agent_id.is_none() && kill.kill_policy.is_none());

    // `null` for a scalar, an enum and a repeated field too.
    let info: FrameworkInfo = json::from_str(
        r#"{"user": "u", "name": "n", "hostname": null, "checkpoint": null, "roles": null,
            "capabilities": null, "failover_timeout": null}"#,
    )
    .unwrap();
    assert_eq!(
        info,
        FrameworkInfo {
            user: "u".into(),
            name: "n".into(),
            ..Default::default()
        }
    );

    // A required field given as `null` is missing.
    let err = json::from_str::<FrameworkInfo>(r#"{"user": null, "name": "n"}"#).unwrap_err();
    assert_eq!(missing_fields(err), ["user"]);
}

/// stout's parser visits every element of a JSON array with the same per-value rules, and its
/// rule for `null` is "unset", so a `null` element adds nothing.
#[test]
fn null_array_elements_are_skipped() {
    let call: scheduler::Call = json::from_str(
        r#"{"type": "RECONCILE", "framework_id": {"value": "f"},
            "reconcile": {"tasks": [null, {"task_id": {"value": "t"}}]}}"#,
    )
    .unwrap();
    let tasks = &call.reconcile.as_ref().unwrap().tasks;
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].task_id.value, "t");

    let info: FrameworkInfo =
        json::from_str(r#"{"user": "u", "name": "n", "roles": ["a", null, "b"]}"#).unwrap();
    assert_eq!(info.roles, ["a", "b"]);
}

#[test]
fn lower_camel_case_keys_are_not_field_names() {
    let call: scheduler::Call = json::from_str(
        r#"{"type": "KILL", "frameworkId": {"value": "camel"},
            "kill": {"taskId": {"value": "camel"}, "task_id": {"value": "t"}, "agentId": {"value": "a"}}}"#,
    )
    .unwrap();
    assert!(call.framework_id.is_none());
    let kill = call.kill.as_ref().unwrap();
    assert_eq!(kill.task_id.value, "t");
    assert!(kill.agent_id.is_none());

    // A required field spelled only in lowerCamelCase is missing.
    let err = json::from_str::<scheduler::Call>(
        r#"{"type": "KILL", "kill": {"taskId": {"value": "t"}}}"#,
    )
    .unwrap_err();
    assert_eq!(missing_fields(err), ["kill.task_id"]);

    // And writing never produces lowerCamelCase.
    let text = json::to_string(&call).unwrap();
    assert!(
        text.contains(r#""task_id""#) && !text.contains("taskId"),
        "{text}"
    );
}

#[test]
fn unknown_enum_name_leaves_an_optional_field_unset() {
    let call: scheduler::Call =
        json::from_str(r#"{"type": "NOT_A_CALL_TYPE", "framework_id": {"value": "f"}}"#).unwrap();
    assert_eq!(call.r#type, None);
    assert_eq!(call.framework_id.as_ref().unwrap().value, "f");
    let written = round_trip(&call);
    assert!(written.get("type").is_none(), "{written}");

    // Also in a nested message and in a repeated message.
    let status: v1::TaskStatus = json::from_str(
        r#"{"task_id": {"value": "t"}, "state": "TASK_RUNNING", "source": "SOURCE_NOWHERE"}"#,
    )
    .unwrap();
    assert_eq!(status.source, None);
    let info: FrameworkInfo = json::from_str(
        r#"{"user": "u", "name": "n", "capabilities": [{"type": "FROM_THE_FUTURE"}, {"type": "MULTI_ROLE"}]}"#,
    )
    .unwrap();
    assert_eq!(info.capabilities.len(), 2);
    assert_eq!(info.capabilities[0].r#type, None);
    assert_eq!(
        info.capabilities[1].r#type(),
        framework_info::capability::Type::MultiRole
    );
}

#[test]
fn unknown_enum_name_on_a_required_field_is_an_error() {
    // `Resource.type` is `required Value.Type type = 2`.
    let err = json::from_str::<Resource>(
        r#"{"name": "cpus", "type": "SCALARISH", "scalar": {"value": 1}}"#,
    )
    .unwrap_err();
    assert_eq!(schema_path(err), "type");

    // `TaskStatus.state` is `required TaskState state = 2`; the error names the full path.
    let err = json::from_str::<scheduler::Event>(
        r#"{"type": "UPDATE", "update": {"status": {"task_id": {"value": "t"}, "state": "TASK_DAYDREAMING"}}}"#,
    )
    .unwrap_err();
    assert_eq!(schema_path(err), "update.status.state");

    // And inside a repeated message.
    let err = json::from_str::<scheduler::Event>(
        r#"{"type": "OFFERS", "offers": {"offers": [{"id": {"value": "o"},
            "framework_id": {"value": "f"}, "agent_id": {"value": "a"}, "hostname": "h",
            "resources": [{"name": "cpus", "type": "SCALAR", "scalar": {"value": 1}},
                          {"name": "mem", "type": "VECTOR"}]}]}}"#,
    )
    .unwrap_err();
    assert_eq!(schema_path(err), "offers.offers[0].resources[1].type");
}

#[test]
fn json_number_for_an_enum_is_rejected() {
    // Optional enum.
    let err = json::from_str::<scheduler::Call>(r#"{"type": 6, "framework_id": {"value": "f"}}"#)
        .unwrap_err();
    assert_eq!(schema_path(err), "type");
    // Required enum, even with a valid number.
    let err = json::from_str::<Resource>(r#"{"name": "cpus", "type": 0, "scalar": {"value": 1}}"#)
        .unwrap_err();
    assert_eq!(schema_path(err), "type");
    // Repeated enum element position.
    let err = json::from_str::<FrameworkInfo>(
        r#"{"user": "u", "name": "n", "capabilities": [{"type": 6}]}"#,
    )
    .unwrap_err();
    assert_eq!(schema_path(err), "capabilities[0].type");
}

#[test]
fn missing_required_field_is_reported_with_its_dotted_path() {
    let err = json::from_str::<scheduler::Call>(
        r#"{"type": "SUBSCRIBE", "subscribe": {"framework_info": {"name": "Example HTTP Framework"}}}"#,
    )
    .unwrap_err();
    let text = err.to_string();
    assert_eq!(missing_fields(err), ["subscribe.framework_info.user"]);
    assert!(text.contains("subscribe.framework_info.user"), "{text}");

    // Every missing field is named, including inside repeated messages.
    let err = json::from_str::<scheduler::Call>(
        r#"{"type": "ACKNOWLEDGE", "acknowledge": {"agent_id": {"value": "a"}}}"#,
    )
    .unwrap_err();
    let mut fields = missing_fields(err);
    fields.sort();
    assert_eq!(fields, ["acknowledge.task_id", "acknowledge.uuid"]);

    let err = json::from_str::<scheduler::Call>(
        r#"{"type": "DECLINE", "decline": {"offer_ids": [{"value": "o1"}, {}]}}"#,
    )
    .unwrap_err();
    assert_eq!(missing_fields(err), ["decline.offer_ids[1].value"]);

    // Executor calls require their top-level ids.
    let err = json::from_str::<executor::Call>(r#"{"type": "SUBSCRIBE"}"#).unwrap_err();
    let mut fields = missing_fields(err);
    fields.sort();
    assert_eq!(fields, ["executor_id", "framework_id"]);
}

#[test]
fn bytes_are_standard_base64_with_padding() {
    let event = executor::Event {
        r#type: Some(executor::event::Type::Acknowledged as i32),
        acknowledged: Some(executor::event::Acknowledged {
            task_id: v1::TaskId { value: "t".into() },
            uuid: EXECUTOR_UUID.to_vec().into(),
        }),
        ..Default::default()
    };
    let written = round_trip(&event);
    let uuid = written["acknowledged"]["uuid"].as_str().unwrap();
    // Standard alphabet (`+` and `/`, not `-` and `_`), padded to 24 characters.
    assert_eq!(uuid, "1A8/PrvjRK+iMEyx6ucvZw==");
    assert_eq!(uuid.len(), 24);

    // Lengths that need one and two padding characters, and none.
    for (data, encoded) in [
        (&b"sample data"[..], "c2FtcGxlIGRhdGE="),
        (&b"sample dat"[..], "c2FtcGxlIGRhdA=="),
        (&b"sample da"[..], "c2FtcGxlIGRh"),
        (&b""[..], ""),
    ] {
        let event = executor::Event {
            r#type: Some(executor::event::Type::Message as i32),
            message: Some(executor::event::Message {
                data: data.to_vec().into(),
            }),
            ..Default::default()
        };
        let written = round_trip(&event);
        assert_eq!(written["message"]["data"], encoded, "{data:?}");
    }

    // Not Base64 at all is an error.
    let err = json::from_str::<executor::Event>(
        r#"{"type": "MESSAGE", "message": {"data": "not base64!"}}"#,
    )
    .unwrap_err();
    assert!(matches!(err, JsonError::Schema { .. }), "{err:?}");
}

#[test]
fn uint64_above_2_pow_53_is_exact() {
    // Port ranges are `required uint64 begin/end`.
    let text = r#"{"type": "OFFERS", "offers": {"offers": [{"id": {"value": "o"},
        "framework_id": {"value": "f"}, "agent_id": {"value": "a"}, "hostname": "h",
        "resources": [{"name": "ports", "type": "RANGES",
                       "ranges": {"range": [{"begin": 31000, "end": 32000},
                                            {"begin": 9007199254740993, "end": 18446744073709551615}]}}]}]}}"#;
    let event: scheduler::Event = json::from_str(text).unwrap();
    let ports = &event.offers.as_ref().unwrap().offers[0].resources[0];
    assert_eq!(ports.r#type(), value::Type::Ranges);
    let ranges = &ports.ranges.as_ref().unwrap().range;
    assert_eq!((ranges[0].begin, ranges[0].end), (31000, 32000));
    assert_eq!(ranges[1].begin, (1u64 << 53) + 1);
    assert_eq!(ranges[1].end, u64::MAX);

    let written = round_trip(&event);
    let range = &written["offers"]["offers"][0]["resources"][0]["ranges"]["range"];
    for (i, (begin, end)) in [(31000, 32000), ((1u64 << 53) + 1, u64::MAX)]
        .into_iter()
        .enumerate()
    {
        assert!(range[i]["begin"].is_u64(), "{}", range[i]);
        assert!(range[i]["end"].is_u64(), "{}", range[i]);
        assert_eq!(range[i]["begin"].as_u64(), Some(begin));
        assert_eq!(range[i]["end"].as_u64(), Some(end));
    }
    let text = json::to_string(&event).unwrap();
    assert!(
        text.contains(r#""begin":9007199254740993,"end":18446744073709551615"#),
        "{text}"
    );

    // Writing an exact value that a double cannot hold.
    let range = value::Range {
        begin: u64::MAX - 1,
        end: u64::MAX,
    };
    let written = round_trip(&range);
    assert_eq!(
        written,
        json!({"begin": 18446744073709551614u64, "end": 18446744073709551615u64})
    );
}

#[test]
fn declared_defaults_are_written() {
    let info = FrameworkInfo {
        user: "u".into(),
        name: "n".into(),
        ..Default::default()
    };
    let (written, back) = write_and_read(&info);
    // `optional double failover_timeout = 4 [default = 0]`, `optional bool checkpoint = 5
    // [default = false]`.
    assert_eq!(written["failover_timeout"], json!(0.0));
    assert_eq!(written["checkpoint"], json!(false));
    // Read back, they are set (to their defaults); nothing else changed.
    let mut expected = info.clone();
    framework_info_defaults(&mut expected);
    assert_eq!(back, expected);
    assert_eq!(back.failover_timeout, Some(0.0));
    assert_eq!(back.checkpoint, Some(false));
    let text = json::to_string(&info).unwrap();
    assert!(text.contains(r#""failover_timeout":0.0"#), "{text}");
    assert!(text.contains(r#""checkpoint":false"#), "{text}");
    // Fields without a declared default are not invented.
    assert!(written.get("hostname").is_none() && written.get("id").is_none());

    // Set values win over defaults.
    let info = FrameworkInfo {
        failover_timeout: Some(604800.0),
        checkpoint: Some(true),
        ..info
    };
    let written = round_trip(&info);
    assert_eq!(written["failover_timeout"], json!(604800.0));
    assert_eq!(written["checkpoint"], json!(true));

    // Nested, inside a set message: `Filters.refuse_seconds [default = 5]`.
    let call = scheduler::Call {
        framework_id: Some(v1::FrameworkId { value: "f".into() }),
        r#type: Some(scheduler::call::Type::Decline as i32),
        decline: Some(scheduler::call::Decline {
            offer_ids: vec![v1::OfferId { value: "o".into() }],
            filters: Some(v1::Filters::default()),
        }),
        ..Default::default()
    };
    let (written, back) = write_and_read(&call);
    assert_eq!(
        written["decline"]["filters"],
        json!({"refuse_seconds": 5.0})
    );
    assert_eq!(
        back.decline.unwrap().filters.unwrap().refuse_seconds,
        Some(5.0)
    );
    // An unset message is not created to hold defaults.
    let call = scheduler::Call {
        decline: Some(scheduler::call::Decline::default()),
        ..call
    };
    let written = round_trip(&call);
    assert_eq!(written["decline"], json!({}));

    // `AgentInfo.port [default = 5051]`.
    let agent = v1::AgentInfo {
        hostname: "h".into(),
        ..Default::default()
    };
    let (written, back) = write_and_read(&agent);
    assert_eq!(written, json!({"hostname": "h", "port": 5051}));
    assert_eq!(back.port, Some(5051));
}

#[test]
// Reads and sets the deprecated `role` on purpose.
#[allow(deprecated)]
fn deprecated_defaulted_fields_are_not_written_when_unset() {
    // `FrameworkInfo.role` is `[default = "*", deprecated = true]`.
    let info = FrameworkInfo {
        user: "u".into(),
        name: "n".into(),
        ..Default::default()
    };
    assert_eq!(info.role(), "*");
    let (written, back) = write_and_read(&info);
    assert!(written.get("role").is_none(), "{written}");
    assert_eq!(back.role, None);

    // `Resource.role` is `[default = "*", deprecated = true]`.
    let resource = Resource {
        name: "cpus".into(),
        r#type: value::Type::Scalar as i32,
        scalar: Some(value::Scalar { value: 1.5 }),
        ..Default::default()
    };
    let written = round_trip(&resource);
    assert_eq!(
        written,
        json!({"name": "cpus", "type": "SCALAR", "scalar": {"value": 1.5}})
    );

    // Set explicitly, they are written.
    let resource = Resource {
        role: Some("*".into()),
        ..resource
    };
    assert_eq!(round_trip(&resource)["role"], "*");
    let info = FrameworkInfo {
        role: Some("web".into()),
        ..info
    };
    assert_eq!(write_and_read(&info).0["role"], "web");
}

#[test]
fn boolean_strings_are_accepted_for_bool_fields() {
    let info: FrameworkInfo =
        json::from_str(r#"{"user": "u", "name": "n", "checkpoint": "true"}"#).unwrap();
    assert_eq!(info.checkpoint, Some(true));
    let info: FrameworkInfo =
        json::from_str(r#"{"user": "u", "name": "n", "checkpoint": "false"}"#).unwrap();
    assert_eq!(info.checkpoint, Some(false));
    // Written back as a JSON boolean.
    let (written, back) = write_and_read(&info);
    assert_eq!(written["checkpoint"], json!(false));
    assert_eq!(back.checkpoint, Some(false));

    // Nested, in an example body.
    let call: scheduler::Call = json::from_slice(
        SCHEDULER_ACCEPT
            .replace(r#""shell": true"#, r#""shell": "false""#)
            .as_bytes(),
    )
    .unwrap();
    let task = &call.accept.as_ref().unwrap().operations[0]
        .launch
        .as_ref()
        .unwrap()
        .task_infos[0];
    assert_eq!(
        task.executor
            .as_ref()
            .unwrap()
            .command
            .as_ref()
            .unwrap()
            .shell,
        Some(false)
    );

    // Other strings are not booleans.
    let err = json::from_str::<FrameworkInfo>(r#"{"user": "u", "name": "n", "checkpoint": "yes"}"#)
        .unwrap_err();
    assert_eq!(schema_path(err), "checkpoint");
}

/// "DRAIN_AGENT HTTP Request (JSON)" from apache/mesos `docs/operator-http-api.md`, verbatim.
const OPERATOR_DRAIN_AGENT: &str = r#"{
  "type": "DRAIN_AGENT",
  "drain_agent": {
    "agent_id": {
      "value": "3192b9d1-db71-4699-ae25-e28dfbf42de1"
    },
    "max_grace_period": {"seconds": 600},
    "mark_gone": false
  }
}"#;

/// Mesos (stout) has no special case for `google.protobuf.Duration` (used by the operator API's
/// `DRAIN_AGENT`, the one well-known type in the schema): it is an ordinary message,
/// `{"seconds": <int64>, "nanos": <int32>}`, read and written with proto field names and JSON
/// numbers, as the operator docs show, not as the canonical `"600s"` string.
#[test]
fn well_known_duration_is_an_ordinary_message() {
    use mesos_proto::v1::master;

    let (call, written) = check_example::<master::Call>(OPERATOR_DRAIN_AGENT, &[], no_defaults);
    assert_eq!(call.r#type(), master::call::Type::DrainAgent);
    let drain = call.drain_agent.as_ref().unwrap();
    assert_eq!(drain.agent_id.value, "3192b9d1-db71-4699-ae25-e28dfbf42de1");
    assert_eq!(
        drain.max_grace_period,
        Some(prost_types::Duration {
            seconds: 600,
            nanos: 0
        })
    );
    assert_eq!(drain.mark_gone, Some(false));
    assert_eq!(
        written["drain_agent"]["max_grace_period"],
        json!({"seconds": 600})
    );

    // Both parts, and an int64 beyond 2^53 (`mark_gone` given, so no default is filled in).
    let text = r#"{"type": "DRAIN_AGENT", "drain_agent": {"agent_id": {"value": "a"},
                   "max_grace_period": {"seconds": 9007199254740993, "nanos": 5},
                   "mark_gone": false}}"#;
    let call: master::Call = json::from_str(text).unwrap();
    let written = round_trip(&call);
    assert_eq!(
        written["drain_agent"]["max_grace_period"],
        json!({"seconds": 9007199254740993i64, "nanos": 5})
    );
}

/// The additions of upstream's final v1 schema (apache/mesos master after 1.11.0): container
/// statistics for kernel memory and network rates, the master's `QUOTA_V2` capability and
/// three Linux capabilities. Read from the JSON an agent of that schema writes, and through
/// protobuf, with their field numbers.
#[test]
fn the_final_v1_schema_additions() {
    let stats: v1::ResourceStatistics = json::from_value(json!({
        "timestamp": 1.5,
        "mem_kmem_usage_bytes": "1024",
        "mem_kmem_tcp_usage_bytes": 512,
        "net_tx_rate_limit": 100, "net_tx_burst_rate_limit": 200, "net_tx_burst_size": 300,
        "net_rx_rate_limit": 400, "net_rx_burst_rate_limit": 500, "net_rx_burst_size": 600,
        "net_rate_statistics": {
            "rx_rate": {"min": 1, "max": 9, "p50": 5, "p90": 8, "p95": 8, "p99": 9,
                        "p999": 9, "p9999": 9, "samples": 60},
            "tx_drop_rate": {"samples": 60},
            "sampling_window_secs": 60.0,
            "sampling_interval_secs": 1.0
        },
        "net_ephemeral_ports": {"begin": 32768, "end": 33791}
    }))
    .expect("the additions read");
    assert_eq!(stats.mem_kmem_usage_bytes, Some(1024));
    assert_eq!(stats.net_rx_burst_size, Some(600));
    let rates = stats.net_rate_statistics.expect("rates");
    assert_eq!(rates.rx_rate.as_ref().and_then(|r| r.p9999), Some(9));
    assert_eq!(rates.tx_drop_rate.and_then(|r| r.samples), Some(60));
    assert_eq!(
        stats.net_ephemeral_ports,
        Some(v1::value::Range {
            begin: 32768,
            end: 33791
        })
    );
    round_trip(&stats);
    // Field numbers: 52 and 54 as upstream's, read by a decoder of the final schema.
    let bytes = stats.encode_to_vec();
    let mut only_kmem = Vec::new();
    prost::encoding::uint64::encode(52, &1024, &mut only_kmem);
    assert!(
        bytes.windows(only_kmem.len()).any(|w| w == only_kmem),
        "mem_kmem_usage_bytes is field 52"
    );
    assert_eq!(
        v1::ResourceStatistics::decode(bytes.as_slice()).unwrap(),
        stats
    );

    let master: v1::master_info::Capability =
        json::from_value(json!({"type": "QUOTA_V2"})).expect("QUOTA_V2 reads");
    assert_eq!(master.r#type, Some(3));
    for (name, number) in [
        ("PERFMON", 1038),
        ("BPF", 1039),
        ("CHECKPOINT_RESTORE", 1040),
    ] {
        let info: v1::CapabilityInfo =
            json::from_value(json!({"capabilities": [name]})).expect("the capability reads");
        assert_eq!(info.capabilities, [number], "{name}");
    }
}
