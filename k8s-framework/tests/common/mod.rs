//! Shared test helpers: start the API server in-process on a free loopback port, build a
//! kube-rs client for it, run the real kubectl against it, and wait on conditions with deadlines.

#![allow(dead_code, unreachable_pub)]

use std::future::Future;
use std::time::Duration;

use k8s_framework::apiserver::{ApiServer, ApiServerConfig};

/// How long any single wait in a test may take before the test fails.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// The kubectl every machine and CI has.
pub const KUBECTL: &str = "/usr/bin/kubectl";

/// A server and a client for it.
pub struct Harness {
    pub server: ApiServer,
    pub client: kube::Client,
}

impl Harness {
    pub async fn start() -> Self {
        Self::with_config(ApiServerConfig::default()).await
    }

    pub async fn with_config(config: ApiServerConfig) -> Self {
        let server = ApiServer::start(config).await.expect("server starts");
        let client = client_for(&server.url());
        Self { server, client }
    }

    /// The arguments every kubectl call gets: no kubeconfig, our server.
    pub fn kubectl(&self) -> tokio::process::Command {
        let mut cmd = tokio::process::Command::new(KUBECTL);
        cmd.env("KUBECONFIG", "/dev/null")
            .arg(format!("--server={}", self.server.url()));
        cmd.kill_on_drop(true);
        cmd
    }

    /// Runs kubectl to completion (bounded) and returns (exit code, stdout, stderr).
    pub async fn run_kubectl(&self, args: &[&str]) -> (i32, String, String) {
        self.run_kubectl_stdin(args, None).await
    }

    pub async fn run_kubectl_stdin(
        &self,
        args: &[&str],
        stdin: Option<&str>,
    ) -> (i32, String, String) {
        use tokio::io::AsyncWriteExt;
        let mut cmd = self.kubectl();
        cmd.args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .stdin(if stdin.is_some() {
                std::process::Stdio::piped()
            } else {
                std::process::Stdio::null()
            });
        let mut child = cmd.spawn().expect("kubectl runs");
        if let Some(input) = stdin {
            let mut pipe = child.stdin.take().expect("stdin");
            pipe.write_all(input.as_bytes()).await.expect("write stdin");
            drop(pipe);
        }
        let out = tokio::time::timeout(DEADLINE, child.wait_with_output())
            .await
            .unwrap_or_else(|_| panic!("kubectl {args:?} did not finish within {DEADLINE:?}"))
            .expect("kubectl output");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// A kube-rs client over plain HTTP.
pub fn client_for(url: &str) -> kube::Client {
    let mut config = kube::Config::new(url.parse().expect("url"));
    config.default_namespace = "default".into();
    kube::Client::try_from(config).expect("client")
}

/// Polls `check` until it returns `Some`, failing the test after [`DEADLINE`].
pub async fn eventually<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + DEADLINE;
    loop {
        if let Some(v) = check().await {
            return v;
        }
        if tokio::time::Instant::now() > deadline {
            panic!("timed out waiting for {what}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A minimal pod.
pub fn pod(name: &str, scheduler: &str) -> k8s_openapi::api::core::v1::Pod {
    serde_json::from_value(serde_json::json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "labels": {"app": name}},
        "spec": {"schedulerName": scheduler, "containers": [{"name": "main", "image": "busybox"}]},
    }))
    .expect("pod")
}

/// Runs the real kubectl with `kubeconfig` (bounded): whether it succeeded, and its stdout
/// then stderr.
pub async fn kubectl_at(kubeconfig: &std::path::Path, args: &[&str]) -> (bool, String) {
    let output = tokio::time::timeout(
        Duration::from_secs(60),
        tokio::process::Command::new(KUBECTL)
            .arg("--kubeconfig")
            .arg(kubeconfig)
            .args(args)
            .stdin(std::process::Stdio::null())
            .kill_on_drop(true)
            .output(),
    )
    .await
    .expect("kubectl ends in time")
    .expect("kubectl runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// A process as `/proc/PID/stat` shows it.
#[derive(Debug, Clone)]
pub struct Proc {
    pub pid: u32,
    /// `R`, `S`, ..., `Z` for a zombie (dead, not yet reaped).
    pub state: String,
    pub ppid: u32,
}

/// `/proc/PID/stat` of `pid`, if it exists.
pub fn proc_of(pid: u32) -> Option<Proc> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // `pid (comm) state ppid ...`: comm may hold spaces and parentheses.
    let after = &stat[stat.rfind(')')? + 1..];
    let mut fields = after.split_whitespace();
    let state = fields.next()?.to_string();
    let ppid = fields.next()?.parse().ok()?;
    Some(Proc { pid, state, ppid })
}

/// The processes whose parent is `parent`, zombies included.
pub fn children_of(parent: u32) -> Vec<Proc> {
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(proc_of)
        .filter(|p| p.ppid == parent)
        .collect()
}

/// Whether `pid` runs (a zombie does not).
pub fn alive(pid: u32) -> bool {
    proc_of(pid).is_some_and(|p| p.state != "Z")
}
