//! Master endpoints: every master address of the cluster shares one state, and only the
//! leader's address serves it. The others behave as standby masters (`Master::Http::redirect`,
//! `mesos: src/master/http.cpp`): 307 with a protocol-relative `Location: //host:port/path`
//! (the query dropped), or 503 "No leader elected" when they know no leader. Authentication
//! (401) still comes first on the scheduler endpoint.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use http::{Response, StatusCode};
use serde_json::json;

use super::Master;
use super::endpoints::{MESOS_VERSION, version};
use super::scheduler_api::authenticate;
use crate::http::body::SimBody;
use crate::http::response::{json as json_response, redirect, text};
use crate::http::server::{FullRequest, Handler};

/// One master address of the cluster.
#[derive(Debug)]
pub(crate) struct MasterEndpoint {
    pub(crate) master: Arc<Master>,
    pub(crate) addr: SocketAddr,
    /// This master's MasterInfo (what it registers in ZooKeeper, what it announces when it
    /// leads).
    pub(crate) info: mesos_sdk::v1::MasterInfo,
    /// Whether this master, when not leading, knows who leads.
    pub(crate) knows_leader: AtomicBool,
    /// Its ZooKeeper membership (session holding its `json.info_` node), if any.
    pub(crate) membership: tokio::sync::Mutex<Option<zookeeper_client::Client>>,
}

impl MasterEndpoint {
    pub(crate) fn new(
        master: Arc<Master>,
        addr: SocketAddr,
        info: mesos_sdk::v1::MasterInfo,
    ) -> Arc<MasterEndpoint> {
        Arc::new(MasterEndpoint {
            master,
            addr,
            info,
            knows_leader: AtomicBool::new(true),
            membership: tokio::sync::Mutex::new(None),
        })
    }

    /// Whether this address is the leader's.
    pub(crate) fn is_leading(&self) -> bool {
        self.master.lock().leader_addr == self.addr
    }

    fn leader(&self) -> Option<String> {
        if !self.knows_leader.load(Ordering::SeqCst) {
            return None;
        }
        let state = self.master.lock();
        let host = state.info.hostname.clone().unwrap_or_default();
        Some(format!("{host}:{}", state.info.port))
    }

    fn redirect_to_leader(&self, path: &str) -> Response<SimBody> {
        match self.leader() {
            Some(leader) => redirect(format!("//{leader}{path}")),
            None => text(StatusCode::SERVICE_UNAVAILABLE, "No leader elected"),
        }
    }
}

impl Handler for MasterEndpoint {
    async fn handle(self: Arc<Self>, request: FullRequest) -> Response<SimBody> {
        if self.is_leading() {
            return self.master.clone().handle(request).await;
        }
        let path = request.uri().path().to_string();
        match path.as_str() {
            "/api/v1/scheduler" | "/master/api/v1/scheduler" => {
                let credentials = self.master.lock().config.credentials.clone();
                if let Err(response) = authenticate(credentials.as_deref(), request.headers()) {
                    return *response;
                }
                self.redirect_to_leader(&path)
            }
            // The operator API redirects every call, reads included (`Master::Http::api`).
            p if super::operator_api::is_operator_path(p) => self.redirect_to_leader(&path),
            // `/redirect` goes to the leader's base URL, never to a path (loop guard).
            "/redirect" | "/master/redirect" => self.redirect_to_leader(""),
            "/version" => version(),
            // Every master, leading or not, answers 200 with an empty body
            // (`mesos: src/master/http.cpp` `Master::Http::health`); the master is
            // libprocess's delegate, so the path without its `/master` prefix works too.
            "/health" | "/master/health" => text(StatusCode::OK, ""),
            "/state" | "/master/state" | "/state.json" | "/master/state.json" => {
                let mut document = json!({
                    "version": MESOS_VERSION,
                    "hostname": self.addr.ip().to_string(),
                    "pid": format!("master@{}", self.addr),
                    "activated_slaves": 0,
                    "slaves": [],
                    "frameworks": [],
                    "completed_frameworks": [],
                });
                if let (Some(leader), Some(object)) = (self.leader(), document.as_object_mut()) {
                    object.insert("leader".into(), json!(format!("master@{leader}")));
                }
                json_response(&document)
            }
            _ => crate::http::response::not_found(),
        }
    }
}
