//! Kubernetes on Mesos (`k8sm`).
//!
//! Rooms with one job each, their doors one way:
//! - [`apiserver`]: an embedded Kubernetes API server that answers like kube-apiserver for
//!   the part of the API the framework and its tests need; it knows nothing of Mesos.
//! - [`scheduler`]: `k8sm scheduler`, which turns pods into Mesos tasks; Kubernetes through
//!   kube-rs only, Mesos through the SDK only.
//! - [`executor`]: `k8sm executor`, the Mesos executor that runs pods as processes.
//! - [`local`]: `k8sm local`, all of the above and a simulated Mesos cluster in one process.
//! - [`pod_task`]: the contract between the scheduler and the executor (what a task carries,
//!   what a status reports).
//! - [`quantity`]: Kubernetes resource quantities as numbers.

pub mod apiserver;
pub mod executor;
pub mod local;
pub mod pod_task;
pub mod quantity;
pub mod scheduler;
