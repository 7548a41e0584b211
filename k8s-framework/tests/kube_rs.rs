//! The API server driven by kube-rs: CRUD, selectors, watches (resume, 410 relist, bookmarks),
//! binding, status patches, leases with conflicts, pagination and graceful deletion.

mod common;

use std::time::Duration;

use common::{DEADLINE, Harness, eventually, pod};
use futures_util::{StreamExt, TryStreamExt};
use k8s_framework::apiserver::ApiServerConfig;
use k8s_openapi::api::coordination::v1::Lease;
use k8s_openapi::api::core::v1::{Binding, ConfigMap, Node, Pod};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Status;
use kube::api::{
    Api, DeleteParams, ListParams, Patch, PatchParams, PostParams, WatchEvent, WatchParams,
};
use kube::runtime::watcher;
use serde_json::json;

fn api_code(err: &kube::Error) -> (u16, String) {
    match err {
        kube::Error::Api(status) => (status.code, status.reason.clone()),
        other => panic!("expected an API error, got {other:?}"),
    }
}

async fn bind(pods: &Api<Pod>, name: &str, node: &str) -> Result<Status, kube::Error> {
    let binding: Binding = serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Binding",
        "metadata": {"name": name},
        "target": {"apiVersion": "v1", "kind": "Node", "name": node},
    }))
    .expect("binding");
    pods.create_subresource::<Binding, Status>("binding", name, &PostParams::default(), &binding)
        .await
}

#[tokio::test]
async fn create_get_list_with_defaults_and_selectors() {
    let h = Harness::start().await;
    let pods: Api<Pod> = Api::default_namespaced(h.client.clone());
    let created = pods
        .create(&PostParams::default(), &pod("a", "mesos"))
        .await
        .expect("create");
    let meta = &created.metadata;
    assert!(meta.uid.as_deref().is_some_and(|u| u.len() == 36));
    assert!(meta.creation_timestamp.is_some());
    let spec = created.spec.as_ref().expect("spec");
    assert_eq!(spec.restart_policy.as_deref(), Some("Always"));
    assert_eq!(spec.termination_grace_period_seconds, Some(30));
    assert_eq!(spec.dns_policy.as_deref(), Some("ClusterFirst"));
    assert_eq!(
        spec.containers[0].image_pull_policy.as_deref(),
        Some("Always")
    );
    assert_eq!(
        spec.containers[0].termination_message_path.as_deref(),
        Some("/dev/termination-log")
    );
    assert_eq!(
        created.status.as_ref().and_then(|s| s.phase.as_deref()),
        Some("Pending")
    );

    let mut other = pod("", "default-scheduler");
    other.metadata.name = None;
    other.metadata.generate_name = Some("gen-".into());
    let generated = pods
        .create(&PostParams::default(), &other)
        .await
        .expect("generateName");
    let gen_name = generated.metadata.name.clone().expect("name");
    assert!(
        gen_name.starts_with("gen-") && gen_name.len() == 9,
        "{gen_name}"
    );
    assert_eq!(
        generated
            .spec
            .as_ref()
            .and_then(|s| s.scheduler_name.as_deref()),
        Some("default-scheduler")
    );

    let got = pods.get("a").await.expect("get");
    assert_eq!(got.metadata.uid, created.metadata.uid);
    let err = pods.get("missing").await.expect_err("404");
    assert_eq!(api_code(&err), (404, "NotFound".into()));
    let err = pods
        .create(&PostParams::default(), &pod("a", "mesos"))
        .await
        .expect_err("409");
    assert_eq!(api_code(&err), (409, "AlreadyExists".into()));

    let rv_a: u64 = created
        .metadata
        .resource_version
        .as_deref()
        .unwrap()
        .parse()
        .unwrap();
    let rv_g: u64 = generated
        .metadata
        .resource_version
        .as_deref()
        .unwrap()
        .parse()
        .unwrap();
    assert!(rv_g > rv_a, "resourceVersion increases");

    let names = |list: kube::api::ObjectList<Pod>| {
        list.items
            .into_iter()
            .map(|p| p.metadata.name.unwrap())
            .collect::<Vec<_>>()
    };
    let by_field = pods
        .list(&ListParams::default().fields("spec.schedulerName=mesos,spec.nodeName="))
        .await
        .expect("list");
    assert_eq!(names(by_field), vec!["a"]);
    let by_label = pods
        .list(&ListParams::default().labels("app in (a, b)"))
        .await
        .expect("list");
    assert_eq!(names(by_label), vec!["a"]);
    let not_a = pods
        .list(&ListParams::default().labels("app!=a"))
        .await
        .expect("list");
    assert_eq!(names(not_a), vec![gen_name.clone()]);
    let exists = pods
        .list(&ListParams::default().labels("!app"))
        .await
        .expect("list");
    assert!(exists.items.is_empty());
    let all: Api<Pod> = Api::all(h.client.clone());
    let by_ns = all
        .list(&ListParams::default().fields("metadata.namespace=default,status.phase=Pending"))
        .await
        .expect("list");
    assert_eq!(by_ns.items.len(), 2);
    let err = pods
        .list(&ListParams::default().fields("spec.bogus=x"))
        .await
        .expect_err("400");
    assert_eq!(api_code(&err), (400, "BadRequest".into()));

    let namespaces: Api<k8s_openapi::api::core::v1::Namespace> = Api::all(h.client.clone());
    let ns = names_of(
        namespaces
            .list(&ListParams::default())
            .await
            .expect("namespaces"),
    );
    for want in ["default", "kube-node-lease", "kube-system"] {
        assert!(ns.contains(&want.to_string()), "{want} in {ns:?}");
    }
    let in_missing: Api<Pod> = Api::namespaced(h.client.clone(), "nowhere");
    let err = in_missing
        .create(&PostParams::default(), &pod("x", "mesos"))
        .await
        .expect_err("404");
    assert_eq!(api_code(&err), (404, "NotFound".into()));
}

fn names_of<K: kube::Resource + Clone>(list: kube::api::ObjectList<K>) -> Vec<String> {
    list.items
        .iter()
        .map(|o| o.meta().name.clone().unwrap_or_default())
        .collect()
}

type EventStream =
    futures_util::stream::BoxStream<'static, Result<watcher::Event<Pod>, watcher::Error>>;

async fn next_event(s: &mut EventStream) -> watcher::Event<Pod> {
    tokio::time::timeout(DEADLINE, s.try_next())
        .await
        .expect("event in time")
        .expect("no error")
        .expect("stream open")
}

#[tokio::test]
async fn watcher_with_field_selector_sees_unbound_pods_come_and_go() {
    let h = Harness::start().await;
    let pods: Api<Pod> = Api::default_namespaced(h.client.clone());
    pods.create(&PostParams::default(), &pod("before", "mesos"))
        .await
        .expect("create");
    pods.create(&PostParams::default(), &pod("other", "default-scheduler"))
        .await
        .expect("create");
    let config = watcher::Config::default().fields("spec.schedulerName=mesos,spec.nodeName=");
    let mut stream = watcher(pods.clone(), config).boxed();
    let mut initial = Vec::new();
    loop {
        match next_event(&mut stream).await {
            watcher::Event::Init => {}
            watcher::Event::InitApply(p) => initial.push(p.metadata.name.unwrap()),
            watcher::Event::InitDone => break,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(initial, vec!["before"]);
    pods.create(&PostParams::default(), &pod("after", "mesos"))
        .await
        .expect("create");
    match next_event(&mut stream).await {
        watcher::Event::Apply(p) => assert_eq!(p.metadata.name.as_deref(), Some("after")),
        other => panic!("expected Apply(after), got {other:?}"),
    }
    let status = bind(&pods, "after", "agent-1").await.expect("bind");
    assert_eq!(status.status.as_deref(), Some("Success"));
    assert_eq!(status.code, Some(201));
    match next_event(&mut stream).await {
        // Bound, the pod leaves the selector: the watcher sees it deleted.
        watcher::Event::Delete(p) => assert_eq!(p.metadata.name.as_deref(), Some("after")),
        other => panic!("expected Delete(after), got {other:?}"),
    }
}

#[tokio::test]
async fn watch_resumes_from_a_resource_version_and_expired_versions_get_410() {
    let h = Harness::with_config(ApiServerConfig::default().with_history(5)).await;
    let cms: Api<ConfigMap> = Api::default_namespaced(h.client.clone());
    let mk = |name: &str| -> ConfigMap {
        serde_json::from_value(json!({"metadata": {"name": name}, "data": {"k": "v"}})).unwrap()
    };
    let first = cms
        .create(&PostParams::default(), &mk("c1"))
        .await
        .expect("create");
    let rv1 = first.metadata.resource_version.clone().unwrap();
    cms.create(&PostParams::default(), &mk("c2"))
        .await
        .expect("create");
    // Resume right after c1: only c2 and later.
    let mut stream = cms
        .watch(&WatchParams::default().timeout(5), &rv1)
        .await
        .expect("watch")
        .boxed();
    let ev = tokio::time::timeout(DEADLINE, stream.try_next())
        .await
        .expect("in time")
        .expect("ok")
        .expect("event");
    match ev {
        WatchEvent::Added(cm) => assert_eq!(cm.metadata.name.as_deref(), Some("c2")),
        other => panic!("expected ADDED c2, got {other:?}"),
    }
    for i in 3..12 {
        cms.create(&PostParams::default(), &mk(&format!("c{i}")))
            .await
            .expect("create");
    }
    // rv1 is now older than the 5 changes kept.
    let mut stream = cms
        .watch(&WatchParams::default(), &rv1)
        .await
        .expect("watch")
        .boxed();
    let ev = tokio::time::timeout(DEADLINE, stream.try_next())
        .await
        .expect("in time")
        .expect("ok")
        .expect("event");
    match ev {
        WatchEvent::Error(e) => {
            assert_eq!(e.code, 410);
            assert_eq!(e.reason, "Expired");
            assert!(
                e.message.starts_with("too old resource version"),
                "{}",
                e.message
            );
        }
        other => panic!("expected ERROR 410, got {other:?}"),
    }
}

#[tokio::test]
async fn runtime_watcher_relists_after_410() {
    let h = Harness::with_config(ApiServerConfig::default().with_history(5)).await;
    let pods: Api<Pod> = Api::default_namespaced(h.client.clone());
    // Pods elsewhere share the pods history but never reach this watcher.
    let elsewhere: Api<Pod> = Api::namespaced(h.client.clone(), "kube-system");
    pods.create(&PostParams::default(), &pod("p0", "mesos"))
        .await
        .expect("create");
    // Every watch ends after 1 s, and the watcher re-watches from its last resourceVersion.
    let mut stream = watcher(pods.clone(), watcher::Config::default().timeout(1)).boxed();
    let mut init_done = 0;
    let mut flooded = false;
    let mut saw_410 = false;
    let deadline = tokio::time::Instant::now() + DEADLINE;
    while init_done < 2 {
        let ev = tokio::time::timeout_at(deadline, stream.next())
            .await
            .expect("a relist within the deadline");
        match ev {
            Some(Ok(watcher::Event::InitDone)) => init_done += 1,
            Some(Ok(_)) => {}
            // kube-runtime reports the 410 once, then lists again on the next poll.
            Some(Err(watcher::Error::WatchError(status))) if status.code == 410 => saw_410 = true,
            Some(Err(e)) => panic!("watcher error {e}"),
            None => panic!("watcher ended"),
        }
        if init_done == 1 && !flooded {
            flooded = true;
            // Push the watcher's resourceVersion out of the 5-change pods history.
            for i in 0..10 {
                elsewhere
                    .create(&PostParams::default(), &pod(&format!("f{i}"), "mesos"))
                    .await
                    .expect("create");
            }
        }
    }
    assert!(saw_410, "the resumed watch was answered with 410 Expired");
    assert_eq!(init_done, 2, "the watcher listed again after the 410");
}

#[tokio::test]
async fn bookmarks_and_initial_events_end() {
    let h = Harness::with_config(
        ApiServerConfig::default().with_bookmark_interval(Duration::from_millis(200)),
    )
    .await;
    let pods: Api<Pod> = Api::default_namespaced(h.client.clone());
    pods.create(&PostParams::default(), &pod("p", "mesos"))
        .await
        .expect("create");
    let mut stream = pods
        .watch(&WatchParams::default().timeout(10), "0")
        .await
        .expect("watch")
        .boxed();
    let mut saw_added = false;
    loop {
        let ev = tokio::time::timeout(DEADLINE, stream.try_next())
            .await
            .expect("in time")
            .expect("ok")
            .expect("event");
        match ev {
            WatchEvent::Added(_) => saw_added = true,
            WatchEvent::Bookmark(b) => {
                assert!(saw_added);
                assert!(!b.metadata.resource_version.is_empty());
                break;
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    // Streaming lists: initial events, then a bookmark marking their end.
    let mut stream = watcher(pods.clone(), watcher::Config::default().streaming_lists()).boxed();
    let mut seen = Vec::new();
    loop {
        let ev = tokio::time::timeout(DEADLINE, stream.try_next())
            .await
            .expect("in time")
            .expect("ok")
            .expect("event");
        match ev {
            watcher::Event::InitApply(p) => seen.push(p.metadata.name.unwrap()),
            watcher::Event::InitDone => break,
            _ => {}
        }
    }
    assert_eq!(seen, vec!["p"]);
}

#[tokio::test]
async fn binding_sets_the_node_and_refuses_a_bound_pod() {
    let h = Harness::start().await;
    let pods: Api<Pod> = Api::default_namespaced(h.client.clone());
    pods.create(&PostParams::default(), &pod("p", "mesos"))
        .await
        .expect("create");
    let status = bind(&pods, "p", "agent-1").await.expect("bind");
    assert_eq!(status.status.as_deref(), Some("Success"));
    let bound = pods.get("p").await.expect("get");
    assert_eq!(
        bound.spec.as_ref().and_then(|s| s.node_name.as_deref()),
        Some("agent-1")
    );
    let conds = bound.status.and_then(|s| s.conditions).unwrap_or_default();
    assert!(
        conds
            .iter()
            .any(|c| c.type_ == "PodScheduled" && c.status == "True")
    );
    let err = bind(&pods, "p", "agent-2").await.expect_err("409");
    match &err {
        kube::Error::Api(s) => {
            assert_eq!((s.code, s.reason.as_str()), (409, "Conflict"));
            assert!(
                s.message
                    .contains("is already assigned to node \"agent-1\""),
                "{}",
                s.message
            );
        }
        other => panic!("{other:?}"),
    }
    let err = bind(&pods, "missing", "agent-1").await.expect_err("404");
    assert_eq!(api_code(&err).0, 404);
}

#[tokio::test]
async fn status_patches_merge_conditions_and_keep_spec() {
    let h = Harness::start().await;
    let pods: Api<Pod> = Api::default_namespaced(h.client.clone());
    pods.create(&PostParams::default(), &pod("p", "mesos"))
        .await
        .expect("create");
    let unschedulable = json!({"status": {"conditions": [
        {"type": "PodScheduled", "status": "False", "reason": "Unschedulable", "message": "no offer fits"}]}});
    let patched = pods
        .patch_status(
            "p",
            &PatchParams::default(),
            &Patch::Strategic(&unschedulable),
        )
        .await
        .expect("patch");
    let status = patched.status.clone().expect("status");
    assert_eq!(status.phase.as_deref(), Some("Pending"));
    assert_eq!(status.conditions.as_ref().map(Vec::len), Some(1));
    let ready = json!({"status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}});
    let patched = pods
        .patch_status("p", &PatchParams::default(), &Patch::Strategic(&ready))
        .await
        .expect("patch");
    let status = patched.status.clone().expect("status");
    assert_eq!(status.phase.as_deref(), Some("Running"));
    // Merged by type: both conditions are there.
    let types: Vec<_> = status
        .conditions
        .unwrap()
        .into_iter()
        .map(|c| c.type_)
        .collect();
    assert_eq!(types, vec!["PodScheduled", "Ready"]);
    // The status subresource does not touch spec; the main resource does not touch status.
    let sneaky = json!({"spec": {"nodeName": "x"}, "status": {"phase": "Failed"}});
    let after = pods
        .patch_status("p", &PatchParams::default(), &Patch::Merge(&sneaky))
        .await
        .expect("patch");
    assert_eq!(after.spec.as_ref().and_then(|s| s.node_name.clone()), None);
    assert_eq!(
        after.status.as_ref().and_then(|s| s.phase.as_deref()),
        Some("Failed")
    );
    let main = pods
        .patch(
            "p",
            &PatchParams::default(),
            &Patch::Merge(
                &json!({"metadata": {"labels": {"x": "y"}}, "status": {"phase": "Pending"}}),
            ),
        )
        .await
        .expect("patch");
    assert_eq!(
        main.status.as_ref().and_then(|s| s.phase.as_deref()),
        Some("Failed")
    );
    assert_eq!(
        main.metadata
            .labels
            .as_ref()
            .and_then(|l| l.get("x"))
            .map(String::as_str),
        Some("y")
    );

    let nodes: Api<Node> = Api::all(h.client.clone());
    let node: Node = serde_json::from_value(json!({"metadata": {"name": "n1"}})).unwrap();
    nodes
        .create(&PostParams::default(), &node)
        .await
        .expect("node");
    let cond = json!({"status": {"conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady"}]}});
    let n = nodes
        .patch_status("n1", &PatchParams::default(), &Patch::Strategic(&cond))
        .await
        .expect("node status");
    assert_eq!(
        n.status.and_then(|s| s.conditions).map(|c| c.len()),
        Some(1)
    );
}

#[tokio::test]
async fn lease_update_with_a_stale_resource_version_conflicts() {
    let h = Harness::start().await;
    let leases: Api<Lease> = Api::namespaced(h.client.clone(), "kube-node-lease");
    let lease: Lease = serde_json::from_value(json!({"metadata": {"name": "agent-1"},
        "spec": {"holderIdentity": "agent-1", "leaseDurationSeconds": 40}}))
    .unwrap();
    let created = leases
        .create(&PostParams::default(), &lease)
        .await
        .expect("create");
    let mut renewed = created.clone();
    renewed.spec.as_mut().unwrap().renew_time =
        Some(k8s_openapi::apimachinery::pkg::apis::meta::v1::MicroTime(
            "2026-01-01T00:00:00.123456Z".parse().unwrap(),
        ));
    let after = leases
        .replace("agent-1", &PostParams::default(), &renewed)
        .await
        .expect("update");
    assert_ne!(
        after.metadata.resource_version,
        created.metadata.resource_version
    );
    // The same stale object again: 409.
    let err = leases
        .replace("agent-1", &PostParams::default(), &renewed)
        .await
        .expect_err("conflict");
    match &err {
        kube::Error::Api(s) => {
            assert_eq!((s.code, s.reason.as_str()), (409, "Conflict"));
            assert_eq!(
                s.message,
                "Operation cannot be fulfilled on leases.coordination.k8s.io \"agent-1\": the object has been modified; please apply your changes to the latest version and try again"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn pagination_with_limit_and_continue() {
    let h = Harness::start().await;
    let cms: Api<ConfigMap> = Api::default_namespaced(h.client.clone());
    for i in 0..5 {
        let cm: ConfigMap =
            serde_json::from_value(json!({"metadata": {"name": format!("cm{i}")}})).unwrap();
        cms.create(&PostParams::default(), &cm)
            .await
            .expect("create");
    }
    let mut names = Vec::new();
    let mut params = ListParams::default().limit(2);
    let mut pages = 0;
    loop {
        let page = cms.list(&params).await.expect("list");
        pages += 1;
        assert!(page.items.len() <= 2);
        names.extend(page.items.into_iter().map(|c| c.metadata.name.unwrap()));
        match page.metadata.continue_.filter(|c| !c.is_empty()) {
            Some(token) => {
                assert!(page.metadata.remaining_item_count.is_some());
                params = params.continue_token(&token);
            }
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(names, vec!["cm0", "cm1", "cm2", "cm3", "cm4"]);
}

#[tokio::test]
async fn graceful_pod_deletion_waits_for_confirmation() {
    let h = Harness::start().await;
    let pods: Api<Pod> = Api::default_namespaced(h.client.clone());
    pods.create(&PostParams::default(), &pod("unbound", "mesos"))
        .await
        .expect("create");
    // Never scheduled: deleted at once.
    pods.delete("unbound", &DeleteParams::default())
        .await
        .expect("delete");
    assert_eq!(
        api_code(&pods.get("unbound").await.expect_err("gone")).0,
        404
    );

    pods.create(&PostParams::default(), &pod("bound", "mesos"))
        .await
        .expect("create");
    bind(&pods, "bound", "agent-1").await.expect("bind");
    pods.delete("bound", &DeleteParams::default())
        .await
        .expect("delete");
    let terminating = pods.get("bound").await.expect("still there");
    assert!(terminating.metadata.deletion_timestamp.is_some());
    assert_eq!(terminating.metadata.deletion_grace_period_seconds, Some(30));
    let err = bind(&pods, "bound", "agent-2")
        .await
        .expect_err("being deleted");
    assert_eq!(api_code(&err).0, 409);
    pods.delete("bound", &DeleteParams::default().grace_period(0))
        .await
        .expect("confirm");
    assert_eq!(api_code(&pods.get("bound").await.expect_err("gone")).0, 404);

    // A short grace period ends on its own.
    pods.create(&PostParams::default(), &pod("short", "mesos"))
        .await
        .expect("create");
    bind(&pods, "short", "agent-1").await.expect("bind");
    pods.delete("short", &DeleteParams::default().grace_period(1))
        .await
        .expect("delete");
    eventually("the pod to go when its grace ends", || {
        let pods = pods.clone();
        async move {
            pods.get_opt("short")
                .await
                .expect("get")
                .is_none()
                .then_some(())
        }
    })
    .await;
}

/// Without the grace timer (as on a real cluster, where only the kubelet ends a pod's
/// deletion), a pod whose grace period has run out stays Terminating through writes of its
/// status: a write removes an object only when its deletion is already due (grace 0).
#[tokio::test]
async fn an_expired_grace_period_is_not_a_confirmation() {
    let h = Harness::with_config(ApiServerConfig::default().with_grace_expiry(false)).await;
    let pods: Api<Pod> = Api::default_namespaced(h.client.clone());
    pods.create(&PostParams::default(), &pod("late", "mesos"))
        .await
        .expect("create");
    bind(&pods, "late", "agent-1").await.expect("bind");
    pods.delete("late", &DeleteParams::default().grace_period(1))
        .await
        .expect("delete");
    let deleting = pods.get("late").await.expect("Terminating");
    let due = deleting
        .metadata
        .deletion_timestamp
        .clone()
        .expect("a deletion timestamp")
        .0;
    eventually("the pod's grace period to run out", || async move {
        (k8s_openapi::jiff::Timestamp::now() > due).then_some(())
    })
    .await;
    for (i, patch) in [
        Patch::Merge(json!({"status": {"phase": "Running"}})),
        Patch::Strategic(json!({"status": {"conditions": [
            {"type": "Ready", "status": "False", "reason": "NodeUnreachable"}]}})),
    ]
    .iter()
    .enumerate()
    {
        let written = pods
            .patch_status("late", &PatchParams::default(), patch)
            .await
            .unwrap_or_else(|e| panic!("status write {i}: {e}"));
        assert!(written.metadata.deletion_timestamp.is_some());
        assert!(
            pods.get_opt("late").await.expect("get").is_some(),
            "status write {i} removed the pod"
        );
    }
    let mut labelled = pods.get("late").await.expect("get");
    labelled
        .metadata
        .labels
        .get_or_insert_default()
        .insert("seen".into(), "yes".into());
    pods.replace("late", &PostParams::default(), &labelled)
        .await
        .expect("replace");
    assert!(pods.get_opt("late").await.expect("get").is_some());
    // The kubelet's confirmation ends it.
    pods.delete("late", &DeleteParams::default().grace_period(0))
        .await
        .expect("confirm");
    assert!(pods.get_opt("late").await.expect("get").is_none());
}

#[tokio::test]
async fn events_written_as_events_k8s_io_are_listed_as_core_events() {
    use k8s_openapi::api::core::v1::Event as CoreEvent;
    use k8s_openapi::api::events::v1::Event;
    let h = Harness::start().await;
    let events: Api<Event> = Api::default_namespaced(h.client.clone());
    let ev: Event = serde_json::from_value(json!({
        "metadata": {"name": "p.1"},
        "eventTime": "2026-01-01T00:00:00.000000Z",
        "reportingController": "k8sm/scheduler", "reportingInstance": "k8sm-1",
        "action": "Binding", "reason": "Scheduled", "type": "Normal",
        "note": "Successfully assigned default/p to agent-1",
        "regarding": {"kind": "Pod", "namespace": "default", "name": "p", "apiVersion": "v1"},
    }))
    .unwrap();
    events
        .create(&PostParams::default(), &ev)
        .await
        .expect("create");
    let core: Api<CoreEvent> = Api::default_namespaced(h.client.clone());
    let list = core
        .list(&ListParams::default().fields("involvedObject.name=p,involvedObject.kind=Pod"))
        .await
        .expect("list");
    assert_eq!(list.items.len(), 1);
    assert_eq!(
        list.items[0].message.as_deref(),
        Some("Successfully assigned default/p to agent-1")
    );
    assert_eq!(
        list.items[0].reporting_component.as_deref(),
        Some("k8sm/scheduler")
    );
    let back = events.get("p.1").await.expect("get");
    assert_eq!(
        back.note.as_deref(),
        Some("Successfully assigned default/p to agent-1")
    );
}

#[tokio::test]
async fn event_recorder_publishes_and_folds_repeats() {
    use k8s_openapi::api::events::v1::Event;
    use kube::Resource;
    use kube::runtime::events::{Event as Ev, EventType, Recorder, Reporter};
    let h = Harness::start().await;
    let pods: Api<Pod> = Api::default_namespaced(h.client.clone());
    let p = pods
        .create(&PostParams::default(), &pod("p", "mesos"))
        .await
        .expect("create");
    let recorder = Recorder::new(
        h.client.clone(),
        Reporter {
            controller: "k8sm-scheduler".into(),
            instance: Some("k8sm-0".into()),
        },
    );
    let ev = Ev {
        type_: EventType::Warning,
        reason: "FailedScheduling".into(),
        note: Some("no offer fits".into()),
        action: "Scheduling".into(),
        secondary: None,
    };
    recorder
        .publish(&ev, &p.object_ref(&()))
        .await
        .expect("publish");
    recorder
        .publish(&ev, &p.object_ref(&()))
        .await
        .expect("publish again");
    let events: Api<Event> = Api::default_namespaced(h.client.clone());
    let list = events
        .list(&ListParams::default().fields("regarding.name=p"))
        .await
        .expect("list");
    assert_eq!(list.items.len(), 1, "the repeat is folded into one event");
    let e = &list.items[0];
    assert_eq!(e.reason.as_deref(), Some("FailedScheduling"));
    assert_eq!(e.series.as_ref().map(|s| s.count), Some(2));
}

#[tokio::test]
async fn delete_collection_and_namespace_deletion() {
    use k8s_openapi::api::core::v1::Namespace;
    let h = Harness::start().await;
    let namespaces: Api<Namespace> = Api::all(h.client.clone());
    let err = namespaces
        .delete("default", &DeleteParams::default())
        .await
        .expect_err("forbidden");
    assert_eq!(api_code(&err), (403, "Forbidden".into()));
    let ns: Namespace = serde_json::from_value(json!({"metadata": {"name": "team"}})).unwrap();
    let created = namespaces
        .create(&PostParams::default(), &ns)
        .await
        .expect("namespace");
    assert_eq!(
        created.status.and_then(|s| s.phase).as_deref(),
        Some("Active")
    );
    let pods: Api<Pod> = Api::namespaced(h.client.clone(), "team");
    for name in ["a", "b", "c"] {
        pods.create(
            &PostParams::default(),
            &pod(name, if name == "c" { "other" } else { "mesos" }),
        )
        .await
        .expect("pod");
    }
    let gone = pods
        .delete_collection(
            &DeleteParams::default(),
            &ListParams::default().fields("spec.schedulerName=mesos"),
        )
        .await
        .expect("deletecollection");
    let gone = gone.left().expect("a list of deleted pods");
    assert_eq!(names_of(gone), vec!["a", "b"]);
    assert_eq!(
        names_of(pods.list(&ListParams::default()).await.expect("list")),
        vec!["c"]
    );
    namespaces
        .delete("team", &DeleteParams::default())
        .await
        .expect("delete namespace");
    eventually("the namespace and its pods to go", || {
        let (namespaces, pods) = (namespaces.clone(), pods.clone());
        async move {
            let ns_gone = namespaces.get_opt("team").await.expect("get").is_none();
            let pods_gone = pods
                .list(&ListParams::default())
                .await
                .expect("list")
                .items
                .is_empty();
            (ns_gone && pods_gone).then_some(())
        }
    })
    .await;
}

#[tokio::test]
async fn a_watch_ends_at_its_timeout() {
    let h = Harness::start().await;
    let pods: Api<Pod> = Api::default_namespaced(h.client.clone());
    let stream = pods
        .watch(&WatchParams::default().timeout(1), "0")
        .await
        .expect("watch");
    // No events and no error: the stream simply ends after timeoutSeconds.
    let events: Vec<_> = tokio::time::timeout(DEADLINE, stream.collect::<Vec<_>>())
        .await
        .expect("the watch ends");
    assert!(events.is_empty(), "{events:?}");
    eventually("the watcher to be unregistered", || {
        let n = h.server.watcher_count();
        async move { (n == 0).then_some(()) }
    })
    .await;
}

#[tokio::test]
async fn concurrent_updates_from_one_version_have_one_winner() {
    let h = Harness::start().await;
    let leases: Api<Lease> = Api::default_namespaced(h.client.clone());
    let lease: Lease = serde_json::from_value(
        json!({"metadata": {"name": "leader"}, "spec": {"leaseDurationSeconds": 15}}),
    )
    .unwrap();
    let base = leases
        .create(&PostParams::default(), &lease)
        .await
        .expect("create");
    let attempts = (0..8).map(|i| {
        let leases = leases.clone();
        let mut mine = base.clone();
        mine.spec.as_mut().unwrap().holder_identity = Some(format!("candidate-{i}"));
        async move {
            leases
                .replace("leader", &PostParams::default(), &mine)
                .await
        }
    });
    let results = futures_util::future::join_all(attempts).await;
    let winners = results.iter().filter(|r| r.is_ok()).count();
    let conflicts = results
        .iter()
        .filter(|r| matches!(r, Err(kube::Error::Api(s)) if s.code == 409))
        .count();
    assert_eq!((winners, conflicts), (1, 7));
}

/// The sequence kube-lease-manager runs: apply to take a free lease, strategic patches to renew
/// and release, 409 Conflict for a contender while the holder owns the fields.
#[tokio::test]
async fn server_side_apply_on_leases_conflicts_like_upstream() {
    let h = Harness::start().await;
    let leases: Api<Lease> = Api::default_namespaced(h.client.clone());
    let empty: Lease =
        serde_json::from_value(json!({"metadata": {"name": "k8sm-leader"}, "spec": {}})).unwrap();
    leases
        .create(&PostParams::default(), &empty)
        .await
        .expect("create");
    let take = |who: &str| {
        Patch::Apply(
            json!({"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
            "spec": {"holderIdentity": who, "leaseDurationSeconds": 15,
                     "acquireTime": "2026-01-01T00:00:00.000000Z", "renewTime": "2026-01-01T00:00:00.000000Z"}}),
        )
    };
    let a = leases
        .patch("k8sm-leader", &PatchParams::apply("lease-a"), &take("a"))
        .await
        .expect("a takes it");
    assert_eq!(
        a.spec.as_ref().and_then(|s| s.holder_identity.as_deref()),
        Some("a")
    );
    let owners = a.metadata.managed_fields.clone().unwrap_or_default();
    assert!(owners.iter().any(
        |m| m.manager.as_deref() == Some("lease-a") && m.operation.as_deref() == Some("Apply")
    ));

    let err = leases
        .patch("k8sm-leader", &PatchParams::apply("lease-b"), &take("b"))
        .await
        .expect_err("b conflicts");
    match &err {
        kube::Error::Api(s) => {
            assert_eq!((s.code, s.reason.as_str()), (409, "Conflict"));
            // Only the differing field conflicts; equal values are shared.
            assert_eq!(
                s.message,
                "Apply failed with 1 conflict: conflict with \"lease-a\": .spec.holderIdentity"
            );
        }
        other => panic!("{other:?}"),
    }
    // The holder renews with a strategic merge patch.
    let renew = Patch::Strategic(json!({"spec": {"renewTime": "2026-01-01T00:00:10.000000Z"}}));
    leases
        .patch("k8sm-leader", &PatchParams::apply("lease-a"), &renew)
        .await
        .expect("renew");
    // And releases: the fields go, and with them their owners.
    let release = Patch::Strategic(
        json!({"spec": {"holderIdentity": null, "acquireTime": null, "renewTime": null, "leaseDurationSeconds": null}}),
    );
    let released = leases
        .patch("k8sm-leader", &PatchParams::apply("lease-a"), &release)
        .await
        .expect("release");
    assert!(
        released
            .spec
            .as_ref()
            .and_then(|s| s.holder_identity.as_ref())
            .is_none()
    );
    let b = leases
        .patch("k8sm-leader", &PatchParams::apply("lease-b"), &take("b"))
        .await
        .expect("b takes the free lease");
    assert_eq!(
        b.spec.as_ref().and_then(|s| s.holder_identity.as_deref()),
        Some("b")
    );
    // Force takes it regardless.
    let forced = leases
        .patch(
            "k8sm-leader",
            &PatchParams::apply("lease-a").force(),
            &take("a"),
        )
        .await
        .expect("forced");
    assert_eq!(
        forced
            .spec
            .as_ref()
            .and_then(|s| s.holder_identity.as_deref()),
        Some("a")
    );
    // Applying to a missing object creates it; an apply needs a field manager.
    let created = leases.patch("other", &PatchParams::apply("lease-c"), &Patch::Apply(json!({
        "apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": {"name": "other"}, "spec": {"holderIdentity": "c"}}))).await.expect("create by apply");
    assert!(created.metadata.uid.is_some());
    let err = leases
        .patch(
            "other",
            &PatchParams::default(),
            &Patch::Apply(json!({"apiVersion": "coordination.k8s.io/v1", "kind": "Lease"})),
        )
        .await
        .expect_err("no manager");
    assert_eq!(api_code(&err).0, 422);
}

#[tokio::test]
async fn paginated_lists_are_consistent_snapshots() {
    use kube::api::VersionMatch;
    let h = Harness::with_config(ApiServerConfig::default().with_history(20)).await;
    let cms: Api<ConfigMap> = Api::default_namespaced(h.client.clone());
    let mk = |name: &str| -> ConfigMap {
        serde_json::from_value(json!({"metadata": {"name": name}})).unwrap()
    };
    for i in 0..5 {
        cms.create(&PostParams::default(), &mk(&format!("cm{i}")))
            .await
            .expect("create");
    }
    let first = cms
        .list(&ListParams::default().limit(2))
        .await
        .expect("page 1");
    let snapshot_rv = first.metadata.resource_version.clone().unwrap();
    // Changes after the first page do not leak into the rest of the list.
    cms.delete("cm3", &DeleteParams::default())
        .await
        .expect("delete");
    cms.create(&PostParams::default(), &mk("cm9"))
        .await
        .expect("create");
    let token = first.metadata.continue_.clone().expect("continue");
    let rest = cms
        .list(&ListParams::default().continue_token(&token))
        .await
        .expect("rest");
    assert_eq!(names_of(rest.clone()), vec!["cm2", "cm3", "cm4"]);
    assert_eq!(
        rest.metadata.resource_version.as_deref(),
        Some(snapshot_rv.as_str())
    );
    // An exact older version is a snapshot too; the current one has the changes.
    let exact = cms
        .list(
            &ListParams::default()
                .at(&snapshot_rv)
                .matching(VersionMatch::Exact),
        )
        .await
        .expect("exact");
    assert_eq!(names_of(exact), vec!["cm0", "cm1", "cm2", "cm3", "cm4"]);
    assert_eq!(
        names_of(cms.list(&ListParams::default()).await.expect("now")),
        vec!["cm0", "cm1", "cm2", "cm4", "cm9"]
    );
    // Once the history has moved past it: 410 Expired.
    for i in 10..40 {
        cms.create(&PostParams::default(), &mk(&format!("cm{i}")))
            .await
            .expect("create");
    }
    let err = cms
        .list(&ListParams::default().continue_token(&token))
        .await
        .expect_err("expired");
    assert_eq!(api_code(&err), (410, "Expired".into()));
}
