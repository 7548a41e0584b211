//! The Apache Mesos v1 wire schema as Rust types.
//!
//! Every message of the scheduler, executor and operator (master and agent) HTTP APIs, generated
//! by [prost](https://docs.rs/prost) from the `.proto` files shipped in this crate. Message and
//! field names, field numbers, types, labels, defaults and enum values are those of Apache Mesos'
//! final v1 schema: 1.11.0, the last release, plus the 16 additions made on its main branch
//! since (container statistics for kernel memory and network rates, the master's `QUOTA_V2`
//! capability, the Linux capabilities `PERFMON`, `BPF`, `CHECKPOINT_RESTORE`). They are all
//! new optional fields, messages and enum values, so the types encode and decode exactly what a
//! Mesos master or agent of any release sends.
//!
//! The module tree mirrors the protobuf packages:
//!
//! | package | module |
//! |---|---|
//! | `mesos.v1` | [`v1`] |
//! | `mesos.v1.scheduler` | [`v1::scheduler`] |
//! | `mesos.v1.executor` | [`v1::executor`] |
//! | `mesos.v1.master` | [`v1::master`] |
//! | `mesos.v1.agent` | [`v1::agent`] |
//! | `mesos.v1.quota` | [`v1::quota`] |
//! | `mesos.v1.maintenance` | [`v1::maintenance`] |
//! | `mesos.v1.allocator` | [`v1::allocator`] |
//! | `mesos.v1.resource_provider` | [`v1::resource_provider`] |
//!
//! Protobuf names become Rust names the prost way: `FrameworkID` is [`v1::FrameworkId`], enum
//! values lose the enum's prefix and become CamelCase (`TASK_RUNNING` is
//! [`v1::TaskState::TaskRunning`]). Each generated item's documentation quotes its declaration in
//! the schema, field number included.
//!
//! ```
//! use mesos_proto::v1::{scheduler, FrameworkId};
//! use prost::Message;
//!
//! let call = scheduler::Call {
//!     framework_id: Some(FrameworkId { value: "f-1".into() }),
//!     r#type: Some(scheduler::call::Type::Teardown as i32),
//!     ..Default::default()
//! };
//! let bytes = call.encode_to_vec();
//! assert_eq!(scheduler::Call::decode(bytes.as_slice()).unwrap(), call);
//! ```
//!
//! With the `json` feature, the `json` module reads and writes Mesos' JSON form of any of these messages.
//!
//! Proto2 note: prost decodes a message even when a `required` field is absent (it is left at its
//! default). Code that must reject such input, as a Mesos master does, checks the fields it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "json")]
#[cfg_attr(docsrs, doc(cfg(feature = "json")))]
pub mod json;

pub mod view;

/// The `mesos.v1` package: the types shared by every Mesos v1 API.
#[allow(
    clippy::all,
    clippy::pedantic,
    rustdoc::invalid_html_tags,
    rustdoc::bare_urls
)]
pub mod v1 {
    include!("generated/mesos.v1.rs");

    /// The `mesos.v1.scheduler` package: scheduler HTTP API calls and events.
    pub mod scheduler {
        include!("generated/mesos.v1.scheduler.rs");
    }

    /// The `mesos.v1.executor` package: executor HTTP API calls and events.
    pub mod executor {
        include!("generated/mesos.v1.executor.rs");
    }

    /// The `mesos.v1.master` package: the master operator API.
    pub mod master {
        include!("generated/mesos.v1.master.rs");
    }

    /// The `mesos.v1.agent` package: the agent operator API.
    pub mod agent {
        include!("generated/mesos.v1.agent.rs");
    }

    /// The `mesos.v1.quota` package: quota configuration for the operator API.
    pub mod quota {
        include!("generated/mesos.v1.quota.rs");
    }

    /// The `mesos.v1.maintenance` package: maintenance windows and schedules.
    pub mod maintenance {
        include!("generated/mesos.v1.maintenance.rs");
    }

    /// The `mesos.v1.allocator` package: allocator views used by maintenance.
    pub mod allocator {
        include!("generated/mesos.v1.allocator.rs");
    }

    /// The `mesos.v1.resource_provider` package: the resource provider API.
    pub mod resource_provider {
        include!("generated/mesos.v1.resource_provider.rs");
    }
}

/// The encoded `FileDescriptorSet` of the whole schema (imports included), as compiled from
/// the `.proto` files of this crate. Reflection-based tools (JSON, validation) start from it.
pub const FILE_DESCRIPTOR_SET: &[u8] = include_bytes!("generated/descriptor.bin");

// The README's example, compiled as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
