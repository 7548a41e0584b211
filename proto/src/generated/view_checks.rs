impl Check for mesos_proto::view::AddressView<'_> {
    type Message = mesos_proto::v1::Address;
    fn check(&self, m: &mesos_proto::v1::Address) {
        let v = self;
        assert_eq!(v.hostname_opt(), m.hostname.as_deref(), "mesos.v1.Address.hostname");
        assert_eq!(v.hostname(), m.hostname(), "mesos.v1.Address.hostname");
        assert_eq!(v.ip_opt(), m.ip.as_deref(), "mesos.v1.Address.ip");
        assert_eq!(v.ip(), m.ip(), "mesos.v1.Address.ip");
        assert_eq!(v.port(), m.port);
    }
}
impl Check for mesos_proto::view::AgentIdView<'_> {
    type Message = mesos_proto::v1::AgentId;
    fn check(&self, m: &mesos_proto::v1::AgentId) {
        let v = self;
        assert_eq!(v.value(), (m.value).as_str());
    }
}
impl Check for mesos_proto::view::AgentInfoView<'_> {
    type Message = mesos_proto::v1::AgentInfo;
    fn check(&self, m: &mesos_proto::v1::AgentInfo) {
        let v = self;
        assert_eq!(v.hostname(), (m.hostname).as_str());
        assert_eq!(v.port_opt(), m.port, "mesos.v1.AgentInfo.port");
        assert_eq!(v.port(), m.port(), "mesos.v1.AgentInfo.port");
        assert_eq!(
            v.resources().count(), m.resources.len(), "mesos.v1.AgentInfo.resources"
        );
        for (x, y) in v.resources().zip(&m.resources) {
            Check::check(&x, y);
        }
        assert_eq!(
            v.attributes().count(), m.attributes.len(), "mesos.v1.AgentInfo.attributes"
        );
        for (x, y) in v.attributes().zip(&m.attributes) {
            Check::check(&x, y);
        }
        match (v.id(), m.id.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => panic!("mesos.v1.AgentInfo.id: {} vs {}", x.is_some(), y.is_some()),
        }
        match (v.domain(), m.domain.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.AgentInfo.domain: {} vs {}", x.is_some(), y.is_some())
            }
        }
    }
}
impl Check for mesos_proto::view::AttributeView<'_> {
    type Message = mesos_proto::v1::Attribute;
    fn check(&self, m: &mesos_proto::v1::Attribute) {
        let v = self;
        assert_eq!(v.name(), (m.name).as_str());
        assert_eq!(v.type_raw(), m.r#type, "mesos.v1.Attribute.type");
        assert_eq!(v.r#type(), m.r#type(), "mesos.v1.Attribute.type");
        match (v.scalar(), m.scalar.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.Attribute.scalar: {} vs {}", x.is_some(), y.is_some())
            }
        }
        match (v.ranges(), m.ranges.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.Attribute.ranges: {} vs {}", x.is_some(), y.is_some())
            }
        }
        match (v.set(), m.set.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.Attribute.set: {} vs {}", x.is_some(), y.is_some())
            }
        }
        match (v.text(), m.text.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.Attribute.text: {} vs {}", x.is_some(), y.is_some())
            }
        }
    }
}
impl Check for mesos_proto::view::CapabilityInfoView<'_> {
    type Message = mesos_proto::v1::CapabilityInfo;
    fn check(&self, m: &mesos_proto::v1::CapabilityInfo) {
        let v = self;
        assert_eq!(
            v.capabilities_raw().collect::< Vec < _ >> (), m.capabilities,
            "mesos.v1.CapabilityInfo.capabilities"
        );
        assert_eq!(
            v.capabilities().collect::< Vec < _ >> (), m.capabilities().collect::< Vec <
            _ >> (), "mesos.v1.CapabilityInfo.capabilities"
        );
    }
}
impl Check for mesos_proto::view::CgroupInfoView<'_> {
    type Message = mesos_proto::v1::CgroupInfo;
    fn check(&self, m: &mesos_proto::v1::CgroupInfo) {
        let v = self;
        match (v.net_cls(), m.net_cls.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.CgroupInfo.net_cls: {} vs {}", x.is_some(), y.is_some())
            }
        }
    }
}
impl Check for mesos_proto::view::cgroup_info::NetClsView<'_> {
    type Message = mesos_proto::v1::cgroup_info::NetCls;
    fn check(&self, m: &mesos_proto::v1::cgroup_info::NetCls) {
        let v = self;
        assert_eq!(v.classid_opt(), m.classid, "mesos.v1.CgroupInfo.NetCls.classid");
        assert_eq!(v.classid(), m.classid(), "mesos.v1.CgroupInfo.NetCls.classid");
    }
}
impl Check for mesos_proto::view::CheckInfoView<'_> {
    type Message = mesos_proto::v1::CheckInfo;
    fn check(&self, m: &mesos_proto::v1::CheckInfo) {
        let v = self;
        assert_eq!(v.type_raw(), m.r#type, "mesos.v1.CheckInfo.type");
        assert_eq!(v.r#type(), m.r#type(), "mesos.v1.CheckInfo.type");
        match (v.command(), m.command.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.CheckInfo.command: {} vs {}", x.is_some(), y.is_some())
            }
        }
        match (v.http(), m.http.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.CheckInfo.http: {} vs {}", x.is_some(), y.is_some())
            }
        }
        match (v.tcp(), m.tcp.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.CheckInfo.tcp: {} vs {}", x.is_some(), y.is_some())
            }
        }
        assert_eq!(
            v.delay_seconds_opt().map(| x | x.to_bits()), m.delay_seconds.map(| x | x
            .to_bits()), "mesos.v1.CheckInfo.delay_seconds"
        );
        assert_eq!(
            v.delay_seconds().to_bits(), m.delay_seconds().to_bits(),
            "mesos.v1.CheckInfo.delay_seconds"
        );
        assert_eq!(
            v.interval_seconds_opt().map(| x | x.to_bits()), m.interval_seconds.map(| x |
            x.to_bits()), "mesos.v1.CheckInfo.interval_seconds"
        );
        assert_eq!(
            v.interval_seconds().to_bits(), m.interval_seconds().to_bits(),
            "mesos.v1.CheckInfo.interval_seconds"
        );
        assert_eq!(
            v.timeout_seconds_opt().map(| x | x.to_bits()), m.timeout_seconds.map(| x | x
            .to_bits()), "mesos.v1.CheckInfo.timeout_seconds"
        );
        assert_eq!(
            v.timeout_seconds().to_bits(), m.timeout_seconds().to_bits(),
            "mesos.v1.CheckInfo.timeout_seconds"
        );
    }
}
impl Check for mesos_proto::view::check_info::CommandView<'_> {
    type Message = mesos_proto::v1::check_info::Command;
    fn check(&self, m: &mesos_proto::v1::check_info::Command) {
        let v = self;
        Check::check(&v.command(), &m.command);
    }
}
impl Check for mesos_proto::view::check_info::HttpView<'_> {
    type Message = mesos_proto::v1::check_info::Http;
    fn check(&self, m: &mesos_proto::v1::check_info::Http) {
        let v = self;
        assert_eq!(v.port(), m.port);
        assert_eq!(v.path_opt(), m.path.as_deref(), "mesos.v1.CheckInfo.Http.path");
        assert_eq!(v.path(), m.path(), "mesos.v1.CheckInfo.Http.path");
    }
}
impl Check for mesos_proto::view::check_info::TcpView<'_> {
    type Message = mesos_proto::v1::check_info::Tcp;
    fn check(&self, m: &mesos_proto::v1::check_info::Tcp) {
        let v = self;
        assert_eq!(v.port(), m.port);
    }
}
impl Check for mesos_proto::view::CheckStatusInfoView<'_> {
    type Message = mesos_proto::v1::CheckStatusInfo;
    fn check(&self, m: &mesos_proto::v1::CheckStatusInfo) {
        let v = self;
        assert_eq!(v.type_raw(), m.r#type, "mesos.v1.CheckStatusInfo.type");
        assert_eq!(v.r#type(), m.r#type(), "mesos.v1.CheckStatusInfo.type");
        match (v.command(), m.command.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.CheckStatusInfo.command: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.http(), m.http.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.CheckStatusInfo.http: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        match (v.tcp(), m.tcp.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.CheckStatusInfo.tcp: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::check_status_info::CommandView<'_> {
    type Message = mesos_proto::v1::check_status_info::Command;
    fn check(&self, m: &mesos_proto::v1::check_status_info::Command) {
        let v = self;
        assert_eq!(
            v.exit_code_opt(), m.exit_code, "mesos.v1.CheckStatusInfo.Command.exit_code"
        );
        assert_eq!(
            v.exit_code(), m.exit_code(), "mesos.v1.CheckStatusInfo.Command.exit_code"
        );
    }
}
impl Check for mesos_proto::view::check_status_info::HttpView<'_> {
    type Message = mesos_proto::v1::check_status_info::Http;
    fn check(&self, m: &mesos_proto::v1::check_status_info::Http) {
        let v = self;
        assert_eq!(
            v.status_code_opt(), m.status_code,
            "mesos.v1.CheckStatusInfo.Http.status_code"
        );
        assert_eq!(
            v.status_code(), m.status_code(), "mesos.v1.CheckStatusInfo.Http.status_code"
        );
    }
}
impl Check for mesos_proto::view::check_status_info::TcpView<'_> {
    type Message = mesos_proto::v1::check_status_info::Tcp;
    fn check(&self, m: &mesos_proto::v1::check_status_info::Tcp) {
        let v = self;
        assert_eq!(
            v.succeeded_opt(), m.succeeded, "mesos.v1.CheckStatusInfo.Tcp.succeeded"
        );
        assert_eq!(
            v.succeeded(), m.succeeded(), "mesos.v1.CheckStatusInfo.Tcp.succeeded"
        );
    }
}
impl Check for mesos_proto::view::CommandInfoView<'_> {
    type Message = mesos_proto::v1::CommandInfo;
    fn check(&self, m: &mesos_proto::v1::CommandInfo) {
        let v = self;
        assert_eq!(v.uris().count(), m.uris.len(), "mesos.v1.CommandInfo.uris");
        for (x, y) in v.uris().zip(&m.uris) {
            Check::check(&x, y);
        }
        match (v.environment(), m.environment.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.CommandInfo.environment: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        assert_eq!(v.shell_opt(), m.shell, "mesos.v1.CommandInfo.shell");
        assert_eq!(v.shell(), m.shell(), "mesos.v1.CommandInfo.shell");
        assert_eq!(v.value_opt(), m.value.as_deref(), "mesos.v1.CommandInfo.value");
        assert_eq!(v.value(), m.value(), "mesos.v1.CommandInfo.value");
        assert_eq!(
            v.arguments().count(), m.arguments.len(), "mesos.v1.CommandInfo.arguments"
        );
        for (x, y) in v.arguments().zip(&m.arguments) {
            assert_eq!(x, y.as_str());
        }
        assert_eq!(v.user_opt(), m.user.as_deref(), "mesos.v1.CommandInfo.user");
        assert_eq!(v.user(), m.user(), "mesos.v1.CommandInfo.user");
    }
}
impl Check for mesos_proto::view::command_info::UriView<'_> {
    type Message = mesos_proto::v1::command_info::Uri;
    fn check(&self, m: &mesos_proto::v1::command_info::Uri) {
        let v = self;
        assert_eq!(v.value(), (m.value).as_str());
        assert_eq!(
            v.executable_opt(), m.executable, "mesos.v1.CommandInfo.URI.executable"
        );
        assert_eq!(
            v.executable(), m.executable(), "mesos.v1.CommandInfo.URI.executable"
        );
        assert_eq!(v.extract_opt(), m.extract, "mesos.v1.CommandInfo.URI.extract");
        assert_eq!(v.extract(), m.extract(), "mesos.v1.CommandInfo.URI.extract");
        assert_eq!(v.cache_opt(), m.cache, "mesos.v1.CommandInfo.URI.cache");
        assert_eq!(v.cache(), m.cache(), "mesos.v1.CommandInfo.URI.cache");
        assert_eq!(
            v.output_file_opt(), m.output_file.as_deref(),
            "mesos.v1.CommandInfo.URI.output_file"
        );
        assert_eq!(
            v.output_file(), m.output_file(), "mesos.v1.CommandInfo.URI.output_file"
        );
    }
}
impl Check for mesos_proto::view::ContainerIdView<'_> {
    type Message = mesos_proto::v1::ContainerId;
    fn check(&self, m: &mesos_proto::v1::ContainerId) {
        let v = self;
        assert_eq!(v.value(), (m.value).as_str());
        match (v.parent(), m.parent.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.ContainerID.parent: {} vs {}", x.is_some(), y.is_some())
            }
        }
    }
}
impl Check for mesos_proto::view::ContainerInfoView<'_> {
    type Message = mesos_proto::v1::ContainerInfo;
    fn check(&self, m: &mesos_proto::v1::ContainerInfo) {
        let v = self;
        assert_eq!(v.type_raw(), m.r#type, "mesos.v1.ContainerInfo.type");
        assert_eq!(v.r#type(), m.r#type(), "mesos.v1.ContainerInfo.type");
        assert_eq!(
            v.volumes().count(), m.volumes.len(), "mesos.v1.ContainerInfo.volumes"
        );
        for (x, y) in v.volumes().zip(&m.volumes) {
            Check::check(&x, y);
        }
        assert_eq!(
            v.hostname_opt(), m.hostname.as_deref(), "mesos.v1.ContainerInfo.hostname"
        );
        assert_eq!(v.hostname(), m.hostname(), "mesos.v1.ContainerInfo.hostname");
        match (v.docker(), m.docker.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.ContainerInfo.docker: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        match (v.mesos(), m.mesos.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.ContainerInfo.mesos: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        assert_eq!(
            v.network_infos().count(), m.network_infos.len(),
            "mesos.v1.ContainerInfo.network_infos"
        );
        for (x, y) in v.network_infos().zip(&m.network_infos) {
            Check::check(&x, y);
        }
        match (v.linux_info(), m.linux_info.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.ContainerInfo.linux_info: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.rlimit_info(), m.rlimit_info.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.ContainerInfo.rlimit_info: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.tty_info(), m.tty_info.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.ContainerInfo.tty_info: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::container_info::DockerInfoView<'_> {
    type Message = mesos_proto::v1::container_info::DockerInfo;
    fn check(&self, m: &mesos_proto::v1::container_info::DockerInfo) {
        let v = self;
        assert_eq!(v.image(), (m.image).as_str());
        assert_eq!(
            v.network_raw(), m.network, "mesos.v1.ContainerInfo.DockerInfo.network"
        );
        assert_eq!(
            v.network(), m.network(), "mesos.v1.ContainerInfo.DockerInfo.network"
        );
        assert_eq!(
            v.port_mappings().count(), m.port_mappings.len(),
            "mesos.v1.ContainerInfo.DockerInfo.port_mappings"
        );
        for (x, y) in v.port_mappings().zip(&m.port_mappings) {
            Check::check(&x, y);
        }
        assert_eq!(
            v.privileged_opt(), m.privileged,
            "mesos.v1.ContainerInfo.DockerInfo.privileged"
        );
        assert_eq!(
            v.privileged(), m.privileged(),
            "mesos.v1.ContainerInfo.DockerInfo.privileged"
        );
        assert_eq!(
            v.parameters().count(), m.parameters.len(),
            "mesos.v1.ContainerInfo.DockerInfo.parameters"
        );
        for (x, y) in v.parameters().zip(&m.parameters) {
            Check::check(&x, y);
        }
        assert_eq!(
            v.force_pull_image_opt(), m.force_pull_image,
            "mesos.v1.ContainerInfo.DockerInfo.force_pull_image"
        );
        assert_eq!(
            v.force_pull_image(), m.force_pull_image(),
            "mesos.v1.ContainerInfo.DockerInfo.force_pull_image"
        );
        assert_eq!(
            v.volume_driver_opt(), m.volume_driver.as_deref(),
            "mesos.v1.ContainerInfo.DockerInfo.volume_driver"
        );
        assert_eq!(
            v.volume_driver(), m.volume_driver(),
            "mesos.v1.ContainerInfo.DockerInfo.volume_driver"
        );
    }
}
impl Check for mesos_proto::view::container_info::docker_info::PortMappingView<'_> {
    type Message = mesos_proto::v1::container_info::docker_info::PortMapping;
    fn check(&self, m: &mesos_proto::v1::container_info::docker_info::PortMapping) {
        let v = self;
        assert_eq!(v.host_port(), m.host_port);
        assert_eq!(v.container_port(), m.container_port);
        assert_eq!(
            v.protocol_opt(), m.protocol.as_deref(),
            "mesos.v1.ContainerInfo.DockerInfo.PortMapping.protocol"
        );
        assert_eq!(
            v.protocol(), m.protocol(),
            "mesos.v1.ContainerInfo.DockerInfo.PortMapping.protocol"
        );
    }
}
impl Check for mesos_proto::view::container_info::MesosInfoView<'_> {
    type Message = mesos_proto::v1::container_info::MesosInfo;
    fn check(&self, m: &mesos_proto::v1::container_info::MesosInfo) {
        let v = self;
        match (v.image(), m.image.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.ContainerInfo.MesosInfo.image: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::ContainerStatusView<'_> {
    type Message = mesos_proto::v1::ContainerStatus;
    fn check(&self, m: &mesos_proto::v1::ContainerStatus) {
        let v = self;
        match (v.container_id(), m.container_id.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.ContainerStatus.container_id: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        assert_eq!(
            v.network_infos().count(), m.network_infos.len(),
            "mesos.v1.ContainerStatus.network_infos"
        );
        for (x, y) in v.network_infos().zip(&m.network_infos) {
            Check::check(&x, y);
        }
        match (v.cgroup_info(), m.cgroup_info.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.ContainerStatus.cgroup_info: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        assert_eq!(
            v.executor_pid_opt(), m.executor_pid, "mesos.v1.ContainerStatus.executor_pid"
        );
        assert_eq!(
            v.executor_pid(), m.executor_pid(), "mesos.v1.ContainerStatus.executor_pid"
        );
    }
}
impl Check for mesos_proto::view::CredentialView<'_> {
    type Message = mesos_proto::v1::Credential;
    fn check(&self, m: &mesos_proto::v1::Credential) {
        let v = self;
        assert_eq!(v.principal(), (m.principal).as_str());
        assert_eq!(v.secret_opt(), m.secret.as_deref(), "mesos.v1.Credential.secret");
        assert_eq!(v.secret(), m.secret(), "mesos.v1.Credential.secret");
    }
}
impl Check for mesos_proto::view::DiscoveryInfoView<'_> {
    type Message = mesos_proto::v1::DiscoveryInfo;
    fn check(&self, m: &mesos_proto::v1::DiscoveryInfo) {
        let v = self;
        assert_eq!(
            v.visibility_raw(), m.visibility, "mesos.v1.DiscoveryInfo.visibility"
        );
        assert_eq!(v.visibility(), m.visibility(), "mesos.v1.DiscoveryInfo.visibility");
        assert_eq!(v.name_opt(), m.name.as_deref(), "mesos.v1.DiscoveryInfo.name");
        assert_eq!(v.name(), m.name(), "mesos.v1.DiscoveryInfo.name");
        assert_eq!(
            v.environment_opt(), m.environment.as_deref(),
            "mesos.v1.DiscoveryInfo.environment"
        );
        assert_eq!(
            v.environment(), m.environment(), "mesos.v1.DiscoveryInfo.environment"
        );
        assert_eq!(
            v.location_opt(), m.location.as_deref(), "mesos.v1.DiscoveryInfo.location"
        );
        assert_eq!(v.location(), m.location(), "mesos.v1.DiscoveryInfo.location");
        assert_eq!(
            v.version_opt(), m.version.as_deref(), "mesos.v1.DiscoveryInfo.version"
        );
        assert_eq!(v.version(), m.version(), "mesos.v1.DiscoveryInfo.version");
        match (v.ports(), m.ports.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.DiscoveryInfo.ports: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        match (v.labels(), m.labels.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.DiscoveryInfo.labels: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::DomainInfoView<'_> {
    type Message = mesos_proto::v1::DomainInfo;
    fn check(&self, m: &mesos_proto::v1::DomainInfo) {
        let v = self;
        match (v.fault_domain(), m.fault_domain.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.DomainInfo.fault_domain: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::domain_info::FaultDomainView<'_> {
    type Message = mesos_proto::v1::domain_info::FaultDomain;
    fn check(&self, m: &mesos_proto::v1::domain_info::FaultDomain) {
        let v = self;
        Check::check(&v.region(), &m.region);
        Check::check(&v.zone(), &m.zone);
    }
}
impl Check for mesos_proto::view::domain_info::fault_domain::RegionInfoView<'_> {
    type Message = mesos_proto::v1::domain_info::fault_domain::RegionInfo;
    fn check(&self, m: &mesos_proto::v1::domain_info::fault_domain::RegionInfo) {
        let v = self;
        assert_eq!(v.name(), (m.name).as_str());
    }
}
impl Check for mesos_proto::view::domain_info::fault_domain::ZoneInfoView<'_> {
    type Message = mesos_proto::v1::domain_info::fault_domain::ZoneInfo;
    fn check(&self, m: &mesos_proto::v1::domain_info::fault_domain::ZoneInfo) {
        let v = self;
        assert_eq!(v.name(), (m.name).as_str());
    }
}
impl Check for mesos_proto::view::DurationInfoView<'_> {
    type Message = mesos_proto::v1::DurationInfo;
    fn check(&self, m: &mesos_proto::v1::DurationInfo) {
        let v = self;
        assert_eq!(v.nanoseconds(), m.nanoseconds);
    }
}
impl Check for mesos_proto::view::EnvironmentView<'_> {
    type Message = mesos_proto::v1::Environment;
    fn check(&self, m: &mesos_proto::v1::Environment) {
        let v = self;
        assert_eq!(
            v.variables().count(), m.variables.len(), "mesos.v1.Environment.variables"
        );
        for (x, y) in v.variables().zip(&m.variables) {
            Check::check(&x, y);
        }
    }
}
impl Check for mesos_proto::view::environment::VariableView<'_> {
    type Message = mesos_proto::v1::environment::Variable;
    fn check(&self, m: &mesos_proto::v1::environment::Variable) {
        let v = self;
        assert_eq!(v.name(), (m.name).as_str());
        assert_eq!(v.type_raw(), m.r#type, "mesos.v1.Environment.Variable.type");
        assert_eq!(v.r#type(), m.r#type(), "mesos.v1.Environment.Variable.type");
        assert_eq!(
            v.value_opt(), m.value.as_deref(), "mesos.v1.Environment.Variable.value"
        );
        assert_eq!(v.value(), m.value(), "mesos.v1.Environment.Variable.value");
        match (v.secret(), m.secret.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Environment.Variable.secret: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::ExecutorIdView<'_> {
    type Message = mesos_proto::v1::ExecutorId;
    fn check(&self, m: &mesos_proto::v1::ExecutorId) {
        let v = self;
        assert_eq!(v.value(), (m.value).as_str());
    }
}
impl Check for mesos_proto::view::ExecutorInfoView<'_> {
    type Message = mesos_proto::v1::ExecutorInfo;
    fn check(&self, m: &mesos_proto::v1::ExecutorInfo) {
        let v = self;
        assert_eq!(v.type_raw(), m.r#type, "mesos.v1.ExecutorInfo.type");
        assert_eq!(v.r#type(), m.r#type(), "mesos.v1.ExecutorInfo.type");
        Check::check(&v.executor_id(), &m.executor_id);
        match (v.framework_id(), m.framework_id.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.ExecutorInfo.framework_id: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.command(), m.command.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.ExecutorInfo.command: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        match (v.container(), m.container.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.ExecutorInfo.container: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        assert_eq!(
            v.resources().count(), m.resources.len(), "mesos.v1.ExecutorInfo.resources"
        );
        for (x, y) in v.resources().zip(&m.resources) {
            Check::check(&x, y);
        }
        assert_eq!(v.name_opt(), m.name.as_deref(), "mesos.v1.ExecutorInfo.name");
        assert_eq!(v.name(), m.name(), "mesos.v1.ExecutorInfo.name");
        assert_eq!(v.source_opt(), m.source.as_deref(), "mesos.v1.ExecutorInfo.source");
        assert_eq!(v.source(), m.source(), "mesos.v1.ExecutorInfo.source");
        assert_eq!(v.data_opt(), m.data.as_deref(), "mesos.v1.ExecutorInfo.data");
        assert_eq!(v.data(), m.data(), "mesos.v1.ExecutorInfo.data");
        match (v.discovery(), m.discovery.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.ExecutorInfo.discovery: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        match (v.shutdown_grace_period(), m.shutdown_grace_period.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.ExecutorInfo.shutdown_grace_period: {} vs {}", x.is_some(),
                    y.is_some()
                )
            }
        }
        match (v.labels(), m.labels.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.ExecutorInfo.labels: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::FrameworkIdView<'_> {
    type Message = mesos_proto::v1::FrameworkId;
    fn check(&self, m: &mesos_proto::v1::FrameworkId) {
        let v = self;
        assert_eq!(v.value(), (m.value).as_str());
    }
}
impl Check for mesos_proto::view::FrameworkInfoView<'_> {
    type Message = mesos_proto::v1::FrameworkInfo;
    fn check(&self, m: &mesos_proto::v1::FrameworkInfo) {
        let v = self;
        assert_eq!(v.user(), (m.user).as_str());
        assert_eq!(v.name(), (m.name).as_str());
        match (v.id(), m.id.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.FrameworkInfo.id: {} vs {}", x.is_some(), y.is_some())
            }
        }
        assert_eq!(
            v.failover_timeout_opt().map(| x | x.to_bits()), m.failover_timeout.map(| x |
            x.to_bits()), "mesos.v1.FrameworkInfo.failover_timeout"
        );
        assert_eq!(
            v.failover_timeout().to_bits(), m.failover_timeout().to_bits(),
            "mesos.v1.FrameworkInfo.failover_timeout"
        );
        assert_eq!(
            v.checkpoint_opt(), m.checkpoint, "mesos.v1.FrameworkInfo.checkpoint"
        );
        assert_eq!(v.checkpoint(), m.checkpoint(), "mesos.v1.FrameworkInfo.checkpoint");
        assert_eq!(v.role_opt(), m.role.as_deref(), "mesos.v1.FrameworkInfo.role");
        assert_eq!(v.role(), m.role(), "mesos.v1.FrameworkInfo.role");
        assert_eq!(v.roles().count(), m.roles.len(), "mesos.v1.FrameworkInfo.roles");
        for (x, y) in v.roles().zip(&m.roles) {
            assert_eq!(x, y.as_str());
        }
        assert_eq!(
            v.hostname_opt(), m.hostname.as_deref(), "mesos.v1.FrameworkInfo.hostname"
        );
        assert_eq!(v.hostname(), m.hostname(), "mesos.v1.FrameworkInfo.hostname");
        assert_eq!(
            v.principal_opt(), m.principal.as_deref(), "mesos.v1.FrameworkInfo.principal"
        );
        assert_eq!(v.principal(), m.principal(), "mesos.v1.FrameworkInfo.principal");
        assert_eq!(
            v.webui_url_opt(), m.webui_url.as_deref(), "mesos.v1.FrameworkInfo.webui_url"
        );
        assert_eq!(v.webui_url(), m.webui_url(), "mesos.v1.FrameworkInfo.webui_url");
        assert_eq!(
            v.capabilities().count(), m.capabilities.len(),
            "mesos.v1.FrameworkInfo.capabilities"
        );
        for (x, y) in v.capabilities().zip(&m.capabilities) {
            Check::check(&x, y);
        }
        match (v.labels(), m.labels.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.FrameworkInfo.labels: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        {
            let mut last = std::collections::HashMap::new();
            for e in v.offer_filters() {
                last.insert(e.key(), e);
            }
            assert_eq!(
                last.len(), m.offer_filters.len(), "mesos.v1.FrameworkInfo.offer_filters"
            );
            for (k, e) in last {
                let want = m
                    .offer_filters
                    .get(k)
                    .expect("mesos.v1.FrameworkInfo.offer_filters: key");
                Check::check(&e.value(), want);
            }
        }
    }
}
impl Check for mesos_proto::view::framework_info::CapabilityView<'_> {
    type Message = mesos_proto::v1::framework_info::Capability;
    fn check(&self, m: &mesos_proto::v1::framework_info::Capability) {
        let v = self;
        assert_eq!(v.type_raw(), m.r#type, "mesos.v1.FrameworkInfo.Capability.type");
        assert_eq!(v.r#type(), m.r#type(), "mesos.v1.FrameworkInfo.Capability.type");
    }
}
impl Check for mesos_proto::view::HealthCheckView<'_> {
    type Message = mesos_proto::v1::HealthCheck;
    fn check(&self, m: &mesos_proto::v1::HealthCheck) {
        let v = self;
        assert_eq!(
            v.delay_seconds_opt().map(| x | x.to_bits()), m.delay_seconds.map(| x | x
            .to_bits()), "mesos.v1.HealthCheck.delay_seconds"
        );
        assert_eq!(
            v.delay_seconds().to_bits(), m.delay_seconds().to_bits(),
            "mesos.v1.HealthCheck.delay_seconds"
        );
        assert_eq!(
            v.interval_seconds_opt().map(| x | x.to_bits()), m.interval_seconds.map(| x |
            x.to_bits()), "mesos.v1.HealthCheck.interval_seconds"
        );
        assert_eq!(
            v.interval_seconds().to_bits(), m.interval_seconds().to_bits(),
            "mesos.v1.HealthCheck.interval_seconds"
        );
        assert_eq!(
            v.timeout_seconds_opt().map(| x | x.to_bits()), m.timeout_seconds.map(| x | x
            .to_bits()), "mesos.v1.HealthCheck.timeout_seconds"
        );
        assert_eq!(
            v.timeout_seconds().to_bits(), m.timeout_seconds().to_bits(),
            "mesos.v1.HealthCheck.timeout_seconds"
        );
        assert_eq!(
            v.consecutive_failures_opt(), m.consecutive_failures,
            "mesos.v1.HealthCheck.consecutive_failures"
        );
        assert_eq!(
            v.consecutive_failures(), m.consecutive_failures(),
            "mesos.v1.HealthCheck.consecutive_failures"
        );
        assert_eq!(
            v.grace_period_seconds_opt().map(| x | x.to_bits()), m.grace_period_seconds
            .map(| x | x.to_bits()), "mesos.v1.HealthCheck.grace_period_seconds"
        );
        assert_eq!(
            v.grace_period_seconds().to_bits(), m.grace_period_seconds().to_bits(),
            "mesos.v1.HealthCheck.grace_period_seconds"
        );
        assert_eq!(v.type_raw(), m.r#type, "mesos.v1.HealthCheck.type");
        assert_eq!(v.r#type(), m.r#type(), "mesos.v1.HealthCheck.type");
        match (v.command(), m.command.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.HealthCheck.command: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        match (v.http(), m.http.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.HealthCheck.http: {} vs {}", x.is_some(), y.is_some())
            }
        }
        match (v.tcp(), m.tcp.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.HealthCheck.tcp: {} vs {}", x.is_some(), y.is_some())
            }
        }
    }
}
impl Check for mesos_proto::view::health_check::HttpCheckInfoView<'_> {
    type Message = mesos_proto::v1::health_check::HttpCheckInfo;
    fn check(&self, m: &mesos_proto::v1::health_check::HttpCheckInfo) {
        let v = self;
        assert_eq!(
            v.protocol_raw(), m.protocol, "mesos.v1.HealthCheck.HTTPCheckInfo.protocol"
        );
        assert_eq!(
            v.protocol(), m.protocol(), "mesos.v1.HealthCheck.HTTPCheckInfo.protocol"
        );
        assert_eq!(
            v.scheme_opt(), m.scheme.as_deref(),
            "mesos.v1.HealthCheck.HTTPCheckInfo.scheme"
        );
        assert_eq!(v.scheme(), m.scheme(), "mesos.v1.HealthCheck.HTTPCheckInfo.scheme");
        assert_eq!(v.port(), m.port);
        assert_eq!(
            v.path_opt(), m.path.as_deref(), "mesos.v1.HealthCheck.HTTPCheckInfo.path"
        );
        assert_eq!(v.path(), m.path(), "mesos.v1.HealthCheck.HTTPCheckInfo.path");
        assert_eq!(
            v.statuses().count(), m.statuses.len(),
            "mesos.v1.HealthCheck.HTTPCheckInfo.statuses"
        );
        for (x, y) in v.statuses().zip(&m.statuses) {
            assert_eq!(x, * y);
        }
    }
}
impl Check for mesos_proto::view::health_check::TcpCheckInfoView<'_> {
    type Message = mesos_proto::v1::health_check::TcpCheckInfo;
    fn check(&self, m: &mesos_proto::v1::health_check::TcpCheckInfo) {
        let v = self;
        assert_eq!(
            v.protocol_raw(), m.protocol, "mesos.v1.HealthCheck.TCPCheckInfo.protocol"
        );
        assert_eq!(
            v.protocol(), m.protocol(), "mesos.v1.HealthCheck.TCPCheckInfo.protocol"
        );
        assert_eq!(v.port(), m.port);
    }
}
impl Check for mesos_proto::view::ImageView<'_> {
    type Message = mesos_proto::v1::Image;
    fn check(&self, m: &mesos_proto::v1::Image) {
        let v = self;
        assert_eq!(v.type_raw(), m.r#type, "mesos.v1.Image.type");
        assert_eq!(v.r#type(), m.r#type(), "mesos.v1.Image.type");
        match (v.appc(), m.appc.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => panic!("mesos.v1.Image.appc: {} vs {}", x.is_some(), y.is_some()),
        }
        match (v.docker(), m.docker.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => panic!("mesos.v1.Image.docker: {} vs {}", x.is_some(), y.is_some()),
        }
        assert_eq!(v.cached_opt(), m.cached, "mesos.v1.Image.cached");
        assert_eq!(v.cached(), m.cached(), "mesos.v1.Image.cached");
    }
}
impl Check for mesos_proto::view::image::AppcView<'_> {
    type Message = mesos_proto::v1::image::Appc;
    fn check(&self, m: &mesos_proto::v1::image::Appc) {
        let v = self;
        assert_eq!(v.name(), (m.name).as_str());
        assert_eq!(v.id_opt(), m.id.as_deref(), "mesos.v1.Image.Appc.id");
        assert_eq!(v.id(), m.id(), "mesos.v1.Image.Appc.id");
        match (v.labels(), m.labels.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.Image.Appc.labels: {} vs {}", x.is_some(), y.is_some())
            }
        }
    }
}
impl Check for mesos_proto::view::image::DockerView<'_> {
    type Message = mesos_proto::v1::image::Docker;
    fn check(&self, m: &mesos_proto::v1::image::Docker) {
        let v = self;
        assert_eq!(v.name(), (m.name).as_str());
        match (v.credential(), m.credential.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Image.Docker.credential: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.config(), m.config.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Image.Docker.config: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::InverseOfferView<'_> {
    type Message = mesos_proto::v1::InverseOffer;
    fn check(&self, m: &mesos_proto::v1::InverseOffer) {
        let v = self;
        Check::check(&v.id(), &m.id);
        match (v.url(), m.url.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.InverseOffer.url: {} vs {}", x.is_some(), y.is_some())
            }
        }
        Check::check(&v.framework_id(), &m.framework_id);
        match (v.agent_id(), m.agent_id.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.InverseOffer.agent_id: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        Check::check(&v.unavailability(), &m.unavailability);
        assert_eq!(
            v.resources().count(), m.resources.len(), "mesos.v1.InverseOffer.resources"
        );
        for (x, y) in v.resources().zip(&m.resources) {
            Check::check(&x, y);
        }
    }
}
impl Check for mesos_proto::view::KillPolicyView<'_> {
    type Message = mesos_proto::v1::KillPolicy;
    fn check(&self, m: &mesos_proto::v1::KillPolicy) {
        let v = self;
        match (v.grace_period(), m.grace_period.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.KillPolicy.grace_period: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::LabelView<'_> {
    type Message = mesos_proto::v1::Label;
    fn check(&self, m: &mesos_proto::v1::Label) {
        let v = self;
        assert_eq!(v.key(), (m.key).as_str());
        assert_eq!(v.value_opt(), m.value.as_deref(), "mesos.v1.Label.value");
        assert_eq!(v.value(), m.value(), "mesos.v1.Label.value");
    }
}
impl Check for mesos_proto::view::LabelsView<'_> {
    type Message = mesos_proto::v1::Labels;
    fn check(&self, m: &mesos_proto::v1::Labels) {
        let v = self;
        assert_eq!(v.labels().count(), m.labels.len(), "mesos.v1.Labels.labels");
        for (x, y) in v.labels().zip(&m.labels) {
            Check::check(&x, y);
        }
    }
}
impl Check for mesos_proto::view::LinuxInfoView<'_> {
    type Message = mesos_proto::v1::LinuxInfo;
    fn check(&self, m: &mesos_proto::v1::LinuxInfo) {
        let v = self;
        match (v.capability_info(), m.capability_info.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.LinuxInfo.capability_info: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.bounding_capabilities(), m.bounding_capabilities.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.LinuxInfo.bounding_capabilities: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.effective_capabilities(), m.effective_capabilities.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.LinuxInfo.effective_capabilities: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        assert_eq!(
            v.share_pid_namespace_opt(), m.share_pid_namespace,
            "mesos.v1.LinuxInfo.share_pid_namespace"
        );
        assert_eq!(
            v.share_pid_namespace(), m.share_pid_namespace(),
            "mesos.v1.LinuxInfo.share_pid_namespace"
        );
        match (v.seccomp(), m.seccomp.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.LinuxInfo.seccomp: {} vs {}", x.is_some(), y.is_some())
            }
        }
        assert_eq!(v.ipc_mode_raw(), m.ipc_mode, "mesos.v1.LinuxInfo.ipc_mode");
        assert_eq!(v.ipc_mode(), m.ipc_mode(), "mesos.v1.LinuxInfo.ipc_mode");
        assert_eq!(v.shm_size_opt(), m.shm_size, "mesos.v1.LinuxInfo.shm_size");
        assert_eq!(v.shm_size(), m.shm_size(), "mesos.v1.LinuxInfo.shm_size");
        assert_eq!(
            v.share_cgroups_opt(), m.share_cgroups, "mesos.v1.LinuxInfo.share_cgroups"
        );
        assert_eq!(
            v.share_cgroups(), m.share_cgroups(), "mesos.v1.LinuxInfo.share_cgroups"
        );
    }
}
impl Check for mesos_proto::view::MasterInfoView<'_> {
    type Message = mesos_proto::v1::MasterInfo;
    fn check(&self, m: &mesos_proto::v1::MasterInfo) {
        let v = self;
        assert_eq!(v.id(), (m.id).as_str());
        assert_eq!(v.ip(), m.ip);
        assert_eq!(v.port(), m.port);
        assert_eq!(v.pid_opt(), m.pid.as_deref(), "mesos.v1.MasterInfo.pid");
        assert_eq!(v.pid(), m.pid(), "mesos.v1.MasterInfo.pid");
        assert_eq!(
            v.hostname_opt(), m.hostname.as_deref(), "mesos.v1.MasterInfo.hostname"
        );
        assert_eq!(v.hostname(), m.hostname(), "mesos.v1.MasterInfo.hostname");
        assert_eq!(v.version_opt(), m.version.as_deref(), "mesos.v1.MasterInfo.version");
        assert_eq!(v.version(), m.version(), "mesos.v1.MasterInfo.version");
        match (v.address(), m.address.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.MasterInfo.address: {} vs {}", x.is_some(), y.is_some())
            }
        }
        match (v.domain(), m.domain.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.MasterInfo.domain: {} vs {}", x.is_some(), y.is_some())
            }
        }
        assert_eq!(
            v.capabilities().count(), m.capabilities.len(),
            "mesos.v1.MasterInfo.capabilities"
        );
        for (x, y) in v.capabilities().zip(&m.capabilities) {
            Check::check(&x, y);
        }
    }
}
impl Check for mesos_proto::view::master_info::CapabilityView<'_> {
    type Message = mesos_proto::v1::master_info::Capability;
    fn check(&self, m: &mesos_proto::v1::master_info::Capability) {
        let v = self;
        assert_eq!(v.type_raw(), m.r#type, "mesos.v1.MasterInfo.Capability.type");
        assert_eq!(v.r#type(), m.r#type(), "mesos.v1.MasterInfo.Capability.type");
    }
}
impl Check for mesos_proto::view::MountPropagationView<'_> {
    type Message = mesos_proto::v1::MountPropagation;
    fn check(&self, m: &mesos_proto::v1::MountPropagation) {
        let v = self;
        assert_eq!(v.mode_raw(), m.mode, "mesos.v1.MountPropagation.mode");
        assert_eq!(v.mode(), m.mode(), "mesos.v1.MountPropagation.mode");
    }
}
impl Check for mesos_proto::view::NetworkInfoView<'_> {
    type Message = mesos_proto::v1::NetworkInfo;
    fn check(&self, m: &mesos_proto::v1::NetworkInfo) {
        let v = self;
        assert_eq!(
            v.ip_addresses().count(), m.ip_addresses.len(),
            "mesos.v1.NetworkInfo.ip_addresses"
        );
        for (x, y) in v.ip_addresses().zip(&m.ip_addresses) {
            Check::check(&x, y);
        }
        assert_eq!(v.name_opt(), m.name.as_deref(), "mesos.v1.NetworkInfo.name");
        assert_eq!(v.name(), m.name(), "mesos.v1.NetworkInfo.name");
        assert_eq!(v.groups().count(), m.groups.len(), "mesos.v1.NetworkInfo.groups");
        for (x, y) in v.groups().zip(&m.groups) {
            assert_eq!(x, y.as_str());
        }
        match (v.labels(), m.labels.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.NetworkInfo.labels: {} vs {}", x.is_some(), y.is_some())
            }
        }
        assert_eq!(
            v.port_mappings().count(), m.port_mappings.len(),
            "mesos.v1.NetworkInfo.port_mappings"
        );
        for (x, y) in v.port_mappings().zip(&m.port_mappings) {
            Check::check(&x, y);
        }
    }
}
impl Check for mesos_proto::view::network_info::IpAddressView<'_> {
    type Message = mesos_proto::v1::network_info::IpAddress;
    fn check(&self, m: &mesos_proto::v1::network_info::IpAddress) {
        let v = self;
        assert_eq!(
            v.protocol_raw(), m.protocol, "mesos.v1.NetworkInfo.IPAddress.protocol"
        );
        assert_eq!(
            v.protocol(), m.protocol(), "mesos.v1.NetworkInfo.IPAddress.protocol"
        );
        assert_eq!(
            v.ip_address_opt(), m.ip_address.as_deref(),
            "mesos.v1.NetworkInfo.IPAddress.ip_address"
        );
        assert_eq!(
            v.ip_address(), m.ip_address(), "mesos.v1.NetworkInfo.IPAddress.ip_address"
        );
    }
}
impl Check for mesos_proto::view::network_info::PortMappingView<'_> {
    type Message = mesos_proto::v1::network_info::PortMapping;
    fn check(&self, m: &mesos_proto::v1::network_info::PortMapping) {
        let v = self;
        assert_eq!(v.host_port(), m.host_port);
        assert_eq!(v.container_port(), m.container_port);
        assert_eq!(
            v.protocol_opt(), m.protocol.as_deref(),
            "mesos.v1.NetworkInfo.PortMapping.protocol"
        );
        assert_eq!(
            v.protocol(), m.protocol(), "mesos.v1.NetworkInfo.PortMapping.protocol"
        );
    }
}
impl Check for mesos_proto::view::OfferView<'_> {
    type Message = mesos_proto::v1::Offer;
    fn check(&self, m: &mesos_proto::v1::Offer) {
        let v = self;
        Check::check(&v.id(), &m.id);
        Check::check(&v.framework_id(), &m.framework_id);
        Check::check(&v.agent_id(), &m.agent_id);
        assert_eq!(v.hostname(), (m.hostname).as_str());
        match (v.url(), m.url.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => panic!("mesos.v1.Offer.url: {} vs {}", x.is_some(), y.is_some()),
        }
        match (v.domain(), m.domain.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => panic!("mesos.v1.Offer.domain: {} vs {}", x.is_some(), y.is_some()),
        }
        assert_eq!(v.resources().count(), m.resources.len(), "mesos.v1.Offer.resources");
        for (x, y) in v.resources().zip(&m.resources) {
            Check::check(&x, y);
        }
        assert_eq!(
            v.attributes().count(), m.attributes.len(), "mesos.v1.Offer.attributes"
        );
        for (x, y) in v.attributes().zip(&m.attributes) {
            Check::check(&x, y);
        }
        assert_eq!(
            v.executor_ids().count(), m.executor_ids.len(), "mesos.v1.Offer.executor_ids"
        );
        for (x, y) in v.executor_ids().zip(&m.executor_ids) {
            Check::check(&x, y);
        }
        match (v.unavailability(), m.unavailability.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Offer.unavailability: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        match (v.allocation_info(), m.allocation_info.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Offer.allocation_info: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::OfferFiltersView<'_> {
    type Message = mesos_proto::v1::OfferFilters;
    fn check(&self, m: &mesos_proto::v1::OfferFilters) {
        let v = self;
        match (v.min_allocatable_resources(), m.min_allocatable_resources.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.OfferFilters.min_allocatable_resources: {} vs {}", x
                    .is_some(), y.is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::offer_filters::MinAllocatableResourcesView<'_> {
    type Message = mesos_proto::v1::offer_filters::MinAllocatableResources;
    fn check(&self, m: &mesos_proto::v1::offer_filters::MinAllocatableResources) {
        let v = self;
        assert_eq!(
            v.quantities().count(), m.quantities.len(),
            "mesos.v1.OfferFilters.MinAllocatableResources.quantities"
        );
        for (x, y) in v.quantities().zip(&m.quantities) {
            Check::check(&x, y);
        }
    }
}
impl Check for mesos_proto::view::offer_filters::ResourceQuantitiesView<'_> {
    type Message = mesos_proto::v1::offer_filters::ResourceQuantities;
    fn check(&self, m: &mesos_proto::v1::offer_filters::ResourceQuantities) {
        let v = self;
        {
            let mut last = std::collections::HashMap::new();
            for e in v.quantities() {
                last.insert(e.key(), e);
            }
            assert_eq!(
                last.len(), m.quantities.len(),
                "mesos.v1.OfferFilters.ResourceQuantities.quantities"
            );
            for (k, e) in last {
                let want = m
                    .quantities
                    .get(k)
                    .expect("mesos.v1.OfferFilters.ResourceQuantities.quantities: key");
                Check::check(&e.value(), want);
            }
        }
    }
}
impl Check for mesos_proto::view::OfferIdView<'_> {
    type Message = mesos_proto::v1::OfferId;
    fn check(&self, m: &mesos_proto::v1::OfferId) {
        let v = self;
        assert_eq!(v.value(), (m.value).as_str());
    }
}
impl Check for mesos_proto::view::OperationIdView<'_> {
    type Message = mesos_proto::v1::OperationId;
    fn check(&self, m: &mesos_proto::v1::OperationId) {
        let v = self;
        assert_eq!(v.value(), (m.value).as_str());
    }
}
impl Check for mesos_proto::view::OperationStatusView<'_> {
    type Message = mesos_proto::v1::OperationStatus;
    fn check(&self, m: &mesos_proto::v1::OperationStatus) {
        let v = self;
        match (v.operation_id(), m.operation_id.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.OperationStatus.operation_id: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        assert_eq!(v.state_raw(), m.state, "mesos.v1.OperationStatus.state");
        assert_eq!(v.state(), m.state(), "mesos.v1.OperationStatus.state");
        assert_eq!(
            v.message_opt(), m.message.as_deref(), "mesos.v1.OperationStatus.message"
        );
        assert_eq!(v.message(), m.message(), "mesos.v1.OperationStatus.message");
        assert_eq!(
            v.converted_resources().count(), m.converted_resources.len(),
            "mesos.v1.OperationStatus.converted_resources"
        );
        for (x, y) in v.converted_resources().zip(&m.converted_resources) {
            Check::check(&x, y);
        }
        match (v.uuid(), m.uuid.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.OperationStatus.uuid: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        match (v.agent_id(), m.agent_id.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.OperationStatus.agent_id: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.resource_provider_id(), m.resource_provider_id.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.OperationStatus.resource_provider_id: {} vs {}", x
                    .is_some(), y.is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::ParameterView<'_> {
    type Message = mesos_proto::v1::Parameter;
    fn check(&self, m: &mesos_proto::v1::Parameter) {
        let v = self;
        assert_eq!(v.key(), (m.key).as_str());
        assert_eq!(v.value(), (m.value).as_str());
    }
}
impl Check for mesos_proto::view::ParametersView<'_> {
    type Message = mesos_proto::v1::Parameters;
    fn check(&self, m: &mesos_proto::v1::Parameters) {
        let v = self;
        assert_eq!(
            v.parameter().count(), m.parameter.len(), "mesos.v1.Parameters.parameter"
        );
        for (x, y) in v.parameter().zip(&m.parameter) {
            Check::check(&x, y);
        }
    }
}
impl Check for mesos_proto::view::PortView<'_> {
    type Message = mesos_proto::v1::Port;
    fn check(&self, m: &mesos_proto::v1::Port) {
        let v = self;
        assert_eq!(v.number(), m.number);
        assert_eq!(v.name_opt(), m.name.as_deref(), "mesos.v1.Port.name");
        assert_eq!(v.name(), m.name(), "mesos.v1.Port.name");
        assert_eq!(v.protocol_opt(), m.protocol.as_deref(), "mesos.v1.Port.protocol");
        assert_eq!(v.protocol(), m.protocol(), "mesos.v1.Port.protocol");
        assert_eq!(v.visibility_raw(), m.visibility, "mesos.v1.Port.visibility");
        assert_eq!(v.visibility(), m.visibility(), "mesos.v1.Port.visibility");
        match (v.labels(), m.labels.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => panic!("mesos.v1.Port.labels: {} vs {}", x.is_some(), y.is_some()),
        }
    }
}
impl Check for mesos_proto::view::PortsView<'_> {
    type Message = mesos_proto::v1::Ports;
    fn check(&self, m: &mesos_proto::v1::Ports) {
        let v = self;
        assert_eq!(v.ports().count(), m.ports.len(), "mesos.v1.Ports.ports");
        for (x, y) in v.ports().zip(&m.ports) {
            Check::check(&x, y);
        }
    }
}
impl Check for mesos_proto::view::RLimitInfoView<'_> {
    type Message = mesos_proto::v1::RLimitInfo;
    fn check(&self, m: &mesos_proto::v1::RLimitInfo) {
        let v = self;
        assert_eq!(v.rlimits().count(), m.rlimits.len(), "mesos.v1.RLimitInfo.rlimits");
        for (x, y) in v.rlimits().zip(&m.rlimits) {
            Check::check(&x, y);
        }
    }
}
impl Check for mesos_proto::view::r_limit_info::RLimitView<'_> {
    type Message = mesos_proto::v1::r_limit_info::RLimit;
    fn check(&self, m: &mesos_proto::v1::r_limit_info::RLimit) {
        let v = self;
        assert_eq!(v.type_raw(), m.r#type, "mesos.v1.RLimitInfo.RLimit.type");
        assert_eq!(v.r#type(), m.r#type(), "mesos.v1.RLimitInfo.RLimit.type");
        assert_eq!(v.hard_opt(), m.hard, "mesos.v1.RLimitInfo.RLimit.hard");
        assert_eq!(v.hard(), m.hard(), "mesos.v1.RLimitInfo.RLimit.hard");
        assert_eq!(v.soft_opt(), m.soft, "mesos.v1.RLimitInfo.RLimit.soft");
        assert_eq!(v.soft(), m.soft(), "mesos.v1.RLimitInfo.RLimit.soft");
    }
}
impl Check for mesos_proto::view::ResourceView<'_> {
    type Message = mesos_proto::v1::Resource;
    fn check(&self, m: &mesos_proto::v1::Resource) {
        let v = self;
        match (v.provider_id(), m.provider_id.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Resource.provider_id: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        assert_eq!(v.name(), (m.name).as_str());
        assert_eq!(v.type_raw(), m.r#type, "mesos.v1.Resource.type");
        assert_eq!(v.r#type(), m.r#type(), "mesos.v1.Resource.type");
        match (v.scalar(), m.scalar.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.Resource.scalar: {} vs {}", x.is_some(), y.is_some())
            }
        }
        match (v.ranges(), m.ranges.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.Resource.ranges: {} vs {}", x.is_some(), y.is_some())
            }
        }
        match (v.set(), m.set.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => panic!("mesos.v1.Resource.set: {} vs {}", x.is_some(), y.is_some()),
        }
        assert_eq!(v.role_opt(), m.role.as_deref(), "mesos.v1.Resource.role");
        assert_eq!(v.role(), m.role(), "mesos.v1.Resource.role");
        match (v.allocation_info(), m.allocation_info.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Resource.allocation_info: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.reservation(), m.reservation.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Resource.reservation: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        assert_eq!(
            v.reservations().count(), m.reservations.len(),
            "mesos.v1.Resource.reservations"
        );
        for (x, y) in v.reservations().zip(&m.reservations) {
            Check::check(&x, y);
        }
        match (v.disk(), m.disk.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.Resource.disk: {} vs {}", x.is_some(), y.is_some())
            }
        }
        match (v.revocable(), m.revocable.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.Resource.revocable: {} vs {}", x.is_some(), y.is_some())
            }
        }
        match (v.shared(), m.shared.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.Resource.shared: {} vs {}", x.is_some(), y.is_some())
            }
        }
    }
}
impl Check for mesos_proto::view::resource::AllocationInfoView<'_> {
    type Message = mesos_proto::v1::resource::AllocationInfo;
    fn check(&self, m: &mesos_proto::v1::resource::AllocationInfo) {
        let v = self;
        assert_eq!(
            v.role_opt(), m.role.as_deref(), "mesos.v1.Resource.AllocationInfo.role"
        );
        assert_eq!(v.role(), m.role(), "mesos.v1.Resource.AllocationInfo.role");
    }
}
impl Check for mesos_proto::view::resource::DiskInfoView<'_> {
    type Message = mesos_proto::v1::resource::DiskInfo;
    fn check(&self, m: &mesos_proto::v1::resource::DiskInfo) {
        let v = self;
        match (v.persistence(), m.persistence.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Resource.DiskInfo.persistence: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.volume(), m.volume.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Resource.DiskInfo.volume: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.source(), m.source.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Resource.DiskInfo.source: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::resource::disk_info::PersistenceView<'_> {
    type Message = mesos_proto::v1::resource::disk_info::Persistence;
    fn check(&self, m: &mesos_proto::v1::resource::disk_info::Persistence) {
        let v = self;
        assert_eq!(v.id(), (m.id).as_str());
        assert_eq!(
            v.principal_opt(), m.principal.as_deref(),
            "mesos.v1.Resource.DiskInfo.Persistence.principal"
        );
        assert_eq!(
            v.principal(), m.principal(),
            "mesos.v1.Resource.DiskInfo.Persistence.principal"
        );
    }
}
impl Check for mesos_proto::view::resource::disk_info::SourceView<'_> {
    type Message = mesos_proto::v1::resource::disk_info::Source;
    fn check(&self, m: &mesos_proto::v1::resource::disk_info::Source) {
        let v = self;
        assert_eq!(v.type_raw(), m.r#type, "mesos.v1.Resource.DiskInfo.Source.type");
        assert_eq!(v.r#type(), m.r#type(), "mesos.v1.Resource.DiskInfo.Source.type");
        match (v.path(), m.path.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Resource.DiskInfo.Source.path: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.mount(), m.mount.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Resource.DiskInfo.Source.mount: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        assert_eq!(
            v.vendor_opt(), m.vendor.as_deref(),
            "mesos.v1.Resource.DiskInfo.Source.vendor"
        );
        assert_eq!(v.vendor(), m.vendor(), "mesos.v1.Resource.DiskInfo.Source.vendor");
        assert_eq!(v.id_opt(), m.id.as_deref(), "mesos.v1.Resource.DiskInfo.Source.id");
        assert_eq!(v.id(), m.id(), "mesos.v1.Resource.DiskInfo.Source.id");
        match (v.metadata(), m.metadata.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Resource.DiskInfo.Source.metadata: {} vs {}", x.is_some(),
                    y.is_some()
                )
            }
        }
        assert_eq!(
            v.profile_opt(), m.profile.as_deref(),
            "mesos.v1.Resource.DiskInfo.Source.profile"
        );
        assert_eq!(
            v.profile(), m.profile(), "mesos.v1.Resource.DiskInfo.Source.profile"
        );
    }
}
impl Check for mesos_proto::view::resource::disk_info::source::MountView<'_> {
    type Message = mesos_proto::v1::resource::disk_info::source::Mount;
    fn check(&self, m: &mesos_proto::v1::resource::disk_info::source::Mount) {
        let v = self;
        assert_eq!(
            v.root_opt(), m.root.as_deref(),
            "mesos.v1.Resource.DiskInfo.Source.Mount.root"
        );
        assert_eq!(v.root(), m.root(), "mesos.v1.Resource.DiskInfo.Source.Mount.root");
    }
}
impl Check for mesos_proto::view::resource::disk_info::source::PathView<'_> {
    type Message = mesos_proto::v1::resource::disk_info::source::Path;
    fn check(&self, m: &mesos_proto::v1::resource::disk_info::source::Path) {
        let v = self;
        assert_eq!(
            v.root_opt(), m.root.as_deref(),
            "mesos.v1.Resource.DiskInfo.Source.Path.root"
        );
        assert_eq!(v.root(), m.root(), "mesos.v1.Resource.DiskInfo.Source.Path.root");
    }
}
impl Check for mesos_proto::view::resource::ReservationInfoView<'_> {
    type Message = mesos_proto::v1::resource::ReservationInfo;
    fn check(&self, m: &mesos_proto::v1::resource::ReservationInfo) {
        let v = self;
        assert_eq!(v.type_raw(), m.r#type, "mesos.v1.Resource.ReservationInfo.type");
        assert_eq!(v.r#type(), m.r#type(), "mesos.v1.Resource.ReservationInfo.type");
        assert_eq!(
            v.role_opt(), m.role.as_deref(), "mesos.v1.Resource.ReservationInfo.role"
        );
        assert_eq!(v.role(), m.role(), "mesos.v1.Resource.ReservationInfo.role");
        assert_eq!(
            v.principal_opt(), m.principal.as_deref(),
            "mesos.v1.Resource.ReservationInfo.principal"
        );
        assert_eq!(
            v.principal(), m.principal(), "mesos.v1.Resource.ReservationInfo.principal"
        );
        match (v.labels(), m.labels.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Resource.ReservationInfo.labels: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::resource::RevocableInfoView<'_> {
    type Message = mesos_proto::v1::resource::RevocableInfo;
    fn check(&self, m: &mesos_proto::v1::resource::RevocableInfo) {
        let v = self;
        let _ = (v, m);
    }
}
impl Check for mesos_proto::view::resource::SharedInfoView<'_> {
    type Message = mesos_proto::v1::resource::SharedInfo;
    fn check(&self, m: &mesos_proto::v1::resource::SharedInfo) {
        let v = self;
        let _ = (v, m);
    }
}
impl Check for mesos_proto::view::ResourceProviderIdView<'_> {
    type Message = mesos_proto::v1::ResourceProviderId;
    fn check(&self, m: &mesos_proto::v1::ResourceProviderId) {
        let v = self;
        assert_eq!(v.value(), (m.value).as_str());
    }
}
impl Check for mesos_proto::view::SeccompInfoView<'_> {
    type Message = mesos_proto::v1::SeccompInfo;
    fn check(&self, m: &mesos_proto::v1::SeccompInfo) {
        let v = self;
        assert_eq!(
            v.profile_name_opt(), m.profile_name.as_deref(),
            "mesos.v1.SeccompInfo.profile_name"
        );
        assert_eq!(
            v.profile_name(), m.profile_name(), "mesos.v1.SeccompInfo.profile_name"
        );
        assert_eq!(v.unconfined_opt(), m.unconfined, "mesos.v1.SeccompInfo.unconfined");
        assert_eq!(v.unconfined(), m.unconfined(), "mesos.v1.SeccompInfo.unconfined");
    }
}
impl Check for mesos_proto::view::SecretView<'_> {
    type Message = mesos_proto::v1::Secret;
    fn check(&self, m: &mesos_proto::v1::Secret) {
        let v = self;
        assert_eq!(v.type_raw(), m.r#type, "mesos.v1.Secret.type");
        assert_eq!(v.r#type(), m.r#type(), "mesos.v1.Secret.type");
        match (v.reference(), m.reference.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.Secret.reference: {} vs {}", x.is_some(), y.is_some())
            }
        }
        match (v.value(), m.value.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => panic!("mesos.v1.Secret.value: {} vs {}", x.is_some(), y.is_some()),
        }
    }
}
impl Check for mesos_proto::view::secret::ReferenceView<'_> {
    type Message = mesos_proto::v1::secret::Reference;
    fn check(&self, m: &mesos_proto::v1::secret::Reference) {
        let v = self;
        assert_eq!(v.name(), (m.name).as_str());
        assert_eq!(v.key_opt(), m.key.as_deref(), "mesos.v1.Secret.Reference.key");
        assert_eq!(v.key(), m.key(), "mesos.v1.Secret.Reference.key");
    }
}
impl Check for mesos_proto::view::secret::ValueView<'_> {
    type Message = mesos_proto::v1::secret::Value;
    fn check(&self, m: &mesos_proto::v1::secret::Value) {
        let v = self;
        assert_eq!(v.data(), & (m.data) [..]);
    }
}
impl Check for mesos_proto::view::TtyInfoView<'_> {
    type Message = mesos_proto::v1::TtyInfo;
    fn check(&self, m: &mesos_proto::v1::TtyInfo) {
        let v = self;
        match (v.window_size(), m.window_size.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.TTYInfo.window_size: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::tty_info::WindowSizeView<'_> {
    type Message = mesos_proto::v1::tty_info::WindowSize;
    fn check(&self, m: &mesos_proto::v1::tty_info::WindowSize) {
        let v = self;
        assert_eq!(v.rows(), m.rows);
        assert_eq!(v.columns(), m.columns);
    }
}
impl Check for mesos_proto::view::TaskGroupInfoView<'_> {
    type Message = mesos_proto::v1::TaskGroupInfo;
    fn check(&self, m: &mesos_proto::v1::TaskGroupInfo) {
        let v = self;
        assert_eq!(v.tasks().count(), m.tasks.len(), "mesos.v1.TaskGroupInfo.tasks");
        for (x, y) in v.tasks().zip(&m.tasks) {
            Check::check(&x, y);
        }
    }
}
impl Check for mesos_proto::view::TaskIdView<'_> {
    type Message = mesos_proto::v1::TaskId;
    fn check(&self, m: &mesos_proto::v1::TaskId) {
        let v = self;
        assert_eq!(v.value(), (m.value).as_str());
    }
}
impl Check for mesos_proto::view::TaskInfoView<'_> {
    type Message = mesos_proto::v1::TaskInfo;
    fn check(&self, m: &mesos_proto::v1::TaskInfo) {
        let v = self;
        assert_eq!(v.name(), (m.name).as_str());
        Check::check(&v.task_id(), &m.task_id);
        Check::check(&v.agent_id(), &m.agent_id);
        assert_eq!(
            v.resources().count(), m.resources.len(), "mesos.v1.TaskInfo.resources"
        );
        for (x, y) in v.resources().zip(&m.resources) {
            Check::check(&x, y);
        }
        match (v.executor(), m.executor.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.TaskInfo.executor: {} vs {}", x.is_some(), y.is_some())
            }
        }
        match (v.command(), m.command.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.TaskInfo.command: {} vs {}", x.is_some(), y.is_some())
            }
        }
        match (v.container(), m.container.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.TaskInfo.container: {} vs {}", x.is_some(), y.is_some())
            }
        }
        match (v.health_check(), m.health_check.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.TaskInfo.health_check: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        match (v.check(), m.check.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.TaskInfo.check: {} vs {}", x.is_some(), y.is_some())
            }
        }
        match (v.kill_policy(), m.kill_policy.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.TaskInfo.kill_policy: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        assert_eq!(v.data_opt(), m.data.as_deref(), "mesos.v1.TaskInfo.data");
        assert_eq!(v.data(), m.data(), "mesos.v1.TaskInfo.data");
        match (v.labels(), m.labels.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.TaskInfo.labels: {} vs {}", x.is_some(), y.is_some())
            }
        }
        match (v.discovery(), m.discovery.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.TaskInfo.discovery: {} vs {}", x.is_some(), y.is_some())
            }
        }
        match (v.max_completion_time(), m.max_completion_time.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.TaskInfo.max_completion_time: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        {
            let mut last = std::collections::HashMap::new();
            for e in v.limits() {
                last.insert(e.key(), e);
            }
            assert_eq!(last.len(), m.limits.len(), "mesos.v1.TaskInfo.limits");
            for (k, e) in last {
                let want = m.limits.get(k).expect("mesos.v1.TaskInfo.limits: key");
                Check::check(&e.value(), want);
            }
        }
    }
}
impl Check for mesos_proto::view::TaskResourceLimitationView<'_> {
    type Message = mesos_proto::v1::TaskResourceLimitation;
    fn check(&self, m: &mesos_proto::v1::TaskResourceLimitation) {
        let v = self;
        assert_eq!(
            v.resources().count(), m.resources.len(),
            "mesos.v1.TaskResourceLimitation.resources"
        );
        for (x, y) in v.resources().zip(&m.resources) {
            Check::check(&x, y);
        }
    }
}
impl Check for mesos_proto::view::TaskStatusView<'_> {
    type Message = mesos_proto::v1::TaskStatus;
    fn check(&self, m: &mesos_proto::v1::TaskStatus) {
        let v = self;
        Check::check(&v.task_id(), &m.task_id);
        assert_eq!(v.state_raw(), m.state, "mesos.v1.TaskStatus.state");
        assert_eq!(v.state(), m.state(), "mesos.v1.TaskStatus.state");
        assert_eq!(v.message_opt(), m.message.as_deref(), "mesos.v1.TaskStatus.message");
        assert_eq!(v.message(), m.message(), "mesos.v1.TaskStatus.message");
        assert_eq!(v.source_raw(), m.source, "mesos.v1.TaskStatus.source");
        assert_eq!(v.source(), m.source(), "mesos.v1.TaskStatus.source");
        assert_eq!(v.reason_raw(), m.reason, "mesos.v1.TaskStatus.reason");
        assert_eq!(v.reason(), m.reason(), "mesos.v1.TaskStatus.reason");
        assert_eq!(v.data_opt(), m.data.as_deref(), "mesos.v1.TaskStatus.data");
        assert_eq!(v.data(), m.data(), "mesos.v1.TaskStatus.data");
        match (v.agent_id(), m.agent_id.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.TaskStatus.agent_id: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        match (v.executor_id(), m.executor_id.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.TaskStatus.executor_id: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        assert_eq!(
            v.timestamp_opt().map(| x | x.to_bits()), m.timestamp.map(| x | x.to_bits()),
            "mesos.v1.TaskStatus.timestamp"
        );
        assert_eq!(
            v.timestamp().to_bits(), m.timestamp().to_bits(),
            "mesos.v1.TaskStatus.timestamp"
        );
        assert_eq!(v.uuid_opt(), m.uuid.as_deref(), "mesos.v1.TaskStatus.uuid");
        assert_eq!(v.uuid(), m.uuid(), "mesos.v1.TaskStatus.uuid");
        assert_eq!(v.healthy_opt(), m.healthy, "mesos.v1.TaskStatus.healthy");
        assert_eq!(v.healthy(), m.healthy(), "mesos.v1.TaskStatus.healthy");
        match (v.check_status(), m.check_status.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.TaskStatus.check_status: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.labels(), m.labels.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.TaskStatus.labels: {} vs {}", x.is_some(), y.is_some())
            }
        }
        match (v.container_status(), m.container_status.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.TaskStatus.container_status: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.unreachable_time(), m.unreachable_time.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.TaskStatus.unreachable_time: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.limitation(), m.limitation.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.TaskStatus.limitation: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::TimeInfoView<'_> {
    type Message = mesos_proto::v1::TimeInfo;
    fn check(&self, m: &mesos_proto::v1::TimeInfo) {
        let v = self;
        assert_eq!(v.nanoseconds(), m.nanoseconds);
    }
}
impl Check for mesos_proto::view::UrlView<'_> {
    type Message = mesos_proto::v1::Url;
    fn check(&self, m: &mesos_proto::v1::Url) {
        let v = self;
        assert_eq!(v.scheme(), (m.scheme).as_str());
        Check::check(&v.address(), &m.address);
        assert_eq!(v.path_opt(), m.path.as_deref(), "mesos.v1.URL.path");
        assert_eq!(v.path(), m.path(), "mesos.v1.URL.path");
        assert_eq!(v.query().count(), m.query.len(), "mesos.v1.URL.query");
        for (x, y) in v.query().zip(&m.query) {
            Check::check(&x, y);
        }
        assert_eq!(v.fragment_opt(), m.fragment.as_deref(), "mesos.v1.URL.fragment");
        assert_eq!(v.fragment(), m.fragment(), "mesos.v1.URL.fragment");
    }
}
impl Check for mesos_proto::view::UuidView<'_> {
    type Message = mesos_proto::v1::Uuid;
    fn check(&self, m: &mesos_proto::v1::Uuid) {
        let v = self;
        assert_eq!(v.value(), & (m.value) [..]);
    }
}
impl Check for mesos_proto::view::UnavailabilityView<'_> {
    type Message = mesos_proto::v1::Unavailability;
    fn check(&self, m: &mesos_proto::v1::Unavailability) {
        let v = self;
        Check::check(&v.start(), &m.start);
        match (v.duration(), m.duration.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Unavailability.duration: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::value::RangeView<'_> {
    type Message = mesos_proto::v1::value::Range;
    fn check(&self, m: &mesos_proto::v1::value::Range) {
        let v = self;
        assert_eq!(v.begin(), m.begin);
        assert_eq!(v.end(), m.end);
    }
}
impl Check for mesos_proto::view::value::RangesView<'_> {
    type Message = mesos_proto::v1::value::Ranges;
    fn check(&self, m: &mesos_proto::v1::value::Ranges) {
        let v = self;
        assert_eq!(v.range().count(), m.range.len(), "mesos.v1.Value.Ranges.range");
        for (x, y) in v.range().zip(&m.range) {
            Check::check(&x, y);
        }
    }
}
impl Check for mesos_proto::view::value::ScalarView<'_> {
    type Message = mesos_proto::v1::value::Scalar;
    fn check(&self, m: &mesos_proto::v1::value::Scalar) {
        let v = self;
        assert_eq!((v.value()).to_bits(), (m.value).to_bits());
    }
}
impl Check for mesos_proto::view::value::SetView<'_> {
    type Message = mesos_proto::v1::value::Set;
    fn check(&self, m: &mesos_proto::v1::value::Set) {
        let v = self;
        assert_eq!(v.item().count(), m.item.len(), "mesos.v1.Value.Set.item");
        for (x, y) in v.item().zip(&m.item) {
            assert_eq!(x, y.as_str());
        }
    }
}
impl Check for mesos_proto::view::value::TextView<'_> {
    type Message = mesos_proto::v1::value::Text;
    fn check(&self, m: &mesos_proto::v1::value::Text) {
        let v = self;
        assert_eq!(v.value(), (m.value).as_str());
    }
}
impl Check for mesos_proto::view::VolumeView<'_> {
    type Message = mesos_proto::v1::Volume;
    fn check(&self, m: &mesos_proto::v1::Volume) {
        let v = self;
        assert_eq!(v.mode_raw(), m.mode, "mesos.v1.Volume.mode");
        assert_eq!(v.mode(), m.mode(), "mesos.v1.Volume.mode");
        assert_eq!(v.container_path(), (m.container_path).as_str());
        assert_eq!(
            v.host_path_opt(), m.host_path.as_deref(), "mesos.v1.Volume.host_path"
        );
        assert_eq!(v.host_path(), m.host_path(), "mesos.v1.Volume.host_path");
        match (v.image(), m.image.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => panic!("mesos.v1.Volume.image: {} vs {}", x.is_some(), y.is_some()),
        }
        match (v.source(), m.source.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!("mesos.v1.Volume.source: {} vs {}", x.is_some(), y.is_some())
            }
        }
    }
}
impl Check for mesos_proto::view::volume::SourceView<'_> {
    type Message = mesos_proto::v1::volume::Source;
    fn check(&self, m: &mesos_proto::v1::volume::Source) {
        let v = self;
        assert_eq!(v.type_raw(), m.r#type, "mesos.v1.Volume.Source.type");
        assert_eq!(v.r#type(), m.r#type(), "mesos.v1.Volume.Source.type");
        match (v.docker_volume(), m.docker_volume.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Volume.Source.docker_volume: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.host_path(), m.host_path.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Volume.Source.host_path: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.sandbox_path(), m.sandbox_path.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Volume.Source.sandbox_path: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.secret(), m.secret.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Volume.Source.secret: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        match (v.csi_volume(), m.csi_volume.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Volume.Source.csi_volume: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::volume::source::CsiVolumeView<'_> {
    type Message = mesos_proto::v1::volume::source::CsiVolume;
    fn check(&self, m: &mesos_proto::v1::volume::source::CsiVolume) {
        let v = self;
        assert_eq!(v.plugin_name(), (m.plugin_name).as_str());
        match (v.static_provisioning(), m.static_provisioning.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Volume.Source.CSIVolume.static_provisioning: {} vs {}", x
                    .is_some(), y.is_some()
                )
            }
        }
    }
}
impl Check
for mesos_proto::view::volume::source::csi_volume::StaticProvisioningView<'_> {
    type Message = mesos_proto::v1::volume::source::csi_volume::StaticProvisioning;
    fn check(
        &self,
        m: &mesos_proto::v1::volume::source::csi_volume::StaticProvisioning,
    ) {
        let v = self;
        assert_eq!(v.volume_id(), (m.volume_id).as_str());
        Check::check(&v.volume_capability(), &m.volume_capability);
        {
            let mut last = std::collections::HashMap::new();
            for e in v.node_stage_secrets() {
                last.insert(e.key(), e);
            }
            assert_eq!(
                last.len(), m.node_stage_secrets.len(),
                "mesos.v1.Volume.Source.CSIVolume.StaticProvisioning.node_stage_secrets"
            );
            for (k, e) in last {
                let want = m
                    .node_stage_secrets
                    .get(k)
                    .expect(
                        "mesos.v1.Volume.Source.CSIVolume.StaticProvisioning.node_stage_secrets: key",
                    );
                Check::check(&e.value(), want);
            }
        }
        {
            let mut last = std::collections::HashMap::new();
            for e in v.node_publish_secrets() {
                last.insert(e.key(), e);
            }
            assert_eq!(
                last.len(), m.node_publish_secrets.len(),
                "mesos.v1.Volume.Source.CSIVolume.StaticProvisioning.node_publish_secrets"
            );
            for (k, e) in last {
                let want = m
                    .node_publish_secrets
                    .get(k)
                    .expect(
                        "mesos.v1.Volume.Source.CSIVolume.StaticProvisioning.node_publish_secrets: key",
                    );
                Check::check(&e.value(), want);
            }
        }
        {
            let mut last = std::collections::HashMap::new();
            for e in v.volume_context() {
                last.insert(e.key(), e);
            }
            assert_eq!(
                last.len(), m.volume_context.len(),
                "mesos.v1.Volume.Source.CSIVolume.StaticProvisioning.volume_context"
            );
            for (k, e) in last {
                let want = m
                    .volume_context
                    .get(k)
                    .expect(
                        "mesos.v1.Volume.Source.CSIVolume.StaticProvisioning.volume_context: key",
                    );
                assert_eq!(e.value(), want.as_str());
            }
        }
    }
}
impl Check for mesos_proto::view::volume::source::csi_volume::VolumeCapabilityView<'_> {
    type Message = mesos_proto::v1::volume::source::csi_volume::VolumeCapability;
    fn check(&self, m: &mesos_proto::v1::volume::source::csi_volume::VolumeCapability) {
        let v = self;
        match (v.block(), &m.access_type) {
            (
                Some(x),
                Some(
                    mesos_proto::v1::volume::source::csi_volume::volume_capability::AccessType::Block(
                        y,
                    ),
                ),
            ) => Check::check(&x, y),
            (
                None,
                Some(
                    mesos_proto::v1::volume::source::csi_volume::volume_capability::AccessType::Block(
                        _,
                    ),
                ),
            ) => {
                panic!(
                    "mesos.v1.Volume.Source.CSIVolume.VolumeCapability.block: view lost the member"
                )
            }
            (Some(_), _) => {
                panic!(
                    "mesos.v1.Volume.Source.CSIVolume.VolumeCapability.block: view holds another member"
                )
            }
            (None, _) => {}
        }
        match (v.mount(), &m.access_type) {
            (
                Some(x),
                Some(
                    mesos_proto::v1::volume::source::csi_volume::volume_capability::AccessType::Mount(
                        y,
                    ),
                ),
            ) => Check::check(&x, y),
            (
                None,
                Some(
                    mesos_proto::v1::volume::source::csi_volume::volume_capability::AccessType::Mount(
                        _,
                    ),
                ),
            ) => {
                panic!(
                    "mesos.v1.Volume.Source.CSIVolume.VolumeCapability.mount: view lost the member"
                )
            }
            (Some(_), _) => {
                panic!(
                    "mesos.v1.Volume.Source.CSIVolume.VolumeCapability.mount: view holds another member"
                )
            }
            (None, _) => {}
        }
        Check::check(&v.access_mode(), &m.access_mode);
    }
}
impl Check
for mesos_proto::view::volume::source::csi_volume::volume_capability::AccessModeView<
    '_,
> {
    type Message = mesos_proto::v1::volume::source::csi_volume::volume_capability::AccessMode;
    fn check(
        &self,
        m: &mesos_proto::v1::volume::source::csi_volume::volume_capability::AccessMode,
    ) {
        let v = self;
        assert_eq!(
            v.mode_raw(), m.mode,
            "mesos.v1.Volume.Source.CSIVolume.VolumeCapability.AccessMode.mode"
        );
        assert_eq!(
            v.mode(), m.mode(),
            "mesos.v1.Volume.Source.CSIVolume.VolumeCapability.AccessMode.mode"
        );
    }
}
impl Check
for mesos_proto::view::volume::source::csi_volume::volume_capability::BlockVolumeView<
    '_,
> {
    type Message = mesos_proto::v1::volume::source::csi_volume::volume_capability::BlockVolume;
    fn check(
        &self,
        m: &mesos_proto::v1::volume::source::csi_volume::volume_capability::BlockVolume,
    ) {
        let v = self;
        let _ = (v, m);
    }
}
impl Check
for mesos_proto::view::volume::source::csi_volume::volume_capability::MountVolumeView<
    '_,
> {
    type Message = mesos_proto::v1::volume::source::csi_volume::volume_capability::MountVolume;
    fn check(
        &self,
        m: &mesos_proto::v1::volume::source::csi_volume::volume_capability::MountVolume,
    ) {
        let v = self;
        assert_eq!(
            v.fs_type_opt(), m.fs_type.as_deref(),
            "mesos.v1.Volume.Source.CSIVolume.VolumeCapability.MountVolume.fs_type"
        );
        assert_eq!(
            v.fs_type(), m.fs_type(),
            "mesos.v1.Volume.Source.CSIVolume.VolumeCapability.MountVolume.fs_type"
        );
        assert_eq!(
            v.mount_flags().count(), m.mount_flags.len(),
            "mesos.v1.Volume.Source.CSIVolume.VolumeCapability.MountVolume.mount_flags"
        );
        for (x, y) in v.mount_flags().zip(&m.mount_flags) {
            assert_eq!(x, y.as_str());
        }
    }
}
impl Check for mesos_proto::view::volume::source::DockerVolumeView<'_> {
    type Message = mesos_proto::v1::volume::source::DockerVolume;
    fn check(&self, m: &mesos_proto::v1::volume::source::DockerVolume) {
        let v = self;
        assert_eq!(
            v.driver_opt(), m.driver.as_deref(),
            "mesos.v1.Volume.Source.DockerVolume.driver"
        );
        assert_eq!(v.driver(), m.driver(), "mesos.v1.Volume.Source.DockerVolume.driver");
        assert_eq!(v.name(), (m.name).as_str());
        match (v.driver_options(), m.driver_options.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Volume.Source.DockerVolume.driver_options: {} vs {}", x
                    .is_some(), y.is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::volume::source::HostPathView<'_> {
    type Message = mesos_proto::v1::volume::source::HostPath;
    fn check(&self, m: &mesos_proto::v1::volume::source::HostPath) {
        let v = self;
        assert_eq!(v.path(), (m.path).as_str());
        match (v.mount_propagation(), m.mount_propagation.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.Volume.Source.HostPath.mount_propagation: {} vs {}", x
                    .is_some(), y.is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::volume::source::SandboxPathView<'_> {
    type Message = mesos_proto::v1::volume::source::SandboxPath;
    fn check(&self, m: &mesos_proto::v1::volume::source::SandboxPath) {
        let v = self;
        assert_eq!(v.type_raw(), m.r#type, "mesos.v1.Volume.Source.SandboxPath.type");
        assert_eq!(v.r#type(), m.r#type(), "mesos.v1.Volume.Source.SandboxPath.type");
        assert_eq!(v.path(), (m.path).as_str());
    }
}
impl Check for mesos_proto::view::executor::EventView<'_> {
    type Message = mesos_proto::v1::executor::Event;
    fn check(&self, m: &mesos_proto::v1::executor::Event) {
        let v = self;
        assert_eq!(v.type_raw(), m.r#type, "mesos.v1.executor.Event.type");
        assert_eq!(v.r#type(), m.r#type(), "mesos.v1.executor.Event.type");
        match (v.subscribed(), m.subscribed.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.executor.Event.subscribed: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.acknowledged(), m.acknowledged.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.executor.Event.acknowledged: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.launch(), m.launch.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.executor.Event.launch: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        match (v.launch_group(), m.launch_group.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.executor.Event.launch_group: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.kill(), m.kill.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.executor.Event.kill: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        match (v.message(), m.message.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.executor.Event.message: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        match (v.error(), m.error.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.executor.Event.error: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::executor::event::AcknowledgedView<'_> {
    type Message = mesos_proto::v1::executor::event::Acknowledged;
    fn check(&self, m: &mesos_proto::v1::executor::event::Acknowledged) {
        let v = self;
        Check::check(&v.task_id(), &m.task_id);
        assert_eq!(v.uuid(), & (m.uuid) [..]);
    }
}
impl Check for mesos_proto::view::executor::event::ErrorView<'_> {
    type Message = mesos_proto::v1::executor::event::Error;
    fn check(&self, m: &mesos_proto::v1::executor::event::Error) {
        let v = self;
        assert_eq!(v.message(), (m.message).as_str());
    }
}
impl Check for mesos_proto::view::executor::event::KillView<'_> {
    type Message = mesos_proto::v1::executor::event::Kill;
    fn check(&self, m: &mesos_proto::v1::executor::event::Kill) {
        let v = self;
        Check::check(&v.task_id(), &m.task_id);
        match (v.kill_policy(), m.kill_policy.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.executor.Event.Kill.kill_policy: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::executor::event::LaunchView<'_> {
    type Message = mesos_proto::v1::executor::event::Launch;
    fn check(&self, m: &mesos_proto::v1::executor::event::Launch) {
        let v = self;
        Check::check(&v.task(), &m.task);
    }
}
impl Check for mesos_proto::view::executor::event::LaunchGroupView<'_> {
    type Message = mesos_proto::v1::executor::event::LaunchGroup;
    fn check(&self, m: &mesos_proto::v1::executor::event::LaunchGroup) {
        let v = self;
        Check::check(&v.task_group(), &m.task_group);
    }
}
impl Check for mesos_proto::view::executor::event::MessageView<'_> {
    type Message = mesos_proto::v1::executor::event::Message;
    fn check(&self, m: &mesos_proto::v1::executor::event::Message) {
        let v = self;
        assert_eq!(v.data(), & (m.data) [..]);
    }
}
impl Check for mesos_proto::view::executor::event::SubscribedView<'_> {
    type Message = mesos_proto::v1::executor::event::Subscribed;
    fn check(&self, m: &mesos_proto::v1::executor::event::Subscribed) {
        let v = self;
        Check::check(&v.executor_info(), &m.executor_info);
        Check::check(&v.framework_info(), &m.framework_info);
        Check::check(&v.agent_info(), &m.agent_info);
        match (v.container_id(), m.container_id.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.executor.Event.Subscribed.container_id: {} vs {}", x
                    .is_some(), y.is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::scheduler::EventView<'_> {
    type Message = mesos_proto::v1::scheduler::Event;
    fn check(&self, m: &mesos_proto::v1::scheduler::Event) {
        let v = self;
        assert_eq!(v.type_raw(), m.r#type, "mesos.v1.scheduler.Event.type");
        assert_eq!(v.r#type(), m.r#type(), "mesos.v1.scheduler.Event.type");
        match (v.subscribed(), m.subscribed.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.scheduler.Event.subscribed: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.offers(), m.offers.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.scheduler.Event.offers: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        match (v.inverse_offers(), m.inverse_offers.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.scheduler.Event.inverse_offers: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.rescind(), m.rescind.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.scheduler.Event.rescind: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.rescind_inverse_offer(), m.rescind_inverse_offer.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.scheduler.Event.rescind_inverse_offer: {} vs {}", x
                    .is_some(), y.is_some()
                )
            }
        }
        match (v.update(), m.update.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.scheduler.Event.update: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
        match (v.update_operation_status(), m.update_operation_status.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.scheduler.Event.update_operation_status: {} vs {}", x
                    .is_some(), y.is_some()
                )
            }
        }
        match (v.message(), m.message.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.scheduler.Event.message: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.failure(), m.failure.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.scheduler.Event.failure: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.error(), m.error.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.scheduler.Event.error: {} vs {}", x.is_some(), y.is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::scheduler::event::ErrorView<'_> {
    type Message = mesos_proto::v1::scheduler::event::Error;
    fn check(&self, m: &mesos_proto::v1::scheduler::event::Error) {
        let v = self;
        assert_eq!(v.message(), (m.message).as_str());
    }
}
impl Check for mesos_proto::view::scheduler::event::FailureView<'_> {
    type Message = mesos_proto::v1::scheduler::event::Failure;
    fn check(&self, m: &mesos_proto::v1::scheduler::event::Failure) {
        let v = self;
        match (v.agent_id(), m.agent_id.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.scheduler.Event.Failure.agent_id: {} vs {}", x.is_some(), y
                    .is_some()
                )
            }
        }
        match (v.executor_id(), m.executor_id.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.scheduler.Event.Failure.executor_id: {} vs {}", x
                    .is_some(), y.is_some()
                )
            }
        }
        assert_eq!(v.status_opt(), m.status, "mesos.v1.scheduler.Event.Failure.status");
        assert_eq!(v.status(), m.status(), "mesos.v1.scheduler.Event.Failure.status");
    }
}
impl Check for mesos_proto::view::scheduler::event::InverseOffersView<'_> {
    type Message = mesos_proto::v1::scheduler::event::InverseOffers;
    fn check(&self, m: &mesos_proto::v1::scheduler::event::InverseOffers) {
        let v = self;
        assert_eq!(
            v.inverse_offers().count(), m.inverse_offers.len(),
            "mesos.v1.scheduler.Event.InverseOffers.inverse_offers"
        );
        for (x, y) in v.inverse_offers().zip(&m.inverse_offers) {
            Check::check(&x, y);
        }
    }
}
impl Check for mesos_proto::view::scheduler::event::MessageView<'_> {
    type Message = mesos_proto::v1::scheduler::event::Message;
    fn check(&self, m: &mesos_proto::v1::scheduler::event::Message) {
        let v = self;
        Check::check(&v.agent_id(), &m.agent_id);
        Check::check(&v.executor_id(), &m.executor_id);
        assert_eq!(v.data(), & (m.data) [..]);
    }
}
impl Check for mesos_proto::view::scheduler::event::OffersView<'_> {
    type Message = mesos_proto::v1::scheduler::event::Offers;
    fn check(&self, m: &mesos_proto::v1::scheduler::event::Offers) {
        let v = self;
        assert_eq!(
            v.offers().count(), m.offers.len(), "mesos.v1.scheduler.Event.Offers.offers"
        );
        for (x, y) in v.offers().zip(&m.offers) {
            Check::check(&x, y);
        }
    }
}
impl Check for mesos_proto::view::scheduler::event::RescindView<'_> {
    type Message = mesos_proto::v1::scheduler::event::Rescind;
    fn check(&self, m: &mesos_proto::v1::scheduler::event::Rescind) {
        let v = self;
        Check::check(&v.offer_id(), &m.offer_id);
    }
}
impl Check for mesos_proto::view::scheduler::event::RescindInverseOfferView<'_> {
    type Message = mesos_proto::v1::scheduler::event::RescindInverseOffer;
    fn check(&self, m: &mesos_proto::v1::scheduler::event::RescindInverseOffer) {
        let v = self;
        Check::check(&v.inverse_offer_id(), &m.inverse_offer_id);
    }
}
impl Check for mesos_proto::view::scheduler::event::SubscribedView<'_> {
    type Message = mesos_proto::v1::scheduler::event::Subscribed;
    fn check(&self, m: &mesos_proto::v1::scheduler::event::Subscribed) {
        let v = self;
        Check::check(&v.framework_id(), &m.framework_id);
        assert_eq!(
            v.heartbeat_interval_seconds_opt().map(| x | x.to_bits()), m
            .heartbeat_interval_seconds.map(| x | x.to_bits()),
            "mesos.v1.scheduler.Event.Subscribed.heartbeat_interval_seconds"
        );
        assert_eq!(
            v.heartbeat_interval_seconds().to_bits(), m.heartbeat_interval_seconds()
            .to_bits(), "mesos.v1.scheduler.Event.Subscribed.heartbeat_interval_seconds"
        );
        match (v.master_info(), m.master_info.as_ref()) {
            (Some(x), Some(y)) => Check::check(&x, y),
            (None, None) => {}
            (x, y) => {
                panic!(
                    "mesos.v1.scheduler.Event.Subscribed.master_info: {} vs {}", x
                    .is_some(), y.is_some()
                )
            }
        }
    }
}
impl Check for mesos_proto::view::scheduler::event::UpdateView<'_> {
    type Message = mesos_proto::v1::scheduler::event::Update;
    fn check(&self, m: &mesos_proto::v1::scheduler::event::Update) {
        let v = self;
        Check::check(&v.status(), &m.status);
    }
}
impl Check for mesos_proto::view::scheduler::event::UpdateOperationStatusView<'_> {
    type Message = mesos_proto::v1::scheduler::event::UpdateOperationStatus;
    fn check(&self, m: &mesos_proto::v1::scheduler::event::UpdateOperationStatus) {
        let v = self;
        Check::check(&v.status(), &m.status);
    }
}
