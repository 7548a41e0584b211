//! A real ZooKeeper server for tests (Debian's `zookeeper` package): started on its own port
//! and data directory, ready once `srvr` reports `Mode: standalone`; it can be paused
//! (SIGSTOP), resumed, stopped and restarted on the same port and data.

use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

const JAR: &str = "/usr/share/java/zookeeper.jar";
const READY_WITHIN: Duration = Duration::from_secs(60);

/// A ZooKeeper server process of the test's own, stopped (and its data removed) on drop.
pub struct ZkServer {
    child: Option<Child>,
    port: u16,
    /// Last: removed once the server is told to stop.
    dir: ScratchDir,
}

use crate::free_port;
use crate::scratch::ScratchDir;

impl ZkServer {
    /// Starts a fresh server. Fails the test with set-up instructions when ZooKeeper is not
    /// installed.
    pub async fn start() -> ZkServer {
        assert!(
            std::path::Path::new(JAR).exists(),
            "ZooKeeper is not installed ({JAR} is missing): run `apt-get install -y zookeeper` \
             (CI's .ci/run does)"
        );
        let dir = ScratchDir::new("mesos-sdk-zk");
        std::fs::create_dir_all(dir.join("data")).expect("ZooKeeper data dir");
        let port = free_port();
        let mut server = ZkServer {
            child: None,
            dir,
            port,
        };
        server.write_config();
        server.launch().await;
        server
    }

    fn write_config(&self) {
        let config = format!(
            "tickTime=1000\nminSessionTimeout=2000\nmaxSessionTimeout=20000\n\
             dataDir={}\nclientPort={}\nclientPortAddress=127.0.0.1\nmaxClientCnxns=0\n\
             admin.enableServer=false\n4lw.commands.whitelist=*\n",
            self.dir.join("data").display(),
            self.port
        );
        std::fs::write(self.dir.join("zoo.cfg"), config).expect("zoo.cfg");
    }

    async fn launch(&mut self) {
        let log = std::fs::File::create(self.dir.join("zk.log")).expect("zk.log");
        let child = Command::new("java")
            .args([
                "-Xmx256m",
                "-Dzookeeper.preAllocSize=1024",
                "-Dzookeeper.forceSync=no",
                "-cp",
                &format!("/etc/zookeeper/conf:{JAR}"),
                "org.apache.zookeeper.server.ZooKeeperServerMain",
            ])
            .arg(self.dir.join("zoo.cfg"))
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .expect("java starts ZooKeeper");
        self.child = Some(child);
        self.wait_ready().await;
    }

    /// The `srvr` four-letter word's answer; `None` if the server does not answer within a
    /// second (a starting JVM may accept connections before it answers them).
    async fn srvr(&self) -> Option<String> {
        let probe = async {
            let mut stream = TcpStream::connect(("127.0.0.1", self.port)).await.ok()?;
            stream.write_all(b"srvr").await.ok()?;
            let mut out = String::new();
            stream.read_to_string(&mut out).await.ok()?;
            Some(out)
        };
        tokio::time::timeout(Duration::from_secs(1), probe)
            .await
            .ok()
            .flatten()
    }

    async fn wait_ready(&self) {
        let start = tokio::time::Instant::now();
        loop {
            if let Some(out) = self.srvr().await {
                if out.contains("Mode: standalone") {
                    return;
                }
            }
            assert!(
                start.elapsed() < READY_WITHIN,
                "ZooKeeper not serving within {READY_WITHIN:?}; log: {}",
                std::fs::read_to_string(self.dir.join("zk.log")).unwrap_or_default()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// `127.0.0.1:PORT`.
    pub fn address(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// `zk://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("zk://{}{path}", self.address())
    }

    fn signal(&self, signal: &str) {
        let pid = self
            .child
            .as_ref()
            .and_then(|c| c.id())
            .expect("ZooKeeper is running");
        let status = std::process::Command::new("kill")
            .args([signal, &pid.to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill {signal} {pid}");
    }

    /// Freezes the server process (SIGSTOP): clients time out, sessions expire.
    pub fn pause(&self) {
        self.signal("-STOP");
    }

    /// Thaws the server process (SIGCONT).
    pub fn resume(&self) {
        self.signal("-CONT");
    }

    /// Stops the server (its data stays).
    pub async fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill().await;
            let _ = child.wait().await;
        }
    }

    /// Starts the server again on the same port and data.
    pub async fn restart(&mut self) {
        self.stop().await;
        self.launch().await;
    }
}

impl Drop for ZkServer {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            let _ = child.start_kill();
            // Reap it here: the runtime that would reap it later is usually ending with the
            // test, and a SIGKILLed JVM is gone within milliseconds. Bounded all the same.
            let deadline = std::time::Instant::now() + Duration::from_secs(10);
            while matches!(child.try_wait(), Ok(None)) && std::time::Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(5));
            }
        }
        // The folder goes with `self.dir`.
    }
}
