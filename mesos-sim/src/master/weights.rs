//! GET_WEIGHTS and UPDATE_WEIGHTS: the roles' weights the allocator's DRF sorters use,
//! starting from `--weights`. An update is validated role by role, applied at once, and
//! rescinds every outstanding offer when one of its roles has frameworks, so that the next
//! allocation follows the new weights. `mesos: src/master/weights_handler.cpp`.

use mesos_sdk::v1::WeightInfo;

use super::effects::Effects;
use super::state::MasterState;
use super::validation::validate_role;

impl MasterState {
    /// The weights in force, by role name.
    pub(crate) fn weights(&self) -> Vec<WeightInfo> {
        let mut weights: Vec<WeightInfo> = self
            .config
            .role_weights
            .iter()
            .map(|(role, weight)| WeightInfo {
                weight: *weight,
                role: Some(role.clone()),
            })
            .collect();
        weights.sort_by(|a, b| a.role.cmp(&b.role));
        weights
    }

    /// UPDATE_WEIGHTS (`WeightsHandler::_updateWeights`, `__updateWeights`): each role
    /// trimmed and valid, each weight positive, else nothing changes and `Err` is the 400's
    /// message. Every role is allowed (no `--roles` whitelist).
    pub(crate) fn update_weights(&mut self, infos: &[WeightInfo]) -> Result<Effects, String> {
        let mut validated = Vec::new();
        for info in infos {
            let role = info.role.as_deref().unwrap_or_default().trim().to_string();
            if let Err(error) = validate_role(&role) {
                return Err(format!(
                    "Failed to validate update weights request JSON: Invalid role '{role}': {error}"
                ));
            }
            if info.weight <= 0.0 {
                return Err(format!(
                    "Failed to validate update weights request JSON for role '{role}': Invalid \
                     weight '{}': Weights must be positive",
                    info.weight
                ));
            }
            validated.push((role, info.weight));
        }
        let mut rescind = false;
        for (role, weight) in validated {
            rescind |= self.frameworks.values().any(|f| f.roles().contains(&role));
            self.config.role_weights.insert(role, weight);
        }
        let mut effects = Vec::new();
        if rescind {
            let offer_ids: Vec<String> = self.offers.keys().cloned().collect();
            for offer_id in offer_ids {
                effects.extend(self.rescind_offer(&offer_id).unwrap_or_default());
            }
        }
        Ok(effects)
    }
}
