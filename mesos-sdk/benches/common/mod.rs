//! Inputs shared by several benchmark targets (and by `examples/bench_peers.rs`, which includes
//! the files it needs by path), so that they measure the same bytes.

// Each target uses only some of the builders.
#[allow(dead_code)]
pub(crate) mod events;
