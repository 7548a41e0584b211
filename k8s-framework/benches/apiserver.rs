//! Throughput of the embedded API server over loopback HTTP with kube-rs, for the operations the
//! scheduler does per pod (create, bind, status patch, delete) and for a large list.
//!
//! `cargo bench -p k8s-framework --bench apiserver`

use criterion::{Criterion, criterion_group, criterion_main};
use k8s_framework::apiserver::{ApiServer, ApiServerConfig};
use k8s_openapi::api::core::v1::{Binding, Pod};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Status;
use kube::api::{Api, DeleteParams, ListParams, Patch, PatchParams, PostParams};
use serde_json::json;

fn pod(name: &str) -> Pod {
    serde_json::from_value(json!({
        "metadata": {"name": name},
        "spec": {"schedulerName": "mesos", "containers": [{"name": "main", "image": "busybox"}]},
    }))
    .expect("pod")
}

fn setup(rt: &tokio::runtime::Runtime) -> (ApiServer, Api<Pod>) {
    rt.block_on(async {
        let server = ApiServer::start(ApiServerConfig::default())
            .await
            .expect("server");
        let mut config = kube::Config::new(server.url().parse().expect("url"));
        config.default_namespace = "default".into();
        let client = kube::Client::try_from(config).expect("client");
        (server, Api::default_namespaced(client))
    })
}

fn pod_lifecycle(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let (_server, pods) = setup(&rt);
    let mut n = 0u64;
    c.bench_function("pod create+bind+status+delete", |b| {
        b.iter(|| {
            n += 1;
            let name = format!("p{n}");
            rt.block_on(async {
                pods.create(&PostParams::default(), &pod(&name))
                    .await
                    .expect("create");
                let binding: Binding = serde_json::from_value(json!({
                    "metadata": {"name": name}, "target": {"kind": "Node", "name": "agent-1"}}))
                .expect("binding");
                pods.create_subresource::<_, Status>(
                    "binding",
                    &name,
                    &PostParams::default(),
                    &binding,
                )
                .await
                .expect("bind");
                let running = json!({"status": {"phase": "Running"}});
                pods.patch_status(&name, &PatchParams::default(), &Patch::Merge(&running))
                    .await
                    .expect("status");
                pods.delete(&name, &DeleteParams::default().grace_period(0))
                    .await
                    .expect("delete");
            });
        })
    });
}

fn list_pods(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let (_server, pods) = setup(&rt);
    rt.block_on(async {
        for i in 0..1000 {
            pods.create(&PostParams::default(), &pod(&format!("p{i}")))
                .await
                .expect("create");
        }
    });
    c.bench_function("list 1000 pods", |b| {
        b.iter(|| {
            rt.block_on(async {
                pods.list(&ListParams::default())
                    .await
                    .expect("list")
                    .items
                    .len()
            })
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = pod_lifecycle, list_pods
}
criterion_main!(benches);
