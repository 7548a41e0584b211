//! The events a kubelet records about a pod's containers, derived from the statuses the
//! executor reports: the executor holds no Kubernetes credentials, so the scheduler records
//! them on its behalf, with the kubelet's reasons and wording
//! (`kubernetes: pkg/kubelet/kuberuntime/kuberuntime_container.go` `startContainer`,
//! `pkg/kubelet/events/event.go`):
//! - `Created` "Created container: NAME" and `Started` "Started container NAME", each time a
//!   container (init or regular) starts running;
//! - `BackOff` (Warning) "Back-off restarting failed container NAME in pod NAME_NAMESPACE(UID)",
//!   each time a container enters `CrashLoopBackOff` after a failure;
//! - `Unhealthy` (Warning) "Readiness probe failed: ..." (or Liveness, Startup) when a probe
//!   failed since the last report (`kubernetes: pkg/kubelet/prober/prober.go`).

use k8s_openapi::api::core::v1::{ContainerStatus, PodStatus};
use kube::runtime::events::{Event, EventType};

/// The pod an event is about, as the kubelet names it in messages (`format.Pod`).
#[derive(Debug, Clone, Copy)]
pub struct PodName<'a> {
    /// The pod's name.
    pub name: &'a str,
    /// Its namespace.
    pub namespace: &'a str,
    /// Its uid.
    pub uid: &'a str,
}

fn started_at(
    status: &ContainerStatus,
) -> Option<&k8s_openapi::apimachinery::pkg::apis::meta::v1::Time> {
    status.state.as_ref()?.running.as_ref()?.started_at.as_ref()
}

fn backing_off(status: &ContainerStatus) -> bool {
    status
        .state
        .as_ref()
        .and_then(|s| s.waiting.as_ref())
        .and_then(|w| w.reason.as_deref())
        == Some("CrashLoopBackOff")
}

fn all(status: &PodStatus) -> impl Iterator<Item = &ContainerStatus> {
    status
        .init_container_statuses
        .iter()
        .flatten()
        .chain(status.container_statuses.iter().flatten())
}

/// The events the change from `previous` to `current` calls for, oldest first.
pub fn container_events(
    pod: PodName<'_>,
    previous: Option<&PodStatus>,
    current: &PodStatus,
) -> Vec<Event> {
    let before = |name: &str| previous.and_then(|p| all(p).find(|c| c.name == name));
    let mut events = Vec::new();
    for now in all(current) {
        let was = before(&now.name);
        let start = started_at(now);
        let restarted = was.is_none_or(|w| w.restart_count != now.restart_count);
        if start.is_some() && was.and_then(started_at) != start {
            events.push(Event {
                type_: EventType::Normal,
                reason: "Created".into(),
                note: Some(format!("Created container: {}", now.name)),
                action: "Created".into(),
                secondary: None,
            });
            events.push(Event {
                type_: EventType::Normal,
                reason: "Started".into(),
                note: Some(format!("Started container {}", now.name)),
                action: "Started".into(),
                secondary: None,
            });
        }
        if backing_off(now) && (restarted || !was.is_some_and(backing_off)) {
            events.push(Event {
                type_: EventType::Warning,
                reason: "BackOff".into(),
                note: Some(format!(
                    "Back-off restarting failed container {} in pod {}_{}({})",
                    now.name, pod.name, pod.namespace, pod.uid
                )),
                action: "BackOff".into(),
                secondary: None,
            });
        }
    }
    events
}

/// The kubelet's `Unhealthy` events (Warning, "Readiness probe failed: MESSAGE") for the
/// probes that failed since the counts in `seen`: one per probe whose count grew, carrying
/// its last failure (repeats fold into a series in the recorder).
pub fn probe_events(
    seen: &std::collections::HashMap<(String, String), u64>,
    failures: &[crate::pod_task::ProbeFailure],
) -> Vec<Event> {
    failures
        .iter()
        .filter(|f| {
            f.count
                > seen
                    .get(&(f.container.clone(), f.probe.clone()))
                    .copied()
                    .unwrap_or(0)
        })
        .map(|f| Event {
            type_: EventType::Warning,
            reason: "Unhealthy".into(),
            note: Some(format!("{} probe failed: {}", f.probe, f.message)),
            action: "Unhealthy".into(),
            secondary: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(containers: serde_json::Value) -> PodStatus {
        serde_json::from_value(serde_json::json!({ "containerStatuses": containers })).unwrap()
    }

    fn running(name: &str, restarts: i32, at: &str) -> serde_json::Value {
        serde_json::json!({"name": name, "image": "", "imageID": "", "ready": false,
            "restartCount": restarts, "state": {"running": {"startedAt": at}}})
    }

    fn crash_looping(name: &str, restarts: i32) -> serde_json::Value {
        serde_json::json!({"name": name, "image": "", "imageID": "", "ready": false,
            "restartCount": restarts, "state": {"waiting": {"reason": "CrashLoopBackOff"}}})
    }

    const POD: PodName<'static> = PodName {
        name: "web",
        namespace: "default",
        uid: "u-1",
    };

    fn notes(events: &[Event]) -> Vec<String> {
        events
            .iter()
            .map(|e| format!("{}: {}", e.reason, e.note.clone().unwrap_or_default()))
            .collect()
    }

    #[test]
    fn a_start_is_created_and_started_once() {
        let first = status(serde_json::json!([running(
            "main",
            0,
            "2026-01-01T00:00:00Z"
        )]));
        assert_eq!(
            notes(&container_events(POD, None, &first)),
            [
                "Created: Created container: main",
                "Started: Started container main"
            ]
        );
        // The same run reported again: nothing new.
        assert!(container_events(POD, Some(&first), &first).is_empty());
    }

    #[test]
    fn a_crash_loop_backs_off_then_starts_again() {
        let first = status(serde_json::json!([running(
            "main",
            0,
            "2026-01-01T00:00:00Z"
        )]));
        let looping = status(serde_json::json!([crash_looping("main", 1)]));
        assert_eq!(
            notes(&container_events(POD, Some(&first), &looping)),
            ["BackOff: Back-off restarting failed container main in pod web_default(u-1)"]
        );
        assert!(container_events(POD, Some(&looping), &looping).is_empty());
        let again = status(serde_json::json!([running(
            "main",
            1,
            "2026-01-01T00:00:10Z"
        )]));
        assert_eq!(
            notes(&container_events(POD, Some(&looping), &again)),
            [
                "Created: Created container: main",
                "Started: Started container main"
            ]
        );
        let looping_again = status(serde_json::json!([crash_looping("main", 2)]));
        assert_eq!(
            container_events(POD, Some(&again), &looping_again).len(),
            1,
            "each back-off is told"
        );
    }

    #[test]
    fn a_probe_that_failed_again_is_unhealthy() {
        let failure = |count| crate::pod_task::ProbeFailure {
            container: "web".into(),
            probe: "Readiness".into(),
            count,
            message: "HTTP probe failed with statuscode: 404".into(),
        };
        let mut seen = std::collections::HashMap::new();
        assert_eq!(
            notes(&probe_events(&seen, &[failure(1)])),
            ["Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 404"]
        );
        seen.insert(("web".to_string(), "Readiness".to_string()), 1);
        assert!(probe_events(&seen, &[failure(1)]).is_empty(), "nothing new");
        assert_eq!(probe_events(&seen, &[failure(3)]).len(), 1);
    }
}
