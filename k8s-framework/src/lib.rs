//! Kubernetes on Mesos (`k8sm`).
//!
//! For now this crate holds [`apiserver`], an embedded Kubernetes API server that answers
//! like kube-apiserver for the part of the API the framework and its tests need.

pub mod apiserver;
