//! Container images: mesos-sim has no image store (no provisioner, no registry puller), so a
//! task's image is never fetched. A task that names a command runs it on the host as any
//! other command task (the image's root filesystem is simply not used); a task that relies
//! on its image's entrypoint (no command value) cannot run, and its container launch fails.

use mesos_sdk::v1::{TaskInfo, container_info, image};

/// The image of a task that cannot run without it: its ContainerInfo (type MESOS) names an
/// image and its command has no value, so the image's entrypoint would be the command.
pub(crate) fn required_image(task: &TaskInfo) -> Option<String> {
    let container = task.container.as_ref()?;
    if container.r#type != container_info::Type::Mesos as i32 {
        return None;
    }
    let image = container.mesos.as_ref()?.image.as_ref()?;
    if task.command.as_ref().is_some_and(|c| c.value.is_some()) {
        return None;
    }
    let appc = image.appc.as_ref().map(|a| a.name.clone());
    let docker = image.docker.as_ref().map(|d| d.name.clone());
    Some(
        if image.r#type == image::Type::Appc as i32 {
            appc.or(docker)
        } else {
            docker.or(appc)
        }
        .unwrap_or_default(),
    )
}

/// Why such a task's container cannot launch.
pub(crate) fn launch_error(image: &str) -> String {
    format!(
        "mesos-sim has no image store: cannot provision image '{image}' to run its entrypoint \
         (give the task a command to run it on the host)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use mesos_sdk::v1::{CommandInfo, ContainerInfo, Image};

    fn task(command: Option<&str>) -> TaskInfo {
        TaskInfo {
            command: Some(CommandInfo {
                value: command.map(str::to_string),
                shell: Some(false),
                ..Default::default()
            }),
            container: Some(ContainerInfo {
                r#type: container_info::Type::Mesos as i32,
                mesos: Some(container_info::MesosInfo {
                    image: Some(Image {
                        r#type: image::Type::Docker as i32,
                        docker: Some(image::Docker {
                            name: "busybox:1.36".into(),
                            ..Default::default()
                        }),
                        ..Default::default()
                    }),
                }),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn only_tasks_without_a_command_need_their_image() {
        assert_eq!(required_image(&task(None)).as_deref(), Some("busybox:1.36"));
        assert_eq!(required_image(&task(Some("sleep"))), None);
        let mut plain = task(None);
        plain.container = None;
        assert_eq!(required_image(&plain), None);
    }
}
