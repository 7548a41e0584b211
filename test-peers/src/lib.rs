//! The peers of the workspace's integration tests, in one place so every crate's tests start
//! them the same way:
//!
//! - [`real`]: a real Apache Mesos 1.11.0 (masters, in-process and standalone agents, masters
//!   electing through ZooKeeper), from the kit in `../shared/real-mesos/`;
//! - [`zk`]: a real ZooKeeper (Debian's `zookeeper` package);
//! - [`peer`]: mesos-sim and the real Mesos behind one interface, so a scenario is written
//!   once and run against both ([`peer::PeerKind`] is the harness's parameter);
//! - [`http`]: GETs of the masters' and agents' JSON endpoints;
//! - [`soak`]: seeded, reproducible fault schedules for the soak tests.

pub mod http;
pub mod peer;
pub mod real;
mod scratch;
pub mod soak;
pub mod zk;

pub use peer::{Peer, PeerKind, Topology};
pub use real::RealMesos;

use std::time::Duration;

/// How long any one thing a harness waits for (a process ready, agents registered) may take.
pub const DEADLINE: Duration = Duration::from_secs(60);

/// Whether process `pid` (as a shell's `$!` or `$$` writes it) has ended: no longer in
/// `/proc`, or a zombie nobody has reaped yet (an orphan's parent is then init, which may
/// take its time).
pub fn process_gone(pid: &str) -> bool {
    std::fs::read_to_string(format!("/proc/{}/stat", pid.trim()))
        .map_or(true, |stat| stat.contains(") Z "))
}

/// A TCP port nothing listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Defines each listed scenario (an `async fn(PeerKind)`, or a closure returning its future)
/// as a module of two tests, `NAME::sim` against mesos-sim and `NAME::real` against the real
/// Mesos, so a scenario is written once:
///
/// ```text
/// mesos_test_peers::on_both_peers! {
///     lifecycle_protobuf => |kind| lifecycle(kind, Encoding::Protobuf);
///     reconcile_and_kill => reconcile_and_kill;
/// }
/// ```
#[macro_export]
macro_rules! on_both_peers {
    ($($name:ident => $scenario:expr;)+) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sim() {
                    ($scenario)($crate::PeerKind::Sim).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn real() {
                    ($scenario)($crate::PeerKind::Real).await;
                }
            }
        )+
    };
}
