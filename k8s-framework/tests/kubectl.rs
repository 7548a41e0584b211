//! The API server driven by the real kubectl (`/usr/bin/kubectl`) with default flags: create,
//! apply, get (Table output), get -w, describe, delete with graceful deletion, get -o yaml.

mod common;

use std::process::Stdio;

use common::{DEADLINE, Harness, eventually};
use k8s_openapi::api::core::v1::{Node, Pod};
use kube::api::{Api, DeleteParams, PostParams};
use serde_json::json;
use tokio::io::{AsyncBufReadExt, BufReader};

const POD: &str = "apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  schedulerName: mesos
  containers:
  - name: nginx
    image: nginx:1.25
    ports:
    - containerPort: 80
";

fn pod_yaml(name: &str, image: &str) -> String {
    POD.replace("name: web", &format!("name: {name}"))
        .replace("nginx:1.25", image)
}

async fn bind(h: &Harness, name: &str, node: &str) {
    let pods: Api<Pod> = Api::default_namespaced(h.client.clone());
    let binding: k8s_openapi::api::core::v1::Binding = serde_json::from_value(json!({
        "metadata": {"name": name}, "target": {"kind": "Node", "name": node}}))
    .unwrap();
    pods.create_subresource::<_, k8s_openapi::apimachinery::pkg::apis::meta::v1::Status>(
        "binding",
        name,
        &PostParams::default(),
        &binding,
    )
    .await
    .expect("bind");
}

/// The header and one row of `kubectl get` output, split on runs of spaces.
fn columns(line: &str) -> Vec<&str> {
    line.split("  ")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

#[tokio::test]
async fn create_get_describe_and_yaml() {
    let h = Harness::start().await;
    let (code, out, err) = h.run_kubectl_stdin(&["create", "-f", "-"], Some(POD)).await;
    assert_eq!(
        (code, out.as_str()),
        (0, "pod/web created\n"),
        "stderr: {err}"
    );
    assert!(err.is_empty(), "no warnings: {err}");

    let (code, out, _) = h.run_kubectl(&["get", "pods"]).await;
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        columns(lines[0]),
        vec!["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    );
    let row = columns(lines[1]);
    assert_eq!(&row[..4], &["web", "0/1", "Pending", "0"]);
    assert!(row[4].ends_with('s'), "age {row:?}");

    let (code, out, _) = h.run_kubectl(&["get", "pods", "-o", "wide"]).await;
    assert_eq!(code, 0);
    assert_eq!(
        columns(out.lines().next().unwrap()),
        vec![
            "NAME",
            "READY",
            "STATUS",
            "RESTARTS",
            "AGE",
            "IP",
            "NODE",
            "NOMINATED NODE",
            "READINESS GATES"
        ]
    );

    let (code, out, _) = h.run_kubectl(&["get", "pod", "web", "-o", "yaml"]).await;
    assert_eq!(code, 0);
    let obj: serde_json::Value = serde_yaml::from_str(&out).expect("yaml");
    assert_eq!(obj["kind"], "Pod");
    assert_eq!(obj["spec"]["schedulerName"], "mesos");
    assert_eq!(
        obj["spec"]["containers"][0]["imagePullPolicy"],
        "IfNotPresent"
    );
    assert_eq!(obj["spec"]["containers"][0]["ports"][0]["protocol"], "TCP");
    assert_eq!(obj["status"]["phase"], "Pending");
    assert!(obj["metadata"]["uid"].is_string());

    let (code, out, err) = h.run_kubectl(&["describe", "pod", "web"]).await;
    assert_eq!(code, 0, "stderr: {err}");
    for want in [
        "Name:         web",
        "Namespace:    default",
        "Status:       Pending",
        "Image:        nginx:1.25",
        "QoS Class:        BestEffort",
    ] {
        assert!(out.contains(want), "{want:?} in\n{out}");
    }

    let (code, out, _) = h.run_kubectl(&["get", "namespaces"]).await;
    assert_eq!(code, 0);
    for ns in ["default", "kube-node-lease", "kube-system"] {
        assert!(
            out.lines()
                .any(|l| columns(l).first() == Some(&ns) && l.contains("Active")),
            "{ns} in\n{out}"
        );
    }
}

#[tokio::test]
async fn apply_creates_then_configures() {
    let h = Harness::start().await;
    let (code, out, err) = h
        .run_kubectl_stdin(&["apply", "-f", "-"], Some(&pod_yaml("api", "nginx:1.26")))
        .await;
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "pod/api created\n", "")
    );
    let (code, out, err) = h
        .run_kubectl_stdin(&["apply", "-f", "-"], Some(&pod_yaml("api", "nginx:1.26")))
        .await;
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "pod/api unchanged\n", "")
    );
    let (code, out, err) = h
        .run_kubectl_stdin(&["apply", "-f", "-"], Some(&pod_yaml("api", "nginx:1.27")))
        .await;
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "pod/api configured\n", "")
    );
    let pods: Api<Pod> = Api::default_namespaced(h.client.clone());
    let p = pods.get("api").await.expect("get");
    assert_eq!(
        p.spec.unwrap().containers[0].image.as_deref(),
        Some("nginx:1.27")
    );
    assert!(
        p.metadata
            .annotations
            .unwrap()
            .contains_key("kubectl.kubernetes.io/last-applied-configuration")
    );
    // Changing what a pod may not change is refused like upstream does.
    let moved = pod_yaml("api", "nginx:1.27").replace("containerPort: 80", "containerPort: 81");
    let (code, _, err) = h
        .run_kubectl_stdin(&["apply", "-f", "-"], Some(&moved))
        .await;
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "The Pod \"api\" is invalid: spec: Forbidden: pod updates may not change fields"
        ),
        "{err}"
    );
}

#[tokio::test]
async fn get_nodes_reads_like_a_cluster() {
    let h = Harness::start().await;
    let nodes: Api<Node> = Api::all(h.client.clone());
    let node: Node = serde_json::from_value(json!({
        "metadata": {"name": "agent-1", "labels": {"node-role.kubernetes.io/mesos-agent": ""}},
        "status": {"conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady"}],
                   "nodeInfo": {"kubeletVersion": "v1.33.0-k8sm", "osImage": "Debian GNU/Linux 12 (bookworm)",
                                "kernelVersion": "6.1.0", "containerRuntimeVersion": "mesos://1.11.0",
                                "machineID": "", "systemUUID": "", "bootID": "", "kubeProxyVersion": "",
                                "operatingSystem": "linux", "architecture": "amd64"},
                   "addresses": [{"type": "InternalIP", "address": "10.0.0.7"}]}})).unwrap();
    nodes
        .create(&PostParams::default(), &node)
        .await
        .expect("node");
    let (code, out, _) = h.run_kubectl(&["get", "nodes"]).await;
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        columns(lines[0]),
        vec!["NAME", "STATUS", "ROLES", "AGE", "VERSION"]
    );
    let row = columns(lines[1]);
    assert_eq!(
        (row[0], row[1], row[2], row[4]),
        ("agent-1", "Ready", "mesos-agent", "v1.33.0-k8sm")
    );
    let (code, out, _) = h.run_kubectl(&["get", "nodes", "-o", "wide"]).await;
    assert_eq!(code, 0);
    let row = columns(out.lines().nth(1).unwrap());
    assert_eq!(
        &row[5..],
        &[
            "10.0.0.7",
            "<none>",
            "Debian GNU/Linux 12 (bookworm)",
            "6.1.0",
            "mesos://1.11.0"
        ]
    );
}

type Lines = tokio::io::Lines<BufReader<tokio::process::ChildStdout>>;

async fn next(lines: &mut Lines) -> String {
    tokio::time::timeout(DEADLINE, lines.next_line())
        .await
        .expect("a line in time")
        .expect("read")
        .expect("open")
}

#[tokio::test]
async fn get_pods_watch_shows_a_change() {
    let h = Harness::start().await;
    let (code, _, _) = h.run_kubectl_stdin(&["create", "-f", "-"], Some(POD)).await;
    assert_eq!(code, 0);
    let mut child = h
        .kubectl()
        .args(["get", "pods", "-w"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("kubectl -w");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    assert_eq!(
        columns(&next(&mut lines).await),
        vec!["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    );
    assert_eq!(
        &columns(&next(&mut lines).await)[..3],
        &["web", "0/1", "Pending"]
    );
    // A change: the scheduler-to-be binds it and marks it running.
    bind(&h, "web", "agent-1").await;
    let pods: Api<Pod> = Api::default_namespaced(h.client.clone());
    let status = json!({"status": {"phase": "Running", "podIP": "10.1.0.5", "containerStatuses": [{
        "name": "nginx", "ready": true, "restartCount": 0, "image": "nginx:1.25", "imageID": "",
        "state": {"running": {"startedAt": "2026-01-01T00:00:00Z"}}}]}});
    pods.patch_status(
        "web",
        &kube::api::PatchParams::default(),
        &kube::api::Patch::Merge(&status),
    )
    .await
    .expect("status");
    let mut seen = Vec::new();
    loop {
        let line = next(&mut lines).await;
        let row: Vec<String> = columns(&line).into_iter().map(str::to_string).collect();
        seen.push(line);
        if row.len() >= 3 && row[0] == "web" && row[1] == "1/1" && row[2] == "Running" {
            break;
        }
        assert!(seen.len() < 10, "no Running line in {seen:?}");
    }
    child.kill().await.expect("kill kubectl");
}

#[tokio::test]
async fn delete_pod_waits_for_graceful_deletion() {
    let h = Harness::start().await;
    let (code, _, _) = h.run_kubectl_stdin(&["create", "-f", "-"], Some(POD)).await;
    assert_eq!(code, 0);
    bind(&h, "web", "agent-1").await;
    let mut child = h
        .kubectl()
        .args(["delete", "pod", "web"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kubectl delete");
    let pods: Api<Pod> = Api::default_namespaced(h.client.clone());
    eventually("the pod to be terminating", || {
        let pods = pods.clone();
        async move {
            pods.get("web")
                .await
                .ok()?
                .metadata
                .deletion_timestamp
                .map(|_| ())
        }
    })
    .await;
    let (code, out, _) = h.run_kubectl(&["get", "pods"]).await;
    assert_eq!(code, 0);
    assert_eq!(
        &columns(out.lines().nth(1).unwrap())[..3],
        &["web", "0/1", "Terminating"]
    );
    // The pod cannot disappear before the confirmation below, so kubectl must still be waiting.
    assert!(
        child.try_wait().expect("try_wait").is_none(),
        "kubectl delete returned before the pod was gone"
    );
    pods.delete("web", &DeleteParams::default().grace_period(0))
        .await
        .expect("confirm");
    let out = tokio::time::timeout(DEADLINE, child.wait_with_output())
        .await
        .expect("kubectl delete ends")
        .expect("output");
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "pod \"web\" deleted\n"
    );
    let (code, _, err) = h.run_kubectl(&["get", "pod", "web"]).await;
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "Error from server (NotFound): pods \"web\" not found\n"
    );
    // Unscheduled pods go at once.
    let (code, _, _) = h
        .run_kubectl_stdin(&["create", "-f", "-"], Some(&pod_yaml("quick", "busybox")))
        .await;
    assert_eq!(code, 0);
    let (code, out, _) = h.run_kubectl(&["delete", "pod", "quick"]).await;
    assert_eq!((code, out.as_str()), (0, "pod \"quick\" deleted\n"));
}

#[tokio::test]
async fn kubectl_reports_bad_input_like_a_cluster() {
    let h = Harness::start().await;
    let widget = "apiVersion: v1\nkind: Widget\nmetadata:\n  name: w\n";
    let (code, _, err) = h
        .run_kubectl_stdin(&["apply", "-f", "-"], Some(widget))
        .await;
    assert_eq!(code, 1);
    assert!(
        err.contains("no matches for kind \"Widget\" in version \"v1\""),
        "{err}"
    );
    let bad_name = pod_yaml("Bad_Name", "busybox");
    let (code, _, err) = h
        .run_kubectl_stdin(&["create", "-f", "-"], Some(&bad_name))
        .await;
    assert_eq!(code, 1);
    assert!(err.contains("The Pod \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain"), "{err}");
    let unknown_field = POD.replace(
        "    image: nginx:1.25",
        "    image: nginx:1.25\n    imagePolicy: Never",
    );
    let (code, _, err) = h
        .run_kubectl_stdin(&["create", "-f", "-"], Some(&unknown_field))
        .await;
    assert_eq!(code, 1);
    assert!(
        err.contains("strict decoding error: unknown field \"spec.containers[0].imagePolicy\""),
        "{err}"
    );
    let no_containers =
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: empty\nspec:\n  containers: []\n";
    let (code, _, err) = h
        .run_kubectl_stdin(&["create", "-f", "-"], Some(no_containers))
        .await;
    assert_eq!(code, 1);
    assert!(
        err.contains("The Pod \"empty\" is invalid: spec.containers: Required value"),
        "{err}"
    );
    // Still serving.
    let (code, out, _) = h.run_kubectl(&["get", "pods"]).await;
    assert_eq!(code, 0);
    assert!(out.is_empty());
}

#[tokio::test]
async fn describe_shows_events_written_by_a_recorder() {
    use kube::Resource;
    use kube::runtime::events::{Event, EventType, Recorder, Reporter};
    let h = Harness::start().await;
    let (code, _, _) = h.run_kubectl_stdin(&["create", "-f", "-"], Some(POD)).await;
    assert_eq!(code, 0);
    let pods: Api<Pod> = Api::default_namespaced(h.client.clone());
    let pod = pods.get("web").await.expect("get");
    let recorder = Recorder::new(
        h.client.clone(),
        Reporter {
            controller: "k8sm-scheduler".into(),
            instance: None,
        },
    );
    let ev = Event {
        type_: EventType::Warning,
        reason: "FailedScheduling".into(),
        note: Some("0/1 offers fit".into()),
        action: "Scheduling".into(),
        secondary: None,
    };
    recorder
        .publish(&ev, &pod.object_ref(&()))
        .await
        .expect("publish");
    let (code, out, err) = h.run_kubectl(&["describe", "pod", "web"]).await;
    assert_eq!(code, 0, "{err}");
    let events = out.split("Events:").nth(1).expect("an Events section");
    let row = events
        .lines()
        .find(|l| l.contains("FailedScheduling"))
        .unwrap_or_else(|| panic!("no event in {events}"));
    let cells = columns(row);
    assert_eq!(
        (cells[0], cells[1], cells[3], cells[4]),
        (
            "Warning",
            "FailedScheduling",
            "k8sm-scheduler",
            "0/1 offers fit"
        )
    );
    let (code, out, _) = h.run_kubectl(&["get", "events"]).await;
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        columns(lines[0]),
        vec!["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]
    );
    assert_eq!(
        &columns(lines[1])[1..],
        &["Warning", "FailedScheduling", "pod/web", "0/1 offers fit"]
    );
}

#[tokio::test]
async fn kubectl_uses_aggregated_discovery() {
    let h = Harness::start().await;
    let cache = std::env::temp_dir().join(format!("k8sm-discovery-{}", std::process::id()));
    let cache_arg = format!("--cache-dir={}", cache.display());
    let (code, _, err) = h
        .run_kubectl(&[&cache_arg, "-v=6", "get", "leases", "-A"])
        .await;
    assert_eq!(code, 0, "{err}");
    let gets: Vec<&str> = err.lines().filter(|l| l.contains("verb=\"GET\"")).collect();
    assert!(gets.iter().any(|l| l.contains("/apis?")), "{gets:#?}");
    // One document each for /api and /apis: no per-group-version discovery requests.
    assert!(
        !gets
            .iter()
            .any(|l| l.contains("/api/v1?") || l.contains("/apis/coordination.k8s.io/v1?")),
        "{gets:#?}"
    );
    assert!(
        gets.iter()
            .any(|l| l.contains("/apis/coordination.k8s.io/v1/leases?") && l.contains("200 OK")),
        "{gets:#?}"
    );
    let _ = std::fs::remove_dir_all(&cache);
}

#[tokio::test]
async fn imperative_creates_sent_as_protobuf() {
    use k8s_openapi::api::core::v1::{ConfigMap, Namespace};
    let h = Harness::start().await;
    let (code, out, err) = h.run_kubectl(&["create", "namespace", "team"]).await;
    assert_eq!(
        (code, out.as_str()),
        (0, "namespace/team created\n"),
        "{err}"
    );
    let (code, out, err) = h
        .run_kubectl(&[
            "create",
            "configmap",
            "settings",
            "-n",
            "team",
            "--from-literal=a=b",
            "--from-literal=c=d",
        ])
        .await;
    assert_eq!(
        (code, out.as_str()),
        (0, "configmap/settings created\n"),
        "{err}"
    );
    let ns: Api<Namespace> = Api::all(h.client.clone());
    let team = ns.get("team").await.expect("namespace");
    assert!(team.metadata.generate_name.is_none());
    let cms: Api<ConfigMap> = Api::namespaced(h.client.clone(), "team");
    let cm = cms.get("settings").await.expect("configmap");
    let data = cm.data.expect("data");
    assert_eq!((data["a"].as_str(), data["c"].as_str()), ("b", "d"));
    let (code, out, _) = h.run_kubectl(&["get", "configmaps", "-n", "team"]).await;
    assert_eq!(code, 0);
    assert_eq!(
        &columns(out.lines().nth(1).unwrap())[..2],
        &["settings", "2"]
    );
}

#[tokio::test]
async fn server_side_apply_with_kubectl() {
    let h = Harness::start().await;
    let (code, out, err) = h
        .run_kubectl_stdin(&["apply", "--server-side", "-f", "-"], Some(POD))
        .await;
    assert_eq!(
        (code, out.as_str()),
        (0, "pod/web serverside-applied\n"),
        "{err}"
    );
    let newer = pod_yaml("web", "nginx:1.26");
    let (code, _, err) = h
        .run_kubectl_stdin(&["apply", "--server-side", "-f", "-"], Some(&newer))
        .await;
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = h
        .run_kubectl_stdin(
            &[
                "apply",
                "--server-side",
                "--field-manager=intruder",
                "-f",
                "-",
            ],
            Some(POD),
        )
        .await;
    assert_eq!(code, 1);
    assert!(
        err.contains("Apply failed with 1 conflict: conflict with \"kubectl\""),
        "{err}"
    );
    let (code, _, err) = h
        .run_kubectl_stdin(
            &[
                "apply",
                "--server-side",
                "--field-manager=intruder",
                "--force-conflicts",
                "-f",
                "-",
            ],
            Some(POD),
        )
        .await;
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = h
        .run_kubectl(&[
            "get",
            "pod",
            "web",
            "-o",
            "jsonpath={.spec.containers[0].image}",
        ])
        .await;
    assert_eq!((code, out.as_str()), (0, "nginx:1.25"));
}

#[tokio::test]
async fn server_dry_run_changes_nothing() {
    let h = Harness::start().await;
    let (code, out, err) = h
        .run_kubectl_stdin(&["create", "--dry-run=server", "-f", "-"], Some(POD))
        .await;
    assert_eq!(
        (code, out.as_str()),
        (0, "pod/web created (server dry run)\n"),
        "{err}"
    );
    let (code, _, err) = h.run_kubectl(&["get", "pod", "web"]).await;
    assert_eq!(
        (code, err.as_str()),
        (1, "Error from server (NotFound): pods \"web\" not found\n")
    );
    let (code, _, _) = h.run_kubectl_stdin(&["create", "-f", "-"], Some(POD)).await;
    assert_eq!(code, 0);
    let (code, out, _) = h
        .run_kubectl(&["label", "pod", "web", "tier=front", "--dry-run=server"])
        .await;
    assert_eq!(
        (code, out.as_str()),
        (0, "pod/web labeled (server dry run)\n")
    );
    let (code, out, _) = h
        .run_kubectl(&["delete", "pod", "web", "--dry-run=server"])
        .await;
    assert_eq!(
        (code, out.as_str()),
        (0, "pod \"web\" deleted (server dry run)\n")
    );
    let (code, out, _) = h
        .run_kubectl(&["get", "pod", "web", "-o", "jsonpath={.metadata.labels}"])
        .await;
    assert_eq!((code, out.as_str()), (0, "{\"app\":\"web\"}"));
}
