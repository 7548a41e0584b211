//! The RBAC rules of `deploy/02-rbac.yaml` are exactly what `k8sm scheduler` uses.
//!
//! The embedded API server records every request it answers in RBAC's terms
//! ([`RequestLog`]). Two `k8sm scheduler` processes run with the Deployment's own command line
//! from `deploy/03-deployment.yaml` (only the master, the metrics address, the kubeconfig and
//! a shorter Lease are swapped in) against mesos-sim, through every path that touches
//! Kubernetes: leader election and a failover to the standby, agents registered as Nodes with
//! Leases renewed, lost and back, a pod resolving a ConfigMap and a Secret run and deleted, a
//! pod that fits nowhere. Then both ways: every request of the schedulers is allowed by a rule
//! bound to the ServiceAccount, and every verb, resource and name a rule grants was used.
//!
//! Clients are told apart by User-Agent: the test's own kube client sends [`TEST_AGENT`],
//! kubectl sends `kubectl/...`, and the scheduler (a kube-rs client, which sends none) sends
//! none. Any other User-Agent fails the test, so nothing is counted for the scheduler that it
//! did not send.

mod common;
mod manifests;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use common::Harness;
use k8s_framework::apiserver::{ApiServer, ApiServerConfig, RequestAttributes, RequestLog};
use k8s_openapi::api::coordination::v1::Lease;
use k8s_openapi::api::core::v1::{ConfigMap, Namespace, Node, Pod};
use k8s_openapi::api::rbac::v1::PolicyRule;
use kube::Api;
use kube::api::{DeleteParams, PostParams};
use manifests::{Manifest, Object};
use mesos_test_peers::{Peer, PeerKind};

const K8SM: &str = env!("CARGO_BIN_EXE_k8sm");

/// The User-Agent of the test's own requests.
const TEST_AGENT: &str = "k8sm-rbac-test";

/// How long any one thing the test waits for may take.
const DEADLINE: Duration = Duration::from_secs(60);

/// The scheduler's namespace, as the manifests set it.
const NAMESPACE: &str = "k8sm";

/// The ServiceAccount the scheduler runs as.
const SERVICE_ACCOUNT: (&str, &str) = (NAMESPACE, "k8sm-scheduler");

/// Who sent a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sender {
    Test,
    Kubectl,
    Scheduler,
}

fn sender(request: &RequestAttributes) -> Sender {
    match request.user_agent.as_str() {
        TEST_AGENT => Sender::Test,
        ua if ua.starts_with("kubectl") => Sender::Kubectl,
        // kube-rs sets no User-Agent: only the schedulers send none here.
        "" => Sender::Scheduler,
        other => panic!("a request from an unknown client {other:?}: {request:?}"),
    }
}

/// A rule and where it applies: everywhere (a ClusterRole bound cluster-wide) or in one
/// namespace (a RoleBinding's).
#[derive(Debug, Clone)]
struct Grant {
    role: String,
    namespace: Option<String>,
    rule: PolicyRule,
}

/// The rules bound to the scheduler's ServiceAccount by the manifests.
fn grants(all: &[Manifest]) -> Vec<Grant> {
    let rules_of = |kind: &str, namespace: &str, name: &str| -> Vec<PolicyRule> {
        all.iter()
            .find_map(|m| match &m.object {
                Object::ClusterRole(r)
                    if kind == "ClusterRole" && r.metadata.name.as_deref() == Some(name) =>
                {
                    Some(r.rules.clone().unwrap_or_default())
                }
                Object::Role(r)
                    if kind == "Role"
                        && r.metadata.name.as_deref() == Some(name)
                        && r.metadata.namespace.as_deref() == Some(namespace) =>
                {
                    Some(r.rules.clone().unwrap_or_default())
                }
                _ => None,
            })
            .unwrap_or_else(|| panic!("no {kind} {namespace}/{name} in deploy/"))
    };
    let for_us = |subjects: &Option<Vec<k8s_openapi::api::rbac::v1::Subject>>| {
        subjects.iter().flatten().any(|s| {
            s.kind == "ServiceAccount"
                && s.namespace.as_deref() == Some(SERVICE_ACCOUNT.0)
                && s.name == SERVICE_ACCOUNT.1
        })
    };
    let mut out = Vec::new();
    for m in all {
        let (role_ref, namespace) = match &m.object {
            Object::ClusterRoleBinding(b) if for_us(&b.subjects) => (&b.role_ref, None),
            Object::RoleBinding(b) if for_us(&b.subjects) => {
                (&b.role_ref, b.metadata.namespace.clone())
            }
            _ => continue,
        };
        let role_namespace = if role_ref.kind == "Role" {
            namespace.clone().unwrap_or_default()
        } else {
            String::new()
        };
        for rule in rules_of(&role_ref.kind, &role_namespace, &role_ref.name) {
            out.push(Grant {
                role: format!("{} {role_namespace}/{}", role_ref.kind, role_ref.name),
                namespace: namespace.clone(),
                rule,
            });
        }
    }
    out
}

/// The resource as a rule names it: `pods` or `pods/status`.
fn rule_resource(request: &RequestAttributes) -> String {
    if request.subresource.is_empty() {
        request.resource.clone()
    } else {
        format!("{}/{}", request.resource, request.subresource)
    }
}

/// Whether `grant` allows `request`, as RBAC decides it (no wildcards: the manifests have
/// none).
fn allows(grant: &Grant, request: &RequestAttributes) -> bool {
    let rule = &grant.rule;
    grant
        .namespace
        .as_ref()
        .is_none_or(|ns| *ns == request.namespace)
        && rule.verbs.contains(&request.verb)
        && rule
            .api_groups
            .iter()
            .flatten()
            .any(|g| *g == request.api_group)
        && rule
            .resources
            .iter()
            .flatten()
            .any(|r| *r == rule_resource(request))
        && rule
            .resource_names
            .as_ref()
            .is_none_or(|names| names.is_empty() || names.contains(&request.name))
}

/// The non-resource URLs every authenticated client may read (kube-apiserver's
/// `system:discovery` and `system:public-info-viewer` ClusterRoles): the scheduler needs no
/// rule for these.
fn discovery(path: &str) -> bool {
    ["/api", "/apis", "/openapi"]
        .iter()
        .any(|p| path == *p || path.starts_with(&format!("{p}/")))
        || ["/version", "/version/", "/healthz", "/livez", "/readyz"].contains(&path)
}

/// A `k8sm scheduler` started as the Deployment runs it, as pod `hostname`.
struct Scheduler {
    child: tokio::process::Child,
    log: PathBuf,
    metrics: String,
}

fn start_scheduler(hostname: &str, master: &str, kubeconfig: &Path, dir: &Path) -> Scheduler {
    let all = manifests::load().unwrap_or_else(|e| panic!("deploy/: {e}"));
    let (command, args, env) = manifests::scheduler_container(&manifests::deployment(&all));
    assert!(
        command.first().is_some_and(|c| c.ends_with("/k8sm")),
        "the Deployment runs k8sm: {command:?}"
    );
    let metrics = format!("127.0.0.1:{}", mesos_test_peers::free_port());
    let args: Vec<String> = args
        .into_iter()
        .map(|arg| {
            if arg.starts_with("--master=") {
                format!("--master={master}")
            } else if arg.starts_with("--metrics-addr=") {
                format!("--metrics-addr={metrics}")
            } else {
                arg
            }
        })
        .collect();
    let log = dir.join(format!("{hostname}.log"));
    let file = std::fs::File::create(&log).expect("the scheduler's log");
    let child = tokio::process::Command::new(K8SM)
        .args(&args)
        .arg(format!("--kubeconfig={}", kubeconfig.display()))
        // A failover within seconds rather than the default 15, with room for a loaded
        // machine's late renewals.
        .arg("--leader-elect-lease-duration=6")
        .envs(env)
        // What Kubernetes sets in a pod: its name, the scheduler's identity.
        .env("HOSTNAME", hostname)
        .stdout(Stdio::null())
        .stderr(file)
        .kill_on_drop(true)
        .spawn()
        .expect("k8sm scheduler starts");
    Scheduler {
        child,
        log,
        metrics,
    }
}

/// Polls `check` until it gives a value, failing after [`DEADLINE`] with the schedulers'
/// logs.
async fn until<T, F, Fut>(what: &str, logs: &[&Path], mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let start = tokio::time::Instant::now();
    loop {
        if let Some(value) = check().await {
            return value;
        }
        if start.elapsed() > DEADLINE {
            let mut text = String::new();
            for log in logs {
                text.push_str(&format!(
                    "\n--- {}:\n{}",
                    log.display(),
                    std::fs::read_to_string(log).unwrap_or_default()
                ));
            }
            panic!("{what} did not happen within {DEADLINE:?}{text}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn phase(pod: &Pod) -> Option<&str> {
    pod.status.as_ref()?.phase.as_deref()
}

/// Whether a process whose command line is `sleep <marker>` runs.
fn sleeping(marker: &str) -> bool {
    let wanted = format!("sleep\0{marker}\0");
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| {
            std::fs::read(e.path().join("cmdline"))
                .is_ok_and(|c| String::from_utf8_lossy(&c) == wanted)
        })
}

async fn lease_holder(client: &kube::Client) -> Option<String> {
    Api::<Lease>::namespaced(client.clone(), NAMESPACE)
        .get_opt("k8sm-scheduler")
        .await
        .ok()
        .flatten()
        .and_then(|l| l.spec)
        .and_then(|s| s.holder_identity)
}

fn unreachable_taint(node: &Node) -> bool {
    node.spec
        .as_ref()
        .and_then(|s| s.taints.as_ref())
        .is_some_and(|t| t.iter().any(|t| t.key == "node.kubernetes.io/unreachable"))
}

fn ready(node: &Node) -> Option<String> {
    node.status
        .as_ref()?
        .conditions
        .as_ref()?
        .iter()
        .find(|c| c.type_ == "Ready")
        .map(|c| c.status.clone())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_scheduler_uses_exactly_the_permissions_of_its_roles() {
    let all = manifests::load().unwrap_or_else(|e| panic!("deploy/: {e}"));
    let grants = grants(&all);
    for grant in &grants {
        let rule = &grant.rule;
        let mut words = rule
            .verbs
            .iter()
            .chain(rule.api_groups.iter().flatten())
            .chain(rule.resources.iter().flatten());
        assert!(
            !words.any(|w| w.contains('*')) && rule.non_resource_urls.is_none(),
            "{}: no wildcards or non-resource URLs: {rule:?}",
            grant.role
        );
    }

    // The API server, recording; the test's client says who it is.
    let log = RequestLog::new();
    let server = ApiServer::start(
        ApiServerConfig::default()
            .with_grace_expiry(false)
            .with_request_log(log.clone()),
    )
    .await
    .expect("API server");
    let mut config = kube::Config::new(server.url().parse().expect("url"));
    config.default_namespace = "default".into();
    config.headers.push((
        http::header::USER_AGENT,
        http::HeaderValue::from_static(TEST_AGENT),
    ));
    let client = kube::Client::try_from(config).expect("client");
    let h = Harness { server, client };

    // The Namespace, as `kubectl apply -f deploy/` creates it first.
    let namespace = all
        .iter()
        .find_map(|m| match &m.object {
            Object::Namespace(n) => Some(n.clone()),
            _ => None,
        })
        .expect("a Namespace");
    Api::<Namespace>::all(h.client.clone())
        .create(&PostParams::default(), &namespace)
        .await
        .expect("the namespace");

    // Two agents sharing the hostname 127.0.0.1 (as mesos-sim's do): after the failover the
    // standby must find each agent's Node by its agent-id annotation, not name them anew in
    // the order first offers arrive (which once gave an agent another's Node and executor
    // port, and a TASK_ERROR from Mesos for an incompatible ExecutorInfo).
    let peer = Peer::start(PeerKind::Sim, 2).await;
    let sim = peer.sim().expect("mesos-sim");
    let kubeconfig = peer.work_dir().join("kubeconfig");
    h.server.write_kubeconfig(&kubeconfig).expect("kubeconfig");
    let mut a = start_scheduler("k8sm-a", &peer.master_url(), &kubeconfig, peer.work_dir());
    let logs_a = a.log.clone();
    let leader = until("k8sm-a leading", &[&logs_a], || async {
        lease_holder(&h.client)
            .await
            .filter(|holder| holder.starts_with("k8sm-a_"))
    })
    .await;
    let mut b = start_scheduler("k8sm-b", &peer.master_url(), &kubeconfig, peer.work_dir());
    let logs_b = b.log.clone();
    let logs = [logs_a.as_path(), logs_b.as_path()];
    // The Deployment's probes ask the metrics endpoint for /health: both answer.
    for scheduler in [&a, &b] {
        let url = format!("http://{}/health", scheduler.metrics);
        until(&format!("{url} answering"), &logs, || async {
            mesos_test_peers::http::get(&url)
                .await
                .ok()
                .filter(|(status, _)| *status == 200)
        })
        .await;
    }

    // Each agent is a Node with a Lease.
    let nodes: Api<Node> = Api::all(h.client.clone());
    let node_leases: Api<Lease> = Api::namespaced(h.client.clone(), "kube-node-lease");
    until("a Node with a Lease per agent", &logs, || async {
        let n = nodes.list(&Default::default()).await.ok()?.items.len();
        let l = node_leases
            .list(&Default::default())
            .await
            .ok()?
            .items
            .len();
        (n == 2 && l == 2).then_some(())
    })
    .await;

    // A pod whose command comes from a ConfigMap (and whose env names an optional Secret:
    // this server serves no Secrets, the scheduler asks all the same); two containers, so
    // that its deletion records two Killing events, the second patched onto the first.
    let marker = format!("88{}", std::process::id());
    let nap: ConfigMap = serde_json::from_value(serde_json::json!({
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": "nap"},
        "data": {"seconds": marker},
    }))
    .expect("a configmap");
    Api::<ConfigMap>::default_namespaced(h.client.clone())
        .create(&PostParams::default(), &nap)
        .await
        .expect("ConfigMap created");
    let pods: Api<Pod> = Api::default_namespaced(h.client.clone());
    let requests = serde_json::json!({"requests": {"cpu": "100m", "memory": "32Mi"}});
    let web: Pod = serde_json::from_value(serde_json::json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "web"},
        "spec": {
            "restartPolicy": "Never",
            "terminationGracePeriodSeconds": 2,
            "containers": [
                {"name": "main", "image": "busybox",
                 "command": ["sh", "-c", "exec sleep \"$NAP\""],
                 "env": [
                     {"name": "NAP", "valueFrom": {"configMapKeyRef": {"name": "nap", "key": "seconds"}}},
                     {"name": "TOKEN", "valueFrom": {"secretKeyRef":
                         {"name": "credentials", "key": "token", "optional": true}}},
                 ],
                 "resources": requests},
                {"name": "sidecar", "image": "busybox", "command": ["sleep", "600"],
                 "resources": requests},
            ],
        },
    }))
    .expect("a pod");
    pods.create(&PostParams::default(), &web)
        .await
        .expect("web created");
    let web = until("web Running", &logs, || async {
        pods.get("web")
            .await
            .ok()
            .filter(|p| phase(p) == Some("Running"))
    })
    .await;
    until(
        "web's process sleeping as its ConfigMap says",
        &logs,
        || async { sleeping(&marker).then_some(()) },
    )
    .await;

    // A pod that fits nowhere: PodScheduled=False and a FailedScheduling event.
    let huge: Pod = serde_json::from_value(serde_json::json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "huge"},
        "spec": {"containers": [{"name": "main", "image": "busybox", "command": ["sleep", "600"],
                                 "resources": {"requests": {"cpu": "100"}}}]},
    }))
    .expect("a pod");
    pods.create(&PostParams::default(), &huge)
        .await
        .expect("huge created");
    until("huge unschedulable", &logs, || async {
        let pod = pods.get("huge").await.ok()?;
        pod.status?
            .conditions?
            .iter()
            .any(|c| c.type_ == "PodScheduled" && c.reason.as_deref() == Some("Unschedulable"))
            .then_some(())
    })
    .await;

    // The agent is lost, then back: its Node turns NotReady and tainted, then Ready again.
    let node_name = web.spec.and_then(|s| s.node_name).expect("web is bound");
    let node = nodes.get(&node_name).await.expect("web's Node");
    let agent = node
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get("mesos.apache.org/agent-id"))
        .cloned()
        .expect("the Node's agent");
    sim.lose_agent(&agent).expect("lose the agent");
    until("the lost agent's Node tainted", &logs, || async {
        let node = nodes.get(&node_name).await.ok()?;
        (unreachable_taint(&node) && ready(&node).as_deref() == Some("Unknown")).then_some(())
    })
    .await;
    sim.reregister_agent(&agent).expect("the agent comes back");
    until("the agent's Node Ready again", &logs, || async {
        let node = nodes.get(&node_name).await.ok()?;
        (!unreachable_taint(&node) && ready(&node).as_deref() == Some("True")).then_some(())
    })
    .await;

    // web is deleted: its task is killed, then the scheduler confirms the deletion.
    pods.delete("web", &DeleteParams::default())
        .await
        .expect("DELETE web");
    until("web gone", &logs, || async {
        pods.get_opt("web")
            .await
            .ok()
            .filter(Option::is_none)
            .map(|_| ())
    })
    .await;
    until("web's process gone", &logs, || async {
        (!sleeping(&marker)).then_some(())
    })
    .await;
    // huge by kubectl: a client the test tells apart too.
    let (code, out, err) = h.run_kubectl(&["delete", "pod", "huge"]).await;
    assert_eq!(code, 0, "kubectl delete: {out}{err}");

    // The leader dies; the standby takes the Lease, re-subscribes as the same framework
    // (its framework-id ConfigMap exists: created, 409, patched), finds the Nodes and their
    // Leases there already, and schedules.
    a.child.start_kill().expect("SIGKILL the leader");
    let _ = a.child.wait().await;
    until("k8sm-b leading", &logs, || async {
        lease_holder(&h.client)
            .await
            .filter(|holder| holder.starts_with("k8sm-b_") && *holder != leader)
    })
    .await;
    let after: Pod = serde_json::from_value(serde_json::json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "after"},
        "spec": {"terminationGracePeriodSeconds": 2,
                 "containers": [{"name": "main", "image": "busybox", "command": ["sleep", "600"],
                                 "resources": requests}]},
    }))
    .expect("a pod");
    pods.create(&PostParams::default(), &after)
        .await
        .expect("after created");
    until("after Running", &logs, || async {
        pods.get("after")
            .await
            .ok()
            .filter(|p| phase(p) == Some("Running"))
    })
    .await;
    b.child.start_kill().expect("stop the standby");
    let _ = b.child.wait().await;

    // What the schedulers did, against the rules.
    let served = log.entries();
    let mut senders = [0usize; 3];
    for request in &served {
        senders[sender(request) as usize] += 1;
    }
    assert!(
        senders.iter().all(|n| *n > 0),
        "requests from the test, kubectl and the schedulers: {senders:?}"
    );
    let scheduler: Vec<&RequestAttributes> = served
        .iter()
        .filter(|r| sender(r) == Sender::Scheduler)
        .collect();
    let outside: Vec<String> = scheduler
        .iter()
        .filter(|r| !r.resource_request && !discovery(&r.path))
        .map(|r| format!("{} {}", r.verb, r.path))
        .collect();
    assert!(
        outside.is_empty(),
        "non-resource requests beyond discovery: {outside:?}"
    );
    let denied: BTreeSet<String> = scheduler
        .iter()
        .filter(|r| r.resource_request && !grants.iter().any(|g| allows(g, r)))
        .map(|r| {
            format!(
                "{} {}/{} in {:?} named {:?}",
                r.verb,
                r.api_group,
                rule_resource(r),
                r.namespace,
                r.name
            )
        })
        .collect();
    let mut unused = BTreeSet::new();
    for grant in &grants {
        let rule = &grant.rule;
        let names: Vec<Option<&String>> = match &rule.resource_names {
            Some(names) if !names.is_empty() => names.iter().map(Some).collect(),
            _ => vec![None],
        };
        for verb in &rule.verbs {
            for group in rule.api_groups.iter().flatten() {
                for resource in rule.resources.iter().flatten() {
                    for name in &names {
                        let used = scheduler.iter().any(|r| {
                            r.resource_request
                                && r.verb == *verb
                                && r.api_group == *group
                                && rule_resource(r) == *resource
                                && name.is_none_or(|n| *n == r.name)
                                && allows(grant, r)
                        });
                        if !used {
                            unused.insert(format!(
                                "{}: {verb} {group}/{resource}{}",
                                grant.role,
                                name.map(|n| format!(" named {n}")).unwrap_or_default()
                            ));
                        }
                    }
                }
            }
        }
    }
    let used: BTreeSet<String> = scheduler
        .iter()
        .filter(|r| r.resource_request)
        .map(|r| format!("{} {}/{}", r.verb, r.api_group, rule_resource(r)))
        .collect();
    eprintln!(
        "{} requests from the schedulers, {} from the test, {} from kubectl; used: {used:#?}",
        senders[Sender::Scheduler as usize],
        senders[Sender::Test as usize],
        senders[Sender::Kubectl as usize]
    );
    assert!(
        denied.is_empty() && unused.is_empty(),
        "the roles in deploy/02-rbac.yaml are not what the scheduler uses.\n\
         requests no rule allows: {denied:#?}\n\
         granted but never used: {unused:#?}\n\
         everything the schedulers used: {used:#?}"
    );
}
