//! `k8sm local --demo`: creates the sample pods of `examples/k8s/` and shows their progress
//! as a table until each reaches the state its `demo.k8sm.io/settles-when` annotation names.
//!
//! On a terminal the table is redrawn in place; into a pipe or a file a new table is printed
//! only when a row changes, so a log of the demo stays readable.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::{ListParams, PostParams};

use super::{LocalError, say};

/// The demo's manifests, as they are in `examples/k8s/` (built into the binary, so the demo
/// runs from anywhere).
pub const MANIFESTS: [(&str, &str); 4] = [
    ("web.yaml", include_str!("../../../examples/k8s/web.yaml")),
    (
        "countdown.yaml",
        include_str!("../../../examples/k8s/countdown.yaml"),
    ),
    (
        "flaky.yaml",
        include_str!("../../../examples/k8s/flaky.yaml"),
    ),
    (
        "too-big.yaml",
        include_str!("../../../examples/k8s/too-big.yaml"),
    ),
];

/// The annotation that says when a demo pod has settled: `Ready`, `Succeeded` or
/// `Unschedulable`.
pub const SETTLES_WHEN: &str = "demo.k8sm.io/settles-when";

/// How long the demo shows progress before it says what has not settled.
const SETTLE_DEADLINE: Duration = Duration::from_secs(180);

/// The demo's pods, parsed.
pub fn pods() -> Result<Vec<Pod>, LocalError> {
    MANIFESTS
        .iter()
        .map(|(file, text)| {
            serde_yaml::from_str::<Pod>(text).map_err(|e| LocalError::Startup {
                what: "reading the demo's manifests",
                reason: format!("examples/k8s/{file}: {e}"),
            })
        })
        .collect()
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The pod's name.
    pub name: String,
    /// Its node, or `<none>`.
    pub node: String,
    /// Its phase.
    pub phase: String,
    /// Ready containers of all, as kubectl shows them (`1/1`).
    pub ready: String,
    /// Container restarts, summed.
    pub restarts: i32,
    /// What is going on, as kubectl's STATUS column and the scheduler's message say it.
    pub status: String,
    /// Whether the pod reached its `settles-when` state.
    pub settled: bool,
}

/// The row of `pod`.
pub fn row(pod: &Pod) -> Row {
    let name = pod.metadata.name.clone().unwrap_or_default();
    let spec = pod.spec.as_ref();
    let status = pod.status.as_ref();
    let phase = status
        .and_then(|s| s.phase.clone())
        .unwrap_or_else(|| "Pending".into());
    let containers = status
        .and_then(|s| s.container_statuses.clone())
        .unwrap_or_default();
    let wanted = spec.map(|s| s.containers.len()).unwrap_or(0);
    let ready_count = containers.iter().filter(|c| c.ready).count();
    let restarts = containers.iter().map(|c| c.restart_count).sum();
    let condition = |kind: &str| {
        status
            .and_then(|s| s.conditions.as_ref())
            .and_then(|c| c.iter().find(|c| c.type_ == kind).cloned())
    };
    let unschedulable = condition("PodScheduled")
        .filter(|c| c.status == "False" && c.reason.as_deref() == Some("Unschedulable"));
    let ready = condition("Ready").is_some_and(|c| c.status == "True");
    let waiting = containers
        .iter()
        .find_map(|c| c.state.as_ref()?.waiting.as_ref()?.reason.clone());
    let terminated = containers
        .iter()
        .find_map(|c| c.state.as_ref()?.terminated.as_ref()?.reason.clone());
    let status_text = if let Some(c) = &unschedulable {
        c.message.clone().unwrap_or_else(|| "Unschedulable".into())
    } else if let Some(reason) = waiting {
        reason
    } else if let Some(reason) = terminated {
        reason
    } else if spec.and_then(|s| s.node_name.as_ref()).is_none() {
        "waiting for an offer".into()
    } else {
        phase.clone()
    };
    let settled = match pod
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(SETTLES_WHEN))
        .map(String::as_str)
    {
        Some("Ready") => ready,
        Some("Succeeded") => phase == "Succeeded",
        Some("Unschedulable") => unschedulable.is_some(),
        _ => true,
    };
    Row {
        name,
        node: spec
            .and_then(|s| s.node_name.clone())
            .unwrap_or_else(|| "<none>".into()),
        phase,
        ready: format!("{ready_count}/{wanted}"),
        restarts,
        status: status_text,
        settled,
    }
}

/// The table of `rows`, in columns, with a settled mark.
pub fn render(rows: &[Row]) -> Vec<String> {
    let headers = ["  NAME", "NODE", "PHASE", "READY", "RESTARTS", "STATUS"];
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|r| {
            [
                format!("{} {}", if r.settled { "✓" } else { "…" }, r.name),
                r.node.clone(),
                r.phase.clone(),
                r.ready.clone(),
                r.restarts.to_string(),
                r.status.clone(),
            ]
        })
        .collect();
    let mut widths = headers.map(|h| h.chars().count());
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 6]| {
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            text.push_str(cell);
            if i + 1 < cells.len() {
                let pad = widths[i] + 2 - cell.chars().count();
                text.extend(std::iter::repeat_n(' ', pad));
            }
        }
        text
    };
    let mut lines = vec![line(headers)];
    for row in &cells {
        lines.push(line([&row[0], &row[1], &row[2], &row[3], &row[4], &row[5]]));
    }
    lines
}

/// Creates the demo's pods (those already there are kept) and shows their progress until
/// they settle or three minutes pass.
pub async fn run(client: &kube::Client) -> Result<(), LocalError> {
    let wanted = pods()?;
    let api: Api<Pod> = Api::namespaced(client.clone(), "default");
    for pod in &wanted {
        let name = pod.metadata.name.clone().unwrap_or_default();
        match api.create(&PostParams::default(), pod).await {
            Ok(_) => {}
            Err(kube::Error::Api(e)) if e.code == 409 => {}
            Err(e) => {
                return Err(LocalError::Startup {
                    what: "creating the demo's pods",
                    reason: format!("pod {name}: {e}"),
                });
            }
        }
    }
    say(format_args!(
        "k8sm local: demo pods created from examples/k8s/ ({}); waiting for them to settle",
        wanted
            .iter()
            .filter_map(|p| p.metadata.name.as_deref())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let names: Vec<String> = wanted
        .iter()
        .filter_map(|p| p.metadata.name.clone())
        .collect();
    let terminal = std::io::stdout().is_terminal();
    let started = Instant::now();
    let mut shown: Vec<String> = Vec::new();
    loop {
        let listed = api.list(&ListParams::default()).await;
        let by_name: BTreeMap<String, Pod> = match listed {
            Ok(list) => list
                .items
                .into_iter()
                .filter_map(|p| Some((p.metadata.name.clone()?, p)))
                .collect(),
            Err(error) => {
                tracing::warn!(%error, "listing the demo's pods failed; trying again");
                BTreeMap::new()
            }
        };
        let rows: Vec<Row> = names
            .iter()
            .map(|n| match by_name.get(n) {
                Some(pod) => row(pod),
                None => Row {
                    name: n.clone(),
                    node: "<none>".into(),
                    phase: "-".into(),
                    ready: "-".into(),
                    restarts: 0,
                    status: "deleted".into(),
                    settled: true,
                },
            })
            .collect();
        let lines = render(&rows);
        let elapsed = started.elapsed().as_secs();
        if terminal {
            let mut out = std::io::stdout().lock();
            if !shown.is_empty() {
                // Back to the table's first line, then redraw it.
                let _ = write!(out, "\x1b[{}A", shown.len() + 1);
            }
            let _ = writeln!(out, "\x1b[2Kdemo pods, {elapsed} s:");
            for line in &lines {
                let _ = writeln!(out, "\x1b[2K{line}");
            }
            let _ = out.flush();
            shown = lines;
        } else if lines != shown {
            say(format_args!("demo pods, {elapsed} s:"));
            for line in &lines {
                say(line);
            }
            shown = lines;
        }
        if rows.iter().all(|r| r.settled) {
            say(format_args!(
                "k8sm local: the demo settled in {elapsed} s. Try: kubectl get pods -o wide; kubectl logs web; kubectl describe pod too-big"
            ));
            return Ok(());
        }
        if started.elapsed() > SETTLE_DEADLINE {
            let waiting: Vec<&str> = rows
                .iter()
                .filter(|r| !r.settled)
                .map(|r| r.name.as_str())
                .collect();
            say(format_args!(
                "k8sm local: not settled after {} s: {} (see `kubectl describe pod NAME`)",
                SETTLE_DEADLINE.as_secs(),
                waiting.join(", ")
            ));
            return Ok(());
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifests_parse_and_say_when_they_settle() {
        let pods = pods().expect("the demo's manifests parse");
        assert_eq!(pods.len(), 4);
        for pod in &pods {
            let when = pod
                .metadata
                .annotations
                .as_ref()
                .and_then(|a| a.get(SETTLES_WHEN));
            assert!(
                matches!(
                    when.map(String::as_str),
                    Some("Ready" | "Succeeded" | "Unschedulable")
                ),
                "{:?}: {when:?}",
                pod.metadata.name
            );
            // A fresh pod has settled only when it is meant to be unschedulable... and it
            // is not yet: no condition says so.
            assert!(!row(pod).settled, "{:?}", pod.metadata.name);
        }
    }

    #[test]
    fn rows_follow_the_pod_status() {
        let mut pod = pods().unwrap().remove(0);
        assert_eq!(row(&pod).status, "waiting for an offer");
        let status: k8s_openapi::api::core::v1::PodStatus =
            serde_json::from_value(serde_json::json!({
                "phase": "Running",
                "conditions": [{"type": "Ready", "status": "True"}],
                "containerStatuses": [{
                    "name": "web", "image": "", "imageID": "", "ready": true,
                    "restartCount": 2, "state": {"running": {}}
                }]
            }))
            .unwrap();
        pod.status = Some(status);
        pod.spec.as_mut().unwrap().node_name = Some("agent-1".into());
        let r = row(&pod);
        assert_eq!(
            (r.node.as_str(), r.ready.as_str(), r.restarts, r.settled),
            ("agent-1", "1/1", 2, true)
        );
        let lines = render(&[r]);
        assert!(lines[0].starts_with("  NAME"), "{lines:?}");
        assert!(lines[1].starts_with("✓ web"), "{lines:?}");
    }
}
