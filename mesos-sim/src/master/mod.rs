//! The simulated master: routing of its HTTP endpoints, its state, and the effects (timers,
//! executor launches, kills) that state changes schedule once the lock is released.

pub(crate) mod accept;
pub(crate) mod agent_drain;
pub(crate) mod agent_removal;
pub(crate) mod agent_reregistration;
pub(crate) mod agent_restart;
pub(crate) mod allocator;
pub(crate) mod drf;
pub(crate) mod effects;
pub(crate) mod endpoints;
pub(crate) mod events;
pub(crate) mod executors;
pub(crate) mod failover;
pub(crate) mod maintenance;
pub(crate) mod maintenance_schedule;
pub(crate) mod offer_constraints;
pub(crate) mod operations;
pub(crate) mod operator_api;
pub(crate) mod operator_events;
pub(crate) mod operator_operations;
pub(crate) mod reconcile;
pub(crate) mod reservations;
pub(crate) mod scheduler_api;
pub(crate) mod standby;
pub(crate) mod state;
pub(crate) mod status_updates;
pub(crate) mod subscribe;
pub(crate) mod update_framework;
pub(crate) mod validation;
pub(crate) mod volumes;
pub(crate) mod weights;

use std::sync::{Arc, Mutex, MutexGuard};

use http::{Method, Response, StatusCode};
use tokio::sync::Notify;

use crate::http::body::SimBody;
use crate::http::response::text;
use crate::http::server::{FullRequest, Handler};
use state::MasterState;

/// A master: its state behind one lock, and a way to wake the allocator.
#[derive(Debug)]
pub(crate) struct Master {
    state: Mutex<MasterState>,
    /// Wakes the allocation loop before its interval (REVIVE, recovered resources, new agent).
    pub(crate) allocate_now: Notify,
}

impl Master {
    pub(crate) fn new(state: MasterState) -> Arc<Master> {
        Arc::new(Master {
            state: Mutex::new(state),
            allocate_now: Notify::new(),
        })
    }

    /// Locks the state. A panic while holding the lock is a simulator bug; the state is still
    /// used afterwards rather than taking the whole server down.
    pub(crate) fn lock(&self) -> MasterGuard<'_> {
        MasterGuard(self.state.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// The locked state. Releasing it sends operator subscribers what changed meanwhile (see
/// `operator_events`), so no change anywhere in the master goes unreported.
pub(crate) struct MasterGuard<'a>(MutexGuard<'a, MasterState>);

impl std::ops::Deref for MasterGuard<'_> {
    type Target = MasterState;

    fn deref(&self) -> &MasterState {
        &self.0
    }
}

impl std::ops::DerefMut for MasterGuard<'_> {
    fn deref_mut(&mut self) -> &mut MasterState {
        &mut self.0
    }
}

impl Drop for MasterGuard<'_> {
    fn drop(&mut self) {
        if !self.0.operator.is_empty() {
            self.0.publish_operator_events();
        }
    }
}

impl Handler for Master {
    async fn handle(self: Arc<Self>, request: FullRequest) -> Response<SimBody> {
        let path = request.uri().path().to_string();
        match path.as_str() {
            "/api/v1/scheduler" | "/master/api/v1/scheduler" => {
                scheduler_api::handle(&self, request)
            }
            "/version" => endpoints::version(),
            // Every master, leading or not, answers 200 with an empty body
            // (`mesos: src/master/http.cpp` `Master::Http::health`); the master is
            // libprocess's delegate, so the path without its `/master` prefix works too.
            "/health" | "/master/health" => text(StatusCode::OK, ""),
            "/redirect" | "/master/redirect" => endpoints::redirect(&self, &request),
            "/state" | "/master/state" | "/state.json" | "/master/state.json" => {
                if request.method() == Method::GET || request.method() == Method::POST {
                    endpoints::state(&self)
                } else {
                    text(StatusCode::METHOD_NOT_ALLOWED, "")
                }
            }
            p if operator_api::is_operator_path(p) => operator_api::handle(&self, request),
            // `/redirect/<anything>` is a 404 upstream (a loop guard), like every other path.
            _ => crate::http::response::not_found(),
        }
    }
}
