//! Offer operations: builders for each `Offer.Operation` an ACCEPT can carry (launching tasks,
//! reserving, creating and resizing volumes, creating disks from a resource provider's RAW
//! disk) and the `Filters` to decline with. Each builder sets the operation's `type` and its
//! one matching field; the master checks the rest when the ACCEPT arrives.

use crate::resources::{Resources, Scalar, reservation_role};
use crate::v1::offer::{Operation, operation};
use crate::v1::resource::disk_info::source;
use crate::v1::resource::{ReservationInfo, reservation_info};
use crate::v1::{self, Filters, value};

fn operation(kind: operation::Type) -> Operation {
    Operation {
        r#type: Some(kind as i32),
        ..Default::default()
    }
}

/// A LAUNCH operation. Each task's `resources` must come from the accepted offers and its
/// `agent_id` be theirs.
///
/// ```
/// use mesos_sdk::offers::launch;
/// use mesos_sdk::v1::offer::operation::Type;
///
/// let op = launch(vec![]);
/// assert_eq!(op.r#type, Some(Type::Launch as i32));
/// assert!(op.launch.unwrap().task_infos.is_empty());
/// ```
pub fn launch(tasks: Vec<v1::TaskInfo>) -> Operation {
    Operation {
        launch: Some(operation::Launch { task_infos: tasks }),
        ..operation(operation::Type::Launch)
    }
}

/// A LAUNCH_GROUP operation: `group`'s tasks start together in `executor` (a DEFAULT
/// executor usually), whose own resources must come from the offers too.
///
/// Unlike LAUNCH, where the master fills it in, the executor must carry the framework's id
/// (`ExecutorInfo.framework_id`): the master refuses the group with
/// `'ExecutorInfo.framework_id' must be set` otherwise (`mesos: src/master/validation.cpp`,
/// `executor::internal::validateFrameworkID`).
pub fn launch_group(executor: v1::ExecutorInfo, group: v1::TaskGroupInfo) -> Operation {
    Operation {
        launch_group: Some(operation::LaunchGroup {
            executor,
            task_group: group,
        }),
        ..operation(operation::Type::LaunchGroup)
    }
}

/// A RESERVE operation for `resources` as they should be after the reservation (see
/// [`dynamically_reserved`]).
pub fn reserve(resources: impl Into<Vec<v1::Resource>>) -> Operation {
    Operation {
        reserve: Some(operation::Reserve {
            source: Vec::new(),
            resources: resources.into(),
        }),
        ..operation(operation::Type::Reserve)
    }
}

/// An UNRESERVE operation for `resources` as offered (with their reservation).
pub fn unreserve(resources: impl Into<Vec<v1::Resource>>) -> Operation {
    Operation {
        unreserve: Some(operation::Unreserve {
            resources: resources.into(),
        }),
        ..operation(operation::Type::Unreserve)
    }
}

/// A CREATE operation: persistent volumes, i.e. reserved disk with `disk.persistence.id`
/// (unique per role and agent) and `disk.volume`.
pub fn create_volumes(volumes: impl Into<Vec<v1::Resource>>) -> Operation {
    Operation {
        create: Some(operation::Create {
            volumes: volumes.into(),
        }),
        ..operation(operation::Type::Create)
    }
}

/// A DESTROY operation for persistent volumes as offered.
pub fn destroy_volumes(volumes: impl Into<Vec<v1::Resource>>) -> Operation {
    Operation {
        destroy: Some(operation::Destroy {
            volumes: volumes.into(),
        }),
        ..operation(operation::Type::Destroy)
    }
}

/// A GROW_VOLUME operation: persistent `volume` (as offered) grows by `addition`, disk with the
/// same reservation and source from the same offer.
///
/// Experimental in Mesos 1.11. The master refuses it (`src/master/validation.cpp`) unless
/// `addition` is more than zero and would combine with `volume` stripped of its persistence,
/// the volume is not shared nor from a resource provider, and the agent has the
/// RESIZE_VOLUME capability.
///
/// ```
/// use mesos_sdk::offers::grow_volume;
/// use mesos_sdk::resources::Resources;
/// use mesos_sdk::v1::offer::operation::Type;
/// use mesos_sdk::v1::resource::{DiskInfo, disk_info::Persistence};
///
/// let mut volume = Resources::parse("disk(db):1024").unwrap().into_vec().remove(0);
/// volume.disk = Some(DiskInfo {
///     persistence: Some(Persistence { id: "data".into(), principal: None }),
///     ..Default::default()
/// });
/// let addition = Resources::parse("disk(db):512").unwrap().into_vec().remove(0);
/// let op = grow_volume(volume.clone(), addition);
/// assert_eq!(op.r#type, Some(Type::GrowVolume as i32));
/// let grow = op.grow_volume.unwrap();
/// assert_eq!(grow.volume, volume);
/// assert_eq!(grow.addition.scalar.unwrap().value, 512.0);
/// ```
pub fn grow_volume(volume: v1::Resource, addition: v1::Resource) -> Operation {
    Operation {
        grow_volume: Some(operation::GrowVolume { volume, addition }),
        ..operation(operation::Type::GrowVolume)
    }
}

/// A SHRINK_VOLUME operation: persistent `volume` (as offered) gives back `subtract` MB as
/// plain disk with its reservation.
///
/// Experimental in Mesos 1.11. The master refuses it unless `subtract` is more than zero and
/// less than the volume's size, the volume is on ROOT or PATH disk (not MOUNT), is not shared
/// nor from a resource provider, and the agent has the RESIZE_VOLUME capability.
///
/// ```
/// use mesos_sdk::offers::shrink_volume;
/// use mesos_sdk::resources::{Resources, Scalar};
/// use mesos_sdk::v1::offer::operation::Type;
///
/// let volume = Resources::parse("disk(db):1024").unwrap().into_vec().remove(0);
/// let op = shrink_volume(volume, Scalar::from(256));
/// assert_eq!(op.r#type, Some(Type::ShrinkVolume as i32));
/// assert_eq!(op.shrink_volume.unwrap().subtract.value, 256.0);
/// ```
pub fn shrink_volume(volume: v1::Resource, subtract: Scalar) -> Operation {
    Operation {
        shrink_volume: Some(operation::ShrinkVolume {
            volume,
            subtract: value::Scalar {
                value: subtract.to_f64(),
            },
        }),
        ..operation(operation::Type::ShrinkVolume)
    }
}

/// A CREATE_DISK operation: a MOUNT or BLOCK disk backed by a CSI volume, made from `source`,
/// a RAW disk of a resource provider (as offered).
///
/// `target_profile` must be set when `source` has no profile (a pre-provisioned volume, with
/// a source id) and must not be set when it has one; the master refuses a `target_type`
/// other than MOUNT or BLOCK. Experimental in Mesos 1.11.
///
/// ```
/// use mesos_sdk::offers::create_disk;
/// use mesos_sdk::resources::Resources;
/// use mesos_sdk::v1::offer::operation::Type;
/// use mesos_sdk::v1::resource::disk_info::{Source, source};
/// use mesos_sdk::v1::resource::DiskInfo;
///
/// let mut raw = Resources::parse("disk:10240").unwrap().into_vec().remove(0);
/// raw.provider_id = Some(mesos_sdk::v1::ResourceProviderId { value: "csi".into() });
/// raw.disk = Some(DiskInfo {
///     source: Some(Source {
///         r#type: source::Type::Raw as i32,
///         profile: Some("fast".into()),
///         ..Default::default()
///     }),
///     ..Default::default()
/// });
/// let op = create_disk(raw, source::Type::Mount, None);
/// assert_eq!(op.r#type, Some(Type::CreateDisk as i32));
/// let create = op.create_disk.unwrap();
/// assert_eq!(create.target_type, source::Type::Mount as i32);
/// assert_eq!(create.target_profile, None);
/// ```
pub fn create_disk(
    source: v1::Resource,
    target_type: source::Type,
    target_profile: Option<&str>,
) -> Operation {
    Operation {
        create_disk: Some(operation::CreateDisk {
            source,
            target_type: target_type as i32,
            target_profile: target_profile.map(str::to_owned),
        }),
        ..operation(operation::Type::CreateDisk)
    }
}

/// A DESTROY_DISK operation: `source`, a MOUNT or BLOCK disk backed by a CSI volume (or a RAW
/// disk with a source id), as offered, is deprovisioned or released; what comes back is a RAW
/// disk (see `Offer.Operation.DestroyDisk` in `mesos.proto`). Experimental in Mesos 1.11.
///
/// ```
/// use mesos_sdk::offers::destroy_disk;
/// use mesos_sdk::resources::Resources;
/// use mesos_sdk::v1::offer::operation::Type;
///
/// let disk = Resources::parse("disk:10240").unwrap().into_vec().remove(0);
/// let op = destroy_disk(disk.clone());
/// assert_eq!(op.r#type, Some(Type::DestroyDisk as i32));
/// assert_eq!(op.destroy_disk.unwrap().source, disk);
/// ```
pub fn destroy_disk(source: v1::Resource) -> Operation {
    Operation {
        destroy_disk: Some(operation::DestroyDisk { source }),
        ..operation(operation::Type::DestroyDisk)
    }
}

/// `resources` with a dynamic reservation for `role` pushed onto each reservation stack, in
/// the `reservations` format (a single reservation in that format is accepted from frameworks
/// with or without RESERVATION_REFINEMENT). The deprecated `role`/`reservation` fields are
/// converted and cleared. Pass the result to [`reserve`].
///
/// ```
/// use mesos_sdk::offers::{dynamically_reserved, reserve};
/// use mesos_sdk::resources::{reservation_role, Resources};
///
/// let unreserved = Resources::parse("cpus:1;mem:128").unwrap(); // `role: "*"`, as offered
/// let reserved = dynamically_reserved(&unreserved, "web", Some("ops"));
/// assert!(reserved.iter().all(|r| reservation_role(r) == Some("web")));
/// assert_eq!(reserved[0].reservations[0].principal.as_deref(), Some("ops"));
/// let op = reserve(reserved);
/// assert_eq!(op.reserve.unwrap().resources.len(), 2);
/// ```
pub fn dynamically_reserved(
    resources: &Resources,
    role: &str,
    principal: Option<&str>,
) -> Vec<v1::Resource> {
    resources
        .iter()
        .map(|resource| {
            let mut resource = resource.clone();
            #[allow(deprecated)]
            {
                if resource.reservations.is_empty() {
                    if let Some(current) = reservation_role(&resource).map(str::to_owned) {
                        let previous = resource.reservation.take();
                        let kind = if previous.is_some() {
                            reservation_info::Type::Dynamic
                        } else {
                            reservation_info::Type::Static
                        };
                        resource.reservations.push(ReservationInfo {
                            r#type: Some(kind as i32),
                            role: Some(current),
                            principal: previous.as_ref().and_then(|p| p.principal.clone()),
                            labels: previous.and_then(|p| p.labels),
                        });
                    }
                }
                resource.role = None;
                resource.reservation = None;
            }
            resource.reservations.push(ReservationInfo {
                r#type: Some(reservation_info::Type::Dynamic as i32),
                role: Some(role.to_owned()),
                principal: principal.map(str::to_owned),
                labels: None,
            });
            resource
        })
        .collect()
}

/// `Filters` refusing declined (or unused) resources for `seconds`; Mesos caps it at a year.
/// Decline offers you cannot use with a long refusal (e.g. 3600 s) and revive when needs
/// change.
pub fn refuse_for(seconds: f64) -> Filters {
    Filters {
        refuse_seconds: Some(seconds),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::scalar_resource;

    fn task(id: &str) -> v1::TaskInfo {
        v1::TaskInfo {
            name: id.into(),
            task_id: v1::TaskId { value: id.into() },
            ..Default::default()
        }
    }

    #[test]
    fn operation_builders() {
        let resources = Resources::parse("cpus:1;mem:64").expect("valid");
        let op = reserve(dynamically_reserved(&resources, "web", None));
        assert_eq!(op.r#type, Some(operation::Type::Reserve as i32));
        let reserved = op.reserve.expect("reserve set").resources;
        #[allow(deprecated)]
        {
            assert!(reserved.iter().all(|r| r.role.is_none()));
        }
        assert!(reserved.iter().all(|r| reservation_role(r) == Some("web")));

        let op = unreserve(&resources);
        assert_eq!(op.r#type, Some(operation::Type::Unreserve as i32));
        assert!(op.unreserve.is_some());
        let op = create_volumes(Vec::new());
        assert_eq!(op.r#type, Some(operation::Type::Create as i32));
        assert!(op.create.is_some());
        let op = destroy_volumes(resources.clone());
        assert_eq!(op.r#type, Some(operation::Type::Destroy as i32));
        assert_eq!(op.destroy.expect("destroy set").volumes.len(), 2);

        let executor = v1::ExecutorInfo {
            executor_id: v1::ExecutorId { value: "e".into() },
            resources: resources.to_vec(),
            ..Default::default()
        };
        let group = v1::TaskGroupInfo {
            tasks: vec![task("t1"), task("t2")],
        };
        let op = launch_group(executor, group);
        assert_eq!(op.r#type, Some(operation::Type::LaunchGroup as i32));
        let lg = op.launch_group.expect("launch_group set");
        assert_eq!(lg.task_group.tasks.len(), 2);
        assert_eq!(lg.executor.executor_id.value, "e");
        assert!(op.launch.is_none());

        assert_eq!(refuse_for(3600.0).refuse_seconds, Some(3600.0));
    }

    #[test]
    fn refined_reservation_is_pushed_onto_the_stack() {
        let reserved = Resources::parse("cpus(eng):1").expect("valid");
        let refined = dynamically_reserved(&reserved, "eng/web", Some("p"));
        let stack = &refined[0].reservations;
        assert_eq!(stack.len(), 2);
        assert_eq!(stack[0].role.as_deref(), Some("eng"));
        assert_eq!(stack[0].r#type, Some(reservation_info::Type::Static as i32));
        assert_eq!(stack[1].role.as_deref(), Some("eng/web"));
        assert_eq!(reservation_role(&refined[0]), Some("eng/web"));
    }

    #[test]
    fn volume_and_disk_builders() {
        let volume = scalar_resource("disk", Scalar::from(100));
        let addition = scalar_resource("disk", Scalar::from(50));
        let op = grow_volume(volume.clone(), addition.clone());
        assert_eq!(op.r#type, Some(operation::Type::GrowVolume as i32));
        assert_eq!(
            op.grow_volume,
            Some(operation::GrowVolume {
                volume: volume.clone(),
                addition
            })
        );
        assert!(op.shrink_volume.is_none() && op.create.is_none());

        let subtract = Scalar::from_f64(0.0015).expect("valid");
        let op = shrink_volume(volume.clone(), subtract);
        assert_eq!(op.r#type, Some(operation::Type::ShrinkVolume as i32));
        // Mesos' three decimals: 0.0015 is kept as 0.002.
        let shrink = op.shrink_volume.expect("shrink_volume set");
        assert_eq!(shrink.subtract.value, 0.002);
        assert_eq!(shrink.volume, volume);

        let op = create_disk(volume.clone(), source::Type::Block, Some("slow"));
        assert_eq!(op.r#type, Some(operation::Type::CreateDisk as i32));
        let create = op.create_disk.expect("create_disk set");
        assert_eq!(create.target_type, source::Type::Block as i32);
        assert_eq!(create.target_profile.as_deref(), Some("slow"));
        assert_eq!(create.source, volume);

        let op = destroy_disk(volume.clone());
        assert_eq!(op.r#type, Some(operation::Type::DestroyDisk as i32));
        assert_eq!(op.destroy_disk.expect("destroy_disk set").source, volume);
        assert!(op.destroy.is_none());
    }
}
