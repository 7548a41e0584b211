//! RESERVE and UNRESERVE inside ACCEPT: dynamic reservations for the offer's allocation role,
//! made by the framework's principal, taken from (or returned to) the unreserved resources of
//! the offer; the agent's total changes with them. `mesos: src/master/validation.cpp`
//! `operation::validate(Reserve|Unreserve)`, `mesos: src/master/master.cpp` `_apply`.

use mesos_sdk::v1::Resource;

use super::state::MasterState;
use crate::resources::{Resources, reservation_role, to_pre_refinement, unreserved};

impl MasterState {
    /// Applies one RESERVE (`reserve`) or UNRESERVE; returns the converted resources, or why
    /// it was dropped.
    pub(crate) fn reservation(
        &mut self,
        framework_id: &str,
        agent_id: &str,
        role: &str,
        resources: &[Resource],
        reserve: bool,
        remaining: &mut Resources,
    ) -> Result<Vec<Resource>, String> {
        if resources.is_empty() {
            return Err("no resources specified".into());
        }
        let principal = self
            .frameworks
            .get(framework_id)
            .and_then(|f| f.info.principal.clone());
        let mut reserved_form = Vec::new();
        let mut unreserved_form = Vec::new();
        for resource in resources {
            let mut resource = resource.clone();
            to_pre_refinement(&mut resource);
            resource.allocation_info = None;
            let Some(reservation) = &resource.reservation else {
                return Err(format!(
                    "resource {} is not dynamically reserved",
                    resource.name
                ));
            };
            if reservation_role(&resource) != Some(role) {
                return Err(format!(
                    "cannot reserve for role {:?} other than the allocation role '{role}'",
                    reservation_role(&resource)
                ));
            }
            if reserve
                && let Some(principal) = &principal
                && reservation.principal.as_deref() != Some(principal.as_str())
            {
                return Err(format!(
                    "a reserve operation was attempted by principal '{principal}' but there is a reserved resource in the request with principal '{}' set in ReservationInfo",
                    reservation.principal.clone().unwrap_or_default()
                ));
            }
            unreserved_form.push(unreserved(&resource));
            reserved_form.push(resource);
        }
        let reserved = Resources::from_protos(&reserved_form)?;
        let plain = Resources::from_protos(&unreserved_form)?;
        let (take, give) = if reserve {
            (&plain, &reserved)
        } else {
            (&reserved, &plain)
        };
        self.convert(agent_id, remaining, take, give)
    }

    /// Turns `take` into `give` in what is left of the accepted offers and in the agent's
    /// total (RESERVE and UNRESERVE, CREATE and DESTROY); returns what it gave.
    pub(crate) fn convert(
        &mut self,
        agent_id: &str,
        remaining: &mut Resources,
        take: &Resources,
        give: &Resources,
    ) -> Result<Vec<mesos_sdk::v1::Resource>, String> {
        if !super::operator_operations::holds(remaining, take) {
            return Err("the offered resources do not contain what the operation needs".into());
        }
        remaining.subtract(take);
        remaining.add(give);
        if let Some(agent) = self.agents.get_mut(agent_id) {
            agent.total.subtract(take);
            agent.total.add(give);
        }
        Ok(give.to_protos())
    }
}
