//! CREATE and DESTROY of persistent volumes inside ACCEPT: a volume is reserved disk with a
//! `persistence.id` unique per role on the agent and a read-write `volume`, made from (and
//! returned to) the same disk without DiskInfo. `mesos: src/master/validation.cpp`
//! `operation::validate(Create|Destroy)`, `resource::validateDiskInfo`.

use mesos_sdk::v1::{Resource, volume};

use super::state::MasterState;
use super::validation::validate_id;
use crate::resources::{Resources, reservation_role, to_pre_refinement};

impl MasterState {
    /// Applies one CREATE (`create`) or DESTROY; returns the converted resources, or why
    /// it was dropped.
    pub(crate) fn volumes(
        &mut self,
        agent_id: &str,
        role: &str,
        volumes: &[Resource],
        create: bool,
        remaining: &mut Resources,
    ) -> Result<Vec<Resource>, String> {
        if volumes.is_empty() {
            return Err("no volumes specified".into());
        }
        let mut volume_form = Vec::new();
        let mut source_form = Vec::new();
        for resource in volumes {
            let mut resource = resource.clone();
            to_pre_refinement(&mut resource);
            resource.allocation_info = None;
            let Some(disk) = &resource.disk else {
                return Err(format!("resource {} does not have DiskInfo", resource.name));
            };
            let Some(persistence) = &disk.persistence else {
                return Err("'persistence' is not set in DiskInfo".into());
            };
            let Some(volume) = &disk.volume else {
                return Err("Expecting 'volume' to be set for persistent volume".into());
            };
            if volume.host_path.is_some() {
                return Err("Expecting 'host_path' to be unset for persistent volume".into());
            }
            if volume.mode == volume::Mode::Ro as i32 {
                return Err("Read-only persistent volume not supported".into());
            }
            validate_id(&persistence.id)
                .map_err(|e| format!("Invalid persistence ID for persistent volume: {e}"))?;
            if reservation_role(&resource).is_none() {
                return Err(
                    "Persistent volumes cannot be created from unreserved resources".into(),
                );
            }
            if reservation_role(&resource) != Some(role) {
                return Err(format!(
                    "volume is not reserved for the allocation role '{role}'"
                ));
            }
            if create {
                let taken = self.agents.get(agent_id).is_some_and(|agent| {
                    agent.total.to_protos().iter().any(|r| {
                        reservation_role(r) == Some(role)
                            && r.disk
                                .as_ref()
                                .and_then(|d| d.persistence.as_ref())
                                .is_some_and(|p| p.id == persistence.id)
                    })
                });
                if taken {
                    return Err(format!("Persistence ID '{}' is not unique", persistence.id));
                }
            }
            let mut source = resource.clone();
            source.disk = None;
            source_form.push(source);
            volume_form.push(resource);
        }
        let volumes = Resources::from_protos(&volume_form)?;
        let sources = Resources::from_protos(&source_form)?;
        let (take, give) = if create {
            (&sources, &volumes)
        } else {
            (&volumes, &sources)
        };
        self.convert(agent_id, remaining, take, give)
    }
}
