//! The `execute` example run as the program users run, against mesos-sim (`NAME::sim`) and
//! the real Mesos 1.11.0 (`NAME::real`): its output and exit status for a command that
//! succeeds and one that fails; and a bad master URL.

use std::process::Stdio;
use std::time::Duration;

use mesos_test_peers::{Peer, PeerKind, on_both_peers};
use tokio::process::Command;

const DEADLINE: Duration = Duration::from_secs(60);

async fn execute(args: &[&str]) -> (Option<i32>, String, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_execute"))
        .args(args)
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("execute starts");
    let output = tokio::time::timeout(DEADLINE, child.wait_with_output())
        .await
        .expect("execute ends in time")
        .expect("execute's output");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

on_both_peers! {
    a_finished_task_exits_zero_and_tears_down => a_finished_task_exits_zero_and_tears_down;
    a_failed_task_exits_non_zero => a_failed_task_exits_non_zero;
}

async fn a_finished_task_exits_zero_and_tears_down(kind: PeerKind) {
    let peer = Peer::start(kind, 1).await;
    let url = peer.master_url();
    let (code, stdout, stderr) = execute(&[
        "--master",
        &url,
        "--name",
        "greeting",
        "--command",
        "echo hello from mesos",
    ])
    .await;
    assert_eq!(code, Some(0), "stdout:\n{stdout}\nstderr:\n{stderr}");
    // Logs into a pipe carry no colour escapes, and there are logs (RUST_LOG=info).
    assert!(stderr.contains("INFO"), "{stderr}");
    assert!(!stderr.contains('\x1b'), "{stderr}");
    assert!(stdout.contains("Subscribed to"), "{stdout}");
    assert!(stdout.contains("Launching task greeting"), "{stdout}");
    let running = stdout
        .find("TASK_RUNNING for task greeting")
        .expect("RUNNING printed");
    let finished = stdout
        .find("TASK_FINISHED for task greeting")
        .expect("FINISHED printed");
    assert!(running < finished, "{stdout}");
    // Torn down at the end: the master no longer knows the framework.
    let frameworks = peer.framework_ids().await;
    assert!(frameworks.is_empty(), "{frameworks:?}");
}

async fn a_failed_task_exits_non_zero(kind: PeerKind) {
    let peer = Peer::start(kind, 1).await;
    let url = peer.master_url();
    let (code, stdout, _) = execute(&[
        "--master",
        &url,
        "--name",
        "broken",
        "--command",
        "exit 3",
        "--cpus",
        "0.5",
    ])
    .await;
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.contains("TASK_FAILED for task broken"), "{stdout}");
    assert!(peer.framework_ids().await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_master_url_is_reported() {
    let (code, _, stderr) =
        execute(&["--master", "m1:99999", "--name", "x", "--command", "true"]).await;
    assert_eq!(code, Some(2));
    assert!(stderr.contains("m1:99999"), "{stderr}");
}
