//! UPDATE_FRAMEWORK: all-or-nothing change of FrameworkInfo and suppressed roles; `principal`,
//! `user` and `checkpoint` cannot change; offers of removed roles are rescinded.
//! `mesos: src/master/master.cpp` `Master::updateFramework` checks in this order, each a 400
//! with its own prefix: the FrameworkInfo itself ("Supplied FrameworkInfo is not valid: "),
//! the change of immutable fields ("FrameworkInfo update is not valid: ", messages from
//! `validation::framework::validateUpdate`), then the suppressed roles
//! ("'UpdateFramework' call is not valid: "). Upstream answers 403 only when an authorizer
//! refuses the new FrameworkInfo, and the simulator has no authorizer. There is no 409 either:
//! 1.11 authorizes synchronously, and here the lookup and the update happen under one lock, so
//! the framework cannot vanish in between.

use mesos_sdk::v1::FrameworkInfo;
use mesos_sdk::v1::scheduler::call;

use super::effects::Effects;
use super::offer_constraints::OfferConstraintsFilter;
use super::state::{MasterState, roles_of};
use super::subscribe::{validate_framework_info, validate_suppressed_roles};

/// `validation::framework::validateUpdate`: principal, user and checkpoint are immutable.
fn validate_update(old: &FrameworkInfo, new: &FrameworkInfo) -> Result<(), String> {
    if old.principal != new.principal {
        return Err("Changing framework's principal is not allowed.".into());
    }
    if old.user != new.user {
        return Err(format!(
            "Updating 'FrameworkInfo.user' is unsupported; attempted to update from '{}' to '{}'",
            old.user, new.user
        ));
    }
    let (old_checkpoint, new_checkpoint) = (
        old.checkpoint.unwrap_or(false),
        new.checkpoint.unwrap_or(false),
    );
    if old_checkpoint != new_checkpoint {
        return Err(format!(
            "Updating 'FrameworkInfo.checkpoint' is unsupported; attempted to update from '{old_checkpoint}' to '{new_checkpoint}'"
        ));
    }
    Ok(())
}

impl MasterState {
    /// Applies UPDATE_FRAMEWORK; `Err` is the 400 message.
    pub(crate) fn update_framework(
        &mut self,
        framework_id: &str,
        update: call::UpdateFramework,
    ) -> Result<Effects, String> {
        let info = update.framework_info;
        let Some(framework) = self.frameworks.get(framework_id) else {
            return Err("Framework cannot be found".into());
        };
        validate_framework_info(&info)
            .map_err(|e| format!("Supplied FrameworkInfo is not valid: {e}"))?;
        validate_update(&framework.info, &info)
            .map_err(|e| format!("FrameworkInfo update is not valid: {e}"))?;
        validate_suppressed_roles(&info, &update.suppressed_roles)
            .map_err(|e| format!("'UpdateFramework' call is not valid: {e}"))?;
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
        // Nothing is allocated now: the new roles and unsuppressed ones get offers at the next
        // periodic allocation (`Master::updateFramework` and the allocator's `updateFramework`
        // call no `generateOffers`).
        Ok(effects)
    }
}
