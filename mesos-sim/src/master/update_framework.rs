//! UPDATE_FRAMEWORK: all-or-nothing change of FrameworkInfo and suppressed roles; `principal`,
//! `user` and `checkpoint` cannot change; offers of removed roles are rescinded.
//! `mesos: src/master/master.cpp` `Master::updateFramework`.

use mesos_sdk::v1::scheduler::call;

use super::effects::{Effect, Effects};
use super::offer_constraints::OfferConstraintsFilter;
use super::state::{MasterState, roles_of};
use super::subscribe::validate_framework;

impl MasterState {
    /// Applies UPDATE_FRAMEWORK; `Err` is the 400 message.
    pub(crate) fn update_framework(
        &mut self,
        framework_id: &str,
        update: call::UpdateFramework,
    ) -> Result<Effects, String> {
        let info = update.framework_info;
        validate_framework(&info, &update.suppressed_roles)?;
        let Some(framework) = self.frameworks.get(framework_id) else {
            return Err("Framework cannot be found".into());
        };
        for (name, old, new) in [
            (
                "principal",
                framework.info.principal.clone(),
                info.principal.clone(),
            ),
            (
                "user",
                Some(framework.info.user.clone()),
                Some(info.user.clone()),
            ),
            (
                "checkpoint",
                framework.info.checkpoint.map(|c| c.to_string()),
                info.checkpoint.map(|c| c.to_string()),
            ),
        ] {
            if old.unwrap_or_default() != new.unwrap_or_default() {
                return Err(format!("Updating 'FrameworkInfo.{name}' is unsupported"));
            }
        }
        // Checked after the immutable fields, with upstream's prefix (`Master::updateFramework`,
        // `createAllocatorFrameworkOptions`).
        let offer_constraints =
            OfferConstraintsFilter::new(&roles_of(&info), update.offer_constraints.as_ref())
                .map_err(|e| format!("'UpdateFramework' call is not valid: {e}"))?;
        let new_roles = roles_of(&info);
        let removed: Vec<String> = self
            .offers
            .iter()
            .filter(|(_, o)| o.framework_id == framework_id && !new_roles.contains(&o.role))
            .map(|(id, _)| id.clone())
            .collect();
        let mut effects = Vec::new();
        for offer_id in removed {
            if let Some(more) = self.rescind_offer(&offer_id) {
                effects.extend(more);
            }
        }
        if let Some(framework) = self.frameworks.get_mut(framework_id) {
            let previously_suppressed = std::mem::take(&mut framework.suppressed_roles);
            framework.suppressed_roles = update.suppressed_roles.into_iter().collect();
            // Roles leaving the suppressed set get their filters cleared.
            for role in previously_suppressed.difference(&framework.suppressed_roles) {
                framework.filters.retain(|(r, _), _| r != role);
            }
            framework.filters.retain(|(r, _), _| new_roles.contains(r));
            let mut info = info;
            info.id = framework.info.id.clone();
            framework.info = info;
            framework.offer_constraints_info = update.offer_constraints;
            framework.offer_constraints = offer_constraints;
        }
        effects.push(Effect::Allocate);
        Ok(effects)
    }
}
