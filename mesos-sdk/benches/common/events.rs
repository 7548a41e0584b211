//! The scheduler events the event benchmarks decode: a HEARTBEAT, a SUBSCRIBED, a task UPDATE
//! and an OFFERS event of ten offers, shaped like what a Mesos 1.x master sends a framework.
//!
//! Shared by the criterion bench (`benches/events.rs`) and the side-by-side comparison with
//! other Mesos clients (`examples/bench_peers.rs`, driven by `scripts/bench-vs-peers.sh`), so
//! both measure the same bytes.

use bytes::Bytes;
use mesos_sdk::v1::scheduler::{Event, event};
use mesos_sdk::v1::{
    AgentId, Attribute, ContainerId, ContainerStatus, ExecutorId, FrameworkId, MasterInfo,
    NetworkInfo, Offer, OfferId, Resource, TaskId, TaskState, TaskStatus, network_info, resource,
    task_status, value,
};
use mesos_sdk::view::scheduler::EventView;

const FRAMEWORK_ID: &str = "5e7b3f0a-2f6c-4b8e-9a61-0c2d7c1e9f3b-0001";

/// The allocation of everything offered: the framework subscribed with the `*` role.
fn allocation() -> Option<resource::AllocationInfo> {
    Some(resource::AllocationInfo {
        role: Some("*".into()),
    })
}

// Offers to frameworks without RESERVATION_REFINEMENT carry the deprecated `role: "*"`.
#[allow(deprecated)]
fn scalar(name: &str, v: f64) -> Resource {
    Resource {
        name: name.into(),
        r#type: value::Type::Scalar as i32,
        scalar: Some(value::Scalar { value: v }),
        role: Some("*".into()),
        allocation_info: allocation(),
        ..Default::default()
    }
}

#[allow(deprecated)]
fn offer(i: usize) -> Offer {
    let ports = Resource {
        name: "ports".into(),
        r#type: value::Type::Ranges as i32,
        ranges: Some(value::Ranges {
            range: vec![
                value::Range {
                    begin: 31000,
                    end: 31499,
                },
                value::Range {
                    begin: 31600,
                    end: 32000,
                },
            ],
        }),
        role: Some("*".into()),
        allocation_info: allocation(),
        ..Default::default()
    };
    let text = |name: &str, v: &str| Attribute {
        name: name.into(),
        r#type: value::Type::Text as i32,
        text: Some(value::Text { value: v.into() }),
        ..Default::default()
    };
    Offer {
        id: OfferId {
            value: format!("5e7b3f0a-2f6c-4b8e-9a61-0c2d7c1e9f3b-O{i}"),
        },
        framework_id: FrameworkId {
            value: FRAMEWORK_ID.into(),
        },
        agent_id: AgentId {
            value: format!("5e7b3f0a-2f6c-4b8e-9a61-0c2d7c1e9f3b-S{i}"),
        },
        hostname: format!("agent-{i}.dc1.example.com"),
        resources: vec![
            scalar("cpus", 7.5),
            scalar("mem", 30_720.0),
            scalar("disk", 204_800.0),
            ports,
        ],
        attributes: vec![
            text("rack", &format!("r{}", i % 8)),
            text("zone", "us-east-1a"),
            Attribute {
                name: "ssd".into(),
                r#type: value::Type::Scalar as i32,
                scalar: Some(value::Scalar { value: 1.0 }),
                ..Default::default()
            },
        ],
        allocation_info: allocation(),
        ..Default::default()
    }
}

/// A HEARTBEAT: the smallest event, sent every 15 seconds by default.
pub(crate) fn heartbeat() -> Event {
    Event {
        r#type: Some(event::Type::Heartbeat as i32),
        ..Default::default()
    }
}

/// An OFFERS event of ten offers, each of cpus, mem, disk and two port ranges with their
/// allocation info, and three attributes (rack, zone, ssd).
pub(crate) fn offers() -> Event {
    Event {
        r#type: Some(event::Type::Offers as i32),
        offers: Some(event::Offers {
            offers: (0..10).map(offer).collect(),
        }),
        ..Default::default()
    }
}

/// The SUBSCRIBED event that opens a subscription: the framework's id, the heartbeat interval
/// and the leading master's info.
pub(crate) fn subscribed() -> Event {
    Event {
        r#type: Some(event::Type::Subscribed as i32),
        subscribed: Some(event::Subscribed {
            framework_id: FrameworkId {
                value: FRAMEWORK_ID.into(),
            },
            heartbeat_interval_seconds: Some(15.0),
            master_info: Some(MasterInfo {
                id: "5e7b3f0a-2f6c-4b8e-9a61-0c2d7c1e9f3b".into(),
                // 10.0.0.11 in network byte order, as the master fills it.
                ip: 0x0b00_000a,
                port: 5050,
                pid: Some("master@10.0.0.11:5050".into()),
                hostname: Some("master-1.dc1.example.com".into()),
                version: Some("1.11.0".into()),
                address: Some(mesos_sdk::v1::Address {
                    hostname: Some("master-1.dc1.example.com".into()),
                    ip: Some("10.0.0.11".into()),
                    port: 5050,
                }),
                ..Default::default()
            }),
        }),
        ..Default::default()
    }
}

/// A task's TASK_RUNNING UPDATE from its executor, with the status uuid to acknowledge and the
/// container's network info.
pub(crate) fn update() -> Event {
    Event {
        r#type: Some(event::Type::Update as i32),
        update: Some(event::Update {
            status: TaskStatus {
                task_id: TaskId {
                    value: "web.7d1c2e4a-9b3f-4e60-8a15-2f4b6c8d0e1f".into(),
                },
                state: TaskState::TaskRunning as i32,
                source: Some(task_status::Source::Executor as i32),
                agent_id: Some(AgentId {
                    value: "5e7b3f0a-2f6c-4b8e-9a61-0c2d7c1e9f3b-S3".into(),
                }),
                executor_id: Some(ExecutorId {
                    value: "web.7d1c2e4a-9b3f-4e60-8a15-2f4b6c8d0e1f".into(),
                }),
                timestamp: Some(1_767_225_600.123_456),
                uuid: Some(Bytes::from_static(&[
                    0x3f, 0x2a, 0x91, 0x0c, 0x5d, 0x7e, 0x4b, 0x12, 0x8c, 0x6f, 0x01, 0xd4, 0xa9,
                    0x3b, 0x77, 0xe2,
                ])),
                healthy: Some(true),
                container_status: Some(ContainerStatus {
                    container_id: Some(ContainerId {
                        value: "b1f0c9e2-6a3d-4f8b-9e71-5c2a0d4e8f63".into(),
                        ..Default::default()
                    }),
                    network_infos: vec![NetworkInfo {
                        ip_addresses: vec![network_info::IpAddress {
                            protocol: Some(network_info::Protocol::IPv4 as i32),
                            ip_address: Some("10.0.3.17".into()),
                        }],
                        ..Default::default()
                    }],
                    executor_pid: Some(48_213),
                    ..Default::default()
                }),
                ..Default::default()
            },
        }),
        ..Default::default()
    }
}

/// Every event the comparison decodes, by name, smallest first.
pub(crate) fn all() -> [(&'static str, Event); 4] {
    [
        ("heartbeat", heartbeat()),
        ("subscribed", subscribed()),
        ("update", update()),
        ("offers10", offers()),
    ]
}

/// Reads what a scheduler matches offers on: ids, hostname, every resource's name and value,
/// every attribute's name: what `bench_peers` and the session bench read of an OFFERS event
/// (`scripts/bench-vs-peers/decode_events.py` reads the same fields).
pub(crate) fn read_offers(event: &Event) -> u64 {
    let mut n = 0u64;
    for offer in event.offers.iter().flat_map(|offers| &offers.offers) {
        n += (offer.id.value.len() + offer.agent_id.value.len() + offer.hostname.len()) as u64;
        for resource in &offer.resources {
            n += resource.name.len() as u64;
            if let Some(scalar) = &resource.scalar {
                n += scalar.value as u64;
            }
            for range in resource.ranges.iter().flat_map(|ranges| &ranges.range) {
                n += range.end - range.begin;
            }
        }
        for attribute in &offer.attributes {
            n += attribute.name.len() as u64;
        }
    }
    n
}

/// [`read_offers`] through the view.
pub(crate) fn read_offers_view(event: &EventView<'_>) -> u64 {
    let mut n = 0u64;
    for offer in event.offers().iter().flat_map(|offers| offers.offers()) {
        n += (offer.id().value().len() + offer.agent_id().value().len() + offer.hostname().len())
            as u64;
        for resource in offer.resources() {
            n += resource.name().len() as u64;
            if let Some(scalar) = resource.scalar() {
                n += scalar.value() as u64;
            }
            for range in resource.ranges().iter().flat_map(|ranges| ranges.range()) {
                n += range.end() - range.begin();
            }
        }
        for attribute in offer.attributes() {
            n += attribute.name().len() as u64;
        }
    }
    n
}
