//! Plain HTTP/1.1 GETs of masters' and agents' JSON endpoints (`/state`, `/version`), one
//! connection each, with a deadline.

use std::time::Duration;

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;

/// How long one GET may take, connection included.
const TIMEOUT: Duration = Duration::from_secs(10);

/// `GET url` (`http://host:port/path`): the status and the body.
pub async fn get(url: &str) -> Result<(u16, Bytes), String> {
    tokio::time::timeout(TIMEOUT, get_inner(url))
        .await
        .map_err(|_| format!("GET {url}: no answer within {TIMEOUT:?}"))?
}

async fn get_inner(url: &str) -> Result<(u16, Bytes), String> {
    let uri: hyper::Uri = url.parse().map_err(|e| format!("{url}: {e}"))?;
    let authority = uri
        .authority()
        .ok_or_else(|| format!("{url} names no host"))?
        .to_string();
    let stream = tokio::net::TcpStream::connect(&authority)
        .await
        .map_err(|e| format!("connect {authority}: {e}"))?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| format!("handshake {authority}: {e}"))?;
    tokio::spawn(connection);
    let path = uri.path_and_query().map_or("/", |p| p.as_str()).to_string();
    let request = hyper::Request::get(path)
        .header(hyper::header::HOST, authority)
        .header(hyper::header::ACCEPT, "application/json")
        .body(Empty::<Bytes>::new())
        .map_err(|e| format!("{url}: {e}"))?;
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| format!("GET {url}: {e}"))?;
    let status = response.status().as_u16();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|e| format!("GET {url}: body: {e}"))?
        .to_bytes();
    Ok((status, body))
}

/// `GET url`, expecting 200 and a JSON body; fails the test otherwise.
pub async fn get_json(url: &str) -> serde_json::Value {
    let (status, body) = get(url).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status, 200, "GET {url}: {}", String::from_utf8_lossy(&body));
    serde_json::from_slice(&body).unwrap_or_else(|e| panic!("GET {url}: not JSON: {e}"))
}
