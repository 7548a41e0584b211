//! The deploy manifests (`k8s-framework/deploy/`) are valid Kubernetes objects, strictly (an
//! unknown or mistyped field fails), and agree with each other: the bindings name the roles and
//! the ServiceAccount that exist, the Deployment runs as that ServiceAccount, the Service
//! selects the Deployment's pods and reaches the port the scheduler serves metrics on.
//! (`rbac.rs` runs the Deployment's command line and checks the roles against what the
//! scheduler does.)

mod manifests;

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use manifests::{Manifest, Object};

const NAMESPACE: &str = "k8sm";

#[test]
fn every_manifest_parses_strictly_into_its_kubernetes_type() {
    let all = manifests::load().unwrap_or_else(|e| panic!("deploy/: {e}"));
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &all {
        let kind = match &m.object {
            Object::Namespace(_) => "Namespace",
            Object::ServiceAccount(_) => "ServiceAccount",
            Object::ClusterRole(_) => "ClusterRole",
            Object::ClusterRoleBinding(_) => "ClusterRoleBinding",
            Object::Role(_) => "Role",
            Object::RoleBinding(_) => "RoleBinding",
            Object::Deployment(_) => "Deployment",
            Object::Service(_) => "Service",
        };
        *kinds.entry(kind).or_default() += 1;
    }
    let expected = BTreeMap::from([
        ("Namespace", 1),
        ("ServiceAccount", 1),
        ("ClusterRole", 1),
        ("ClusterRoleBinding", 1),
        ("Role", 2),
        ("RoleBinding", 2),
        ("Deployment", 1),
        ("Service", 1),
    ]);
    assert_eq!(kinds, expected);
    // `kubectl apply -f deploy/` goes through the files in name order: the Namespace first.
    assert!(
        matches!(all.first().map(|m| &m.object), Some(Object::Namespace(_))),
        "the Namespace's file sorts first"
    );
}

#[test]
fn unknown_and_mistyped_fields_are_refused() {
    let service = serde_json::json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "s", "namespace": NAMESPACE},
        "spec": {"ports": [{"port": 80}]},
    });
    assert!(manifests::parse(&service).is_ok());
    let mut unknown = service.clone();
    unknown["spec"]["selecter"] = serde_json::json!({"app": "x"});
    let error = manifests::parse(&unknown).expect_err("a typo");
    assert!(error.contains(".spec.selecter"), "{error}");
    let mut mistyped = service.clone();
    mistyped["spec"]["ports"][0]["port"] = "80".into();
    assert!(manifests::parse(&mistyped).is_err(), "a port as a string");
    let mut other_kind = service;
    other_kind["kind"] = "Ingress".into();
    assert!(manifests::parse(&other_kind).is_err());
}

#[test]
fn the_manifests_agree_with_each_other() {
    let all = manifests::load().unwrap_or_else(|e| panic!("deploy/: {e}"));
    let id = |m: &Manifest| m.id();
    let ids: Vec<String> = all.iter().map(id).collect();
    let service_account = format!("ServiceAccount/{NAMESPACE}/k8sm-scheduler");
    assert!(ids.contains(&format!("Namespace//{NAMESPACE}")), "{ids:?}");
    assert!(ids.contains(&service_account), "{ids:?}");
    for m in &all {
        // Everything namespaced lives in k8sm, but for the node Leases' Role and binding.
        let namespace = m
            .id()
            .split('/')
            .nth(1)
            .map(str::to_string)
            .unwrap_or_default();
        match &m.object {
            Object::Namespace(_) | Object::ClusterRole(_) | Object::ClusterRoleBinding(_) => {
                assert_eq!(namespace, "", "{} is cluster-scoped", m.id())
            }
            Object::Role(_) | Object::RoleBinding(_) => assert!(
                namespace == NAMESPACE || namespace == "kube-node-lease",
                "{}",
                m.id()
            ),
            _ => assert_eq!(namespace, NAMESPACE, "{}", m.id()),
        }
        // Bindings: to a role of these manifests, for the scheduler's ServiceAccount.
        let (role_ref, subjects, binding_namespace) = match &m.object {
            Object::ClusterRoleBinding(b) => (&b.role_ref, &b.subjects, None),
            Object::RoleBinding(b) => (&b.role_ref, &b.subjects, Some(namespace.clone())),
            _ => continue,
        };
        let role = match role_ref.kind.as_str() {
            "ClusterRole" => format!("ClusterRole//{}", role_ref.name),
            "Role" => format!(
                "Role/{}/{}",
                binding_namespace.clone().unwrap_or_default(),
                role_ref.name
            ),
            other => panic!("{}: roleRef kind {other}", m.id()),
        };
        assert_eq!(role_ref.api_group, "rbac.authorization.k8s.io");
        assert!(ids.contains(&role), "{} binds {role}, which exists", m.id());
        let subjects: Vec<String> = subjects
            .iter()
            .flatten()
            .map(|s| {
                format!(
                    "{}/{}/{}",
                    s.kind,
                    s.namespace.as_deref().unwrap_or(""),
                    s.name
                )
            })
            .collect();
        assert_eq!(
            subjects,
            std::slice::from_ref(&service_account),
            "{}",
            m.id()
        );
    }

    let deployment = manifests::deployment(&all);
    let spec = deployment.spec.as_ref().expect("spec");
    assert_eq!(spec.replicas, Some(2), "a leader and a standby");
    let template_labels = spec
        .template
        .metadata
        .as_ref()
        .and_then(|m| m.labels.clone())
        .unwrap_or_default();
    let selector = spec.selector.match_labels.clone().unwrap_or_default();
    assert!(!selector.is_empty());
    assert!(
        selector
            .iter()
            .all(|(k, v)| template_labels.get(k) == Some(v)),
        "the Deployment's selector matches its pods"
    );
    let pod = spec.template.spec.as_ref().expect("pod spec");
    assert_eq!(pod.service_account_name.as_deref(), Some("k8sm-scheduler"));
    let (command, args, _) = manifests::scheduler_container(&deployment);
    assert!(
        command.first().is_some_and(|c| c.ends_with("/k8sm")),
        "{command:?}"
    );
    assert_eq!(args.first().map(String::as_str), Some("scheduler"));
    for flag in ["--leader-elect", &format!("--namespace={NAMESPACE}")] {
        assert!(args.iter().any(|a| a == flag), "{flag} in {args:?}");
    }
    assert!(args.iter().any(|a| a.starts_with("--master=")), "{args:?}");
    let metrics_port: i32 = args
        .iter()
        .find_map(|a| a.strip_prefix("--metrics-addr=0.0.0.0:"))
        .and_then(|p| p.parse().ok())
        .expect("--metrics-addr=0.0.0.0:PORT");
    let ports = pod.containers[0].ports.clone().unwrap_or_default();
    let metrics = ports
        .iter()
        .find(|p| p.name.as_deref() == Some("metrics"))
        .expect("a port named metrics");
    assert_eq!(metrics.container_port, metrics_port);

    let service = all
        .iter()
        .find_map(|m| match &m.object {
            Object::Service(s) => Some(s.clone()),
            _ => None,
        })
        .expect("a Service");
    let service_spec = service.spec.expect("spec");
    let service_selector = service_spec.selector.unwrap_or_default();
    assert!(!service_selector.is_empty());
    assert!(
        service_selector
            .iter()
            .all(|(k, v)| template_labels.get(k) == Some(v)),
        "the Service selects the scheduler's pods"
    );
    let service_ports = service_spec.ports.unwrap_or_default();
    assert_eq!(service_ports.len(), 1);
    assert_eq!(service_ports[0].port, metrics_port);
    assert_eq!(
        service_ports[0].target_port,
        Some(IntOrString::String("metrics".into()))
    );
}
