//! Master failover as the state sees it: a new leader with a new id, every subscription
//! gone, offers discarded, frameworks kept as recovered (disconnected, awaiting re-SUBSCRIBE
//! with their ids), removed frameworks forgotten. Agents re-register at once with their
//! tasks, so reconciliation answers for them immediately.

use std::net::SocketAddr;

use mesos_sdk::v1::MasterInfo;

use super::effects::{Effect, Effects};
use super::state::{MasterState, Recovery, now_secs};

impl MasterState {
    /// Moves leadership to the master at `addr` described by `info`.
    pub(crate) fn fail_over(&mut self, addr: SocketAddr, info: MasterInfo) -> Effects {
        let now = now_secs();
        let framework_ids: Vec<String> = self.frameworks.keys().cloned().collect();
        for framework_id in &framework_ids {
            self.discard_offers(framework_id);
            if let Some(framework) = self.frameworks.get_mut(framework_id) {
                // The connection drops with the old leader: no ERROR event, and no failover
                // timer on the new leader.
                framework.connection = None;
                framework.epoch += 1;
                framework.unregistered_time = Some(now);
                // The new leader's allocator starts without refusal filters.
                framework.filters.clear();
            }
        }
        self.removed_frameworks.clear();
        self.completed_frameworks.clear();
        self.info = info;
        self.leader_addr = addr;
        self.elected_time = Some(now);
        // The new leader recovers its registry before serving schedulers.
        self.recovery = Recovery::after_election(self.config.recovery_delay);
        vec![Effect::Allocate]
    }
}
