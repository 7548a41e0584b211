//! mesos-sim as a service on a network: a client that trickles its headers loses its
//! connection after the header-read timeout; past the connection limit new clients wait
//! until a connection closes; the binary's `--credentials FILE` makes frameworks
//! authenticate, with Mesos' JSON and text formats.

use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const DEADLINE: Duration = Duration::from_secs(10);

/// Sends a whole GET of `path` on `stream` and reads the status line of the answer.
async fn get(stream: &mut TcpStream, path: &str) -> String {
    stream
        .write_all(format!("GET {path} HTTP/1.1\r\nHost: sim\r\n\r\n").as_bytes())
        .await
        .expect("write");
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).await.expect("read");
    line
}

#[tokio::test]
async fn a_client_trickling_its_headers_is_disconnected() {
    let cluster = mesos_sim::Cluster::builder()
        .header_read_timeout(Duration::from_millis(300))
        .start()
        .await
        .expect("cluster");
    let mut stream = TcpStream::connect(cluster.master_addr())
        .await
        .expect("connect");
    stream
        .write_all(b"GET /master/state HTTP/1.1\r\nHost: sim\r\n")
        .await
        .expect("part of the headers");
    // The rest never comes: the server closes the connection.
    let mut buf = [0u8; 1024];
    let read = tokio::time::timeout(DEADLINE, async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await;
    assert!(read.is_ok(), "the connection was not closed");
    // Others are served as before.
    let mut other = TcpStream::connect(cluster.master_addr())
        .await
        .expect("connect");
    let status = tokio::time::timeout(DEADLINE, get(&mut other, "/version"))
        .await
        .expect("answered");
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
}

#[tokio::test]
async fn past_the_connection_limit_a_client_waits_for_a_free_place() {
    let cluster = mesos_sim::Cluster::builder()
        .max_connections(2)
        .start()
        .await
        .expect("cluster");
    let addr = cluster.master_addr();
    let mut first = TcpStream::connect(addr).await.expect("connect");
    let mut second = TcpStream::connect(addr).await.expect("connect");
    // Both are accepted and served (each holds a place while it stays open).
    for stream in [&mut first, &mut second] {
        let status = tokio::time::timeout(DEADLINE, get(stream, "/version"))
            .await
            .expect("answered");
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    }
    let mut third = TcpStream::connect(addr)
        .await
        .expect("the kernel accepts it");
    let mut waiting = tokio::spawn(async move {
        let status = get(&mut third, "/version").await;
        (status, third)
    });
    // Not answered while both places are taken (a window, not a synchronisation: the
    // answer would come within milliseconds if it came at all).
    assert!(
        tokio::time::timeout(Duration::from_millis(300), &mut waiting)
            .await
            .is_err(),
        "served past the limit"
    );
    drop(first);
    let (status, _third) = tokio::time::timeout(DEADLINE, waiting)
        .await
        .expect("served once a place is free")
        .expect("task");
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    drop(second);
}

/// Starts the binary with `args`; returns it and its master URL.
async fn start_binary(args: &[&str]) -> (tokio::process::Child, String) {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_mesos-sim"))
        .args(["--port", "0"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("mesos-sim starts");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let line = tokio::time::timeout(DEADLINE, lines.next_line())
        .await
        .expect("its URL in time")
        .expect("read")
        .expect("a line");
    let url = line.rsplit(' ').next().expect("url").to_string();
    (child, url)
}

/// A SUBSCRIBE by `curl`-free raw HTTP with an optional `Authorization`; the status code.
async fn subscribe(url: &str, authorization: Option<&str>) -> u16 {
    let addr = url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let body = r#"{"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"u","name":"n"}}}"#;
    let auth = authorization
        .map(|a| format!("Authorization: {a}\r\n"))
        .unwrap_or_default();
    let request = format!(
        "POST /api/v1/scheduler HTTP/1.1\r\nHost: sim\r\nContent-Type: application/json\r\n\
         Accept: application/json\r\n{auth}Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    tokio::time::timeout(DEADLINE, reader.read_line(&mut line))
        .await
        .expect("answered")
        .expect("read");
    line.split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
async fn the_binary_requires_the_credentials_of_its_file() {
    let dir = std::env::temp_dir().join(format!("mesos-sim-credentials-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let json = dir.join("credentials.json");
    std::fs::write(
        &json,
        r#"{"credentials": [{"principal": "fw", "secret": "s3cret"}]}"#,
    )
    .expect("json");
    let text = dir.join("credentials.txt");
    std::fs::write(&text, "other pass\nfw s3cret\n").expect("text");
    // "fw:s3cret" and "fw:wrong", base64.
    let good = "Basic Znc6czNjcmV0";
    let wrong = "Basic Znc6d3Jvbmc=";
    for file in [&json, &text] {
        let (_child, url) = start_binary(&["--credentials", file.to_str().expect("path")]).await;
        assert_eq!(subscribe(&url, None).await, 401, "{}", file.display());
        assert_eq!(
            subscribe(&url, Some(wrong)).await,
            401,
            "{}",
            file.display()
        );
        assert_eq!(subscribe(&url, Some(good)).await, 200, "{}", file.display());
    }
    // A file that cannot be used: one line on stderr, exit 1.
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, "only-a-principal\n").expect("bad");
    let output = tokio::time::timeout(
        DEADLINE,
        tokio::process::Command::new(env!("CARGO_BIN_EXE_mesos-sim"))
            .args(["--port", "0", "--credentials"])
            .arg(&bad)
            .output(),
    )
    .await
    .expect("in time")
    .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("expected `principal secret`"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
