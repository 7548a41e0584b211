#![cfg(feature = "json")]
//! probe
use mesos_proto::json;
use mesos_proto::v1::{Resource, master, scheduler};

#[test]
fn probe() {
    let c = master::Call {
        r#type: Some(master::call::Type::DrainAgent as i32),
        drain_agent: Some(master::call::DrainAgent {
            agent_id: Default::default(),
            max_grace_period: Some(prost_types::Duration {
                seconds: 10,
                nanos: 0,
            }),
            mark_gone: None,
        }),
        ..Default::default()
    };
    println!("{:?}", json::to_string(&c));
    let r: Result<Resource, _> = json::from_str(r#"{"name":"cpus","type":"SCALARX"}"#);
    println!("{r:?}");
    let r: Result<Resource, _> = json::from_str(r#"{"name":"cpus","type":0}"#);
    println!("{r:?}");
    let r: Result<scheduler::Call, _> =
        json::from_str(r#"{"type":"SUBSCRIBE","subscribe":{"framework_info":{"name":"x"}}}"#);
    println!("{r:?}");
    let r: Result<Resource, _> = json::from_str(
        r#"{"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":18446744073709551615}]}}"#,
    );
    println!("{r:?}");
    println!("{}", json::to_string(&r.unwrap()).unwrap());
    let r: Result<scheduler::Call, _> =
        json::from_str(r#"{"type":"FOO","framework_id":{"value":"f"}}"#);
    println!("{r:?}");
}
