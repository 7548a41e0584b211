//! An embedded Kubernetes API server: the peer of every `k8sm` test and of `k8sm local`.
//!
//! It serves discovery, OpenAPI v3, namespaces, pods (with `binding`, `status` and `log`, the
//! last proxied to the pod's node as kube-apiserver proxies it to a kubelet), nodes,
//! leases, events and configmaps over plain HTTP (or HTTPS with a bearer token), answering as
//! kube-apiserver does for that part of the API, so real kubectl and kube-rs clients work
//! against it unchanged.
//!
//! Inside: a request is routed (`routes`), its body read within a size limit and decoded
//! (`codec`, `protobuf`), and handed to a verb (`read`, `write`, `delete`, `binding`, `watch`),
//! which works on JSON objects in the `store` (one lock, one resourceVersion counter, memory
//! bounded in bytes as well as counts: each object, all of them, the per-kind history, and each
//! watcher's queue in `watch_queue`, whose overflow closes the watch). Kinds are described once
//! in `resources`; defaulting, validation, patches, field ownership and Table output each have
//! their own file.
//! On request, `request_log` records what was served in RBAC's terms.
//!
//! ```no_run
//! # async fn run() -> Result<(), k8s_framework::apiserver::Error> {
//! use k8s_framework::apiserver::{ApiServer, ApiServerConfig};
//!
//! let server = ApiServer::start(ApiServerConfig::default()).await?;
//! server.write_kubeconfig(std::path::Path::new("/tmp/k8sm.kubeconfig"))?;
//! server.run_until_ctrl_c().await
//! # }
//! ```

mod binding;
mod clock;
mod codec;
mod defaults;
mod delete;
mod discovery;
mod error;
mod events;
// The fuzz targets' entry points (`fuzz/`): hidden, not a stable API.
#[doc(hidden)]
pub mod fuzzing;
mod handlers;
mod kubeconfig;
mod logs;
mod managed;
mod openapi;
mod patch;
mod protobuf;
mod read;
mod request_log;
mod resources;
mod response;
mod routes;
mod selectors;
mod server;
mod state;
mod store;
mod tables;
mod tls;
mod validation;
mod watch;
mod watch_queue;
mod write;

pub use error::{ApiError, Error, StatusCause};
pub use request_log::{RequestAttributes, RequestLog};
pub use server::{ApiServer, ApiServerConfig, BearerToken};
pub use tls::TlsIdentity;
