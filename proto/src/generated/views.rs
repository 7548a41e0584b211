///A borrowed view of an encoded [`Address`](crate::v1::Address) (`mesos.v1.Address`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct AddressView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 3],
}
view_common!(AddressView, crate ::v1::Address, "mesos.v1.Address");
#[allow(deprecated)]
impl<'a> AddressView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.Address")? {
            let checked = match tag {
                1 => r.string(wt),
                2 => r.string(wt),
                3 => r.varint(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("hostname", false),
            2 => ("ip", false),
            3 => ("port", false),
            _ => return r.blame(e, "mesos.v1.Address", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.Address", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 3];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                3 => at[2].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`optional string hostname = 1`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn hostname_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[0].last)
    }
    ///`optional string hostname = 1`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn hostname(&self) -> &'a str {
        self.hostname_opt().unwrap_or("")
    }
    ///`optional string ip = 2`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn ip_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[1].last)
    }
    ///`optional string ip = 2`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn ip(&self) -> &'a str {
        self.ip_opt().unwrap_or("")
    }
    ///`required int32 port = 3`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn port(&self) -> i32 {
        crate::view::wire::varint_at(self.src.buf, self.at[2].last)
            .map(|v| v as i32)
            .unwrap_or(0)
    }
}
///A borrowed view of an encoded [`AgentId`](crate::v1::AgentId) (`mesos.v1.AgentID`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct AgentIdView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(AgentIdView, crate ::v1::AgentId, "mesos.v1.AgentID");
#[allow(deprecated)]
impl<'a> AgentIdView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.AgentID")? {
            let checked = match tag {
                1 => r.string(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("value", false),
            _ => return r.blame(e, "mesos.v1.AgentID", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.AgentID", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`required string value = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn value(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
    }
}
///A borrowed view of an encoded [`AgentInfo`](crate::v1::AgentInfo) (`mesos.v1.AgentInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct AgentInfoView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 6],
}
view_common!(AgentInfoView, crate ::v1::AgentInfo, "mesos.v1.AgentInfo");
#[allow(deprecated)]
impl<'a> AgentInfoView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.AgentInfo")? {
            let checked = match tag {
                1 => r.string(wt),
                8 => r.varint(wt),
                3 => r.message(wt, depth, crate::view::ResourceView::validate),
                5 => r.message(wt, depth, crate::view::AttributeView::validate),
                6 => r.message(wt, depth, crate::view::AgentIdView::validate),
                10 => r.message(wt, depth, crate::view::DomainInfoView::validate),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("hostname", false),
            8 => ("port", false),
            3 => ("resources", true),
            5 => ("attributes", true),
            6 => ("id", false),
            10 => ("domain", false),
            _ => return r.blame(e, "mesos.v1.AgentInfo", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.AgentInfo", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 6];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                8 => at[1].push(key),
                3 => at[2].push(key),
                5 => at[3].push(key),
                6 => at[4].push(key),
                10 => at[5].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`required string hostname = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn hostname(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
    }
    ///`optional int32 port = 8 [default = 5051]`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn port_opt(&self) -> Option<i32> {
        crate::view::wire::varint_at(self.src.buf, self.at[1].last).map(|v| v as i32)
    }
    ///`optional int32 port = 8 [default = 5051]`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn port(&self) -> i32 {
        self.port_opt().unwrap_or(5051i32)
    }
    ///`repeated mesos.v1.Resource resources = 3`: the elements in wire order.
    #[inline]
    pub fn resources(&self) -> crate::view::Repeated<'a, crate::view::ResourceView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[2], 3, Self::MAPS)
    }
    ///`repeated mesos.v1.Attribute attributes = 5`: the elements in wire order.
    #[inline]
    pub fn attributes(
        &self,
    ) -> crate::view::Repeated<'a, crate::view::AttributeView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[3], 5, Self::MAPS)
    }
    ///`optional mesos.v1.AgentID id = 6`: the message, `None` when absent.
    #[inline]
    pub fn id(&self) -> Option<crate::view::AgentIdView<'a>> {
        self.src.message(self.at[4], 6, Self::MAPS).map(crate::view::AgentIdView::index)
    }
    ///`optional mesos.v1.DomainInfo domain = 10`: the message, `None` when absent.
    #[inline]
    pub fn domain(&self) -> Option<crate::view::DomainInfoView<'a>> {
        self.src
            .message(self.at[5], 10, Self::MAPS)
            .map(crate::view::DomainInfoView::index)
    }
}
///A borrowed view of an encoded [`Attribute`](crate::v1::Attribute) (`mesos.v1.Attribute`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct AttributeView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 6],
}
view_common!(AttributeView, crate ::v1::Attribute, "mesos.v1.Attribute");
#[allow(deprecated)]
impl<'a> AttributeView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.Attribute")? {
            let checked = match tag {
                1 => r.string(wt),
                2 => r.varint(wt),
                3 => r.message(wt, depth, crate::view::value::ScalarView::validate),
                4 => r.message(wt, depth, crate::view::value::RangesView::validate),
                6 => r.message(wt, depth, crate::view::value::SetView::validate),
                5 => r.message(wt, depth, crate::view::value::TextView::validate),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("name", false),
            2 => ("type", false),
            3 => ("scalar", false),
            4 => ("ranges", false),
            6 => ("set", false),
            5 => ("text", false),
            _ => return r.blame(e, "mesos.v1.Attribute", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.Attribute", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 6];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                3 => at[2].push(key),
                4 => at[3].push(key),
                6 => at[4].push(key),
                5 => at[5].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`required string name = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn name(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
    }
    ///`required mesos.v1.Value.Type type = 2`: the number prost's field holds (the default's when absent).
    #[inline]
    pub fn type_raw(&self) -> i32 {
        crate::view::wire::varint_at(self.src.buf, self.at[1].last)
            .map(|v| v as i32)
            .unwrap_or(
                <crate::v1::value::Type as ::core::default::Default>::default() as i32,
            )
    }
    ///`required mesos.v1.Value.Type type = 2`: the enum value, or the default when unknown, like prost's getter.
    #[inline]
    pub fn r#type(&self) -> crate::v1::value::Type {
        <crate::v1::value::Type as ::core::convert::TryFrom<
            i32,
        >>::try_from(self.type_raw())
            .unwrap_or_default()
    }
    ///`optional mesos.v1.Value.Scalar scalar = 3`: the message, `None` when absent.
    #[inline]
    pub fn scalar(&self) -> Option<crate::view::value::ScalarView<'a>> {
        self.src
            .message(self.at[2], 3, Self::MAPS)
            .map(crate::view::value::ScalarView::index)
    }
    ///`optional mesos.v1.Value.Ranges ranges = 4`: the message, `None` when absent.
    #[inline]
    pub fn ranges(&self) -> Option<crate::view::value::RangesView<'a>> {
        self.src
            .message(self.at[3], 4, Self::MAPS)
            .map(crate::view::value::RangesView::index)
    }
    ///`optional mesos.v1.Value.Set set = 6`: the message, `None` when absent.
    #[inline]
    pub fn set(&self) -> Option<crate::view::value::SetView<'a>> {
        self.src
            .message(self.at[4], 6, Self::MAPS)
            .map(crate::view::value::SetView::index)
    }
    ///`optional mesos.v1.Value.Text text = 5`: the message, `None` when absent.
    #[inline]
    pub fn text(&self) -> Option<crate::view::value::TextView<'a>> {
        self.src
            .message(self.at[5], 5, Self::MAPS)
            .map(crate::view::value::TextView::index)
    }
}
///A borrowed view of an encoded [`CapabilityInfo`](crate::v1::CapabilityInfo) (`mesos.v1.CapabilityInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct CapabilityInfoView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(CapabilityInfoView, crate ::v1::CapabilityInfo, "mesos.v1.CapabilityInfo");
#[allow(deprecated)]
impl<'a> CapabilityInfoView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.CapabilityInfo")? {
            let checked = match tag {
                1 => r.packed_varint(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("capabilities", true),
            _ => {
                return r
                    .blame(e, "mesos.v1.CapabilityInfo", tag, &format!("#{tag}"), false);
            }
        };
        r.blame(e, "mesos.v1.CapabilityInfo", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`repeated mesos.v1.CapabilityInfo.Capability capabilities = 1`: the known enum values, like prost's getter (unknown numbers are skipped).
    #[inline]
    pub fn capabilities(
        &self,
    ) -> crate::view::Repeated<
        'a,
        crate::view::kind::Enum<crate::v1::capability_info::Capability>,
    > {
        crate::view::Repeated::new(&self.src, self.at[0], 1, Self::MAPS)
    }
    ///`repeated mesos.v1.CapabilityInfo.Capability capabilities = 1`: every number, known to the enum or not, as prost's field holds them.
    #[inline]
    pub fn capabilities_raw(
        &self,
    ) -> crate::view::Repeated<'a, crate::view::kind::Int32> {
        crate::view::Repeated::new(&self.src, self.at[0], 1, Self::MAPS)
    }
}
///A borrowed view of an encoded [`CgroupInfo`](crate::v1::CgroupInfo) (`mesos.v1.CgroupInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct CgroupInfoView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(CgroupInfoView, crate ::v1::CgroupInfo, "mesos.v1.CgroupInfo");
#[allow(deprecated)]
impl<'a> CgroupInfoView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.CgroupInfo")? {
            let checked = match tag {
                1 => r.message(wt, depth, crate::view::cgroup_info::NetClsView::validate),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("net_cls", false),
            _ => return r.blame(e, "mesos.v1.CgroupInfo", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.CgroupInfo", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`optional mesos.v1.CgroupInfo.NetCls net_cls = 1`: the message, `None` when absent.
    #[inline]
    pub fn net_cls(&self) -> Option<crate::view::cgroup_info::NetClsView<'a>> {
        self.src
            .message(self.at[0], 1, Self::MAPS)
            .map(crate::view::cgroup_info::NetClsView::index)
    }
}
///A borrowed view of an encoded [`CheckInfo`](crate::v1::CheckInfo) (`mesos.v1.CheckInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct CheckInfoView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 7],
}
view_common!(CheckInfoView, crate ::v1::CheckInfo, "mesos.v1.CheckInfo");
#[allow(deprecated)]
impl<'a> CheckInfoView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.CheckInfo")? {
            let checked = match tag {
                1 => r.varint(wt),
                2 => r.message(wt, depth, crate::view::check_info::CommandView::validate),
                3 => r.message(wt, depth, crate::view::check_info::HttpView::validate),
                7 => r.message(wt, depth, crate::view::check_info::TcpView::validate),
                4 => r.fixed64(wt),
                5 => r.fixed64(wt),
                6 => r.fixed64(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("type", false),
            2 => ("command", false),
            3 => ("http", false),
            7 => ("tcp", false),
            4 => ("delay_seconds", false),
            5 => ("interval_seconds", false),
            6 => ("timeout_seconds", false),
            _ => return r.blame(e, "mesos.v1.CheckInfo", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.CheckInfo", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 7];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                3 => at[2].push(key),
                7 => at[3].push(key),
                4 => at[4].push(key),
                5 => at[5].push(key),
                6 => at[6].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`optional mesos.v1.CheckInfo.Type type = 1`: the number prost's field holds, `None` when absent.
    #[inline]
    pub fn type_raw(&self) -> Option<i32> {
        crate::view::wire::varint_at(self.src.buf, self.at[0].last).map(|v| v as i32)
    }
    ///`optional mesos.v1.CheckInfo.Type type = 1`: the enum value, or the default when absent or unknown, like prost's getter.
    #[inline]
    pub fn r#type(&self) -> crate::v1::check_info::Type {
        self.type_raw()
            .and_then(|v| {
                <crate::v1::check_info::Type as ::core::convert::TryFrom<
                    i32,
                >>::try_from(v)
                    .ok()
            })
            .unwrap_or_default()
    }
    ///`optional mesos.v1.CheckInfo.Command command = 2`: the message, `None` when absent.
    #[inline]
    pub fn command(&self) -> Option<crate::view::check_info::CommandView<'a>> {
        self.src
            .message(self.at[1], 2, Self::MAPS)
            .map(crate::view::check_info::CommandView::index)
    }
    ///`optional mesos.v1.CheckInfo.Http http = 3`: the message, `None` when absent.
    #[inline]
    pub fn http(&self) -> Option<crate::view::check_info::HttpView<'a>> {
        self.src
            .message(self.at[2], 3, Self::MAPS)
            .map(crate::view::check_info::HttpView::index)
    }
    ///`optional mesos.v1.CheckInfo.Tcp tcp = 7`: the message, `None` when absent.
    #[inline]
    pub fn tcp(&self) -> Option<crate::view::check_info::TcpView<'a>> {
        self.src
            .message(self.at[3], 7, Self::MAPS)
            .map(crate::view::check_info::TcpView::index)
    }
    ///`optional double delay_seconds = 4 [default = 15]`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn delay_seconds_opt(&self) -> Option<f64> {
        crate::view::wire::fixed64_at(self.src.buf, self.at[4].last).map(f64::from_bits)
    }
    ///`optional double delay_seconds = 4 [default = 15]`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn delay_seconds(&self) -> f64 {
        self.delay_seconds_opt().unwrap_or(15f64)
    }
    ///`optional double interval_seconds = 5 [default = 10]`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn interval_seconds_opt(&self) -> Option<f64> {
        crate::view::wire::fixed64_at(self.src.buf, self.at[5].last).map(f64::from_bits)
    }
    ///`optional double interval_seconds = 5 [default = 10]`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn interval_seconds(&self) -> f64 {
        self.interval_seconds_opt().unwrap_or(10f64)
    }
    ///`optional double timeout_seconds = 6 [default = 20]`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn timeout_seconds_opt(&self) -> Option<f64> {
        crate::view::wire::fixed64_at(self.src.buf, self.at[6].last).map(f64::from_bits)
    }
    ///`optional double timeout_seconds = 6 [default = 20]`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn timeout_seconds(&self) -> f64 {
        self.timeout_seconds_opt().unwrap_or(20f64)
    }
}
///A borrowed view of an encoded [`CheckStatusInfo`](crate::v1::CheckStatusInfo) (`mesos.v1.CheckStatusInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct CheckStatusInfoView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 4],
}
view_common!(
    CheckStatusInfoView, crate ::v1::CheckStatusInfo, "mesos.v1.CheckStatusInfo"
);
#[allow(deprecated)]
impl<'a> CheckStatusInfoView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.CheckStatusInfo")? {
            let checked = match tag {
                1 => r.varint(wt),
                2 => {
                    r.message(
                        wt,
                        depth,
                        crate::view::check_status_info::CommandView::validate,
                    )
                }
                3 => {
                    r.message(
                        wt,
                        depth,
                        crate::view::check_status_info::HttpView::validate,
                    )
                }
                4 => {
                    r.message(
                        wt,
                        depth,
                        crate::view::check_status_info::TcpView::validate,
                    )
                }
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("type", false),
            2 => ("command", false),
            3 => ("http", false),
            4 => ("tcp", false),
            _ => {
                return r
                    .blame(e, "mesos.v1.CheckStatusInfo", tag, &format!("#{tag}"), false);
            }
        };
        r.blame(e, "mesos.v1.CheckStatusInfo", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 4];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                3 => at[2].push(key),
                4 => at[3].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`optional mesos.v1.CheckInfo.Type type = 1`: the number prost's field holds, `None` when absent.
    #[inline]
    pub fn type_raw(&self) -> Option<i32> {
        crate::view::wire::varint_at(self.src.buf, self.at[0].last).map(|v| v as i32)
    }
    ///`optional mesos.v1.CheckInfo.Type type = 1`: the enum value, or the default when absent or unknown, like prost's getter.
    #[inline]
    pub fn r#type(&self) -> crate::v1::check_info::Type {
        self.type_raw()
            .and_then(|v| {
                <crate::v1::check_info::Type as ::core::convert::TryFrom<
                    i32,
                >>::try_from(v)
                    .ok()
            })
            .unwrap_or_default()
    }
    ///`optional mesos.v1.CheckStatusInfo.Command command = 2`: the message, `None` when absent.
    #[inline]
    pub fn command(&self) -> Option<crate::view::check_status_info::CommandView<'a>> {
        self.src
            .message(self.at[1], 2, Self::MAPS)
            .map(crate::view::check_status_info::CommandView::index)
    }
    ///`optional mesos.v1.CheckStatusInfo.Http http = 3`: the message, `None` when absent.
    #[inline]
    pub fn http(&self) -> Option<crate::view::check_status_info::HttpView<'a>> {
        self.src
            .message(self.at[2], 3, Self::MAPS)
            .map(crate::view::check_status_info::HttpView::index)
    }
    ///`optional mesos.v1.CheckStatusInfo.Tcp tcp = 4`: the message, `None` when absent.
    #[inline]
    pub fn tcp(&self) -> Option<crate::view::check_status_info::TcpView<'a>> {
        self.src
            .message(self.at[3], 4, Self::MAPS)
            .map(crate::view::check_status_info::TcpView::index)
    }
}
///A borrowed view of an encoded [`CommandInfo`](crate::v1::CommandInfo) (`mesos.v1.CommandInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct CommandInfoView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 6],
}
view_common!(CommandInfoView, crate ::v1::CommandInfo, "mesos.v1.CommandInfo");
#[allow(deprecated)]
impl<'a> CommandInfoView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.CommandInfo")? {
            let checked = match tag {
                1 => r.message(wt, depth, crate::view::command_info::UriView::validate),
                2 => r.message(wt, depth, crate::view::EnvironmentView::validate),
                6 => r.varint(wt),
                3 => r.string(wt),
                7 => r.string(wt),
                5 => r.string(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("uris", true),
            2 => ("environment", false),
            6 => ("shell", false),
            3 => ("value", false),
            7 => ("arguments", true),
            5 => ("user", false),
            _ => {
                return r.blame(e, "mesos.v1.CommandInfo", tag, &format!("#{tag}"), false);
            }
        };
        r.blame(e, "mesos.v1.CommandInfo", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 6];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                6 => at[2].push(key),
                3 => at[3].push(key),
                7 => at[4].push(key),
                5 => at[5].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`repeated mesos.v1.CommandInfo.URI uris = 1`: the elements in wire order.
    #[inline]
    pub fn uris(
        &self,
    ) -> crate::view::Repeated<'a, crate::view::command_info::UriView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[0], 1, Self::MAPS)
    }
    ///`optional mesos.v1.Environment environment = 2`: the message, `None` when absent.
    #[inline]
    pub fn environment(&self) -> Option<crate::view::EnvironmentView<'a>> {
        self.src
            .message(self.at[1], 2, Self::MAPS)
            .map(crate::view::EnvironmentView::index)
    }
    ///`optional bool shell = 6 [default = true]`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn shell_opt(&self) -> Option<bool> {
        crate::view::wire::varint_at(self.src.buf, self.at[2].last).map(|v| v != 0)
    }
    ///`optional bool shell = 6 [default = true]`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn shell(&self) -> bool {
        self.shell_opt().unwrap_or(true)
    }
    ///`optional string value = 3`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn value_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[3].last)
    }
    ///`optional string value = 3`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn value(&self) -> &'a str {
        self.value_opt().unwrap_or("")
    }
    ///`repeated string arguments = 7`: the elements in wire order (packed or not).
    #[inline]
    pub fn arguments(&self) -> crate::view::Repeated<'a, crate::view::kind::Str> {
        crate::view::Repeated::new(&self.src, self.at[4], 7, Self::MAPS)
    }
    ///`optional string user = 5`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn user_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[5].last)
    }
    ///`optional string user = 5`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn user(&self) -> &'a str {
        self.user_opt().unwrap_or("")
    }
}
///A borrowed view of an encoded [`ContainerId`](crate::v1::ContainerId) (`mesos.v1.ContainerID`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct ContainerIdView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 2],
}
view_common!(ContainerIdView, crate ::v1::ContainerId, "mesos.v1.ContainerID");
#[allow(deprecated)]
impl<'a> ContainerIdView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.ContainerID")? {
            let checked = match tag {
                1 => r.string(wt),
                2 => r.message(wt, depth, crate::view::ContainerIdView::validate),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("value", false),
            2 => ("parent", false),
            _ => {
                return r.blame(e, "mesos.v1.ContainerID", tag, &format!("#{tag}"), false);
            }
        };
        r.blame(e, "mesos.v1.ContainerID", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 2];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`required string value = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn value(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
    }
    ///`optional mesos.v1.ContainerID parent = 2`: the message, `None` when absent.
    #[inline]
    pub fn parent(&self) -> Option<crate::view::ContainerIdView<'a>> {
        self.src
            .message(self.at[1], 2, Self::MAPS)
            .map(crate::view::ContainerIdView::index)
    }
}
///A borrowed view of an encoded [`ContainerInfo`](crate::v1::ContainerInfo) (`mesos.v1.ContainerInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct ContainerInfoView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 9],
}
view_common!(ContainerInfoView, crate ::v1::ContainerInfo, "mesos.v1.ContainerInfo");
#[allow(deprecated)]
impl<'a> ContainerInfoView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.ContainerInfo")? {
            let checked = match tag {
                1 => r.varint(wt),
                2 => r.message(wt, depth, crate::view::VolumeView::validate),
                4 => r.string(wt),
                3 => {
                    r.message(
                        wt,
                        depth,
                        crate::view::container_info::DockerInfoView::validate,
                    )
                }
                5 => {
                    r.message(
                        wt,
                        depth,
                        crate::view::container_info::MesosInfoView::validate,
                    )
                }
                7 => r.message(wt, depth, crate::view::NetworkInfoView::validate),
                8 => r.message(wt, depth, crate::view::LinuxInfoView::validate),
                9 => r.message(wt, depth, crate::view::RLimitInfoView::validate),
                10 => r.message(wt, depth, crate::view::TtyInfoView::validate),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("type", false),
            2 => ("volumes", true),
            4 => ("hostname", false),
            3 => ("docker", false),
            5 => ("mesos", false),
            7 => ("network_infos", true),
            8 => ("linux_info", false),
            9 => ("rlimit_info", false),
            10 => ("tty_info", false),
            _ => {
                return r
                    .blame(e, "mesos.v1.ContainerInfo", tag, &format!("#{tag}"), false);
            }
        };
        r.blame(e, "mesos.v1.ContainerInfo", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 9];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                4 => at[2].push(key),
                3 => at[3].push(key),
                5 => at[4].push(key),
                7 => at[5].push(key),
                8 => at[6].push(key),
                9 => at[7].push(key),
                10 => at[8].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`required mesos.v1.ContainerInfo.Type type = 1`: the number prost's field holds (the default's when absent).
    #[inline]
    pub fn type_raw(&self) -> i32 {
        crate::view::wire::varint_at(self.src.buf, self.at[0].last)
            .map(|v| v as i32)
            .unwrap_or(
                <crate::v1::container_info::Type as ::core::default::Default>::default()
                    as i32,
            )
    }
    ///`required mesos.v1.ContainerInfo.Type type = 1`: the enum value, or the default when unknown, like prost's getter.
    #[inline]
    pub fn r#type(&self) -> crate::v1::container_info::Type {
        <crate::v1::container_info::Type as ::core::convert::TryFrom<
            i32,
        >>::try_from(self.type_raw())
            .unwrap_or_default()
    }
    ///`repeated mesos.v1.Volume volumes = 2`: the elements in wire order.
    #[inline]
    pub fn volumes(&self) -> crate::view::Repeated<'a, crate::view::VolumeView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[1], 2, Self::MAPS)
    }
    ///`optional string hostname = 4`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn hostname_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[2].last)
    }
    ///`optional string hostname = 4`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn hostname(&self) -> &'a str {
        self.hostname_opt().unwrap_or("")
    }
    ///`optional mesos.v1.ContainerInfo.DockerInfo docker = 3`: the message, `None` when absent.
    #[inline]
    pub fn docker(&self) -> Option<crate::view::container_info::DockerInfoView<'a>> {
        self.src
            .message(self.at[3], 3, Self::MAPS)
            .map(crate::view::container_info::DockerInfoView::index)
    }
    ///`optional mesos.v1.ContainerInfo.MesosInfo mesos = 5`: the message, `None` when absent.
    #[inline]
    pub fn mesos(&self) -> Option<crate::view::container_info::MesosInfoView<'a>> {
        self.src
            .message(self.at[4], 5, Self::MAPS)
            .map(crate::view::container_info::MesosInfoView::index)
    }
    ///`repeated mesos.v1.NetworkInfo network_infos = 7`: the elements in wire order.
    #[inline]
    pub fn network_infos(
        &self,
    ) -> crate::view::Repeated<'a, crate::view::NetworkInfoView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[5], 7, Self::MAPS)
    }
    ///`optional mesos.v1.LinuxInfo linux_info = 8`: the message, `None` when absent.
    #[inline]
    pub fn linux_info(&self) -> Option<crate::view::LinuxInfoView<'a>> {
        self.src
            .message(self.at[6], 8, Self::MAPS)
            .map(crate::view::LinuxInfoView::index)
    }
    ///`optional mesos.v1.RLimitInfo rlimit_info = 9`: the message, `None` when absent.
    #[inline]
    pub fn rlimit_info(&self) -> Option<crate::view::RLimitInfoView<'a>> {
        self.src
            .message(self.at[7], 9, Self::MAPS)
            .map(crate::view::RLimitInfoView::index)
    }
    ///`optional mesos.v1.TTYInfo tty_info = 10`: the message, `None` when absent.
    #[inline]
    pub fn tty_info(&self) -> Option<crate::view::TtyInfoView<'a>> {
        self.src.message(self.at[8], 10, Self::MAPS).map(crate::view::TtyInfoView::index)
    }
}
///A borrowed view of an encoded [`ContainerStatus`](crate::v1::ContainerStatus) (`mesos.v1.ContainerStatus`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct ContainerStatusView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 4],
}
view_common!(
    ContainerStatusView, crate ::v1::ContainerStatus, "mesos.v1.ContainerStatus"
);
#[allow(deprecated)]
impl<'a> ContainerStatusView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.ContainerStatus")? {
            let checked = match tag {
                4 => r.message(wt, depth, crate::view::ContainerIdView::validate),
                1 => r.message(wt, depth, crate::view::NetworkInfoView::validate),
                2 => r.message(wt, depth, crate::view::CgroupInfoView::validate),
                3 => r.varint(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            4 => ("container_id", false),
            1 => ("network_infos", true),
            2 => ("cgroup_info", false),
            3 => ("executor_pid", false),
            _ => {
                return r
                    .blame(e, "mesos.v1.ContainerStatus", tag, &format!("#{tag}"), false);
            }
        };
        r.blame(e, "mesos.v1.ContainerStatus", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 4];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                4 => at[0].push(key),
                1 => at[1].push(key),
                2 => at[2].push(key),
                3 => at[3].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`optional mesos.v1.ContainerID container_id = 4`: the message, `None` when absent.
    #[inline]
    pub fn container_id(&self) -> Option<crate::view::ContainerIdView<'a>> {
        self.src
            .message(self.at[0], 4, Self::MAPS)
            .map(crate::view::ContainerIdView::index)
    }
    ///`repeated mesos.v1.NetworkInfo network_infos = 1`: the elements in wire order.
    #[inline]
    pub fn network_infos(
        &self,
    ) -> crate::view::Repeated<'a, crate::view::NetworkInfoView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[1], 1, Self::MAPS)
    }
    ///`optional mesos.v1.CgroupInfo cgroup_info = 2`: the message, `None` when absent.
    #[inline]
    pub fn cgroup_info(&self) -> Option<crate::view::CgroupInfoView<'a>> {
        self.src
            .message(self.at[2], 2, Self::MAPS)
            .map(crate::view::CgroupInfoView::index)
    }
    ///`optional uint32 executor_pid = 3`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn executor_pid_opt(&self) -> Option<u32> {
        crate::view::wire::varint_at(self.src.buf, self.at[3].last).map(|v| v as u32)
    }
    ///`optional uint32 executor_pid = 3`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn executor_pid(&self) -> u32 {
        self.executor_pid_opt().unwrap_or(0)
    }
}
///A borrowed view of an encoded [`Credential`](crate::v1::Credential) (`mesos.v1.Credential`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct CredentialView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 2],
}
view_common!(CredentialView, crate ::v1::Credential, "mesos.v1.Credential");
#[allow(deprecated)]
impl<'a> CredentialView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.Credential")? {
            let checked = match tag {
                1 => r.string(wt),
                2 => r.string(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("principal", false),
            2 => ("secret", false),
            _ => return r.blame(e, "mesos.v1.Credential", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.Credential", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 2];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`required string principal = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn principal(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
    }
    ///`optional string secret = 2`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn secret_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[1].last)
    }
    ///`optional string secret = 2`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn secret(&self) -> &'a str {
        self.secret_opt().unwrap_or("")
    }
}
///A borrowed view of an encoded [`DiscoveryInfo`](crate::v1::DiscoveryInfo) (`mesos.v1.DiscoveryInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct DiscoveryInfoView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 7],
}
view_common!(DiscoveryInfoView, crate ::v1::DiscoveryInfo, "mesos.v1.DiscoveryInfo");
#[allow(deprecated)]
impl<'a> DiscoveryInfoView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.DiscoveryInfo")? {
            let checked = match tag {
                1 => r.varint(wt),
                2 => r.string(wt),
                3 => r.string(wt),
                4 => r.string(wt),
                5 => r.string(wt),
                6 => r.message(wt, depth, crate::view::PortsView::validate),
                7 => r.message(wt, depth, crate::view::LabelsView::validate),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("visibility", false),
            2 => ("name", false),
            3 => ("environment", false),
            4 => ("location", false),
            5 => ("version", false),
            6 => ("ports", false),
            7 => ("labels", false),
            _ => {
                return r
                    .blame(e, "mesos.v1.DiscoveryInfo", tag, &format!("#{tag}"), false);
            }
        };
        r.blame(e, "mesos.v1.DiscoveryInfo", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 7];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                3 => at[2].push(key),
                4 => at[3].push(key),
                5 => at[4].push(key),
                6 => at[5].push(key),
                7 => at[6].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`required mesos.v1.DiscoveryInfo.Visibility visibility = 1`: the number prost's field holds (the default's when absent).
    #[inline]
    pub fn visibility_raw(&self) -> i32 {
        crate::view::wire::varint_at(self.src.buf, self.at[0].last)
            .map(|v| v as i32)
            .unwrap_or(
                <crate::v1::discovery_info::Visibility as ::core::default::Default>::default()
                    as i32,
            )
    }
    ///`required mesos.v1.DiscoveryInfo.Visibility visibility = 1`: the enum value, or the default when unknown, like prost's getter.
    #[inline]
    pub fn visibility(&self) -> crate::v1::discovery_info::Visibility {
        <crate::v1::discovery_info::Visibility as ::core::convert::TryFrom<
            i32,
        >>::try_from(self.visibility_raw())
            .unwrap_or_default()
    }
    ///`optional string name = 2`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn name_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[1].last)
    }
    ///`optional string name = 2`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn name(&self) -> &'a str {
        self.name_opt().unwrap_or("")
    }
    ///`optional string environment = 3`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn environment_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[2].last)
    }
    ///`optional string environment = 3`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn environment(&self) -> &'a str {
        self.environment_opt().unwrap_or("")
    }
    ///`optional string location = 4`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn location_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[3].last)
    }
    ///`optional string location = 4`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn location(&self) -> &'a str {
        self.location_opt().unwrap_or("")
    }
    ///`optional string version = 5`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn version_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[4].last)
    }
    ///`optional string version = 5`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn version(&self) -> &'a str {
        self.version_opt().unwrap_or("")
    }
    ///`optional mesos.v1.Ports ports = 6`: the message, `None` when absent.
    #[inline]
    pub fn ports(&self) -> Option<crate::view::PortsView<'a>> {
        self.src.message(self.at[5], 6, Self::MAPS).map(crate::view::PortsView::index)
    }
    ///`optional mesos.v1.Labels labels = 7`: the message, `None` when absent.
    #[inline]
    pub fn labels(&self) -> Option<crate::view::LabelsView<'a>> {
        self.src.message(self.at[6], 7, Self::MAPS).map(crate::view::LabelsView::index)
    }
}
///A borrowed view of an encoded [`DomainInfo`](crate::v1::DomainInfo) (`mesos.v1.DomainInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct DomainInfoView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(DomainInfoView, crate ::v1::DomainInfo, "mesos.v1.DomainInfo");
#[allow(deprecated)]
impl<'a> DomainInfoView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.DomainInfo")? {
            let checked = match tag {
                1 => {
                    r.message(
                        wt,
                        depth,
                        crate::view::domain_info::FaultDomainView::validate,
                    )
                }
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("fault_domain", false),
            _ => return r.blame(e, "mesos.v1.DomainInfo", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.DomainInfo", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`optional mesos.v1.DomainInfo.FaultDomain fault_domain = 1`: the message, `None` when absent.
    #[inline]
    pub fn fault_domain(&self) -> Option<crate::view::domain_info::FaultDomainView<'a>> {
        self.src
            .message(self.at[0], 1, Self::MAPS)
            .map(crate::view::domain_info::FaultDomainView::index)
    }
}
///A borrowed view of an encoded [`DurationInfo`](crate::v1::DurationInfo) (`mesos.v1.DurationInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct DurationInfoView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(DurationInfoView, crate ::v1::DurationInfo, "mesos.v1.DurationInfo");
#[allow(deprecated)]
impl<'a> DurationInfoView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.DurationInfo")? {
            let checked = match tag {
                1 => r.varint(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("nanoseconds", false),
            _ => {
                return r
                    .blame(e, "mesos.v1.DurationInfo", tag, &format!("#{tag}"), false);
            }
        };
        r.blame(e, "mesos.v1.DurationInfo", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`required int64 nanoseconds = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn nanoseconds(&self) -> i64 {
        crate::view::wire::varint_at(self.src.buf, self.at[0].last)
            .map(|v| v as i64)
            .unwrap_or(0)
    }
}
///A borrowed view of an encoded [`Environment`](crate::v1::Environment) (`mesos.v1.Environment`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct EnvironmentView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(EnvironmentView, crate ::v1::Environment, "mesos.v1.Environment");
#[allow(deprecated)]
impl<'a> EnvironmentView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.Environment")? {
            let checked = match tag {
                1 => {
                    r.message(
                        wt,
                        depth,
                        crate::view::environment::VariableView::validate,
                    )
                }
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("variables", true),
            _ => {
                return r.blame(e, "mesos.v1.Environment", tag, &format!("#{tag}"), false);
            }
        };
        r.blame(e, "mesos.v1.Environment", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`repeated mesos.v1.Environment.Variable variables = 1`: the elements in wire order.
    #[inline]
    pub fn variables(
        &self,
    ) -> crate::view::Repeated<'a, crate::view::environment::VariableView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[0], 1, Self::MAPS)
    }
}
///A borrowed view of an encoded [`ExecutorId`](crate::v1::ExecutorId) (`mesos.v1.ExecutorID`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct ExecutorIdView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(ExecutorIdView, crate ::v1::ExecutorId, "mesos.v1.ExecutorID");
#[allow(deprecated)]
impl<'a> ExecutorIdView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.ExecutorID")? {
            let checked = match tag {
                1 => r.string(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("value", false),
            _ => return r.blame(e, "mesos.v1.ExecutorID", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.ExecutorID", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`required string value = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn value(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
    }
}
///A borrowed view of an encoded [`ExecutorInfo`](crate::v1::ExecutorInfo) (`mesos.v1.ExecutorInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct ExecutorInfoView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 12],
}
view_common!(ExecutorInfoView, crate ::v1::ExecutorInfo, "mesos.v1.ExecutorInfo");
#[allow(deprecated)]
impl<'a> ExecutorInfoView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.ExecutorInfo")? {
            let checked = match tag {
                15 => r.varint(wt),
                1 => r.message(wt, depth, crate::view::ExecutorIdView::validate),
                8 => r.message(wt, depth, crate::view::FrameworkIdView::validate),
                7 => r.message(wt, depth, crate::view::CommandInfoView::validate),
                11 => r.message(wt, depth, crate::view::ContainerInfoView::validate),
                5 => r.message(wt, depth, crate::view::ResourceView::validate),
                9 => r.string(wt),
                10 => r.string(wt),
                4 => r.bytes(wt),
                12 => r.message(wt, depth, crate::view::DiscoveryInfoView::validate),
                13 => r.message(wt, depth, crate::view::DurationInfoView::validate),
                14 => r.message(wt, depth, crate::view::LabelsView::validate),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            15 => ("type", false),
            1 => ("executor_id", false),
            8 => ("framework_id", false),
            7 => ("command", false),
            11 => ("container", false),
            5 => ("resources", true),
            9 => ("name", false),
            10 => ("source", false),
            4 => ("data", false),
            12 => ("discovery", false),
            13 => ("shutdown_grace_period", false),
            14 => ("labels", false),
            _ => {
                return r
                    .blame(e, "mesos.v1.ExecutorInfo", tag, &format!("#{tag}"), false);
            }
        };
        r.blame(e, "mesos.v1.ExecutorInfo", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 12];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                15 => at[0].push(key),
                1 => at[1].push(key),
                8 => at[2].push(key),
                7 => at[3].push(key),
                11 => at[4].push(key),
                5 => at[5].push(key),
                9 => at[6].push(key),
                10 => at[7].push(key),
                4 => at[8].push(key),
                12 => at[9].push(key),
                13 => at[10].push(key),
                14 => at[11].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`optional mesos.v1.ExecutorInfo.Type type = 15`: the number prost's field holds, `None` when absent.
    #[inline]
    pub fn type_raw(&self) -> Option<i32> {
        crate::view::wire::varint_at(self.src.buf, self.at[0].last).map(|v| v as i32)
    }
    ///`optional mesos.v1.ExecutorInfo.Type type = 15`: the enum value, or the default when absent or unknown, like prost's getter.
    #[inline]
    pub fn r#type(&self) -> crate::v1::executor_info::Type {
        self.type_raw()
            .and_then(|v| {
                <crate::v1::executor_info::Type as ::core::convert::TryFrom<
                    i32,
                >>::try_from(v)
                    .ok()
            })
            .unwrap_or_default()
    }
    ///`required mesos.v1.ExecutorID executor_id = 1`: the message (all defaults when absent, as prost leaves it).
    #[inline]
    pub fn executor_id(&self) -> crate::view::ExecutorIdView<'a> {
        crate::view::ExecutorIdView::index(
            self
                .src
                .message(self.at[1], 1, Self::MAPS)
                .unwrap_or(crate::view::wire::Src::one(&[])),
        )
    }
    ///`optional mesos.v1.FrameworkID framework_id = 8`: the message, `None` when absent.
    #[inline]
    pub fn framework_id(&self) -> Option<crate::view::FrameworkIdView<'a>> {
        self.src
            .message(self.at[2], 8, Self::MAPS)
            .map(crate::view::FrameworkIdView::index)
    }
    ///`optional mesos.v1.CommandInfo command = 7`: the message, `None` when absent.
    #[inline]
    pub fn command(&self) -> Option<crate::view::CommandInfoView<'a>> {
        self.src
            .message(self.at[3], 7, Self::MAPS)
            .map(crate::view::CommandInfoView::index)
    }
    ///`optional mesos.v1.ContainerInfo container = 11`: the message, `None` when absent.
    #[inline]
    pub fn container(&self) -> Option<crate::view::ContainerInfoView<'a>> {
        self.src
            .message(self.at[4], 11, Self::MAPS)
            .map(crate::view::ContainerInfoView::index)
    }
    ///`repeated mesos.v1.Resource resources = 5`: the elements in wire order.
    #[inline]
    pub fn resources(&self) -> crate::view::Repeated<'a, crate::view::ResourceView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[5], 5, Self::MAPS)
    }
    ///`optional string name = 9`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn name_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[6].last)
    }
    ///`optional string name = 9`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn name(&self) -> &'a str {
        self.name_opt().unwrap_or("")
    }
    ///`optional string source = 10 (deprecated)`: what prost's field holds: `None` when absent.
    #[deprecated]
    #[inline]
    pub fn source_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[7].last)
    }
    ///`optional string source = 10 (deprecated)`: the value, or the default when absent, like prost's getter.
    #[deprecated]
    #[inline]
    pub fn source(&self) -> &'a str {
        self.source_opt().unwrap_or("")
    }
    ///`optional bytes data = 4`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn data_opt(&self) -> Option<&'a [u8]> {
        crate::view::wire::len_at(self.src.buf, self.at[8].last)
    }
    ///`optional bytes data = 4`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn data(&self) -> &'a [u8] {
        self.data_opt().unwrap_or(&[])
    }
    ///`optional mesos.v1.DiscoveryInfo discovery = 12`: the message, `None` when absent.
    #[inline]
    pub fn discovery(&self) -> Option<crate::view::DiscoveryInfoView<'a>> {
        self.src
            .message(self.at[9], 12, Self::MAPS)
            .map(crate::view::DiscoveryInfoView::index)
    }
    ///`optional mesos.v1.DurationInfo shutdown_grace_period = 13`: the message, `None` when absent.
    #[inline]
    pub fn shutdown_grace_period(&self) -> Option<crate::view::DurationInfoView<'a>> {
        self.src
            .message(self.at[10], 13, Self::MAPS)
            .map(crate::view::DurationInfoView::index)
    }
    ///`optional mesos.v1.Labels labels = 14`: the message, `None` when absent.
    #[inline]
    pub fn labels(&self) -> Option<crate::view::LabelsView<'a>> {
        self.src.message(self.at[11], 14, Self::MAPS).map(crate::view::LabelsView::index)
    }
}
///A borrowed view of an encoded [`FrameworkId`](crate::v1::FrameworkId) (`mesos.v1.FrameworkID`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct FrameworkIdView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(FrameworkIdView, crate ::v1::FrameworkId, "mesos.v1.FrameworkID");
#[allow(deprecated)]
impl<'a> FrameworkIdView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.FrameworkID")? {
            let checked = match tag {
                1 => r.string(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("value", false),
            _ => {
                return r.blame(e, "mesos.v1.FrameworkID", tag, &format!("#{tag}"), false);
            }
        };
        r.blame(e, "mesos.v1.FrameworkID", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`required string value = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn value(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
    }
}
///A borrowed view of an encoded [`FrameworkInfo`](crate::v1::FrameworkInfo) (`mesos.v1.FrameworkInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct FrameworkInfoView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 13],
}
view_common!(FrameworkInfoView, crate ::v1::FrameworkInfo, "mesos.v1.FrameworkInfo");
#[allow(deprecated)]
impl<'a> FrameworkInfoView<'a> {
    const MAPS: &'static [u32] = &[13];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.FrameworkInfo")? {
            let checked = match tag {
                1 => r.string(wt),
                2 => r.string(wt),
                3 => r.message(wt, depth, crate::view::FrameworkIdView::validate),
                4 => r.fixed64(wt),
                5 => r.varint(wt),
                6 => r.string(wt),
                12 => r.string(wt),
                7 => r.string(wt),
                8 => r.string(wt),
                9 => r.string(wt),
                10 => {
                    r.message(
                        wt,
                        depth,
                        crate::view::framework_info::CapabilityView::validate,
                    )
                }
                11 => r.message(wt, depth, crate::view::LabelsView::validate),
                13 => {
                    r.map(
                        depth,
                        crate::view::framework_info::OfferFiltersEntryView::validate,
                    )
                }
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("user", false),
            2 => ("name", false),
            3 => ("id", false),
            4 => ("failover_timeout", false),
            5 => ("checkpoint", false),
            6 => ("role", false),
            12 => ("roles", true),
            7 => ("hostname", false),
            8 => ("principal", false),
            9 => ("webui_url", false),
            10 => ("capabilities", true),
            11 => ("labels", false),
            13 => ("offer_filters", true),
            _ => {
                return r
                    .blame(e, "mesos.v1.FrameworkInfo", tag, &format!("#{tag}"), false);
            }
        };
        r.blame(e, "mesos.v1.FrameworkInfo", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 13];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                3 => at[2].push(key),
                4 => at[3].push(key),
                5 => at[4].push(key),
                6 => at[5].push(key),
                12 => at[6].push(key),
                7 => at[7].push(key),
                8 => at[8].push(key),
                9 => at[9].push(key),
                10 => at[10].push(key),
                11 => at[11].push(key),
                13 => at[12].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`required string user = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn user(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
    }
    ///`required string name = 2`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn name(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[1].last).unwrap_or("")
    }
    ///`optional mesos.v1.FrameworkID id = 3`: the message, `None` when absent.
    #[inline]
    pub fn id(&self) -> Option<crate::view::FrameworkIdView<'a>> {
        self.src
            .message(self.at[2], 3, Self::MAPS)
            .map(crate::view::FrameworkIdView::index)
    }
    ///`optional double failover_timeout = 4 [default = 0]`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn failover_timeout_opt(&self) -> Option<f64> {
        crate::view::wire::fixed64_at(self.src.buf, self.at[3].last).map(f64::from_bits)
    }
    ///`optional double failover_timeout = 4 [default = 0]`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn failover_timeout(&self) -> f64 {
        self.failover_timeout_opt().unwrap_or(0f64)
    }
    ///`optional bool checkpoint = 5 [default = false]`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn checkpoint_opt(&self) -> Option<bool> {
        crate::view::wire::varint_at(self.src.buf, self.at[4].last).map(|v| v != 0)
    }
    ///`optional bool checkpoint = 5 [default = false]`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn checkpoint(&self) -> bool {
        self.checkpoint_opt().unwrap_or(false)
    }
    ///`optional string role = 6 [default = "*"] (deprecated)`: what prost's field holds: `None` when absent.
    #[deprecated]
    #[inline]
    pub fn role_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[5].last)
    }
    ///`optional string role = 6 [default = "*"] (deprecated)`: the value, or the default when absent, like prost's getter.
    #[deprecated]
    #[inline]
    pub fn role(&self) -> &'a str {
        self.role_opt().unwrap_or("*")
    }
    ///`repeated string roles = 12`: the elements in wire order (packed or not).
    #[inline]
    pub fn roles(&self) -> crate::view::Repeated<'a, crate::view::kind::Str> {
        crate::view::Repeated::new(&self.src, self.at[6], 12, Self::MAPS)
    }
    ///`optional string hostname = 7`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn hostname_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[7].last)
    }
    ///`optional string hostname = 7`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn hostname(&self) -> &'a str {
        self.hostname_opt().unwrap_or("")
    }
    ///`optional string principal = 8`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn principal_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[8].last)
    }
    ///`optional string principal = 8`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn principal(&self) -> &'a str {
        self.principal_opt().unwrap_or("")
    }
    ///`optional string webui_url = 9`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn webui_url_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[9].last)
    }
    ///`optional string webui_url = 9`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn webui_url(&self) -> &'a str {
        self.webui_url_opt().unwrap_or("")
    }
    ///`repeated mesos.v1.FrameworkInfo.Capability capabilities = 10`: the elements in wire order.
    #[inline]
    pub fn capabilities(
        &self,
    ) -> crate::view::Repeated<'a, crate::view::framework_info::CapabilityView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[10], 10, Self::MAPS)
    }
    ///`optional mesos.v1.Labels labels = 11`: the message, `None` when absent.
    #[inline]
    pub fn labels(&self) -> Option<crate::view::LabelsView<'a>> {
        self.src.message(self.at[11], 11, Self::MAPS).map(crate::view::LabelsView::index)
    }
    ///`repeated mesos.v1.FrameworkInfo.OfferFiltersEntry offer_filters = 13`: the map's entries in wire order (prost keeps the last entry of each key).
    #[inline]
    pub fn offer_filters(
        &self,
    ) -> crate::view::Repeated<
        'a,
        crate::view::framework_info::OfferFiltersEntryView<'a>,
    > {
        crate::view::Repeated::new(&self.src, self.at[12], 13, Self::MAPS)
    }
}
///A borrowed view of an encoded [`HealthCheck`](crate::v1::HealthCheck) (`mesos.v1.HealthCheck`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct HealthCheckView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 9],
}
view_common!(HealthCheckView, crate ::v1::HealthCheck, "mesos.v1.HealthCheck");
#[allow(deprecated)]
impl<'a> HealthCheckView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.HealthCheck")? {
            let checked = match tag {
                2 => r.fixed64(wt),
                3 => r.fixed64(wt),
                4 => r.fixed64(wt),
                5 => r.varint(wt),
                6 => r.fixed64(wt),
                8 => r.varint(wt),
                7 => r.message(wt, depth, crate::view::CommandInfoView::validate),
                1 => {
                    r.message(
                        wt,
                        depth,
                        crate::view::health_check::HttpCheckInfoView::validate,
                    )
                }
                9 => {
                    r.message(
                        wt,
                        depth,
                        crate::view::health_check::TcpCheckInfoView::validate,
                    )
                }
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            2 => ("delay_seconds", false),
            3 => ("interval_seconds", false),
            4 => ("timeout_seconds", false),
            5 => ("consecutive_failures", false),
            6 => ("grace_period_seconds", false),
            8 => ("type", false),
            7 => ("command", false),
            1 => ("http", false),
            9 => ("tcp", false),
            _ => {
                return r.blame(e, "mesos.v1.HealthCheck", tag, &format!("#{tag}"), false);
            }
        };
        r.blame(e, "mesos.v1.HealthCheck", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 9];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                2 => at[0].push(key),
                3 => at[1].push(key),
                4 => at[2].push(key),
                5 => at[3].push(key),
                6 => at[4].push(key),
                8 => at[5].push(key),
                7 => at[6].push(key),
                1 => at[7].push(key),
                9 => at[8].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`optional double delay_seconds = 2 [default = 15]`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn delay_seconds_opt(&self) -> Option<f64> {
        crate::view::wire::fixed64_at(self.src.buf, self.at[0].last).map(f64::from_bits)
    }
    ///`optional double delay_seconds = 2 [default = 15]`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn delay_seconds(&self) -> f64 {
        self.delay_seconds_opt().unwrap_or(15f64)
    }
    ///`optional double interval_seconds = 3 [default = 10]`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn interval_seconds_opt(&self) -> Option<f64> {
        crate::view::wire::fixed64_at(self.src.buf, self.at[1].last).map(f64::from_bits)
    }
    ///`optional double interval_seconds = 3 [default = 10]`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn interval_seconds(&self) -> f64 {
        self.interval_seconds_opt().unwrap_or(10f64)
    }
    ///`optional double timeout_seconds = 4 [default = 20]`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn timeout_seconds_opt(&self) -> Option<f64> {
        crate::view::wire::fixed64_at(self.src.buf, self.at[2].last).map(f64::from_bits)
    }
    ///`optional double timeout_seconds = 4 [default = 20]`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn timeout_seconds(&self) -> f64 {
        self.timeout_seconds_opt().unwrap_or(20f64)
    }
    ///`optional uint32 consecutive_failures = 5 [default = 3]`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn consecutive_failures_opt(&self) -> Option<u32> {
        crate::view::wire::varint_at(self.src.buf, self.at[3].last).map(|v| v as u32)
    }
    ///`optional uint32 consecutive_failures = 5 [default = 3]`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn consecutive_failures(&self) -> u32 {
        self.consecutive_failures_opt().unwrap_or(3u32)
    }
    ///`optional double grace_period_seconds = 6 [default = 10]`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn grace_period_seconds_opt(&self) -> Option<f64> {
        crate::view::wire::fixed64_at(self.src.buf, self.at[4].last).map(f64::from_bits)
    }
    ///`optional double grace_period_seconds = 6 [default = 10]`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn grace_period_seconds(&self) -> f64 {
        self.grace_period_seconds_opt().unwrap_or(10f64)
    }
    ///`optional mesos.v1.HealthCheck.Type type = 8`: the number prost's field holds, `None` when absent.
    #[inline]
    pub fn type_raw(&self) -> Option<i32> {
        crate::view::wire::varint_at(self.src.buf, self.at[5].last).map(|v| v as i32)
    }
    ///`optional mesos.v1.HealthCheck.Type type = 8`: the enum value, or the default when absent or unknown, like prost's getter.
    #[inline]
    pub fn r#type(&self) -> crate::v1::health_check::Type {
        self.type_raw()
            .and_then(|v| {
                <crate::v1::health_check::Type as ::core::convert::TryFrom<
                    i32,
                >>::try_from(v)
                    .ok()
            })
            .unwrap_or_default()
    }
    ///`optional mesos.v1.CommandInfo command = 7`: the message, `None` when absent.
    #[inline]
    pub fn command(&self) -> Option<crate::view::CommandInfoView<'a>> {
        self.src
            .message(self.at[6], 7, Self::MAPS)
            .map(crate::view::CommandInfoView::index)
    }
    ///`optional mesos.v1.HealthCheck.HTTPCheckInfo http = 1`: the message, `None` when absent.
    #[inline]
    pub fn http(&self) -> Option<crate::view::health_check::HttpCheckInfoView<'a>> {
        self.src
            .message(self.at[7], 1, Self::MAPS)
            .map(crate::view::health_check::HttpCheckInfoView::index)
    }
    ///`optional mesos.v1.HealthCheck.TCPCheckInfo tcp = 9`: the message, `None` when absent.
    #[inline]
    pub fn tcp(&self) -> Option<crate::view::health_check::TcpCheckInfoView<'a>> {
        self.src
            .message(self.at[8], 9, Self::MAPS)
            .map(crate::view::health_check::TcpCheckInfoView::index)
    }
}
///A borrowed view of an encoded [`Image`](crate::v1::Image) (`mesos.v1.Image`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct ImageView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 4],
}
view_common!(ImageView, crate ::v1::Image, "mesos.v1.Image");
#[allow(deprecated)]
impl<'a> ImageView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.Image")? {
            let checked = match tag {
                1 => r.varint(wt),
                2 => r.message(wt, depth, crate::view::image::AppcView::validate),
                3 => r.message(wt, depth, crate::view::image::DockerView::validate),
                4 => r.varint(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("type", false),
            2 => ("appc", false),
            3 => ("docker", false),
            4 => ("cached", false),
            _ => return r.blame(e, "mesos.v1.Image", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.Image", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 4];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                3 => at[2].push(key),
                4 => at[3].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`required mesos.v1.Image.Type type = 1`: the number prost's field holds (the default's when absent).
    #[inline]
    pub fn type_raw(&self) -> i32 {
        crate::view::wire::varint_at(self.src.buf, self.at[0].last)
            .map(|v| v as i32)
            .unwrap_or(
                <crate::v1::image::Type as ::core::default::Default>::default() as i32,
            )
    }
    ///`required mesos.v1.Image.Type type = 1`: the enum value, or the default when unknown, like prost's getter.
    #[inline]
    pub fn r#type(&self) -> crate::v1::image::Type {
        <crate::v1::image::Type as ::core::convert::TryFrom<
            i32,
        >>::try_from(self.type_raw())
            .unwrap_or_default()
    }
    ///`optional mesos.v1.Image.Appc appc = 2`: the message, `None` when absent.
    #[inline]
    pub fn appc(&self) -> Option<crate::view::image::AppcView<'a>> {
        self.src
            .message(self.at[1], 2, Self::MAPS)
            .map(crate::view::image::AppcView::index)
    }
    ///`optional mesos.v1.Image.Docker docker = 3`: the message, `None` when absent.
    #[inline]
    pub fn docker(&self) -> Option<crate::view::image::DockerView<'a>> {
        self.src
            .message(self.at[2], 3, Self::MAPS)
            .map(crate::view::image::DockerView::index)
    }
    ///`optional bool cached = 4 [default = true]`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn cached_opt(&self) -> Option<bool> {
        crate::view::wire::varint_at(self.src.buf, self.at[3].last).map(|v| v != 0)
    }
    ///`optional bool cached = 4 [default = true]`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn cached(&self) -> bool {
        self.cached_opt().unwrap_or(true)
    }
}
///A borrowed view of an encoded [`InverseOffer`](crate::v1::InverseOffer) (`mesos.v1.InverseOffer`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct InverseOfferView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 6],
}
view_common!(InverseOfferView, crate ::v1::InverseOffer, "mesos.v1.InverseOffer");
#[allow(deprecated)]
impl<'a> InverseOfferView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.InverseOffer")? {
            let checked = match tag {
                1 => r.message(wt, depth, crate::view::OfferIdView::validate),
                2 => r.message(wt, depth, crate::view::UrlView::validate),
                3 => r.message(wt, depth, crate::view::FrameworkIdView::validate),
                4 => r.message(wt, depth, crate::view::AgentIdView::validate),
                5 => r.message(wt, depth, crate::view::UnavailabilityView::validate),
                6 => r.message(wt, depth, crate::view::ResourceView::validate),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("id", false),
            2 => ("url", false),
            3 => ("framework_id", false),
            4 => ("agent_id", false),
            5 => ("unavailability", false),
            6 => ("resources", true),
            _ => {
                return r
                    .blame(e, "mesos.v1.InverseOffer", tag, &format!("#{tag}"), false);
            }
        };
        r.blame(e, "mesos.v1.InverseOffer", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 6];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                3 => at[2].push(key),
                4 => at[3].push(key),
                5 => at[4].push(key),
                6 => at[5].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`required mesos.v1.OfferID id = 1`: the message (all defaults when absent, as prost leaves it).
    #[inline]
    pub fn id(&self) -> crate::view::OfferIdView<'a> {
        crate::view::OfferIdView::index(
            self
                .src
                .message(self.at[0], 1, Self::MAPS)
                .unwrap_or(crate::view::wire::Src::one(&[])),
        )
    }
    ///`optional mesos.v1.URL url = 2`: the message, `None` when absent.
    #[inline]
    pub fn url(&self) -> Option<crate::view::UrlView<'a>> {
        self.src.message(self.at[1], 2, Self::MAPS).map(crate::view::UrlView::index)
    }
    ///`required mesos.v1.FrameworkID framework_id = 3`: the message (all defaults when absent, as prost leaves it).
    #[inline]
    pub fn framework_id(&self) -> crate::view::FrameworkIdView<'a> {
        crate::view::FrameworkIdView::index(
            self
                .src
                .message(self.at[2], 3, Self::MAPS)
                .unwrap_or(crate::view::wire::Src::one(&[])),
        )
    }
    ///`optional mesos.v1.AgentID agent_id = 4`: the message, `None` when absent.
    #[inline]
    pub fn agent_id(&self) -> Option<crate::view::AgentIdView<'a>> {
        self.src.message(self.at[3], 4, Self::MAPS).map(crate::view::AgentIdView::index)
    }
    ///`required mesos.v1.Unavailability unavailability = 5`: the message (all defaults when absent, as prost leaves it).
    #[inline]
    pub fn unavailability(&self) -> crate::view::UnavailabilityView<'a> {
        crate::view::UnavailabilityView::index(
            self
                .src
                .message(self.at[4], 5, Self::MAPS)
                .unwrap_or(crate::view::wire::Src::one(&[])),
        )
    }
    ///`repeated mesos.v1.Resource resources = 6`: the elements in wire order.
    #[inline]
    pub fn resources(&self) -> crate::view::Repeated<'a, crate::view::ResourceView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[5], 6, Self::MAPS)
    }
}
///A borrowed view of an encoded [`KillPolicy`](crate::v1::KillPolicy) (`mesos.v1.KillPolicy`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct KillPolicyView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(KillPolicyView, crate ::v1::KillPolicy, "mesos.v1.KillPolicy");
#[allow(deprecated)]
impl<'a> KillPolicyView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.KillPolicy")? {
            let checked = match tag {
                1 => r.message(wt, depth, crate::view::DurationInfoView::validate),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("grace_period", false),
            _ => return r.blame(e, "mesos.v1.KillPolicy", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.KillPolicy", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`optional mesos.v1.DurationInfo grace_period = 1`: the message, `None` when absent.
    #[inline]
    pub fn grace_period(&self) -> Option<crate::view::DurationInfoView<'a>> {
        self.src
            .message(self.at[0], 1, Self::MAPS)
            .map(crate::view::DurationInfoView::index)
    }
}
///A borrowed view of an encoded [`Label`](crate::v1::Label) (`mesos.v1.Label`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct LabelView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 2],
}
view_common!(LabelView, crate ::v1::Label, "mesos.v1.Label");
#[allow(deprecated)]
impl<'a> LabelView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.Label")? {
            let checked = match tag {
                1 => r.string(wt),
                2 => r.string(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("key", false),
            2 => ("value", false),
            _ => return r.blame(e, "mesos.v1.Label", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.Label", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 2];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`required string key = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn key(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
    }
    ///`optional string value = 2`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn value_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[1].last)
    }
    ///`optional string value = 2`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn value(&self) -> &'a str {
        self.value_opt().unwrap_or("")
    }
}
///A borrowed view of an encoded [`Labels`](crate::v1::Labels) (`mesos.v1.Labels`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct LabelsView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(LabelsView, crate ::v1::Labels, "mesos.v1.Labels");
#[allow(deprecated)]
impl<'a> LabelsView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.Labels")? {
            let checked = match tag {
                1 => r.message(wt, depth, crate::view::LabelView::validate),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("labels", true),
            _ => return r.blame(e, "mesos.v1.Labels", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.Labels", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`repeated mesos.v1.Label labels = 1`: the elements in wire order.
    #[inline]
    pub fn labels(&self) -> crate::view::Repeated<'a, crate::view::LabelView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[0], 1, Self::MAPS)
    }
}
///A borrowed view of an encoded [`LinuxInfo`](crate::v1::LinuxInfo) (`mesos.v1.LinuxInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct LinuxInfoView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 8],
}
view_common!(LinuxInfoView, crate ::v1::LinuxInfo, "mesos.v1.LinuxInfo");
#[allow(deprecated)]
impl<'a> LinuxInfoView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.LinuxInfo")? {
            let checked = match tag {
                1 => r.message(wt, depth, crate::view::CapabilityInfoView::validate),
                2 => r.message(wt, depth, crate::view::CapabilityInfoView::validate),
                3 => r.message(wt, depth, crate::view::CapabilityInfoView::validate),
                4 => r.varint(wt),
                5 => r.message(wt, depth, crate::view::SeccompInfoView::validate),
                6 => r.varint(wt),
                7 => r.varint(wt),
                8 => r.varint(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("capability_info", false),
            2 => ("bounding_capabilities", false),
            3 => ("effective_capabilities", false),
            4 => ("share_pid_namespace", false),
            5 => ("seccomp", false),
            6 => ("ipc_mode", false),
            7 => ("shm_size", false),
            8 => ("share_cgroups", false),
            _ => return r.blame(e, "mesos.v1.LinuxInfo", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.LinuxInfo", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 8];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                3 => at[2].push(key),
                4 => at[3].push(key),
                5 => at[4].push(key),
                6 => at[5].push(key),
                7 => at[6].push(key),
                8 => at[7].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`optional mesos.v1.CapabilityInfo capability_info = 1 (deprecated)`: the message, `None` when absent.
    #[deprecated]
    #[inline]
    pub fn capability_info(&self) -> Option<crate::view::CapabilityInfoView<'a>> {
        self.src
            .message(self.at[0], 1, Self::MAPS)
            .map(crate::view::CapabilityInfoView::index)
    }
    ///`optional mesos.v1.CapabilityInfo bounding_capabilities = 2`: the message, `None` when absent.
    #[inline]
    pub fn bounding_capabilities(&self) -> Option<crate::view::CapabilityInfoView<'a>> {
        self.src
            .message(self.at[1], 2, Self::MAPS)
            .map(crate::view::CapabilityInfoView::index)
    }
    ///`optional mesos.v1.CapabilityInfo effective_capabilities = 3`: the message, `None` when absent.
    #[inline]
    pub fn effective_capabilities(&self) -> Option<crate::view::CapabilityInfoView<'a>> {
        self.src
            .message(self.at[2], 3, Self::MAPS)
            .map(crate::view::CapabilityInfoView::index)
    }
    ///`optional bool share_pid_namespace = 4`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn share_pid_namespace_opt(&self) -> Option<bool> {
        crate::view::wire::varint_at(self.src.buf, self.at[3].last).map(|v| v != 0)
    }
    ///`optional bool share_pid_namespace = 4`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn share_pid_namespace(&self) -> bool {
        self.share_pid_namespace_opt().unwrap_or(false)
    }
    ///`optional mesos.v1.SeccompInfo seccomp = 5`: the message, `None` when absent.
    #[inline]
    pub fn seccomp(&self) -> Option<crate::view::SeccompInfoView<'a>> {
        self.src
            .message(self.at[4], 5, Self::MAPS)
            .map(crate::view::SeccompInfoView::index)
    }
    ///`optional mesos.v1.LinuxInfo.IpcMode ipc_mode = 6`: the number prost's field holds, `None` when absent.
    #[inline]
    pub fn ipc_mode_raw(&self) -> Option<i32> {
        crate::view::wire::varint_at(self.src.buf, self.at[5].last).map(|v| v as i32)
    }
    ///`optional mesos.v1.LinuxInfo.IpcMode ipc_mode = 6`: the enum value, or the default when absent or unknown, like prost's getter.
    #[inline]
    pub fn ipc_mode(&self) -> crate::v1::linux_info::IpcMode {
        self.ipc_mode_raw()
            .and_then(|v| {
                <crate::v1::linux_info::IpcMode as ::core::convert::TryFrom<
                    i32,
                >>::try_from(v)
                    .ok()
            })
            .unwrap_or_default()
    }
    ///`optional uint32 shm_size = 7`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn shm_size_opt(&self) -> Option<u32> {
        crate::view::wire::varint_at(self.src.buf, self.at[6].last).map(|v| v as u32)
    }
    ///`optional uint32 shm_size = 7`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn shm_size(&self) -> u32 {
        self.shm_size_opt().unwrap_or(0)
    }
    ///`optional bool share_cgroups = 8 [default = true]`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn share_cgroups_opt(&self) -> Option<bool> {
        crate::view::wire::varint_at(self.src.buf, self.at[7].last).map(|v| v != 0)
    }
    ///`optional bool share_cgroups = 8 [default = true]`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn share_cgroups(&self) -> bool {
        self.share_cgroups_opt().unwrap_or(true)
    }
}
///A borrowed view of an encoded [`MasterInfo`](crate::v1::MasterInfo) (`mesos.v1.MasterInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct MasterInfoView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 9],
}
view_common!(MasterInfoView, crate ::v1::MasterInfo, "mesos.v1.MasterInfo");
#[allow(deprecated)]
impl<'a> MasterInfoView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.MasterInfo")? {
            let checked = match tag {
                1 => r.string(wt),
                2 => r.varint(wt),
                3 => r.varint(wt),
                4 => r.string(wt),
                5 => r.string(wt),
                6 => r.string(wt),
                7 => r.message(wt, depth, crate::view::AddressView::validate),
                8 => r.message(wt, depth, crate::view::DomainInfoView::validate),
                9 => {
                    r.message(
                        wt,
                        depth,
                        crate::view::master_info::CapabilityView::validate,
                    )
                }
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("id", false),
            2 => ("ip", false),
            3 => ("port", false),
            4 => ("pid", false),
            5 => ("hostname", false),
            6 => ("version", false),
            7 => ("address", false),
            8 => ("domain", false),
            9 => ("capabilities", true),
            _ => return r.blame(e, "mesos.v1.MasterInfo", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.MasterInfo", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 9];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                3 => at[2].push(key),
                4 => at[3].push(key),
                5 => at[4].push(key),
                6 => at[5].push(key),
                7 => at[6].push(key),
                8 => at[7].push(key),
                9 => at[8].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`required string id = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn id(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
    }
    ///`required uint32 ip = 2`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn ip(&self) -> u32 {
        crate::view::wire::varint_at(self.src.buf, self.at[1].last)
            .map(|v| v as u32)
            .unwrap_or(0)
    }
    ///`required uint32 port = 3 [default = 5050]`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn port(&self) -> u32 {
        crate::view::wire::varint_at(self.src.buf, self.at[2].last)
            .map(|v| v as u32)
            .unwrap_or(5050u32)
    }
    ///`optional string pid = 4`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn pid_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[3].last)
    }
    ///`optional string pid = 4`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn pid(&self) -> &'a str {
        self.pid_opt().unwrap_or("")
    }
    ///`optional string hostname = 5`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn hostname_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[4].last)
    }
    ///`optional string hostname = 5`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn hostname(&self) -> &'a str {
        self.hostname_opt().unwrap_or("")
    }
    ///`optional string version = 6`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn version_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[5].last)
    }
    ///`optional string version = 6`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn version(&self) -> &'a str {
        self.version_opt().unwrap_or("")
    }
    ///`optional mesos.v1.Address address = 7`: the message, `None` when absent.
    #[inline]
    pub fn address(&self) -> Option<crate::view::AddressView<'a>> {
        self.src.message(self.at[6], 7, Self::MAPS).map(crate::view::AddressView::index)
    }
    ///`optional mesos.v1.DomainInfo domain = 8`: the message, `None` when absent.
    #[inline]
    pub fn domain(&self) -> Option<crate::view::DomainInfoView<'a>> {
        self.src
            .message(self.at[7], 8, Self::MAPS)
            .map(crate::view::DomainInfoView::index)
    }
    ///`repeated mesos.v1.MasterInfo.Capability capabilities = 9`: the elements in wire order.
    #[inline]
    pub fn capabilities(
        &self,
    ) -> crate::view::Repeated<'a, crate::view::master_info::CapabilityView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[8], 9, Self::MAPS)
    }
}
///A borrowed view of an encoded [`MountPropagation`](crate::v1::MountPropagation) (`mesos.v1.MountPropagation`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct MountPropagationView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(
    MountPropagationView, crate ::v1::MountPropagation, "mesos.v1.MountPropagation"
);
#[allow(deprecated)]
impl<'a> MountPropagationView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.MountPropagation")? {
            let checked = match tag {
                1 => r.varint(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("mode", false),
            _ => {
                return r
                    .blame(
                        e,
                        "mesos.v1.MountPropagation",
                        tag,
                        &format!("#{tag}"),
                        false,
                    );
            }
        };
        r.blame(e, "mesos.v1.MountPropagation", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`optional mesos.v1.MountPropagation.Mode mode = 1`: the number prost's field holds, `None` when absent.
    #[inline]
    pub fn mode_raw(&self) -> Option<i32> {
        crate::view::wire::varint_at(self.src.buf, self.at[0].last).map(|v| v as i32)
    }
    ///`optional mesos.v1.MountPropagation.Mode mode = 1`: the enum value, or the default when absent or unknown, like prost's getter.
    #[inline]
    pub fn mode(&self) -> crate::v1::mount_propagation::Mode {
        self.mode_raw()
            .and_then(|v| {
                <crate::v1::mount_propagation::Mode as ::core::convert::TryFrom<
                    i32,
                >>::try_from(v)
                    .ok()
            })
            .unwrap_or_default()
    }
}
///A borrowed view of an encoded [`NetworkInfo`](crate::v1::NetworkInfo) (`mesos.v1.NetworkInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct NetworkInfoView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 5],
}
view_common!(NetworkInfoView, crate ::v1::NetworkInfo, "mesos.v1.NetworkInfo");
#[allow(deprecated)]
impl<'a> NetworkInfoView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.NetworkInfo")? {
            let checked = match tag {
                5 => {
                    r.message(
                        wt,
                        depth,
                        crate::view::network_info::IpAddressView::validate,
                    )
                }
                6 => r.string(wt),
                3 => r.string(wt),
                4 => r.message(wt, depth, crate::view::LabelsView::validate),
                7 => {
                    r.message(
                        wt,
                        depth,
                        crate::view::network_info::PortMappingView::validate,
                    )
                }
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            5 => ("ip_addresses", true),
            6 => ("name", false),
            3 => ("groups", true),
            4 => ("labels", false),
            7 => ("port_mappings", true),
            _ => {
                return r.blame(e, "mesos.v1.NetworkInfo", tag, &format!("#{tag}"), false);
            }
        };
        r.blame(e, "mesos.v1.NetworkInfo", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 5];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                5 => at[0].push(key),
                6 => at[1].push(key),
                3 => at[2].push(key),
                4 => at[3].push(key),
                7 => at[4].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`repeated mesos.v1.NetworkInfo.IPAddress ip_addresses = 5`: the elements in wire order.
    #[inline]
    pub fn ip_addresses(
        &self,
    ) -> crate::view::Repeated<'a, crate::view::network_info::IpAddressView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[0], 5, Self::MAPS)
    }
    ///`optional string name = 6`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn name_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[1].last)
    }
    ///`optional string name = 6`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn name(&self) -> &'a str {
        self.name_opt().unwrap_or("")
    }
    ///`repeated string groups = 3`: the elements in wire order (packed or not).
    #[inline]
    pub fn groups(&self) -> crate::view::Repeated<'a, crate::view::kind::Str> {
        crate::view::Repeated::new(&self.src, self.at[2], 3, Self::MAPS)
    }
    ///`optional mesos.v1.Labels labels = 4`: the message, `None` when absent.
    #[inline]
    pub fn labels(&self) -> Option<crate::view::LabelsView<'a>> {
        self.src.message(self.at[3], 4, Self::MAPS).map(crate::view::LabelsView::index)
    }
    ///`repeated mesos.v1.NetworkInfo.PortMapping port_mappings = 7`: the elements in wire order.
    #[inline]
    pub fn port_mappings(
        &self,
    ) -> crate::view::Repeated<'a, crate::view::network_info::PortMappingView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[4], 7, Self::MAPS)
    }
}
///A borrowed view of an encoded [`Offer`](crate::v1::Offer) (`mesos.v1.Offer`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct OfferView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 11],
}
view_common!(OfferView, crate ::v1::Offer, "mesos.v1.Offer");
#[allow(deprecated)]
impl<'a> OfferView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.Offer")? {
            let checked = match tag {
                1 => r.message(wt, depth, crate::view::OfferIdView::validate),
                2 => r.message(wt, depth, crate::view::FrameworkIdView::validate),
                3 => r.message(wt, depth, crate::view::AgentIdView::validate),
                4 => r.string(wt),
                8 => r.message(wt, depth, crate::view::UrlView::validate),
                11 => r.message(wt, depth, crate::view::DomainInfoView::validate),
                5 => r.message(wt, depth, crate::view::ResourceView::validate),
                7 => r.message(wt, depth, crate::view::AttributeView::validate),
                6 => r.message(wt, depth, crate::view::ExecutorIdView::validate),
                9 => r.message(wt, depth, crate::view::UnavailabilityView::validate),
                10 => {
                    r.message(
                        wt,
                        depth,
                        crate::view::resource::AllocationInfoView::validate,
                    )
                }
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("id", false),
            2 => ("framework_id", false),
            3 => ("agent_id", false),
            4 => ("hostname", false),
            8 => ("url", false),
            11 => ("domain", false),
            5 => ("resources", true),
            7 => ("attributes", true),
            6 => ("executor_ids", true),
            9 => ("unavailability", false),
            10 => ("allocation_info", false),
            _ => return r.blame(e, "mesos.v1.Offer", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.Offer", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 11];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                3 => at[2].push(key),
                4 => at[3].push(key),
                8 => at[4].push(key),
                11 => at[5].push(key),
                5 => at[6].push(key),
                7 => at[7].push(key),
                6 => at[8].push(key),
                9 => at[9].push(key),
                10 => at[10].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`required mesos.v1.OfferID id = 1`: the message (all defaults when absent, as prost leaves it).
    #[inline]
    pub fn id(&self) -> crate::view::OfferIdView<'a> {
        crate::view::OfferIdView::index(
            self
                .src
                .message(self.at[0], 1, Self::MAPS)
                .unwrap_or(crate::view::wire::Src::one(&[])),
        )
    }
    ///`required mesos.v1.FrameworkID framework_id = 2`: the message (all defaults when absent, as prost leaves it).
    #[inline]
    pub fn framework_id(&self) -> crate::view::FrameworkIdView<'a> {
        crate::view::FrameworkIdView::index(
            self
                .src
                .message(self.at[1], 2, Self::MAPS)
                .unwrap_or(crate::view::wire::Src::one(&[])),
        )
    }
    ///`required mesos.v1.AgentID agent_id = 3`: the message (all defaults when absent, as prost leaves it).
    #[inline]
    pub fn agent_id(&self) -> crate::view::AgentIdView<'a> {
        crate::view::AgentIdView::index(
            self
                .src
                .message(self.at[2], 3, Self::MAPS)
                .unwrap_or(crate::view::wire::Src::one(&[])),
        )
    }
    ///`required string hostname = 4`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn hostname(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[3].last).unwrap_or("")
    }
    ///`optional mesos.v1.URL url = 8`: the message, `None` when absent.
    #[inline]
    pub fn url(&self) -> Option<crate::view::UrlView<'a>> {
        self.src.message(self.at[4], 8, Self::MAPS).map(crate::view::UrlView::index)
    }
    ///`optional mesos.v1.DomainInfo domain = 11`: the message, `None` when absent.
    #[inline]
    pub fn domain(&self) -> Option<crate::view::DomainInfoView<'a>> {
        self.src
            .message(self.at[5], 11, Self::MAPS)
            .map(crate::view::DomainInfoView::index)
    }
    ///`repeated mesos.v1.Resource resources = 5`: the elements in wire order.
    #[inline]
    pub fn resources(&self) -> crate::view::Repeated<'a, crate::view::ResourceView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[6], 5, Self::MAPS)
    }
    ///`repeated mesos.v1.Attribute attributes = 7`: the elements in wire order.
    #[inline]
    pub fn attributes(
        &self,
    ) -> crate::view::Repeated<'a, crate::view::AttributeView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[7], 7, Self::MAPS)
    }
    ///`repeated mesos.v1.ExecutorID executor_ids = 6`: the elements in wire order.
    #[inline]
    pub fn executor_ids(
        &self,
    ) -> crate::view::Repeated<'a, crate::view::ExecutorIdView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[8], 6, Self::MAPS)
    }
    ///`optional mesos.v1.Unavailability unavailability = 9`: the message, `None` when absent.
    #[inline]
    pub fn unavailability(&self) -> Option<crate::view::UnavailabilityView<'a>> {
        self.src
            .message(self.at[9], 9, Self::MAPS)
            .map(crate::view::UnavailabilityView::index)
    }
    ///`optional mesos.v1.Resource.AllocationInfo allocation_info = 10`: the message, `None` when absent.
    #[inline]
    pub fn allocation_info(
        &self,
    ) -> Option<crate::view::resource::AllocationInfoView<'a>> {
        self.src
            .message(self.at[10], 10, Self::MAPS)
            .map(crate::view::resource::AllocationInfoView::index)
    }
}
///A borrowed view of an encoded [`OfferFilters`](crate::v1::OfferFilters) (`mesos.v1.OfferFilters`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct OfferFiltersView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(OfferFiltersView, crate ::v1::OfferFilters, "mesos.v1.OfferFilters");
#[allow(deprecated)]
impl<'a> OfferFiltersView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.OfferFilters")? {
            let checked = match tag {
                1 => {
                    r.message(
                        wt,
                        depth,
                        crate::view::offer_filters::MinAllocatableResourcesView::validate,
                    )
                }
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("min_allocatable_resources", false),
            _ => {
                return r
                    .blame(e, "mesos.v1.OfferFilters", tag, &format!("#{tag}"), false);
            }
        };
        r.blame(e, "mesos.v1.OfferFilters", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`optional mesos.v1.OfferFilters.MinAllocatableResources min_allocatable_resources = 1`: the message, `None` when absent.
    #[inline]
    pub fn min_allocatable_resources(
        &self,
    ) -> Option<crate::view::offer_filters::MinAllocatableResourcesView<'a>> {
        self.src
            .message(self.at[0], 1, Self::MAPS)
            .map(crate::view::offer_filters::MinAllocatableResourcesView::index)
    }
}
///A borrowed view of an encoded [`OfferId`](crate::v1::OfferId) (`mesos.v1.OfferID`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct OfferIdView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(OfferIdView, crate ::v1::OfferId, "mesos.v1.OfferID");
#[allow(deprecated)]
impl<'a> OfferIdView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.OfferID")? {
            let checked = match tag {
                1 => r.string(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("value", false),
            _ => return r.blame(e, "mesos.v1.OfferID", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.OfferID", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`required string value = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn value(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
    }
}
///A borrowed view of an encoded [`OperationId`](crate::v1::OperationId) (`mesos.v1.OperationID`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct OperationIdView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(OperationIdView, crate ::v1::OperationId, "mesos.v1.OperationID");
#[allow(deprecated)]
impl<'a> OperationIdView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.OperationID")? {
            let checked = match tag {
                1 => r.string(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("value", false),
            _ => {
                return r.blame(e, "mesos.v1.OperationID", tag, &format!("#{tag}"), false);
            }
        };
        r.blame(e, "mesos.v1.OperationID", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`required string value = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn value(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
    }
}
///A borrowed view of an encoded [`OperationStatus`](crate::v1::OperationStatus) (`mesos.v1.OperationStatus`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct OperationStatusView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 7],
}
view_common!(
    OperationStatusView, crate ::v1::OperationStatus, "mesos.v1.OperationStatus"
);
#[allow(deprecated)]
impl<'a> OperationStatusView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.OperationStatus")? {
            let checked = match tag {
                1 => r.message(wt, depth, crate::view::OperationIdView::validate),
                2 => r.varint(wt),
                3 => r.string(wt),
                4 => r.message(wt, depth, crate::view::ResourceView::validate),
                5 => r.message(wt, depth, crate::view::UuidView::validate),
                6 => r.message(wt, depth, crate::view::AgentIdView::validate),
                7 => r.message(wt, depth, crate::view::ResourceProviderIdView::validate),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("operation_id", false),
            2 => ("state", false),
            3 => ("message", false),
            4 => ("converted_resources", true),
            5 => ("uuid", false),
            6 => ("agent_id", false),
            7 => ("resource_provider_id", false),
            _ => {
                return r
                    .blame(e, "mesos.v1.OperationStatus", tag, &format!("#{tag}"), false);
            }
        };
        r.blame(e, "mesos.v1.OperationStatus", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 7];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                3 => at[2].push(key),
                4 => at[3].push(key),
                5 => at[4].push(key),
                6 => at[5].push(key),
                7 => at[6].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`optional mesos.v1.OperationID operation_id = 1`: the message, `None` when absent.
    #[inline]
    pub fn operation_id(&self) -> Option<crate::view::OperationIdView<'a>> {
        self.src
            .message(self.at[0], 1, Self::MAPS)
            .map(crate::view::OperationIdView::index)
    }
    ///`required mesos.v1.OperationState state = 2`: the number prost's field holds (the default's when absent).
    #[inline]
    pub fn state_raw(&self) -> i32 {
        crate::view::wire::varint_at(self.src.buf, self.at[1].last)
            .map(|v| v as i32)
            .unwrap_or(
                <crate::v1::OperationState as ::core::default::Default>::default() as i32,
            )
    }
    ///`required mesos.v1.OperationState state = 2`: the enum value, or the default when unknown, like prost's getter.
    #[inline]
    pub fn state(&self) -> crate::v1::OperationState {
        <crate::v1::OperationState as ::core::convert::TryFrom<
            i32,
        >>::try_from(self.state_raw())
            .unwrap_or_default()
    }
    ///`optional string message = 3`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn message_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[2].last)
    }
    ///`optional string message = 3`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn message(&self) -> &'a str {
        self.message_opt().unwrap_or("")
    }
    ///`repeated mesos.v1.Resource converted_resources = 4`: the elements in wire order.
    #[inline]
    pub fn converted_resources(
        &self,
    ) -> crate::view::Repeated<'a, crate::view::ResourceView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[3], 4, Self::MAPS)
    }
    ///`optional mesos.v1.UUID uuid = 5`: the message, `None` when absent.
    #[inline]
    pub fn uuid(&self) -> Option<crate::view::UuidView<'a>> {
        self.src.message(self.at[4], 5, Self::MAPS).map(crate::view::UuidView::index)
    }
    ///`optional mesos.v1.AgentID agent_id = 6`: the message, `None` when absent.
    #[inline]
    pub fn agent_id(&self) -> Option<crate::view::AgentIdView<'a>> {
        self.src.message(self.at[5], 6, Self::MAPS).map(crate::view::AgentIdView::index)
    }
    ///`optional mesos.v1.ResourceProviderID resource_provider_id = 7`: the message, `None` when absent.
    #[inline]
    pub fn resource_provider_id(
        &self,
    ) -> Option<crate::view::ResourceProviderIdView<'a>> {
        self.src
            .message(self.at[6], 7, Self::MAPS)
            .map(crate::view::ResourceProviderIdView::index)
    }
}
///A borrowed view of an encoded [`Parameter`](crate::v1::Parameter) (`mesos.v1.Parameter`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct ParameterView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 2],
}
view_common!(ParameterView, crate ::v1::Parameter, "mesos.v1.Parameter");
#[allow(deprecated)]
impl<'a> ParameterView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.Parameter")? {
            let checked = match tag {
                1 => r.string(wt),
                2 => r.string(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("key", false),
            2 => ("value", false),
            _ => return r.blame(e, "mesos.v1.Parameter", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.Parameter", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 2];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`required string key = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn key(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
    }
    ///`required string value = 2`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn value(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[1].last).unwrap_or("")
    }
}
///A borrowed view of an encoded [`Parameters`](crate::v1::Parameters) (`mesos.v1.Parameters`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct ParametersView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(ParametersView, crate ::v1::Parameters, "mesos.v1.Parameters");
#[allow(deprecated)]
impl<'a> ParametersView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.Parameters")? {
            let checked = match tag {
                1 => r.message(wt, depth, crate::view::ParameterView::validate),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("parameter", true),
            _ => return r.blame(e, "mesos.v1.Parameters", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.Parameters", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`repeated mesos.v1.Parameter parameter = 1`: the elements in wire order.
    #[inline]
    pub fn parameter(
        &self,
    ) -> crate::view::Repeated<'a, crate::view::ParameterView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[0], 1, Self::MAPS)
    }
}
///A borrowed view of an encoded [`Port`](crate::v1::Port) (`mesos.v1.Port`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct PortView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 5],
}
view_common!(PortView, crate ::v1::Port, "mesos.v1.Port");
#[allow(deprecated)]
impl<'a> PortView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.Port")? {
            let checked = match tag {
                1 => r.varint(wt),
                2 => r.string(wt),
                3 => r.string(wt),
                4 => r.varint(wt),
                5 => r.message(wt, depth, crate::view::LabelsView::validate),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("number", false),
            2 => ("name", false),
            3 => ("protocol", false),
            4 => ("visibility", false),
            5 => ("labels", false),
            _ => return r.blame(e, "mesos.v1.Port", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.Port", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 5];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                3 => at[2].push(key),
                4 => at[3].push(key),
                5 => at[4].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`required uint32 number = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn number(&self) -> u32 {
        crate::view::wire::varint_at(self.src.buf, self.at[0].last)
            .map(|v| v as u32)
            .unwrap_or(0)
    }
    ///`optional string name = 2`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn name_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[1].last)
    }
    ///`optional string name = 2`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn name(&self) -> &'a str {
        self.name_opt().unwrap_or("")
    }
    ///`optional string protocol = 3`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn protocol_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[2].last)
    }
    ///`optional string protocol = 3`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn protocol(&self) -> &'a str {
        self.protocol_opt().unwrap_or("")
    }
    ///`optional mesos.v1.DiscoveryInfo.Visibility visibility = 4`: the number prost's field holds, `None` when absent.
    #[inline]
    pub fn visibility_raw(&self) -> Option<i32> {
        crate::view::wire::varint_at(self.src.buf, self.at[3].last).map(|v| v as i32)
    }
    ///`optional mesos.v1.DiscoveryInfo.Visibility visibility = 4`: the enum value, or the default when absent or unknown, like prost's getter.
    #[inline]
    pub fn visibility(&self) -> crate::v1::discovery_info::Visibility {
        self.visibility_raw()
            .and_then(|v| {
                <crate::v1::discovery_info::Visibility as ::core::convert::TryFrom<
                    i32,
                >>::try_from(v)
                    .ok()
            })
            .unwrap_or_default()
    }
    ///`optional mesos.v1.Labels labels = 5`: the message, `None` when absent.
    #[inline]
    pub fn labels(&self) -> Option<crate::view::LabelsView<'a>> {
        self.src.message(self.at[4], 5, Self::MAPS).map(crate::view::LabelsView::index)
    }
}
///A borrowed view of an encoded [`Ports`](crate::v1::Ports) (`mesos.v1.Ports`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct PortsView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(PortsView, crate ::v1::Ports, "mesos.v1.Ports");
#[allow(deprecated)]
impl<'a> PortsView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.Ports")? {
            let checked = match tag {
                1 => r.message(wt, depth, crate::view::PortView::validate),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("ports", true),
            _ => return r.blame(e, "mesos.v1.Ports", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.Ports", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`repeated mesos.v1.Port ports = 1`: the elements in wire order.
    #[inline]
    pub fn ports(&self) -> crate::view::Repeated<'a, crate::view::PortView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[0], 1, Self::MAPS)
    }
}
///A borrowed view of an encoded [`RLimitInfo`](crate::v1::RLimitInfo) (`mesos.v1.RLimitInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct RLimitInfoView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(RLimitInfoView, crate ::v1::RLimitInfo, "mesos.v1.RLimitInfo");
#[allow(deprecated)]
impl<'a> RLimitInfoView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.RLimitInfo")? {
            let checked = match tag {
                1 => {
                    r.message(wt, depth, crate::view::r_limit_info::RLimitView::validate)
                }
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("rlimits", true),
            _ => return r.blame(e, "mesos.v1.RLimitInfo", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.RLimitInfo", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`repeated mesos.v1.RLimitInfo.RLimit rlimits = 1`: the elements in wire order.
    #[inline]
    pub fn rlimits(
        &self,
    ) -> crate::view::Repeated<'a, crate::view::r_limit_info::RLimitView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[0], 1, Self::MAPS)
    }
}
///A borrowed view of an encoded [`Resource`](crate::v1::Resource) (`mesos.v1.Resource`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct ResourceView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 13],
}
view_common!(ResourceView, crate ::v1::Resource, "mesos.v1.Resource");
#[allow(deprecated)]
impl<'a> ResourceView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.Resource")? {
            let checked = match tag {
                12 => r.message(wt, depth, crate::view::ResourceProviderIdView::validate),
                1 => r.string(wt),
                2 => r.varint(wt),
                3 => r.message(wt, depth, crate::view::value::ScalarView::validate),
                4 => r.message(wt, depth, crate::view::value::RangesView::validate),
                5 => r.message(wt, depth, crate::view::value::SetView::validate),
                6 => r.string(wt),
                11 => {
                    r.message(
                        wt,
                        depth,
                        crate::view::resource::AllocationInfoView::validate,
                    )
                }
                8 => {
                    r.message(
                        wt,
                        depth,
                        crate::view::resource::ReservationInfoView::validate,
                    )
                }
                13 => {
                    r.message(
                        wt,
                        depth,
                        crate::view::resource::ReservationInfoView::validate,
                    )
                }
                7 => r.message(wt, depth, crate::view::resource::DiskInfoView::validate),
                9 => {
                    r.message(
                        wt,
                        depth,
                        crate::view::resource::RevocableInfoView::validate,
                    )
                }
                10 => {
                    r.message(wt, depth, crate::view::resource::SharedInfoView::validate)
                }
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            12 => ("provider_id", false),
            1 => ("name", false),
            2 => ("type", false),
            3 => ("scalar", false),
            4 => ("ranges", false),
            5 => ("set", false),
            6 => ("role", false),
            11 => ("allocation_info", false),
            8 => ("reservation", false),
            13 => ("reservations", true),
            7 => ("disk", false),
            9 => ("revocable", false),
            10 => ("shared", false),
            _ => return r.blame(e, "mesos.v1.Resource", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.Resource", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 13];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                12 => at[0].push(key),
                1 => at[1].push(key),
                2 => at[2].push(key),
                3 => at[3].push(key),
                4 => at[4].push(key),
                5 => at[5].push(key),
                6 => at[6].push(key),
                11 => at[7].push(key),
                8 => at[8].push(key),
                13 => at[9].push(key),
                7 => at[10].push(key),
                9 => at[11].push(key),
                10 => at[12].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`optional mesos.v1.ResourceProviderID provider_id = 12`: the message, `None` when absent.
    #[inline]
    pub fn provider_id(&self) -> Option<crate::view::ResourceProviderIdView<'a>> {
        self.src
            .message(self.at[0], 12, Self::MAPS)
            .map(crate::view::ResourceProviderIdView::index)
    }
    ///`required string name = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn name(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[1].last).unwrap_or("")
    }
    ///`required mesos.v1.Value.Type type = 2`: the number prost's field holds (the default's when absent).
    #[inline]
    pub fn type_raw(&self) -> i32 {
        crate::view::wire::varint_at(self.src.buf, self.at[2].last)
            .map(|v| v as i32)
            .unwrap_or(
                <crate::v1::value::Type as ::core::default::Default>::default() as i32,
            )
    }
    ///`required mesos.v1.Value.Type type = 2`: the enum value, or the default when unknown, like prost's getter.
    #[inline]
    pub fn r#type(&self) -> crate::v1::value::Type {
        <crate::v1::value::Type as ::core::convert::TryFrom<
            i32,
        >>::try_from(self.type_raw())
            .unwrap_or_default()
    }
    ///`optional mesos.v1.Value.Scalar scalar = 3`: the message, `None` when absent.
    #[inline]
    pub fn scalar(&self) -> Option<crate::view::value::ScalarView<'a>> {
        self.src
            .message(self.at[3], 3, Self::MAPS)
            .map(crate::view::value::ScalarView::index)
    }
    ///`optional mesos.v1.Value.Ranges ranges = 4`: the message, `None` when absent.
    #[inline]
    pub fn ranges(&self) -> Option<crate::view::value::RangesView<'a>> {
        self.src
            .message(self.at[4], 4, Self::MAPS)
            .map(crate::view::value::RangesView::index)
    }
    ///`optional mesos.v1.Value.Set set = 5`: the message, `None` when absent.
    #[inline]
    pub fn set(&self) -> Option<crate::view::value::SetView<'a>> {
        self.src
            .message(self.at[5], 5, Self::MAPS)
            .map(crate::view::value::SetView::index)
    }
    ///`optional string role = 6 [default = "*"] (deprecated)`: what prost's field holds: `None` when absent.
    #[deprecated]
    #[inline]
    pub fn role_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[6].last)
    }
    ///`optional string role = 6 [default = "*"] (deprecated)`: the value, or the default when absent, like prost's getter.
    #[deprecated]
    #[inline]
    pub fn role(&self) -> &'a str {
        self.role_opt().unwrap_or("*")
    }
    ///`optional mesos.v1.Resource.AllocationInfo allocation_info = 11`: the message, `None` when absent.
    #[inline]
    pub fn allocation_info(
        &self,
    ) -> Option<crate::view::resource::AllocationInfoView<'a>> {
        self.src
            .message(self.at[7], 11, Self::MAPS)
            .map(crate::view::resource::AllocationInfoView::index)
    }
    ///`optional mesos.v1.Resource.ReservationInfo reservation = 8`: the message, `None` when absent.
    #[inline]
    pub fn reservation(&self) -> Option<crate::view::resource::ReservationInfoView<'a>> {
        self.src
            .message(self.at[8], 8, Self::MAPS)
            .map(crate::view::resource::ReservationInfoView::index)
    }
    ///`repeated mesos.v1.Resource.ReservationInfo reservations = 13`: the elements in wire order.
    #[inline]
    pub fn reservations(
        &self,
    ) -> crate::view::Repeated<'a, crate::view::resource::ReservationInfoView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[9], 13, Self::MAPS)
    }
    ///`optional mesos.v1.Resource.DiskInfo disk = 7`: the message, `None` when absent.
    #[inline]
    pub fn disk(&self) -> Option<crate::view::resource::DiskInfoView<'a>> {
        self.src
            .message(self.at[10], 7, Self::MAPS)
            .map(crate::view::resource::DiskInfoView::index)
    }
    ///`optional mesos.v1.Resource.RevocableInfo revocable = 9`: the message, `None` when absent.
    #[inline]
    pub fn revocable(&self) -> Option<crate::view::resource::RevocableInfoView<'a>> {
        self.src
            .message(self.at[11], 9, Self::MAPS)
            .map(crate::view::resource::RevocableInfoView::index)
    }
    ///`optional mesos.v1.Resource.SharedInfo shared = 10`: the message, `None` when absent.
    #[inline]
    pub fn shared(&self) -> Option<crate::view::resource::SharedInfoView<'a>> {
        self.src
            .message(self.at[12], 10, Self::MAPS)
            .map(crate::view::resource::SharedInfoView::index)
    }
}
///A borrowed view of an encoded [`ResourceProviderId`](crate::v1::ResourceProviderId) (`mesos.v1.ResourceProviderID`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct ResourceProviderIdView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(
    ResourceProviderIdView, crate ::v1::ResourceProviderId, "mesos.v1.ResourceProviderID"
);
#[allow(deprecated)]
impl<'a> ResourceProviderIdView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.ResourceProviderID")? {
            let checked = match tag {
                1 => r.string(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("value", false),
            _ => {
                return r
                    .blame(
                        e,
                        "mesos.v1.ResourceProviderID",
                        tag,
                        &format!("#{tag}"),
                        false,
                    );
            }
        };
        r.blame(e, "mesos.v1.ResourceProviderID", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`required string value = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn value(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
    }
}
///A borrowed view of an encoded [`SeccompInfo`](crate::v1::SeccompInfo) (`mesos.v1.SeccompInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct SeccompInfoView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 2],
}
view_common!(SeccompInfoView, crate ::v1::SeccompInfo, "mesos.v1.SeccompInfo");
#[allow(deprecated)]
impl<'a> SeccompInfoView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.SeccompInfo")? {
            let checked = match tag {
                1 => r.string(wt),
                2 => r.varint(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("profile_name", false),
            2 => ("unconfined", false),
            _ => {
                return r.blame(e, "mesos.v1.SeccompInfo", tag, &format!("#{tag}"), false);
            }
        };
        r.blame(e, "mesos.v1.SeccompInfo", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 2];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`optional string profile_name = 1`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn profile_name_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[0].last)
    }
    ///`optional string profile_name = 1`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn profile_name(&self) -> &'a str {
        self.profile_name_opt().unwrap_or("")
    }
    ///`optional bool unconfined = 2`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn unconfined_opt(&self) -> Option<bool> {
        crate::view::wire::varint_at(self.src.buf, self.at[1].last).map(|v| v != 0)
    }
    ///`optional bool unconfined = 2`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn unconfined(&self) -> bool {
        self.unconfined_opt().unwrap_or(false)
    }
}
///A borrowed view of an encoded [`Secret`](crate::v1::Secret) (`mesos.v1.Secret`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct SecretView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 3],
}
view_common!(SecretView, crate ::v1::Secret, "mesos.v1.Secret");
#[allow(deprecated)]
impl<'a> SecretView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.Secret")? {
            let checked = match tag {
                1 => r.varint(wt),
                2 => r.message(wt, depth, crate::view::secret::ReferenceView::validate),
                3 => r.message(wt, depth, crate::view::secret::ValueView::validate),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("type", false),
            2 => ("reference", false),
            3 => ("value", false),
            _ => return r.blame(e, "mesos.v1.Secret", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.Secret", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 3];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                3 => at[2].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`optional mesos.v1.Secret.Type type = 1`: the number prost's field holds, `None` when absent.
    #[inline]
    pub fn type_raw(&self) -> Option<i32> {
        crate::view::wire::varint_at(self.src.buf, self.at[0].last).map(|v| v as i32)
    }
    ///`optional mesos.v1.Secret.Type type = 1`: the enum value, or the default when absent or unknown, like prost's getter.
    #[inline]
    pub fn r#type(&self) -> crate::v1::secret::Type {
        self.type_raw()
            .and_then(|v| {
                <crate::v1::secret::Type as ::core::convert::TryFrom<i32>>::try_from(v)
                    .ok()
            })
            .unwrap_or_default()
    }
    ///`optional mesos.v1.Secret.Reference reference = 2`: the message, `None` when absent.
    #[inline]
    pub fn reference(&self) -> Option<crate::view::secret::ReferenceView<'a>> {
        self.src
            .message(self.at[1], 2, Self::MAPS)
            .map(crate::view::secret::ReferenceView::index)
    }
    ///`optional mesos.v1.Secret.Value value = 3`: the message, `None` when absent.
    #[inline]
    pub fn value(&self) -> Option<crate::view::secret::ValueView<'a>> {
        self.src
            .message(self.at[2], 3, Self::MAPS)
            .map(crate::view::secret::ValueView::index)
    }
}
///A borrowed view of an encoded [`TtyInfo`](crate::v1::TtyInfo) (`mesos.v1.TTYInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct TtyInfoView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(TtyInfoView, crate ::v1::TtyInfo, "mesos.v1.TTYInfo");
#[allow(deprecated)]
impl<'a> TtyInfoView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.TTYInfo")? {
            let checked = match tag {
                1 => {
                    r.message(wt, depth, crate::view::tty_info::WindowSizeView::validate)
                }
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("window_size", false),
            _ => return r.blame(e, "mesos.v1.TTYInfo", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.TTYInfo", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`optional mesos.v1.TTYInfo.WindowSize window_size = 1`: the message, `None` when absent.
    #[inline]
    pub fn window_size(&self) -> Option<crate::view::tty_info::WindowSizeView<'a>> {
        self.src
            .message(self.at[0], 1, Self::MAPS)
            .map(crate::view::tty_info::WindowSizeView::index)
    }
}
///A borrowed view of an encoded [`TaskGroupInfo`](crate::v1::TaskGroupInfo) (`mesos.v1.TaskGroupInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct TaskGroupInfoView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(TaskGroupInfoView, crate ::v1::TaskGroupInfo, "mesos.v1.TaskGroupInfo");
#[allow(deprecated)]
impl<'a> TaskGroupInfoView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.TaskGroupInfo")? {
            let checked = match tag {
                1 => r.message(wt, depth, crate::view::TaskInfoView::validate),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("tasks", true),
            _ => {
                return r
                    .blame(e, "mesos.v1.TaskGroupInfo", tag, &format!("#{tag}"), false);
            }
        };
        r.blame(e, "mesos.v1.TaskGroupInfo", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`repeated mesos.v1.TaskInfo tasks = 1`: the elements in wire order.
    #[inline]
    pub fn tasks(&self) -> crate::view::Repeated<'a, crate::view::TaskInfoView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[0], 1, Self::MAPS)
    }
}
///A borrowed view of an encoded [`TaskId`](crate::v1::TaskId) (`mesos.v1.TaskID`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct TaskIdView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(TaskIdView, crate ::v1::TaskId, "mesos.v1.TaskID");
#[allow(deprecated)]
impl<'a> TaskIdView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.TaskID")? {
            let checked = match tag {
                1 => r.string(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("value", false),
            _ => return r.blame(e, "mesos.v1.TaskID", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.TaskID", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`required string value = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn value(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
    }
}
///A borrowed view of an encoded [`TaskInfo`](crate::v1::TaskInfo) (`mesos.v1.TaskInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct TaskInfoView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 15],
}
view_common!(TaskInfoView, crate ::v1::TaskInfo, "mesos.v1.TaskInfo");
#[allow(deprecated)]
impl<'a> TaskInfoView<'a> {
    const MAPS: &'static [u32] = &[15];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.TaskInfo")? {
            let checked = match tag {
                1 => r.string(wt),
                2 => r.message(wt, depth, crate::view::TaskIdView::validate),
                3 => r.message(wt, depth, crate::view::AgentIdView::validate),
                4 => r.message(wt, depth, crate::view::ResourceView::validate),
                5 => r.message(wt, depth, crate::view::ExecutorInfoView::validate),
                7 => r.message(wt, depth, crate::view::CommandInfoView::validate),
                9 => r.message(wt, depth, crate::view::ContainerInfoView::validate),
                8 => r.message(wt, depth, crate::view::HealthCheckView::validate),
                13 => r.message(wt, depth, crate::view::CheckInfoView::validate),
                12 => r.message(wt, depth, crate::view::KillPolicyView::validate),
                6 => r.bytes(wt),
                10 => r.message(wt, depth, crate::view::LabelsView::validate),
                11 => r.message(wt, depth, crate::view::DiscoveryInfoView::validate),
                14 => r.message(wt, depth, crate::view::DurationInfoView::validate),
                15 => r.map(depth, crate::view::task_info::LimitsEntryView::validate),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("name", false),
            2 => ("task_id", false),
            3 => ("agent_id", false),
            4 => ("resources", true),
            5 => ("executor", false),
            7 => ("command", false),
            9 => ("container", false),
            8 => ("health_check", false),
            13 => ("check", false),
            12 => ("kill_policy", false),
            6 => ("data", false),
            10 => ("labels", false),
            11 => ("discovery", false),
            14 => ("max_completion_time", false),
            15 => ("limits", true),
            _ => return r.blame(e, "mesos.v1.TaskInfo", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.TaskInfo", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 15];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                3 => at[2].push(key),
                4 => at[3].push(key),
                5 => at[4].push(key),
                7 => at[5].push(key),
                9 => at[6].push(key),
                8 => at[7].push(key),
                13 => at[8].push(key),
                12 => at[9].push(key),
                6 => at[10].push(key),
                10 => at[11].push(key),
                11 => at[12].push(key),
                14 => at[13].push(key),
                15 => at[14].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`required string name = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn name(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
    }
    ///`required mesos.v1.TaskID task_id = 2`: the message (all defaults when absent, as prost leaves it).
    #[inline]
    pub fn task_id(&self) -> crate::view::TaskIdView<'a> {
        crate::view::TaskIdView::index(
            self
                .src
                .message(self.at[1], 2, Self::MAPS)
                .unwrap_or(crate::view::wire::Src::one(&[])),
        )
    }
    ///`required mesos.v1.AgentID agent_id = 3`: the message (all defaults when absent, as prost leaves it).
    #[inline]
    pub fn agent_id(&self) -> crate::view::AgentIdView<'a> {
        crate::view::AgentIdView::index(
            self
                .src
                .message(self.at[2], 3, Self::MAPS)
                .unwrap_or(crate::view::wire::Src::one(&[])),
        )
    }
    ///`repeated mesos.v1.Resource resources = 4`: the elements in wire order.
    #[inline]
    pub fn resources(&self) -> crate::view::Repeated<'a, crate::view::ResourceView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[3], 4, Self::MAPS)
    }
    ///`optional mesos.v1.ExecutorInfo executor = 5`: the message, `None` when absent.
    #[inline]
    pub fn executor(&self) -> Option<crate::view::ExecutorInfoView<'a>> {
        self.src
            .message(self.at[4], 5, Self::MAPS)
            .map(crate::view::ExecutorInfoView::index)
    }
    ///`optional mesos.v1.CommandInfo command = 7`: the message, `None` when absent.
    #[inline]
    pub fn command(&self) -> Option<crate::view::CommandInfoView<'a>> {
        self.src
            .message(self.at[5], 7, Self::MAPS)
            .map(crate::view::CommandInfoView::index)
    }
    ///`optional mesos.v1.ContainerInfo container = 9`: the message, `None` when absent.
    #[inline]
    pub fn container(&self) -> Option<crate::view::ContainerInfoView<'a>> {
        self.src
            .message(self.at[6], 9, Self::MAPS)
            .map(crate::view::ContainerInfoView::index)
    }
    ///`optional mesos.v1.HealthCheck health_check = 8`: the message, `None` when absent.
    #[inline]
    pub fn health_check(&self) -> Option<crate::view::HealthCheckView<'a>> {
        self.src
            .message(self.at[7], 8, Self::MAPS)
            .map(crate::view::HealthCheckView::index)
    }
    ///`optional mesos.v1.CheckInfo check = 13`: the message, `None` when absent.
    #[inline]
    pub fn check(&self) -> Option<crate::view::CheckInfoView<'a>> {
        self.src
            .message(self.at[8], 13, Self::MAPS)
            .map(crate::view::CheckInfoView::index)
    }
    ///`optional mesos.v1.KillPolicy kill_policy = 12`: the message, `None` when absent.
    #[inline]
    pub fn kill_policy(&self) -> Option<crate::view::KillPolicyView<'a>> {
        self.src
            .message(self.at[9], 12, Self::MAPS)
            .map(crate::view::KillPolicyView::index)
    }
    ///`optional bytes data = 6`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn data_opt(&self) -> Option<&'a [u8]> {
        crate::view::wire::len_at(self.src.buf, self.at[10].last)
    }
    ///`optional bytes data = 6`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn data(&self) -> &'a [u8] {
        self.data_opt().unwrap_or(&[])
    }
    ///`optional mesos.v1.Labels labels = 10`: the message, `None` when absent.
    #[inline]
    pub fn labels(&self) -> Option<crate::view::LabelsView<'a>> {
        self.src.message(self.at[11], 10, Self::MAPS).map(crate::view::LabelsView::index)
    }
    ///`optional mesos.v1.DiscoveryInfo discovery = 11`: the message, `None` when absent.
    #[inline]
    pub fn discovery(&self) -> Option<crate::view::DiscoveryInfoView<'a>> {
        self.src
            .message(self.at[12], 11, Self::MAPS)
            .map(crate::view::DiscoveryInfoView::index)
    }
    ///`optional mesos.v1.DurationInfo max_completion_time = 14`: the message, `None` when absent.
    #[inline]
    pub fn max_completion_time(&self) -> Option<crate::view::DurationInfoView<'a>> {
        self.src
            .message(self.at[13], 14, Self::MAPS)
            .map(crate::view::DurationInfoView::index)
    }
    ///`repeated mesos.v1.TaskInfo.LimitsEntry limits = 15`: the map's entries in wire order (prost keeps the last entry of each key).
    #[inline]
    pub fn limits(
        &self,
    ) -> crate::view::Repeated<'a, crate::view::task_info::LimitsEntryView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[14], 15, Self::MAPS)
    }
}
///A borrowed view of an encoded [`TaskResourceLimitation`](crate::v1::TaskResourceLimitation) (`mesos.v1.TaskResourceLimitation`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct TaskResourceLimitationView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(
    TaskResourceLimitationView, crate ::v1::TaskResourceLimitation,
    "mesos.v1.TaskResourceLimitation"
);
#[allow(deprecated)]
impl<'a> TaskResourceLimitationView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.TaskResourceLimitation")? {
            let checked = match tag {
                1 => r.message(wt, depth, crate::view::ResourceView::validate),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("resources", true),
            _ => {
                return r
                    .blame(
                        e,
                        "mesos.v1.TaskResourceLimitation",
                        tag,
                        &format!("#{tag}"),
                        false,
                    );
            }
        };
        r.blame(e, "mesos.v1.TaskResourceLimitation", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`repeated mesos.v1.Resource resources = 1`: the elements in wire order.
    #[inline]
    pub fn resources(&self) -> crate::view::Repeated<'a, crate::view::ResourceView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[0], 1, Self::MAPS)
    }
}
///A borrowed view of an encoded [`TaskStatus`](crate::v1::TaskStatus) (`mesos.v1.TaskStatus`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct TaskStatusView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 16],
}
view_common!(TaskStatusView, crate ::v1::TaskStatus, "mesos.v1.TaskStatus");
#[allow(deprecated)]
impl<'a> TaskStatusView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.TaskStatus")? {
            let checked = match tag {
                1 => r.message(wt, depth, crate::view::TaskIdView::validate),
                2 => r.varint(wt),
                4 => r.string(wt),
                9 => r.varint(wt),
                10 => r.varint(wt),
                3 => r.bytes(wt),
                5 => r.message(wt, depth, crate::view::AgentIdView::validate),
                7 => r.message(wt, depth, crate::view::ExecutorIdView::validate),
                6 => r.fixed64(wt),
                11 => r.bytes(wt),
                8 => r.varint(wt),
                15 => r.message(wt, depth, crate::view::CheckStatusInfoView::validate),
                12 => r.message(wt, depth, crate::view::LabelsView::validate),
                13 => r.message(wt, depth, crate::view::ContainerStatusView::validate),
                14 => r.message(wt, depth, crate::view::TimeInfoView::validate),
                16 => {
                    r.message(
                        wt,
                        depth,
                        crate::view::TaskResourceLimitationView::validate,
                    )
                }
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("task_id", false),
            2 => ("state", false),
            4 => ("message", false),
            9 => ("source", false),
            10 => ("reason", false),
            3 => ("data", false),
            5 => ("agent_id", false),
            7 => ("executor_id", false),
            6 => ("timestamp", false),
            11 => ("uuid", false),
            8 => ("healthy", false),
            15 => ("check_status", false),
            12 => ("labels", false),
            13 => ("container_status", false),
            14 => ("unreachable_time", false),
            16 => ("limitation", false),
            _ => return r.blame(e, "mesos.v1.TaskStatus", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.TaskStatus", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 16];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                4 => at[2].push(key),
                9 => at[3].push(key),
                10 => at[4].push(key),
                3 => at[5].push(key),
                5 => at[6].push(key),
                7 => at[7].push(key),
                6 => at[8].push(key),
                11 => at[9].push(key),
                8 => at[10].push(key),
                15 => at[11].push(key),
                12 => at[12].push(key),
                13 => at[13].push(key),
                14 => at[14].push(key),
                16 => at[15].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`required mesos.v1.TaskID task_id = 1`: the message (all defaults when absent, as prost leaves it).
    #[inline]
    pub fn task_id(&self) -> crate::view::TaskIdView<'a> {
        crate::view::TaskIdView::index(
            self
                .src
                .message(self.at[0], 1, Self::MAPS)
                .unwrap_or(crate::view::wire::Src::one(&[])),
        )
    }
    ///`required mesos.v1.TaskState state = 2`: the number prost's field holds (the default's when absent).
    #[inline]
    pub fn state_raw(&self) -> i32 {
        crate::view::wire::varint_at(self.src.buf, self.at[1].last)
            .map(|v| v as i32)
            .unwrap_or(
                <crate::v1::TaskState as ::core::default::Default>::default() as i32,
            )
    }
    ///`required mesos.v1.TaskState state = 2`: the enum value, or the default when unknown, like prost's getter.
    #[inline]
    pub fn state(&self) -> crate::v1::TaskState {
        <crate::v1::TaskState as ::core::convert::TryFrom<
            i32,
        >>::try_from(self.state_raw())
            .unwrap_or_default()
    }
    ///`optional string message = 4`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn message_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[2].last)
    }
    ///`optional string message = 4`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn message(&self) -> &'a str {
        self.message_opt().unwrap_or("")
    }
    ///`optional mesos.v1.TaskStatus.Source source = 9`: the number prost's field holds, `None` when absent.
    #[inline]
    pub fn source_raw(&self) -> Option<i32> {
        crate::view::wire::varint_at(self.src.buf, self.at[3].last).map(|v| v as i32)
    }
    ///`optional mesos.v1.TaskStatus.Source source = 9`: the enum value, or the default when absent or unknown, like prost's getter.
    #[inline]
    pub fn source(&self) -> crate::v1::task_status::Source {
        self.source_raw()
            .and_then(|v| {
                <crate::v1::task_status::Source as ::core::convert::TryFrom<
                    i32,
                >>::try_from(v)
                    .ok()
            })
            .unwrap_or_default()
    }
    ///`optional mesos.v1.TaskStatus.Reason reason = 10`: the number prost's field holds, `None` when absent.
    #[inline]
    pub fn reason_raw(&self) -> Option<i32> {
        crate::view::wire::varint_at(self.src.buf, self.at[4].last).map(|v| v as i32)
    }
    ///`optional mesos.v1.TaskStatus.Reason reason = 10`: the enum value, or the default when absent or unknown, like prost's getter.
    #[inline]
    pub fn reason(&self) -> crate::v1::task_status::Reason {
        self.reason_raw()
            .and_then(|v| {
                <crate::v1::task_status::Reason as ::core::convert::TryFrom<
                    i32,
                >>::try_from(v)
                    .ok()
            })
            .unwrap_or_default()
    }
    ///`optional bytes data = 3`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn data_opt(&self) -> Option<&'a [u8]> {
        crate::view::wire::len_at(self.src.buf, self.at[5].last)
    }
    ///`optional bytes data = 3`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn data(&self) -> &'a [u8] {
        self.data_opt().unwrap_or(&[])
    }
    ///`optional mesos.v1.AgentID agent_id = 5`: the message, `None` when absent.
    #[inline]
    pub fn agent_id(&self) -> Option<crate::view::AgentIdView<'a>> {
        self.src.message(self.at[6], 5, Self::MAPS).map(crate::view::AgentIdView::index)
    }
    ///`optional mesos.v1.ExecutorID executor_id = 7`: the message, `None` when absent.
    #[inline]
    pub fn executor_id(&self) -> Option<crate::view::ExecutorIdView<'a>> {
        self.src
            .message(self.at[7], 7, Self::MAPS)
            .map(crate::view::ExecutorIdView::index)
    }
    ///`optional double timestamp = 6`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn timestamp_opt(&self) -> Option<f64> {
        crate::view::wire::fixed64_at(self.src.buf, self.at[8].last).map(f64::from_bits)
    }
    ///`optional double timestamp = 6`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn timestamp(&self) -> f64 {
        self.timestamp_opt().unwrap_or(0.0)
    }
    ///`optional bytes uuid = 11`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn uuid_opt(&self) -> Option<&'a [u8]> {
        crate::view::wire::len_at(self.src.buf, self.at[9].last)
    }
    ///`optional bytes uuid = 11`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn uuid(&self) -> &'a [u8] {
        self.uuid_opt().unwrap_or(&[])
    }
    ///`optional bool healthy = 8`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn healthy_opt(&self) -> Option<bool> {
        crate::view::wire::varint_at(self.src.buf, self.at[10].last).map(|v| v != 0)
    }
    ///`optional bool healthy = 8`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn healthy(&self) -> bool {
        self.healthy_opt().unwrap_or(false)
    }
    ///`optional mesos.v1.CheckStatusInfo check_status = 15`: the message, `None` when absent.
    #[inline]
    pub fn check_status(&self) -> Option<crate::view::CheckStatusInfoView<'a>> {
        self.src
            .message(self.at[11], 15, Self::MAPS)
            .map(crate::view::CheckStatusInfoView::index)
    }
    ///`optional mesos.v1.Labels labels = 12`: the message, `None` when absent.
    #[inline]
    pub fn labels(&self) -> Option<crate::view::LabelsView<'a>> {
        self.src.message(self.at[12], 12, Self::MAPS).map(crate::view::LabelsView::index)
    }
    ///`optional mesos.v1.ContainerStatus container_status = 13`: the message, `None` when absent.
    #[inline]
    pub fn container_status(&self) -> Option<crate::view::ContainerStatusView<'a>> {
        self.src
            .message(self.at[13], 13, Self::MAPS)
            .map(crate::view::ContainerStatusView::index)
    }
    ///`optional mesos.v1.TimeInfo unreachable_time = 14`: the message, `None` when absent.
    #[inline]
    pub fn unreachable_time(&self) -> Option<crate::view::TimeInfoView<'a>> {
        self.src
            .message(self.at[14], 14, Self::MAPS)
            .map(crate::view::TimeInfoView::index)
    }
    ///`optional mesos.v1.TaskResourceLimitation limitation = 16`: the message, `None` when absent.
    #[inline]
    pub fn limitation(&self) -> Option<crate::view::TaskResourceLimitationView<'a>> {
        self.src
            .message(self.at[15], 16, Self::MAPS)
            .map(crate::view::TaskResourceLimitationView::index)
    }
}
///A borrowed view of an encoded [`TimeInfo`](crate::v1::TimeInfo) (`mesos.v1.TimeInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct TimeInfoView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(TimeInfoView, crate ::v1::TimeInfo, "mesos.v1.TimeInfo");
#[allow(deprecated)]
impl<'a> TimeInfoView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.TimeInfo")? {
            let checked = match tag {
                1 => r.varint(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("nanoseconds", false),
            _ => return r.blame(e, "mesos.v1.TimeInfo", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.TimeInfo", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`required int64 nanoseconds = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn nanoseconds(&self) -> i64 {
        crate::view::wire::varint_at(self.src.buf, self.at[0].last)
            .map(|v| v as i64)
            .unwrap_or(0)
    }
}
///A borrowed view of an encoded [`Url`](crate::v1::Url) (`mesos.v1.URL`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct UrlView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 5],
}
view_common!(UrlView, crate ::v1::Url, "mesos.v1.URL");
#[allow(deprecated)]
impl<'a> UrlView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.URL")? {
            let checked = match tag {
                1 => r.string(wt),
                2 => r.message(wt, depth, crate::view::AddressView::validate),
                3 => r.string(wt),
                4 => r.message(wt, depth, crate::view::ParameterView::validate),
                5 => r.string(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("scheme", false),
            2 => ("address", false),
            3 => ("path", false),
            4 => ("query", true),
            5 => ("fragment", false),
            _ => return r.blame(e, "mesos.v1.URL", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.URL", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 5];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                3 => at[2].push(key),
                4 => at[3].push(key),
                5 => at[4].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`required string scheme = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn scheme(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
    }
    ///`required mesos.v1.Address address = 2`: the message (all defaults when absent, as prost leaves it).
    #[inline]
    pub fn address(&self) -> crate::view::AddressView<'a> {
        crate::view::AddressView::index(
            self
                .src
                .message(self.at[1], 2, Self::MAPS)
                .unwrap_or(crate::view::wire::Src::one(&[])),
        )
    }
    ///`optional string path = 3`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn path_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[2].last)
    }
    ///`optional string path = 3`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn path(&self) -> &'a str {
        self.path_opt().unwrap_or("")
    }
    ///`repeated mesos.v1.Parameter query = 4`: the elements in wire order.
    #[inline]
    pub fn query(&self) -> crate::view::Repeated<'a, crate::view::ParameterView<'a>> {
        crate::view::Repeated::new(&self.src, self.at[3], 4, Self::MAPS)
    }
    ///`optional string fragment = 5`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn fragment_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[4].last)
    }
    ///`optional string fragment = 5`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn fragment(&self) -> &'a str {
        self.fragment_opt().unwrap_or("")
    }
}
///A borrowed view of an encoded [`Uuid`](crate::v1::Uuid) (`mesos.v1.UUID`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct UuidView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 1],
}
view_common!(UuidView, crate ::v1::Uuid, "mesos.v1.UUID");
#[allow(deprecated)]
impl<'a> UuidView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.UUID")? {
            let checked = match tag {
                1 => r.bytes(wt),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("value", false),
            _ => return r.blame(e, "mesos.v1.UUID", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.UUID", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 1];
        src.scan(
            Self::MAPS,
            |tag, key| {
                if tag == 1 {
                    at[0].push(key)
                }
            },
        );
        Self { src, at }
    }
    ///`required bytes value = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn value(&self) -> &'a [u8] {
        crate::view::wire::len_at(self.src.buf, self.at[0].last).unwrap_or(&[])
    }
}
///A borrowed view of an encoded [`Unavailability`](crate::v1::Unavailability) (`mesos.v1.Unavailability`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct UnavailabilityView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 2],
}
view_common!(UnavailabilityView, crate ::v1::Unavailability, "mesos.v1.Unavailability");
#[allow(deprecated)]
impl<'a> UnavailabilityView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.Unavailability")? {
            let checked = match tag {
                1 => r.message(wt, depth, crate::view::TimeInfoView::validate),
                2 => r.message(wt, depth, crate::view::DurationInfoView::validate),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            1 => ("start", false),
            2 => ("duration", false),
            _ => {
                return r
                    .blame(e, "mesos.v1.Unavailability", tag, &format!("#{tag}"), false);
            }
        };
        r.blame(e, "mesos.v1.Unavailability", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 2];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                1 => at[0].push(key),
                2 => at[1].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`required mesos.v1.TimeInfo start = 1`: the message (all defaults when absent, as prost leaves it).
    #[inline]
    pub fn start(&self) -> crate::view::TimeInfoView<'a> {
        crate::view::TimeInfoView::index(
            self
                .src
                .message(self.at[0], 1, Self::MAPS)
                .unwrap_or(crate::view::wire::Src::one(&[])),
        )
    }
    ///`optional mesos.v1.DurationInfo duration = 2`: the message, `None` when absent.
    #[inline]
    pub fn duration(&self) -> Option<crate::view::DurationInfoView<'a>> {
        self.src
            .message(self.at[1], 2, Self::MAPS)
            .map(crate::view::DurationInfoView::index)
    }
}
///A borrowed view of an encoded [`Volume`](crate::v1::Volume) (`mesos.v1.Volume`): its fields read from the bytes on demand. See [the module documentation](crate::view).
#[derive(Clone)]
pub struct VolumeView<'a> {
    src: crate::view::wire::Src<'a>,
    at: [crate::view::wire::Slot; 5],
}
view_common!(VolumeView, crate ::v1::Volume, "mesos.v1.Volume");
#[allow(deprecated)]
impl<'a> VolumeView<'a> {
    const MAPS: &'static [u32] = &[];
    pub(crate) fn validate(
        buf: &[u8],
        depth: u32,
    ) -> Result<(), crate::view::ViewError> {
        let mut r = crate::view::wire::Reader::new(buf);
        while let Some((tag, wt)) = r.key("mesos.v1.Volume")? {
            let checked = match tag {
                3 => r.varint(wt),
                1 => r.string(wt),
                2 => r.string(wt),
                4 => r.message(wt, depth, crate::view::ImageView::validate),
                5 => r.message(wt, depth, crate::view::volume::SourceView::validate),
                _ => r.unknown(tag, wt, depth),
            };
            if let Err(e) = checked {
                return Err(Self::blame(&r, e, tag));
            }
        }
        Ok(())
    }
    #[cold]
    fn blame(
        r: &crate::view::wire::Reader<'_>,
        e: crate::view::ViewError,
        tag: u32,
    ) -> crate::view::ViewError {
        let (name, repeated) = match tag {
            3 => ("mode", false),
            1 => ("container_path", false),
            2 => ("host_path", false),
            4 => ("image", false),
            5 => ("source", false),
            _ => return r.blame(e, "mesos.v1.Volume", tag, &format!("#{tag}"), false),
        };
        r.blame(e, "mesos.v1.Volume", tag, name, repeated)
    }
    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
        let mut at = [crate::view::wire::Slot::NONE; 5];
        src.scan(
            Self::MAPS,
            |tag, key| match tag {
                3 => at[0].push(key),
                1 => at[1].push(key),
                2 => at[2].push(key),
                4 => at[3].push(key),
                5 => at[4].push(key),
                _ => {}
            },
        );
        Self { src, at }
    }
    ///`required mesos.v1.Volume.Mode mode = 3`: the number prost's field holds (the default's when absent).
    #[inline]
    pub fn mode_raw(&self) -> i32 {
        crate::view::wire::varint_at(self.src.buf, self.at[0].last)
            .map(|v| v as i32)
            .unwrap_or(
                <crate::v1::volume::Mode as ::core::default::Default>::default() as i32,
            )
    }
    ///`required mesos.v1.Volume.Mode mode = 3`: the enum value, or the default when unknown, like prost's getter.
    #[inline]
    pub fn mode(&self) -> crate::v1::volume::Mode {
        <crate::v1::volume::Mode as ::core::convert::TryFrom<
            i32,
        >>::try_from(self.mode_raw())
            .unwrap_or_default()
    }
    ///`required string container_path = 1`: the value (the default when absent, as prost leaves it).
    #[inline]
    pub fn container_path(&self) -> &'a str {
        crate::view::wire::str_at(self.src.buf, self.at[1].last).unwrap_or("")
    }
    ///`optional string host_path = 2`: what prost's field holds: `None` when absent.
    #[inline]
    pub fn host_path_opt(&self) -> Option<&'a str> {
        crate::view::wire::str_at(self.src.buf, self.at[2].last)
    }
    ///`optional string host_path = 2`: the value, or the default when absent, like prost's getter.
    #[inline]
    pub fn host_path(&self) -> &'a str {
        self.host_path_opt().unwrap_or("")
    }
    ///`optional mesos.v1.Image image = 4`: the message, `None` when absent.
    #[inline]
    pub fn image(&self) -> Option<crate::view::ImageView<'a>> {
        self.src.message(self.at[3], 4, Self::MAPS).map(crate::view::ImageView::index)
    }
    ///`optional mesos.v1.Volume.Source source = 5`: the message, `None` when absent.
    #[inline]
    pub fn source(&self) -> Option<crate::view::volume::SourceView<'a>> {
        self.src
            .message(self.at[4], 5, Self::MAPS)
            .map(crate::view::volume::SourceView::index)
    }
}
///Views of the messages nested in `mesos.v1.CgroupInfo`.
pub mod cgroup_info {
    ///A borrowed view of an encoded [`NetCls`](crate::v1::cgroup_info::NetCls) (`mesos.v1.CgroupInfo.NetCls`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct NetClsView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 1],
    }
    view_common!(
        NetClsView, crate ::v1::cgroup_info::NetCls, "mesos.v1.CgroupInfo.NetCls"
    );
    #[allow(deprecated)]
    impl<'a> NetClsView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.CgroupInfo.NetCls")? {
                let checked = match tag {
                    1 => r.varint(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("classid", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.CgroupInfo.NetCls",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.CgroupInfo.NetCls", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 1];
            src.scan(
                Self::MAPS,
                |tag, key| {
                    if tag == 1 {
                        at[0].push(key)
                    }
                },
            );
            Self { src, at }
        }
        ///`optional uint32 classid = 1`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn classid_opt(&self) -> Option<u32> {
            crate::view::wire::varint_at(self.src.buf, self.at[0].last).map(|v| v as u32)
        }
        ///`optional uint32 classid = 1`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn classid(&self) -> u32 {
            self.classid_opt().unwrap_or(0)
        }
    }
}
///Views of the messages nested in `mesos.v1.CheckInfo`.
pub mod check_info {
    ///A borrowed view of an encoded [`Command`](crate::v1::check_info::Command) (`mesos.v1.CheckInfo.Command`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct CommandView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 1],
    }
    view_common!(
        CommandView, crate ::v1::check_info::Command, "mesos.v1.CheckInfo.Command"
    );
    #[allow(deprecated)]
    impl<'a> CommandView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.CheckInfo.Command")? {
                let checked = match tag {
                    1 => r.message(wt, depth, crate::view::CommandInfoView::validate),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("command", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.CheckInfo.Command",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.CheckInfo.Command", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 1];
            src.scan(
                Self::MAPS,
                |tag, key| {
                    if tag == 1 {
                        at[0].push(key)
                    }
                },
            );
            Self { src, at }
        }
        ///`required mesos.v1.CommandInfo command = 1`: the message (all defaults when absent, as prost leaves it).
        #[inline]
        pub fn command(&self) -> crate::view::CommandInfoView<'a> {
            crate::view::CommandInfoView::index(
                self
                    .src
                    .message(self.at[0], 1, Self::MAPS)
                    .unwrap_or(crate::view::wire::Src::one(&[])),
            )
        }
    }
    ///A borrowed view of an encoded [`Http`](crate::v1::check_info::Http) (`mesos.v1.CheckInfo.Http`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct HttpView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 2],
    }
    view_common!(HttpView, crate ::v1::check_info::Http, "mesos.v1.CheckInfo.Http");
    #[allow(deprecated)]
    impl<'a> HttpView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.CheckInfo.Http")? {
                let checked = match tag {
                    1 => r.varint(wt),
                    2 => r.string(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("port", false),
                2 => ("path", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.CheckInfo.Http",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.CheckInfo.Http", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 2];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    1 => at[0].push(key),
                    2 => at[1].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`required uint32 port = 1`: the value (the default when absent, as prost leaves it).
        #[inline]
        pub fn port(&self) -> u32 {
            crate::view::wire::varint_at(self.src.buf, self.at[0].last)
                .map(|v| v as u32)
                .unwrap_or(0)
        }
        ///`optional string path = 2`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn path_opt(&self) -> Option<&'a str> {
            crate::view::wire::str_at(self.src.buf, self.at[1].last)
        }
        ///`optional string path = 2`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn path(&self) -> &'a str {
            self.path_opt().unwrap_or("")
        }
    }
    ///A borrowed view of an encoded [`Tcp`](crate::v1::check_info::Tcp) (`mesos.v1.CheckInfo.Tcp`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct TcpView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 1],
    }
    view_common!(TcpView, crate ::v1::check_info::Tcp, "mesos.v1.CheckInfo.Tcp");
    #[allow(deprecated)]
    impl<'a> TcpView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.CheckInfo.Tcp")? {
                let checked = match tag {
                    1 => r.varint(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("port", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.CheckInfo.Tcp",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.CheckInfo.Tcp", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 1];
            src.scan(
                Self::MAPS,
                |tag, key| {
                    if tag == 1 {
                        at[0].push(key)
                    }
                },
            );
            Self { src, at }
        }
        ///`required uint32 port = 1`: the value (the default when absent, as prost leaves it).
        #[inline]
        pub fn port(&self) -> u32 {
            crate::view::wire::varint_at(self.src.buf, self.at[0].last)
                .map(|v| v as u32)
                .unwrap_or(0)
        }
    }
}
///Views of the messages nested in `mesos.v1.CheckStatusInfo`.
pub mod check_status_info {
    ///A borrowed view of an encoded [`Command`](crate::v1::check_status_info::Command) (`mesos.v1.CheckStatusInfo.Command`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct CommandView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 1],
    }
    view_common!(
        CommandView, crate ::v1::check_status_info::Command,
        "mesos.v1.CheckStatusInfo.Command"
    );
    #[allow(deprecated)]
    impl<'a> CommandView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.CheckStatusInfo.Command")? {
                let checked = match tag {
                    1 => r.varint(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("exit_code", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.CheckStatusInfo.Command",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.CheckStatusInfo.Command", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 1];
            src.scan(
                Self::MAPS,
                |tag, key| {
                    if tag == 1 {
                        at[0].push(key)
                    }
                },
            );
            Self { src, at }
        }
        ///`optional int32 exit_code = 1`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn exit_code_opt(&self) -> Option<i32> {
            crate::view::wire::varint_at(self.src.buf, self.at[0].last).map(|v| v as i32)
        }
        ///`optional int32 exit_code = 1`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn exit_code(&self) -> i32 {
            self.exit_code_opt().unwrap_or(0)
        }
    }
    ///A borrowed view of an encoded [`Http`](crate::v1::check_status_info::Http) (`mesos.v1.CheckStatusInfo.Http`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct HttpView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 1],
    }
    view_common!(
        HttpView, crate ::v1::check_status_info::Http, "mesos.v1.CheckStatusInfo.Http"
    );
    #[allow(deprecated)]
    impl<'a> HttpView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.CheckStatusInfo.Http")? {
                let checked = match tag {
                    1 => r.varint(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("status_code", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.CheckStatusInfo.Http",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.CheckStatusInfo.Http", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 1];
            src.scan(
                Self::MAPS,
                |tag, key| {
                    if tag == 1 {
                        at[0].push(key)
                    }
                },
            );
            Self { src, at }
        }
        ///`optional uint32 status_code = 1`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn status_code_opt(&self) -> Option<u32> {
            crate::view::wire::varint_at(self.src.buf, self.at[0].last).map(|v| v as u32)
        }
        ///`optional uint32 status_code = 1`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn status_code(&self) -> u32 {
            self.status_code_opt().unwrap_or(0)
        }
    }
    ///A borrowed view of an encoded [`Tcp`](crate::v1::check_status_info::Tcp) (`mesos.v1.CheckStatusInfo.Tcp`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct TcpView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 1],
    }
    view_common!(
        TcpView, crate ::v1::check_status_info::Tcp, "mesos.v1.CheckStatusInfo.Tcp"
    );
    #[allow(deprecated)]
    impl<'a> TcpView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.CheckStatusInfo.Tcp")? {
                let checked = match tag {
                    1 => r.varint(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("succeeded", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.CheckStatusInfo.Tcp",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.CheckStatusInfo.Tcp", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 1];
            src.scan(
                Self::MAPS,
                |tag, key| {
                    if tag == 1 {
                        at[0].push(key)
                    }
                },
            );
            Self { src, at }
        }
        ///`optional bool succeeded = 1`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn succeeded_opt(&self) -> Option<bool> {
            crate::view::wire::varint_at(self.src.buf, self.at[0].last).map(|v| v != 0)
        }
        ///`optional bool succeeded = 1`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn succeeded(&self) -> bool {
            self.succeeded_opt().unwrap_or(false)
        }
    }
}
///Views of the messages nested in `mesos.v1.CommandInfo`.
pub mod command_info {
    ///A borrowed view of an encoded [`Uri`](crate::v1::command_info::Uri) (`mesos.v1.CommandInfo.URI`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct UriView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 5],
    }
    view_common!(UriView, crate ::v1::command_info::Uri, "mesos.v1.CommandInfo.URI");
    #[allow(deprecated)]
    impl<'a> UriView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.CommandInfo.URI")? {
                let checked = match tag {
                    1 => r.string(wt),
                    2 => r.varint(wt),
                    3 => r.varint(wt),
                    4 => r.varint(wt),
                    5 => r.string(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("value", false),
                2 => ("executable", false),
                3 => ("extract", false),
                4 => ("cache", false),
                5 => ("output_file", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.CommandInfo.URI",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.CommandInfo.URI", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 5];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    1 => at[0].push(key),
                    2 => at[1].push(key),
                    3 => at[2].push(key),
                    4 => at[3].push(key),
                    5 => at[4].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`required string value = 1`: the value (the default when absent, as prost leaves it).
        #[inline]
        pub fn value(&self) -> &'a str {
            crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
        }
        ///`optional bool executable = 2`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn executable_opt(&self) -> Option<bool> {
            crate::view::wire::varint_at(self.src.buf, self.at[1].last).map(|v| v != 0)
        }
        ///`optional bool executable = 2`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn executable(&self) -> bool {
            self.executable_opt().unwrap_or(false)
        }
        ///`optional bool extract = 3 [default = true]`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn extract_opt(&self) -> Option<bool> {
            crate::view::wire::varint_at(self.src.buf, self.at[2].last).map(|v| v != 0)
        }
        ///`optional bool extract = 3 [default = true]`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn extract(&self) -> bool {
            self.extract_opt().unwrap_or(true)
        }
        ///`optional bool cache = 4`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn cache_opt(&self) -> Option<bool> {
            crate::view::wire::varint_at(self.src.buf, self.at[3].last).map(|v| v != 0)
        }
        ///`optional bool cache = 4`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn cache(&self) -> bool {
            self.cache_opt().unwrap_or(false)
        }
        ///`optional string output_file = 5`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn output_file_opt(&self) -> Option<&'a str> {
            crate::view::wire::str_at(self.src.buf, self.at[4].last)
        }
        ///`optional string output_file = 5`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn output_file(&self) -> &'a str {
            self.output_file_opt().unwrap_or("")
        }
    }
}
///Views of the messages nested in `mesos.v1.ContainerInfo`.
pub mod container_info {
    ///A borrowed view of an encoded [`DockerInfo`](crate::v1::container_info::DockerInfo) (`mesos.v1.ContainerInfo.DockerInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct DockerInfoView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 7],
    }
    view_common!(
        DockerInfoView, crate ::v1::container_info::DockerInfo,
        "mesos.v1.ContainerInfo.DockerInfo"
    );
    #[allow(deprecated)]
    impl<'a> DockerInfoView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.ContainerInfo.DockerInfo")? {
                let checked = match tag {
                    1 => r.string(wt),
                    2 => r.varint(wt),
                    3 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::container_info::docker_info::PortMappingView::validate,
                        )
                    }
                    4 => r.varint(wt),
                    5 => r.message(wt, depth, crate::view::ParameterView::validate),
                    6 => r.varint(wt),
                    7 => r.string(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("image", false),
                2 => ("network", false),
                3 => ("port_mappings", true),
                4 => ("privileged", false),
                5 => ("parameters", true),
                6 => ("force_pull_image", false),
                7 => ("volume_driver", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.ContainerInfo.DockerInfo",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.ContainerInfo.DockerInfo", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 7];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    1 => at[0].push(key),
                    2 => at[1].push(key),
                    3 => at[2].push(key),
                    4 => at[3].push(key),
                    5 => at[4].push(key),
                    6 => at[5].push(key),
                    7 => at[6].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`required string image = 1`: the value (the default when absent, as prost leaves it).
        #[inline]
        pub fn image(&self) -> &'a str {
            crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
        }
        ///`optional mesos.v1.ContainerInfo.DockerInfo.Network network = 2 [default = HOST]`: the number prost's field holds, `None` when absent.
        #[inline]
        pub fn network_raw(&self) -> Option<i32> {
            crate::view::wire::varint_at(self.src.buf, self.at[1].last).map(|v| v as i32)
        }
        ///`optional mesos.v1.ContainerInfo.DockerInfo.Network network = 2 [default = HOST]`: the enum value, or the default when absent or unknown, like prost's getter.
        #[inline]
        pub fn network(&self) -> crate::v1::container_info::docker_info::Network {
            self.network_raw()
                .and_then(|v| {
                    <crate::v1::container_info::docker_info::Network as ::core::convert::TryFrom<
                        i32,
                    >>::try_from(v)
                        .ok()
                })
                .unwrap_or(crate::v1::container_info::docker_info::Network::Host)
        }
        ///`repeated mesos.v1.ContainerInfo.DockerInfo.PortMapping port_mappings = 3`: the elements in wire order.
        #[inline]
        pub fn port_mappings(
            &self,
        ) -> crate::view::Repeated<
            'a,
            crate::view::container_info::docker_info::PortMappingView<'a>,
        > {
            crate::view::Repeated::new(&self.src, self.at[2], 3, Self::MAPS)
        }
        ///`optional bool privileged = 4 [default = false]`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn privileged_opt(&self) -> Option<bool> {
            crate::view::wire::varint_at(self.src.buf, self.at[3].last).map(|v| v != 0)
        }
        ///`optional bool privileged = 4 [default = false]`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn privileged(&self) -> bool {
            self.privileged_opt().unwrap_or(false)
        }
        ///`repeated mesos.v1.Parameter parameters = 5`: the elements in wire order.
        #[inline]
        pub fn parameters(
            &self,
        ) -> crate::view::Repeated<'a, crate::view::ParameterView<'a>> {
            crate::view::Repeated::new(&self.src, self.at[4], 5, Self::MAPS)
        }
        ///`optional bool force_pull_image = 6`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn force_pull_image_opt(&self) -> Option<bool> {
            crate::view::wire::varint_at(self.src.buf, self.at[5].last).map(|v| v != 0)
        }
        ///`optional bool force_pull_image = 6`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn force_pull_image(&self) -> bool {
            self.force_pull_image_opt().unwrap_or(false)
        }
        ///`optional string volume_driver = 7 (deprecated)`: what prost's field holds: `None` when absent.
        #[deprecated]
        #[inline]
        pub fn volume_driver_opt(&self) -> Option<&'a str> {
            crate::view::wire::str_at(self.src.buf, self.at[6].last)
        }
        ///`optional string volume_driver = 7 (deprecated)`: the value, or the default when absent, like prost's getter.
        #[deprecated]
        #[inline]
        pub fn volume_driver(&self) -> &'a str {
            self.volume_driver_opt().unwrap_or("")
        }
    }
    ///A borrowed view of an encoded [`MesosInfo`](crate::v1::container_info::MesosInfo) (`mesos.v1.ContainerInfo.MesosInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct MesosInfoView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 1],
    }
    view_common!(
        MesosInfoView, crate ::v1::container_info::MesosInfo,
        "mesos.v1.ContainerInfo.MesosInfo"
    );
    #[allow(deprecated)]
    impl<'a> MesosInfoView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.ContainerInfo.MesosInfo")? {
                let checked = match tag {
                    1 => r.message(wt, depth, crate::view::ImageView::validate),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("image", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.ContainerInfo.MesosInfo",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.ContainerInfo.MesosInfo", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 1];
            src.scan(
                Self::MAPS,
                |tag, key| {
                    if tag == 1 {
                        at[0].push(key)
                    }
                },
            );
            Self { src, at }
        }
        ///`optional mesos.v1.Image image = 1`: the message, `None` when absent.
        #[inline]
        pub fn image(&self) -> Option<crate::view::ImageView<'a>> {
            self.src
                .message(self.at[0], 1, Self::MAPS)
                .map(crate::view::ImageView::index)
        }
    }
    ///Views of the messages nested in `mesos.v1.ContainerInfo.DockerInfo`.
    pub mod docker_info {
        ///A borrowed view of an encoded [`PortMapping`](crate::v1::container_info::docker_info::PortMapping) (`mesos.v1.ContainerInfo.DockerInfo.PortMapping`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct PortMappingView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 3],
        }
        view_common!(
            PortMappingView, crate ::v1::container_info::docker_info::PortMapping,
            "mesos.v1.ContainerInfo.DockerInfo.PortMapping"
        );
        #[allow(deprecated)]
        impl<'a> PortMappingView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r
                    .key("mesos.v1.ContainerInfo.DockerInfo.PortMapping")?
                {
                    let checked = match tag {
                        1 => r.varint(wt),
                        2 => r.varint(wt),
                        3 => r.string(wt),
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("host_port", false),
                    2 => ("container_port", false),
                    3 => ("protocol", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.ContainerInfo.DockerInfo.PortMapping",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(
                    e,
                    "mesos.v1.ContainerInfo.DockerInfo.PortMapping",
                    tag,
                    name,
                    repeated,
                )
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 3];
                src.scan(
                    Self::MAPS,
                    |tag, key| match tag {
                        1 => at[0].push(key),
                        2 => at[1].push(key),
                        3 => at[2].push(key),
                        _ => {}
                    },
                );
                Self { src, at }
            }
            ///`required uint32 host_port = 1`: the value (the default when absent, as prost leaves it).
            #[inline]
            pub fn host_port(&self) -> u32 {
                crate::view::wire::varint_at(self.src.buf, self.at[0].last)
                    .map(|v| v as u32)
                    .unwrap_or(0)
            }
            ///`required uint32 container_port = 2`: the value (the default when absent, as prost leaves it).
            #[inline]
            pub fn container_port(&self) -> u32 {
                crate::view::wire::varint_at(self.src.buf, self.at[1].last)
                    .map(|v| v as u32)
                    .unwrap_or(0)
            }
            ///`optional string protocol = 3`: what prost's field holds: `None` when absent.
            #[inline]
            pub fn protocol_opt(&self) -> Option<&'a str> {
                crate::view::wire::str_at(self.src.buf, self.at[2].last)
            }
            ///`optional string protocol = 3`: the value, or the default when absent, like prost's getter.
            #[inline]
            pub fn protocol(&self) -> &'a str {
                self.protocol_opt().unwrap_or("")
            }
        }
    }
}
///Views of the messages nested in `mesos.v1.DomainInfo`.
pub mod domain_info {
    ///A borrowed view of an encoded [`FaultDomain`](crate::v1::domain_info::FaultDomain) (`mesos.v1.DomainInfo.FaultDomain`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct FaultDomainView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 2],
    }
    view_common!(
        FaultDomainView, crate ::v1::domain_info::FaultDomain,
        "mesos.v1.DomainInfo.FaultDomain"
    );
    #[allow(deprecated)]
    impl<'a> FaultDomainView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.DomainInfo.FaultDomain")? {
                let checked = match tag {
                    1 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::domain_info::fault_domain::RegionInfoView::validate,
                        )
                    }
                    2 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::domain_info::fault_domain::ZoneInfoView::validate,
                        )
                    }
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("region", false),
                2 => ("zone", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.DomainInfo.FaultDomain",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.DomainInfo.FaultDomain", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 2];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    1 => at[0].push(key),
                    2 => at[1].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`required mesos.v1.DomainInfo.FaultDomain.RegionInfo region = 1`: the message (all defaults when absent, as prost leaves it).
        #[inline]
        pub fn region(
            &self,
        ) -> crate::view::domain_info::fault_domain::RegionInfoView<'a> {
            crate::view::domain_info::fault_domain::RegionInfoView::index(
                self
                    .src
                    .message(self.at[0], 1, Self::MAPS)
                    .unwrap_or(crate::view::wire::Src::one(&[])),
            )
        }
        ///`required mesos.v1.DomainInfo.FaultDomain.ZoneInfo zone = 2`: the message (all defaults when absent, as prost leaves it).
        #[inline]
        pub fn zone(&self) -> crate::view::domain_info::fault_domain::ZoneInfoView<'a> {
            crate::view::domain_info::fault_domain::ZoneInfoView::index(
                self
                    .src
                    .message(self.at[1], 2, Self::MAPS)
                    .unwrap_or(crate::view::wire::Src::one(&[])),
            )
        }
    }
    ///Views of the messages nested in `mesos.v1.DomainInfo.FaultDomain`.
    pub mod fault_domain {
        ///A borrowed view of an encoded [`RegionInfo`](crate::v1::domain_info::fault_domain::RegionInfo) (`mesos.v1.DomainInfo.FaultDomain.RegionInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct RegionInfoView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 1],
        }
        view_common!(
            RegionInfoView, crate ::v1::domain_info::fault_domain::RegionInfo,
            "mesos.v1.DomainInfo.FaultDomain.RegionInfo"
        );
        #[allow(deprecated)]
        impl<'a> RegionInfoView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r
                    .key("mesos.v1.DomainInfo.FaultDomain.RegionInfo")?
                {
                    let checked = match tag {
                        1 => r.string(wt),
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("name", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.DomainInfo.FaultDomain.RegionInfo",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(
                    e,
                    "mesos.v1.DomainInfo.FaultDomain.RegionInfo",
                    tag,
                    name,
                    repeated,
                )
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 1];
                src.scan(
                    Self::MAPS,
                    |tag, key| {
                        if tag == 1 {
                            at[0].push(key)
                        }
                    },
                );
                Self { src, at }
            }
            ///`required string name = 1`: the value (the default when absent, as prost leaves it).
            #[inline]
            pub fn name(&self) -> &'a str {
                crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
            }
        }
        ///A borrowed view of an encoded [`ZoneInfo`](crate::v1::domain_info::fault_domain::ZoneInfo) (`mesos.v1.DomainInfo.FaultDomain.ZoneInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct ZoneInfoView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 1],
        }
        view_common!(
            ZoneInfoView, crate ::v1::domain_info::fault_domain::ZoneInfo,
            "mesos.v1.DomainInfo.FaultDomain.ZoneInfo"
        );
        #[allow(deprecated)]
        impl<'a> ZoneInfoView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r
                    .key("mesos.v1.DomainInfo.FaultDomain.ZoneInfo")?
                {
                    let checked = match tag {
                        1 => r.string(wt),
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("name", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.DomainInfo.FaultDomain.ZoneInfo",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(
                    e,
                    "mesos.v1.DomainInfo.FaultDomain.ZoneInfo",
                    tag,
                    name,
                    repeated,
                )
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 1];
                src.scan(
                    Self::MAPS,
                    |tag, key| {
                        if tag == 1 {
                            at[0].push(key)
                        }
                    },
                );
                Self { src, at }
            }
            ///`required string name = 1`: the value (the default when absent, as prost leaves it).
            #[inline]
            pub fn name(&self) -> &'a str {
                crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
            }
        }
    }
}
///Views of the messages nested in `mesos.v1.Environment`.
pub mod environment {
    ///A borrowed view of an encoded [`Variable`](crate::v1::environment::Variable) (`mesos.v1.Environment.Variable`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct VariableView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 4],
    }
    view_common!(
        VariableView, crate ::v1::environment::Variable, "mesos.v1.Environment.Variable"
    );
    #[allow(deprecated)]
    impl<'a> VariableView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.Environment.Variable")? {
                let checked = match tag {
                    1 => r.string(wt),
                    3 => r.varint(wt),
                    2 => r.string(wt),
                    4 => r.message(wt, depth, crate::view::SecretView::validate),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("name", false),
                3 => ("type", false),
                2 => ("value", false),
                4 => ("secret", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.Environment.Variable",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.Environment.Variable", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 4];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    1 => at[0].push(key),
                    3 => at[1].push(key),
                    2 => at[2].push(key),
                    4 => at[3].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`required string name = 1`: the value (the default when absent, as prost leaves it).
        #[inline]
        pub fn name(&self) -> &'a str {
            crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
        }
        ///`optional mesos.v1.Environment.Variable.Type type = 3 [default = VALUE]`: the number prost's field holds, `None` when absent.
        #[inline]
        pub fn type_raw(&self) -> Option<i32> {
            crate::view::wire::varint_at(self.src.buf, self.at[1].last).map(|v| v as i32)
        }
        ///`optional mesos.v1.Environment.Variable.Type type = 3 [default = VALUE]`: the enum value, or the default when absent or unknown, like prost's getter.
        #[inline]
        pub fn r#type(&self) -> crate::v1::environment::variable::Type {
            self.type_raw()
                .and_then(|v| {
                    <crate::v1::environment::variable::Type as ::core::convert::TryFrom<
                        i32,
                    >>::try_from(v)
                        .ok()
                })
                .unwrap_or(crate::v1::environment::variable::Type::Value)
        }
        ///`optional string value = 2`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn value_opt(&self) -> Option<&'a str> {
            crate::view::wire::str_at(self.src.buf, self.at[2].last)
        }
        ///`optional string value = 2`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn value(&self) -> &'a str {
            self.value_opt().unwrap_or("")
        }
        ///`optional mesos.v1.Secret secret = 4`: the message, `None` when absent.
        #[inline]
        pub fn secret(&self) -> Option<crate::view::SecretView<'a>> {
            self.src
                .message(self.at[3], 4, Self::MAPS)
                .map(crate::view::SecretView::index)
        }
    }
}
///Views of the `mesos.v1.executor` package.
pub mod executor {
    ///A borrowed view of an encoded [`Event`](crate::v1::executor::Event) (`mesos.v1.executor.Event`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct EventView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 8],
    }
    view_common!(EventView, crate ::v1::executor::Event, "mesos.v1.executor.Event");
    #[allow(deprecated)]
    impl<'a> EventView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.executor.Event")? {
                let checked = match tag {
                    1 => r.varint(wt),
                    2 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::executor::event::SubscribedView::validate,
                        )
                    }
                    3 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::executor::event::AcknowledgedView::validate,
                        )
                    }
                    4 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::executor::event::LaunchView::validate,
                        )
                    }
                    8 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::executor::event::LaunchGroupView::validate,
                        )
                    }
                    5 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::executor::event::KillView::validate,
                        )
                    }
                    6 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::executor::event::MessageView::validate,
                        )
                    }
                    7 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::executor::event::ErrorView::validate,
                        )
                    }
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("type", false),
                2 => ("subscribed", false),
                3 => ("acknowledged", false),
                4 => ("launch", false),
                8 => ("launch_group", false),
                5 => ("kill", false),
                6 => ("message", false),
                7 => ("error", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.executor.Event",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.executor.Event", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 8];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    1 => at[0].push(key),
                    2 => at[1].push(key),
                    3 => at[2].push(key),
                    4 => at[3].push(key),
                    8 => at[4].push(key),
                    5 => at[5].push(key),
                    6 => at[6].push(key),
                    7 => at[7].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`optional mesos.v1.executor.Event.Type type = 1`: the number prost's field holds, `None` when absent.
        #[inline]
        pub fn type_raw(&self) -> Option<i32> {
            crate::view::wire::varint_at(self.src.buf, self.at[0].last).map(|v| v as i32)
        }
        ///`optional mesos.v1.executor.Event.Type type = 1`: the enum value, or the default when absent or unknown, like prost's getter.
        #[inline]
        pub fn r#type(&self) -> crate::v1::executor::event::Type {
            self.type_raw()
                .and_then(|v| {
                    <crate::v1::executor::event::Type as ::core::convert::TryFrom<
                        i32,
                    >>::try_from(v)
                        .ok()
                })
                .unwrap_or_default()
        }
        ///`optional mesos.v1.executor.Event.Subscribed subscribed = 2`: the message, `None` when absent.
        #[inline]
        pub fn subscribed(
            &self,
        ) -> Option<crate::view::executor::event::SubscribedView<'a>> {
            self.src
                .message(self.at[1], 2, Self::MAPS)
                .map(crate::view::executor::event::SubscribedView::index)
        }
        ///`optional mesos.v1.executor.Event.Acknowledged acknowledged = 3`: the message, `None` when absent.
        #[inline]
        pub fn acknowledged(
            &self,
        ) -> Option<crate::view::executor::event::AcknowledgedView<'a>> {
            self.src
                .message(self.at[2], 3, Self::MAPS)
                .map(crate::view::executor::event::AcknowledgedView::index)
        }
        ///`optional mesos.v1.executor.Event.Launch launch = 4`: the message, `None` when absent.
        #[inline]
        pub fn launch(&self) -> Option<crate::view::executor::event::LaunchView<'a>> {
            self.src
                .message(self.at[3], 4, Self::MAPS)
                .map(crate::view::executor::event::LaunchView::index)
        }
        ///`optional mesos.v1.executor.Event.LaunchGroup launch_group = 8`: the message, `None` when absent.
        #[inline]
        pub fn launch_group(
            &self,
        ) -> Option<crate::view::executor::event::LaunchGroupView<'a>> {
            self.src
                .message(self.at[4], 8, Self::MAPS)
                .map(crate::view::executor::event::LaunchGroupView::index)
        }
        ///`optional mesos.v1.executor.Event.Kill kill = 5`: the message, `None` when absent.
        #[inline]
        pub fn kill(&self) -> Option<crate::view::executor::event::KillView<'a>> {
            self.src
                .message(self.at[5], 5, Self::MAPS)
                .map(crate::view::executor::event::KillView::index)
        }
        ///`optional mesos.v1.executor.Event.Message message = 6`: the message, `None` when absent.
        #[inline]
        pub fn message(&self) -> Option<crate::view::executor::event::MessageView<'a>> {
            self.src
                .message(self.at[6], 6, Self::MAPS)
                .map(crate::view::executor::event::MessageView::index)
        }
        ///`optional mesos.v1.executor.Event.Error error = 7`: the message, `None` when absent.
        #[inline]
        pub fn error(&self) -> Option<crate::view::executor::event::ErrorView<'a>> {
            self.src
                .message(self.at[7], 7, Self::MAPS)
                .map(crate::view::executor::event::ErrorView::index)
        }
    }
    ///Views of the messages nested in `mesos.v1.executor.Event`.
    pub mod event {
        ///A borrowed view of an encoded [`Acknowledged`](crate::v1::executor::event::Acknowledged) (`mesos.v1.executor.Event.Acknowledged`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct AcknowledgedView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 2],
        }
        view_common!(
            AcknowledgedView, crate ::v1::executor::event::Acknowledged,
            "mesos.v1.executor.Event.Acknowledged"
        );
        #[allow(deprecated)]
        impl<'a> AcknowledgedView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r
                    .key("mesos.v1.executor.Event.Acknowledged")?
                {
                    let checked = match tag {
                        1 => r.message(wt, depth, crate::view::TaskIdView::validate),
                        2 => r.bytes(wt),
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("task_id", false),
                    2 => ("uuid", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.executor.Event.Acknowledged",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(e, "mesos.v1.executor.Event.Acknowledged", tag, name, repeated)
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 2];
                src.scan(
                    Self::MAPS,
                    |tag, key| match tag {
                        1 => at[0].push(key),
                        2 => at[1].push(key),
                        _ => {}
                    },
                );
                Self { src, at }
            }
            ///`required mesos.v1.TaskID task_id = 1`: the message (all defaults when absent, as prost leaves it).
            #[inline]
            pub fn task_id(&self) -> crate::view::TaskIdView<'a> {
                crate::view::TaskIdView::index(
                    self
                        .src
                        .message(self.at[0], 1, Self::MAPS)
                        .unwrap_or(crate::view::wire::Src::one(&[])),
                )
            }
            ///`required bytes uuid = 2`: the value (the default when absent, as prost leaves it).
            #[inline]
            pub fn uuid(&self) -> &'a [u8] {
                crate::view::wire::len_at(self.src.buf, self.at[1].last).unwrap_or(&[])
            }
        }
        ///A borrowed view of an encoded [`Error`](crate::v1::executor::event::Error) (`mesos.v1.executor.Event.Error`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct ErrorView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 1],
        }
        view_common!(
            ErrorView, crate ::v1::executor::event::Error,
            "mesos.v1.executor.Event.Error"
        );
        #[allow(deprecated)]
        impl<'a> ErrorView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r.key("mesos.v1.executor.Event.Error")? {
                    let checked = match tag {
                        1 => r.string(wt),
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("message", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.executor.Event.Error",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(e, "mesos.v1.executor.Event.Error", tag, name, repeated)
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 1];
                src.scan(
                    Self::MAPS,
                    |tag, key| {
                        if tag == 1 {
                            at[0].push(key)
                        }
                    },
                );
                Self { src, at }
            }
            ///`required string message = 1`: the value (the default when absent, as prost leaves it).
            #[inline]
            pub fn message(&self) -> &'a str {
                crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
            }
        }
        ///A borrowed view of an encoded [`Kill`](crate::v1::executor::event::Kill) (`mesos.v1.executor.Event.Kill`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct KillView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 2],
        }
        view_common!(
            KillView, crate ::v1::executor::event::Kill, "mesos.v1.executor.Event.Kill"
        );
        #[allow(deprecated)]
        impl<'a> KillView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r.key("mesos.v1.executor.Event.Kill")? {
                    let checked = match tag {
                        1 => r.message(wt, depth, crate::view::TaskIdView::validate),
                        2 => r.message(wt, depth, crate::view::KillPolicyView::validate),
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("task_id", false),
                    2 => ("kill_policy", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.executor.Event.Kill",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(e, "mesos.v1.executor.Event.Kill", tag, name, repeated)
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 2];
                src.scan(
                    Self::MAPS,
                    |tag, key| match tag {
                        1 => at[0].push(key),
                        2 => at[1].push(key),
                        _ => {}
                    },
                );
                Self { src, at }
            }
            ///`required mesos.v1.TaskID task_id = 1`: the message (all defaults when absent, as prost leaves it).
            #[inline]
            pub fn task_id(&self) -> crate::view::TaskIdView<'a> {
                crate::view::TaskIdView::index(
                    self
                        .src
                        .message(self.at[0], 1, Self::MAPS)
                        .unwrap_or(crate::view::wire::Src::one(&[])),
                )
            }
            ///`optional mesos.v1.KillPolicy kill_policy = 2`: the message, `None` when absent.
            #[inline]
            pub fn kill_policy(&self) -> Option<crate::view::KillPolicyView<'a>> {
                self.src
                    .message(self.at[1], 2, Self::MAPS)
                    .map(crate::view::KillPolicyView::index)
            }
        }
        ///A borrowed view of an encoded [`Launch`](crate::v1::executor::event::Launch) (`mesos.v1.executor.Event.Launch`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct LaunchView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 1],
        }
        view_common!(
            LaunchView, crate ::v1::executor::event::Launch,
            "mesos.v1.executor.Event.Launch"
        );
        #[allow(deprecated)]
        impl<'a> LaunchView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r.key("mesos.v1.executor.Event.Launch")? {
                    let checked = match tag {
                        1 => r.message(wt, depth, crate::view::TaskInfoView::validate),
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("task", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.executor.Event.Launch",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(e, "mesos.v1.executor.Event.Launch", tag, name, repeated)
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 1];
                src.scan(
                    Self::MAPS,
                    |tag, key| {
                        if tag == 1 {
                            at[0].push(key)
                        }
                    },
                );
                Self { src, at }
            }
            ///`required mesos.v1.TaskInfo task = 1`: the message (all defaults when absent, as prost leaves it).
            #[inline]
            pub fn task(&self) -> crate::view::TaskInfoView<'a> {
                crate::view::TaskInfoView::index(
                    self
                        .src
                        .message(self.at[0], 1, Self::MAPS)
                        .unwrap_or(crate::view::wire::Src::one(&[])),
                )
            }
        }
        ///A borrowed view of an encoded [`LaunchGroup`](crate::v1::executor::event::LaunchGroup) (`mesos.v1.executor.Event.LaunchGroup`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct LaunchGroupView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 1],
        }
        view_common!(
            LaunchGroupView, crate ::v1::executor::event::LaunchGroup,
            "mesos.v1.executor.Event.LaunchGroup"
        );
        #[allow(deprecated)]
        impl<'a> LaunchGroupView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r.key("mesos.v1.executor.Event.LaunchGroup")?
                {
                    let checked = match tag {
                        1 => {
                            r.message(
                                wt,
                                depth,
                                crate::view::TaskGroupInfoView::validate,
                            )
                        }
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("task_group", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.executor.Event.LaunchGroup",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(e, "mesos.v1.executor.Event.LaunchGroup", tag, name, repeated)
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 1];
                src.scan(
                    Self::MAPS,
                    |tag, key| {
                        if tag == 1 {
                            at[0].push(key)
                        }
                    },
                );
                Self { src, at }
            }
            ///`required mesos.v1.TaskGroupInfo task_group = 1`: the message (all defaults when absent, as prost leaves it).
            #[inline]
            pub fn task_group(&self) -> crate::view::TaskGroupInfoView<'a> {
                crate::view::TaskGroupInfoView::index(
                    self
                        .src
                        .message(self.at[0], 1, Self::MAPS)
                        .unwrap_or(crate::view::wire::Src::one(&[])),
                )
            }
        }
        ///A borrowed view of an encoded [`Message`](crate::v1::executor::event::Message) (`mesos.v1.executor.Event.Message`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct MessageView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 1],
        }
        view_common!(
            MessageView, crate ::v1::executor::event::Message,
            "mesos.v1.executor.Event.Message"
        );
        #[allow(deprecated)]
        impl<'a> MessageView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r.key("mesos.v1.executor.Event.Message")? {
                    let checked = match tag {
                        1 => r.bytes(wt),
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("data", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.executor.Event.Message",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(e, "mesos.v1.executor.Event.Message", tag, name, repeated)
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 1];
                src.scan(
                    Self::MAPS,
                    |tag, key| {
                        if tag == 1 {
                            at[0].push(key)
                        }
                    },
                );
                Self { src, at }
            }
            ///`required bytes data = 1`: the value (the default when absent, as prost leaves it).
            #[inline]
            pub fn data(&self) -> &'a [u8] {
                crate::view::wire::len_at(self.src.buf, self.at[0].last).unwrap_or(&[])
            }
        }
        ///A borrowed view of an encoded [`Subscribed`](crate::v1::executor::event::Subscribed) (`mesos.v1.executor.Event.Subscribed`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct SubscribedView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 4],
        }
        view_common!(
            SubscribedView, crate ::v1::executor::event::Subscribed,
            "mesos.v1.executor.Event.Subscribed"
        );
        #[allow(deprecated)]
        impl<'a> SubscribedView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r.key("mesos.v1.executor.Event.Subscribed")?
                {
                    let checked = match tag {
                        1 => {
                            r.message(wt, depth, crate::view::ExecutorInfoView::validate)
                        }
                        2 => {
                            r.message(
                                wt,
                                depth,
                                crate::view::FrameworkInfoView::validate,
                            )
                        }
                        3 => r.message(wt, depth, crate::view::AgentInfoView::validate),
                        4 => r.message(wt, depth, crate::view::ContainerIdView::validate),
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("executor_info", false),
                    2 => ("framework_info", false),
                    3 => ("agent_info", false),
                    4 => ("container_id", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.executor.Event.Subscribed",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(e, "mesos.v1.executor.Event.Subscribed", tag, name, repeated)
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 4];
                src.scan(
                    Self::MAPS,
                    |tag, key| match tag {
                        1 => at[0].push(key),
                        2 => at[1].push(key),
                        3 => at[2].push(key),
                        4 => at[3].push(key),
                        _ => {}
                    },
                );
                Self { src, at }
            }
            ///`required mesos.v1.ExecutorInfo executor_info = 1`: the message (all defaults when absent, as prost leaves it).
            #[inline]
            pub fn executor_info(&self) -> crate::view::ExecutorInfoView<'a> {
                crate::view::ExecutorInfoView::index(
                    self
                        .src
                        .message(self.at[0], 1, Self::MAPS)
                        .unwrap_or(crate::view::wire::Src::one(&[])),
                )
            }
            ///`required mesos.v1.FrameworkInfo framework_info = 2`: the message (all defaults when absent, as prost leaves it).
            #[inline]
            pub fn framework_info(&self) -> crate::view::FrameworkInfoView<'a> {
                crate::view::FrameworkInfoView::index(
                    self
                        .src
                        .message(self.at[1], 2, Self::MAPS)
                        .unwrap_or(crate::view::wire::Src::one(&[])),
                )
            }
            ///`required mesos.v1.AgentInfo agent_info = 3`: the message (all defaults when absent, as prost leaves it).
            #[inline]
            pub fn agent_info(&self) -> crate::view::AgentInfoView<'a> {
                crate::view::AgentInfoView::index(
                    self
                        .src
                        .message(self.at[2], 3, Self::MAPS)
                        .unwrap_or(crate::view::wire::Src::one(&[])),
                )
            }
            ///`optional mesos.v1.ContainerID container_id = 4`: the message, `None` when absent.
            #[inline]
            pub fn container_id(&self) -> Option<crate::view::ContainerIdView<'a>> {
                self.src
                    .message(self.at[3], 4, Self::MAPS)
                    .map(crate::view::ContainerIdView::index)
            }
        }
    }
}
///Views of the messages nested in `mesos.v1.FrameworkInfo`.
pub mod framework_info {
    ///A borrowed view of an encoded [`Capability`](crate::v1::framework_info::Capability) (`mesos.v1.FrameworkInfo.Capability`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct CapabilityView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 1],
    }
    view_common!(
        CapabilityView, crate ::v1::framework_info::Capability,
        "mesos.v1.FrameworkInfo.Capability"
    );
    #[allow(deprecated)]
    impl<'a> CapabilityView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.FrameworkInfo.Capability")? {
                let checked = match tag {
                    1 => r.varint(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("type", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.FrameworkInfo.Capability",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.FrameworkInfo.Capability", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 1];
            src.scan(
                Self::MAPS,
                |tag, key| {
                    if tag == 1 {
                        at[0].push(key)
                    }
                },
            );
            Self { src, at }
        }
        ///`optional mesos.v1.FrameworkInfo.Capability.Type type = 1`: the number prost's field holds, `None` when absent.
        #[inline]
        pub fn type_raw(&self) -> Option<i32> {
            crate::view::wire::varint_at(self.src.buf, self.at[0].last).map(|v| v as i32)
        }
        ///`optional mesos.v1.FrameworkInfo.Capability.Type type = 1`: the enum value, or the default when absent or unknown, like prost's getter.
        #[inline]
        pub fn r#type(&self) -> crate::v1::framework_info::capability::Type {
            self.type_raw()
                .and_then(|v| {
                    <crate::v1::framework_info::capability::Type as ::core::convert::TryFrom<
                        i32,
                    >>::try_from(v)
                        .ok()
                })
                .unwrap_or_default()
        }
    }
    ///A borrowed view of one entry of a map field (`mesos.v1.FrameworkInfo.OfferFiltersEntry`): its `key` and `value`.
    #[derive(Clone)]
    pub struct OfferFiltersEntryView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 2],
    }
    view_common!(@ entry OfferFiltersEntryView);
    #[allow(deprecated)]
    impl<'a> OfferFiltersEntryView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r
                .key("mesos.v1.FrameworkInfo.OfferFiltersEntry")?
            {
                let checked = match tag {
                    1 => r.string(wt),
                    2 => r.message(wt, depth, crate::view::OfferFiltersView::validate),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("key", false),
                2 => ("value", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.FrameworkInfo.OfferFiltersEntry",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.FrameworkInfo.OfferFiltersEntry", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 2];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    1 => at[0].push(key),
                    2 => at[1].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`optional string key = 1`: the value (the default when absent, as prost leaves it).
        #[inline]
        pub fn key(&self) -> &'a str {
            crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
        }
        ///`optional mesos.v1.OfferFilters value = 2`: the message (all defaults when absent, as prost leaves it).
        #[inline]
        pub fn value(&self) -> crate::view::OfferFiltersView<'a> {
            crate::view::OfferFiltersView::index(
                self
                    .src
                    .message(self.at[1], 2, Self::MAPS)
                    .unwrap_or(crate::view::wire::Src::one(&[])),
            )
        }
    }
}
///Views of the messages nested in `mesos.v1.HealthCheck`.
pub mod health_check {
    ///A borrowed view of an encoded [`HttpCheckInfo`](crate::v1::health_check::HttpCheckInfo) (`mesos.v1.HealthCheck.HTTPCheckInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct HttpCheckInfoView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 5],
    }
    view_common!(
        HttpCheckInfoView, crate ::v1::health_check::HttpCheckInfo,
        "mesos.v1.HealthCheck.HTTPCheckInfo"
    );
    #[allow(deprecated)]
    impl<'a> HttpCheckInfoView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.HealthCheck.HTTPCheckInfo")? {
                let checked = match tag {
                    5 => r.varint(wt),
                    3 => r.string(wt),
                    1 => r.varint(wt),
                    2 => r.string(wt),
                    4 => r.packed_varint(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                5 => ("protocol", false),
                3 => ("scheme", false),
                1 => ("port", false),
                2 => ("path", false),
                4 => ("statuses", true),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.HealthCheck.HTTPCheckInfo",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.HealthCheck.HTTPCheckInfo", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 5];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    5 => at[0].push(key),
                    3 => at[1].push(key),
                    1 => at[2].push(key),
                    2 => at[3].push(key),
                    4 => at[4].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`optional mesos.v1.NetworkInfo.Protocol protocol = 5 [default = IPv4]`: the number prost's field holds, `None` when absent.
        #[inline]
        pub fn protocol_raw(&self) -> Option<i32> {
            crate::view::wire::varint_at(self.src.buf, self.at[0].last).map(|v| v as i32)
        }
        ///`optional mesos.v1.NetworkInfo.Protocol protocol = 5 [default = IPv4]`: the enum value, or the default when absent or unknown, like prost's getter.
        #[inline]
        pub fn protocol(&self) -> crate::v1::network_info::Protocol {
            self.protocol_raw()
                .and_then(|v| {
                    <crate::v1::network_info::Protocol as ::core::convert::TryFrom<
                        i32,
                    >>::try_from(v)
                        .ok()
                })
                .unwrap_or(crate::v1::network_info::Protocol::IPv4)
        }
        ///`optional string scheme = 3`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn scheme_opt(&self) -> Option<&'a str> {
            crate::view::wire::str_at(self.src.buf, self.at[1].last)
        }
        ///`optional string scheme = 3`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn scheme(&self) -> &'a str {
            self.scheme_opt().unwrap_or("")
        }
        ///`required uint32 port = 1`: the value (the default when absent, as prost leaves it).
        #[inline]
        pub fn port(&self) -> u32 {
            crate::view::wire::varint_at(self.src.buf, self.at[2].last)
                .map(|v| v as u32)
                .unwrap_or(0)
        }
        ///`optional string path = 2`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn path_opt(&self) -> Option<&'a str> {
            crate::view::wire::str_at(self.src.buf, self.at[3].last)
        }
        ///`optional string path = 2`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn path(&self) -> &'a str {
            self.path_opt().unwrap_or("")
        }
        ///`repeated uint32 statuses = 4`: the elements in wire order (packed or not).
        #[inline]
        pub fn statuses(&self) -> crate::view::Repeated<'a, crate::view::kind::Uint32> {
            crate::view::Repeated::new(&self.src, self.at[4], 4, Self::MAPS)
        }
    }
    ///A borrowed view of an encoded [`TcpCheckInfo`](crate::v1::health_check::TcpCheckInfo) (`mesos.v1.HealthCheck.TCPCheckInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct TcpCheckInfoView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 2],
    }
    view_common!(
        TcpCheckInfoView, crate ::v1::health_check::TcpCheckInfo,
        "mesos.v1.HealthCheck.TCPCheckInfo"
    );
    #[allow(deprecated)]
    impl<'a> TcpCheckInfoView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.HealthCheck.TCPCheckInfo")? {
                let checked = match tag {
                    2 => r.varint(wt),
                    1 => r.varint(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                2 => ("protocol", false),
                1 => ("port", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.HealthCheck.TCPCheckInfo",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.HealthCheck.TCPCheckInfo", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 2];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    2 => at[0].push(key),
                    1 => at[1].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`optional mesos.v1.NetworkInfo.Protocol protocol = 2 [default = IPv4]`: the number prost's field holds, `None` when absent.
        #[inline]
        pub fn protocol_raw(&self) -> Option<i32> {
            crate::view::wire::varint_at(self.src.buf, self.at[0].last).map(|v| v as i32)
        }
        ///`optional mesos.v1.NetworkInfo.Protocol protocol = 2 [default = IPv4]`: the enum value, or the default when absent or unknown, like prost's getter.
        #[inline]
        pub fn protocol(&self) -> crate::v1::network_info::Protocol {
            self.protocol_raw()
                .and_then(|v| {
                    <crate::v1::network_info::Protocol as ::core::convert::TryFrom<
                        i32,
                    >>::try_from(v)
                        .ok()
                })
                .unwrap_or(crate::v1::network_info::Protocol::IPv4)
        }
        ///`required uint32 port = 1`: the value (the default when absent, as prost leaves it).
        #[inline]
        pub fn port(&self) -> u32 {
            crate::view::wire::varint_at(self.src.buf, self.at[1].last)
                .map(|v| v as u32)
                .unwrap_or(0)
        }
    }
}
///Views of the messages nested in `mesos.v1.Image`.
pub mod image {
    ///A borrowed view of an encoded [`Appc`](crate::v1::image::Appc) (`mesos.v1.Image.Appc`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct AppcView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 3],
    }
    view_common!(AppcView, crate ::v1::image::Appc, "mesos.v1.Image.Appc");
    #[allow(deprecated)]
    impl<'a> AppcView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.Image.Appc")? {
                let checked = match tag {
                    1 => r.string(wt),
                    2 => r.string(wt),
                    3 => r.message(wt, depth, crate::view::LabelsView::validate),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("name", false),
                2 => ("id", false),
                3 => ("labels", false),
                _ => {
                    return r
                        .blame(e, "mesos.v1.Image.Appc", tag, &format!("#{tag}"), false);
                }
            };
            r.blame(e, "mesos.v1.Image.Appc", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 3];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    1 => at[0].push(key),
                    2 => at[1].push(key),
                    3 => at[2].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`required string name = 1`: the value (the default when absent, as prost leaves it).
        #[inline]
        pub fn name(&self) -> &'a str {
            crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
        }
        ///`optional string id = 2`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn id_opt(&self) -> Option<&'a str> {
            crate::view::wire::str_at(self.src.buf, self.at[1].last)
        }
        ///`optional string id = 2`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn id(&self) -> &'a str {
            self.id_opt().unwrap_or("")
        }
        ///`optional mesos.v1.Labels labels = 3`: the message, `None` when absent.
        #[inline]
        pub fn labels(&self) -> Option<crate::view::LabelsView<'a>> {
            self.src
                .message(self.at[2], 3, Self::MAPS)
                .map(crate::view::LabelsView::index)
        }
    }
    ///A borrowed view of an encoded [`Docker`](crate::v1::image::Docker) (`mesos.v1.Image.Docker`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct DockerView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 3],
    }
    view_common!(DockerView, crate ::v1::image::Docker, "mesos.v1.Image.Docker");
    #[allow(deprecated)]
    impl<'a> DockerView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.Image.Docker")? {
                let checked = match tag {
                    1 => r.string(wt),
                    2 => r.message(wt, depth, crate::view::CredentialView::validate),
                    3 => r.message(wt, depth, crate::view::SecretView::validate),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("name", false),
                2 => ("credential", false),
                3 => ("config", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.Image.Docker",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.Image.Docker", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 3];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    1 => at[0].push(key),
                    2 => at[1].push(key),
                    3 => at[2].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`required string name = 1`: the value (the default when absent, as prost leaves it).
        #[inline]
        pub fn name(&self) -> &'a str {
            crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
        }
        ///`optional mesos.v1.Credential credential = 2 (deprecated)`: the message, `None` when absent.
        #[deprecated]
        #[inline]
        pub fn credential(&self) -> Option<crate::view::CredentialView<'a>> {
            self.src
                .message(self.at[1], 2, Self::MAPS)
                .map(crate::view::CredentialView::index)
        }
        ///`optional mesos.v1.Secret config = 3`: the message, `None` when absent.
        #[inline]
        pub fn config(&self) -> Option<crate::view::SecretView<'a>> {
            self.src
                .message(self.at[2], 3, Self::MAPS)
                .map(crate::view::SecretView::index)
        }
    }
}
///Views of the messages nested in `mesos.v1.MasterInfo`.
pub mod master_info {
    ///A borrowed view of an encoded [`Capability`](crate::v1::master_info::Capability) (`mesos.v1.MasterInfo.Capability`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct CapabilityView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 1],
    }
    view_common!(
        CapabilityView, crate ::v1::master_info::Capability,
        "mesos.v1.MasterInfo.Capability"
    );
    #[allow(deprecated)]
    impl<'a> CapabilityView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.MasterInfo.Capability")? {
                let checked = match tag {
                    1 => r.varint(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("type", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.MasterInfo.Capability",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.MasterInfo.Capability", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 1];
            src.scan(
                Self::MAPS,
                |tag, key| {
                    if tag == 1 {
                        at[0].push(key)
                    }
                },
            );
            Self { src, at }
        }
        ///`optional mesos.v1.MasterInfo.Capability.Type type = 1`: the number prost's field holds, `None` when absent.
        #[inline]
        pub fn type_raw(&self) -> Option<i32> {
            crate::view::wire::varint_at(self.src.buf, self.at[0].last).map(|v| v as i32)
        }
        ///`optional mesos.v1.MasterInfo.Capability.Type type = 1`: the enum value, or the default when absent or unknown, like prost's getter.
        #[inline]
        pub fn r#type(&self) -> crate::v1::master_info::capability::Type {
            self.type_raw()
                .and_then(|v| {
                    <crate::v1::master_info::capability::Type as ::core::convert::TryFrom<
                        i32,
                    >>::try_from(v)
                        .ok()
                })
                .unwrap_or_default()
        }
    }
}
///Views of the messages nested in `mesos.v1.NetworkInfo`.
pub mod network_info {
    ///A borrowed view of an encoded [`IpAddress`](crate::v1::network_info::IpAddress) (`mesos.v1.NetworkInfo.IPAddress`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct IpAddressView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 2],
    }
    view_common!(
        IpAddressView, crate ::v1::network_info::IpAddress,
        "mesos.v1.NetworkInfo.IPAddress"
    );
    #[allow(deprecated)]
    impl<'a> IpAddressView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.NetworkInfo.IPAddress")? {
                let checked = match tag {
                    1 => r.varint(wt),
                    2 => r.string(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("protocol", false),
                2 => ("ip_address", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.NetworkInfo.IPAddress",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.NetworkInfo.IPAddress", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 2];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    1 => at[0].push(key),
                    2 => at[1].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`optional mesos.v1.NetworkInfo.Protocol protocol = 1 [default = IPv4]`: the number prost's field holds, `None` when absent.
        #[inline]
        pub fn protocol_raw(&self) -> Option<i32> {
            crate::view::wire::varint_at(self.src.buf, self.at[0].last).map(|v| v as i32)
        }
        ///`optional mesos.v1.NetworkInfo.Protocol protocol = 1 [default = IPv4]`: the enum value, or the default when absent or unknown, like prost's getter.
        #[inline]
        pub fn protocol(&self) -> crate::v1::network_info::Protocol {
            self.protocol_raw()
                .and_then(|v| {
                    <crate::v1::network_info::Protocol as ::core::convert::TryFrom<
                        i32,
                    >>::try_from(v)
                        .ok()
                })
                .unwrap_or(crate::v1::network_info::Protocol::IPv4)
        }
        ///`optional string ip_address = 2`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn ip_address_opt(&self) -> Option<&'a str> {
            crate::view::wire::str_at(self.src.buf, self.at[1].last)
        }
        ///`optional string ip_address = 2`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn ip_address(&self) -> &'a str {
            self.ip_address_opt().unwrap_or("")
        }
    }
    ///A borrowed view of an encoded [`PortMapping`](crate::v1::network_info::PortMapping) (`mesos.v1.NetworkInfo.PortMapping`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct PortMappingView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 3],
    }
    view_common!(
        PortMappingView, crate ::v1::network_info::PortMapping,
        "mesos.v1.NetworkInfo.PortMapping"
    );
    #[allow(deprecated)]
    impl<'a> PortMappingView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.NetworkInfo.PortMapping")? {
                let checked = match tag {
                    1 => r.varint(wt),
                    2 => r.varint(wt),
                    3 => r.string(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("host_port", false),
                2 => ("container_port", false),
                3 => ("protocol", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.NetworkInfo.PortMapping",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.NetworkInfo.PortMapping", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 3];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    1 => at[0].push(key),
                    2 => at[1].push(key),
                    3 => at[2].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`required uint32 host_port = 1`: the value (the default when absent, as prost leaves it).
        #[inline]
        pub fn host_port(&self) -> u32 {
            crate::view::wire::varint_at(self.src.buf, self.at[0].last)
                .map(|v| v as u32)
                .unwrap_or(0)
        }
        ///`required uint32 container_port = 2`: the value (the default when absent, as prost leaves it).
        #[inline]
        pub fn container_port(&self) -> u32 {
            crate::view::wire::varint_at(self.src.buf, self.at[1].last)
                .map(|v| v as u32)
                .unwrap_or(0)
        }
        ///`optional string protocol = 3`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn protocol_opt(&self) -> Option<&'a str> {
            crate::view::wire::str_at(self.src.buf, self.at[2].last)
        }
        ///`optional string protocol = 3`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn protocol(&self) -> &'a str {
            self.protocol_opt().unwrap_or("")
        }
    }
}
///Views of the messages nested in `mesos.v1.OfferFilters`.
pub mod offer_filters {
    ///A borrowed view of an encoded [`MinAllocatableResources`](crate::v1::offer_filters::MinAllocatableResources) (`mesos.v1.OfferFilters.MinAllocatableResources`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct MinAllocatableResourcesView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 1],
    }
    view_common!(
        MinAllocatableResourcesView, crate ::v1::offer_filters::MinAllocatableResources,
        "mesos.v1.OfferFilters.MinAllocatableResources"
    );
    #[allow(deprecated)]
    impl<'a> MinAllocatableResourcesView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r
                .key("mesos.v1.OfferFilters.MinAllocatableResources")?
            {
                let checked = match tag {
                    1 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::offer_filters::ResourceQuantitiesView::validate,
                        )
                    }
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("quantities", true),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.OfferFilters.MinAllocatableResources",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(
                e,
                "mesos.v1.OfferFilters.MinAllocatableResources",
                tag,
                name,
                repeated,
            )
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 1];
            src.scan(
                Self::MAPS,
                |tag, key| {
                    if tag == 1 {
                        at[0].push(key)
                    }
                },
            );
            Self { src, at }
        }
        ///`repeated mesos.v1.OfferFilters.ResourceQuantities quantities = 1`: the elements in wire order.
        #[inline]
        pub fn quantities(
            &self,
        ) -> crate::view::Repeated<
            'a,
            crate::view::offer_filters::ResourceQuantitiesView<'a>,
        > {
            crate::view::Repeated::new(&self.src, self.at[0], 1, Self::MAPS)
        }
    }
    ///A borrowed view of an encoded [`ResourceQuantities`](crate::v1::offer_filters::ResourceQuantities) (`mesos.v1.OfferFilters.ResourceQuantities`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct ResourceQuantitiesView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 1],
    }
    view_common!(
        ResourceQuantitiesView, crate ::v1::offer_filters::ResourceQuantities,
        "mesos.v1.OfferFilters.ResourceQuantities"
    );
    #[allow(deprecated)]
    impl<'a> ResourceQuantitiesView<'a> {
        const MAPS: &'static [u32] = &[1];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r
                .key("mesos.v1.OfferFilters.ResourceQuantities")?
            {
                let checked = match tag {
                    1 => {
                        r.map(
                            depth,
                            crate::view::offer_filters::resource_quantities::QuantitiesEntryView::validate,
                        )
                    }
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("quantities", true),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.OfferFilters.ResourceQuantities",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.OfferFilters.ResourceQuantities", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 1];
            src.scan(
                Self::MAPS,
                |tag, key| {
                    if tag == 1 {
                        at[0].push(key)
                    }
                },
            );
            Self { src, at }
        }
        ///`repeated mesos.v1.OfferFilters.ResourceQuantities.QuantitiesEntry quantities = 1`: the map's entries in wire order (prost keeps the last entry of each key).
        #[inline]
        pub fn quantities(
            &self,
        ) -> crate::view::Repeated<
            'a,
            crate::view::offer_filters::resource_quantities::QuantitiesEntryView<'a>,
        > {
            crate::view::Repeated::new(&self.src, self.at[0], 1, Self::MAPS)
        }
    }
    ///Views of the messages nested in `mesos.v1.OfferFilters.ResourceQuantities`.
    pub mod resource_quantities {
        ///A borrowed view of one entry of a map field (`mesos.v1.OfferFilters.ResourceQuantities.QuantitiesEntry`): its `key` and `value`.
        #[derive(Clone)]
        pub struct QuantitiesEntryView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 2],
        }
        view_common!(@ entry QuantitiesEntryView);
        #[allow(deprecated)]
        impl<'a> QuantitiesEntryView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r
                    .key("mesos.v1.OfferFilters.ResourceQuantities.QuantitiesEntry")?
                {
                    let checked = match tag {
                        1 => r.string(wt),
                        2 => {
                            r.message(
                                wt,
                                depth,
                                crate::view::value::ScalarView::validate,
                            )
                        }
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("key", false),
                    2 => ("value", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.OfferFilters.ResourceQuantities.QuantitiesEntry",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(
                    e,
                    "mesos.v1.OfferFilters.ResourceQuantities.QuantitiesEntry",
                    tag,
                    name,
                    repeated,
                )
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 2];
                src.scan(
                    Self::MAPS,
                    |tag, key| match tag {
                        1 => at[0].push(key),
                        2 => at[1].push(key),
                        _ => {}
                    },
                );
                Self { src, at }
            }
            ///`optional string key = 1`: the value (the default when absent, as prost leaves it).
            #[inline]
            pub fn key(&self) -> &'a str {
                crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
            }
            ///`optional mesos.v1.Value.Scalar value = 2`: the message (all defaults when absent, as prost leaves it).
            #[inline]
            pub fn value(&self) -> crate::view::value::ScalarView<'a> {
                crate::view::value::ScalarView::index(
                    self
                        .src
                        .message(self.at[1], 2, Self::MAPS)
                        .unwrap_or(crate::view::wire::Src::one(&[])),
                )
            }
        }
    }
}
///Views of the messages nested in `mesos.v1.RLimitInfo`.
pub mod r_limit_info {
    ///A borrowed view of an encoded [`RLimit`](crate::v1::r_limit_info::RLimit) (`mesos.v1.RLimitInfo.RLimit`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct RLimitView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 3],
    }
    view_common!(
        RLimitView, crate ::v1::r_limit_info::RLimit, "mesos.v1.RLimitInfo.RLimit"
    );
    #[allow(deprecated)]
    impl<'a> RLimitView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.RLimitInfo.RLimit")? {
                let checked = match tag {
                    1 => r.varint(wt),
                    2 => r.varint(wt),
                    3 => r.varint(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("type", false),
                2 => ("hard", false),
                3 => ("soft", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.RLimitInfo.RLimit",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.RLimitInfo.RLimit", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 3];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    1 => at[0].push(key),
                    2 => at[1].push(key),
                    3 => at[2].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`optional mesos.v1.RLimitInfo.RLimit.Type type = 1`: the number prost's field holds, `None` when absent.
        #[inline]
        pub fn type_raw(&self) -> Option<i32> {
            crate::view::wire::varint_at(self.src.buf, self.at[0].last).map(|v| v as i32)
        }
        ///`optional mesos.v1.RLimitInfo.RLimit.Type type = 1`: the enum value, or the default when absent or unknown, like prost's getter.
        #[inline]
        pub fn r#type(&self) -> crate::v1::r_limit_info::r_limit::Type {
            self.type_raw()
                .and_then(|v| {
                    <crate::v1::r_limit_info::r_limit::Type as ::core::convert::TryFrom<
                        i32,
                    >>::try_from(v)
                        .ok()
                })
                .unwrap_or_default()
        }
        ///`optional uint64 hard = 2`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn hard_opt(&self) -> Option<u64> {
            crate::view::wire::varint_at(self.src.buf, self.at[1].last)
        }
        ///`optional uint64 hard = 2`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn hard(&self) -> u64 {
            self.hard_opt().unwrap_or(0)
        }
        ///`optional uint64 soft = 3`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn soft_opt(&self) -> Option<u64> {
            crate::view::wire::varint_at(self.src.buf, self.at[2].last)
        }
        ///`optional uint64 soft = 3`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn soft(&self) -> u64 {
            self.soft_opt().unwrap_or(0)
        }
    }
}
///Views of the messages nested in `mesos.v1.Resource`.
pub mod resource {
    ///A borrowed view of an encoded [`AllocationInfo`](crate::v1::resource::AllocationInfo) (`mesos.v1.Resource.AllocationInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct AllocationInfoView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 1],
    }
    view_common!(
        AllocationInfoView, crate ::v1::resource::AllocationInfo,
        "mesos.v1.Resource.AllocationInfo"
    );
    #[allow(deprecated)]
    impl<'a> AllocationInfoView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.Resource.AllocationInfo")? {
                let checked = match tag {
                    1 => r.string(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("role", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.Resource.AllocationInfo",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.Resource.AllocationInfo", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 1];
            src.scan(
                Self::MAPS,
                |tag, key| {
                    if tag == 1 {
                        at[0].push(key)
                    }
                },
            );
            Self { src, at }
        }
        ///`optional string role = 1`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn role_opt(&self) -> Option<&'a str> {
            crate::view::wire::str_at(self.src.buf, self.at[0].last)
        }
        ///`optional string role = 1`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn role(&self) -> &'a str {
            self.role_opt().unwrap_or("")
        }
    }
    ///A borrowed view of an encoded [`DiskInfo`](crate::v1::resource::DiskInfo) (`mesos.v1.Resource.DiskInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct DiskInfoView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 3],
    }
    view_common!(
        DiskInfoView, crate ::v1::resource::DiskInfo, "mesos.v1.Resource.DiskInfo"
    );
    #[allow(deprecated)]
    impl<'a> DiskInfoView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.Resource.DiskInfo")? {
                let checked = match tag {
                    1 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::resource::disk_info::PersistenceView::validate,
                        )
                    }
                    2 => r.message(wt, depth, crate::view::VolumeView::validate),
                    3 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::resource::disk_info::SourceView::validate,
                        )
                    }
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("persistence", false),
                2 => ("volume", false),
                3 => ("source", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.Resource.DiskInfo",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.Resource.DiskInfo", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 3];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    1 => at[0].push(key),
                    2 => at[1].push(key),
                    3 => at[2].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`optional mesos.v1.Resource.DiskInfo.Persistence persistence = 1`: the message, `None` when absent.
        #[inline]
        pub fn persistence(
            &self,
        ) -> Option<crate::view::resource::disk_info::PersistenceView<'a>> {
            self.src
                .message(self.at[0], 1, Self::MAPS)
                .map(crate::view::resource::disk_info::PersistenceView::index)
        }
        ///`optional mesos.v1.Volume volume = 2`: the message, `None` when absent.
        #[inline]
        pub fn volume(&self) -> Option<crate::view::VolumeView<'a>> {
            self.src
                .message(self.at[1], 2, Self::MAPS)
                .map(crate::view::VolumeView::index)
        }
        ///`optional mesos.v1.Resource.DiskInfo.Source source = 3`: the message, `None` when absent.
        #[inline]
        pub fn source(
            &self,
        ) -> Option<crate::view::resource::disk_info::SourceView<'a>> {
            self.src
                .message(self.at[2], 3, Self::MAPS)
                .map(crate::view::resource::disk_info::SourceView::index)
        }
    }
    ///A borrowed view of an encoded [`ReservationInfo`](crate::v1::resource::ReservationInfo) (`mesos.v1.Resource.ReservationInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct ReservationInfoView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 4],
    }
    view_common!(
        ReservationInfoView, crate ::v1::resource::ReservationInfo,
        "mesos.v1.Resource.ReservationInfo"
    );
    #[allow(deprecated)]
    impl<'a> ReservationInfoView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.Resource.ReservationInfo")? {
                let checked = match tag {
                    4 => r.varint(wt),
                    3 => r.string(wt),
                    1 => r.string(wt),
                    2 => r.message(wt, depth, crate::view::LabelsView::validate),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                4 => ("type", false),
                3 => ("role", false),
                1 => ("principal", false),
                2 => ("labels", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.Resource.ReservationInfo",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.Resource.ReservationInfo", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 4];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    4 => at[0].push(key),
                    3 => at[1].push(key),
                    1 => at[2].push(key),
                    2 => at[3].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`optional mesos.v1.Resource.ReservationInfo.Type type = 4`: the number prost's field holds, `None` when absent.
        #[inline]
        pub fn type_raw(&self) -> Option<i32> {
            crate::view::wire::varint_at(self.src.buf, self.at[0].last).map(|v| v as i32)
        }
        ///`optional mesos.v1.Resource.ReservationInfo.Type type = 4`: the enum value, or the default when absent or unknown, like prost's getter.
        #[inline]
        pub fn r#type(&self) -> crate::v1::resource::reservation_info::Type {
            self.type_raw()
                .and_then(|v| {
                    <crate::v1::resource::reservation_info::Type as ::core::convert::TryFrom<
                        i32,
                    >>::try_from(v)
                        .ok()
                })
                .unwrap_or_default()
        }
        ///`optional string role = 3`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn role_opt(&self) -> Option<&'a str> {
            crate::view::wire::str_at(self.src.buf, self.at[1].last)
        }
        ///`optional string role = 3`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn role(&self) -> &'a str {
            self.role_opt().unwrap_or("")
        }
        ///`optional string principal = 1`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn principal_opt(&self) -> Option<&'a str> {
            crate::view::wire::str_at(self.src.buf, self.at[2].last)
        }
        ///`optional string principal = 1`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn principal(&self) -> &'a str {
            self.principal_opt().unwrap_or("")
        }
        ///`optional mesos.v1.Labels labels = 2`: the message, `None` when absent.
        #[inline]
        pub fn labels(&self) -> Option<crate::view::LabelsView<'a>> {
            self.src
                .message(self.at[3], 2, Self::MAPS)
                .map(crate::view::LabelsView::index)
        }
    }
    ///A borrowed view of an encoded [`RevocableInfo`](crate::v1::resource::RevocableInfo) (`mesos.v1.Resource.RevocableInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct RevocableInfoView<'a> {
        src: crate::view::wire::Src<'a>,
    }
    view_common!(
        RevocableInfoView, crate ::v1::resource::RevocableInfo,
        "mesos.v1.Resource.RevocableInfo"
    );
    #[allow(deprecated)]
    impl<'a> RevocableInfoView<'a> {
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.Resource.RevocableInfo")? {
                let checked = { r.unknown(tag, wt, depth) };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            r.blame(e, "mesos.v1.Resource.RevocableInfo", tag, &format!("#{tag}"), false)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            Self { src }
        }
    }
    ///A borrowed view of an encoded [`SharedInfo`](crate::v1::resource::SharedInfo) (`mesos.v1.Resource.SharedInfo`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct SharedInfoView<'a> {
        src: crate::view::wire::Src<'a>,
    }
    view_common!(
        SharedInfoView, crate ::v1::resource::SharedInfo, "mesos.v1.Resource.SharedInfo"
    );
    #[allow(deprecated)]
    impl<'a> SharedInfoView<'a> {
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.Resource.SharedInfo")? {
                let checked = { r.unknown(tag, wt, depth) };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            r.blame(e, "mesos.v1.Resource.SharedInfo", tag, &format!("#{tag}"), false)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            Self { src }
        }
    }
    ///Views of the messages nested in `mesos.v1.Resource.DiskInfo`.
    pub mod disk_info {
        ///A borrowed view of an encoded [`Persistence`](crate::v1::resource::disk_info::Persistence) (`mesos.v1.Resource.DiskInfo.Persistence`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct PersistenceView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 2],
        }
        view_common!(
            PersistenceView, crate ::v1::resource::disk_info::Persistence,
            "mesos.v1.Resource.DiskInfo.Persistence"
        );
        #[allow(deprecated)]
        impl<'a> PersistenceView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r
                    .key("mesos.v1.Resource.DiskInfo.Persistence")?
                {
                    let checked = match tag {
                        1 => r.string(wt),
                        2 => r.string(wt),
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("id", false),
                    2 => ("principal", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.Resource.DiskInfo.Persistence",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(e, "mesos.v1.Resource.DiskInfo.Persistence", tag, name, repeated)
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 2];
                src.scan(
                    Self::MAPS,
                    |tag, key| match tag {
                        1 => at[0].push(key),
                        2 => at[1].push(key),
                        _ => {}
                    },
                );
                Self { src, at }
            }
            ///`required string id = 1`: the value (the default when absent, as prost leaves it).
            #[inline]
            pub fn id(&self) -> &'a str {
                crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
            }
            ///`optional string principal = 2`: what prost's field holds: `None` when absent.
            #[inline]
            pub fn principal_opt(&self) -> Option<&'a str> {
                crate::view::wire::str_at(self.src.buf, self.at[1].last)
            }
            ///`optional string principal = 2`: the value, or the default when absent, like prost's getter.
            #[inline]
            pub fn principal(&self) -> &'a str {
                self.principal_opt().unwrap_or("")
            }
        }
        ///A borrowed view of an encoded [`Source`](crate::v1::resource::disk_info::Source) (`mesos.v1.Resource.DiskInfo.Source`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct SourceView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 7],
        }
        view_common!(
            SourceView, crate ::v1::resource::disk_info::Source,
            "mesos.v1.Resource.DiskInfo.Source"
        );
        #[allow(deprecated)]
        impl<'a> SourceView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r.key("mesos.v1.Resource.DiskInfo.Source")? {
                    let checked = match tag {
                        1 => r.varint(wt),
                        2 => {
                            r.message(
                                wt,
                                depth,
                                crate::view::resource::disk_info::source::PathView::validate,
                            )
                        }
                        3 => {
                            r.message(
                                wt,
                                depth,
                                crate::view::resource::disk_info::source::MountView::validate,
                            )
                        }
                        7 => r.string(wt),
                        4 => r.string(wt),
                        5 => r.message(wt, depth, crate::view::LabelsView::validate),
                        6 => r.string(wt),
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("type", false),
                    2 => ("path", false),
                    3 => ("mount", false),
                    7 => ("vendor", false),
                    4 => ("id", false),
                    5 => ("metadata", false),
                    6 => ("profile", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.Resource.DiskInfo.Source",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(e, "mesos.v1.Resource.DiskInfo.Source", tag, name, repeated)
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 7];
                src.scan(
                    Self::MAPS,
                    |tag, key| match tag {
                        1 => at[0].push(key),
                        2 => at[1].push(key),
                        3 => at[2].push(key),
                        7 => at[3].push(key),
                        4 => at[4].push(key),
                        5 => at[5].push(key),
                        6 => at[6].push(key),
                        _ => {}
                    },
                );
                Self { src, at }
            }
            ///`required mesos.v1.Resource.DiskInfo.Source.Type type = 1`: the number prost's field holds (the default's when absent).
            #[inline]
            pub fn type_raw(&self) -> i32 {
                crate::view::wire::varint_at(self.src.buf, self.at[0].last)
                    .map(|v| v as i32)
                    .unwrap_or(
                        <crate::v1::resource::disk_info::source::Type as ::core::default::Default>::default()
                            as i32,
                    )
            }
            ///`required mesos.v1.Resource.DiskInfo.Source.Type type = 1`: the enum value, or the default when unknown, like prost's getter.
            #[inline]
            pub fn r#type(&self) -> crate::v1::resource::disk_info::source::Type {
                <crate::v1::resource::disk_info::source::Type as ::core::convert::TryFrom<
                    i32,
                >>::try_from(self.type_raw())
                    .unwrap_or_default()
            }
            ///`optional mesos.v1.Resource.DiskInfo.Source.Path path = 2`: the message, `None` when absent.
            #[inline]
            pub fn path(
                &self,
            ) -> Option<crate::view::resource::disk_info::source::PathView<'a>> {
                self.src
                    .message(self.at[1], 2, Self::MAPS)
                    .map(crate::view::resource::disk_info::source::PathView::index)
            }
            ///`optional mesos.v1.Resource.DiskInfo.Source.Mount mount = 3`: the message, `None` when absent.
            #[inline]
            pub fn mount(
                &self,
            ) -> Option<crate::view::resource::disk_info::source::MountView<'a>> {
                self.src
                    .message(self.at[2], 3, Self::MAPS)
                    .map(crate::view::resource::disk_info::source::MountView::index)
            }
            ///`optional string vendor = 7`: what prost's field holds: `None` when absent.
            #[inline]
            pub fn vendor_opt(&self) -> Option<&'a str> {
                crate::view::wire::str_at(self.src.buf, self.at[3].last)
            }
            ///`optional string vendor = 7`: the value, or the default when absent, like prost's getter.
            #[inline]
            pub fn vendor(&self) -> &'a str {
                self.vendor_opt().unwrap_or("")
            }
            ///`optional string id = 4`: what prost's field holds: `None` when absent.
            #[inline]
            pub fn id_opt(&self) -> Option<&'a str> {
                crate::view::wire::str_at(self.src.buf, self.at[4].last)
            }
            ///`optional string id = 4`: the value, or the default when absent, like prost's getter.
            #[inline]
            pub fn id(&self) -> &'a str {
                self.id_opt().unwrap_or("")
            }
            ///`optional mesos.v1.Labels metadata = 5`: the message, `None` when absent.
            #[inline]
            pub fn metadata(&self) -> Option<crate::view::LabelsView<'a>> {
                self.src
                    .message(self.at[5], 5, Self::MAPS)
                    .map(crate::view::LabelsView::index)
            }
            ///`optional string profile = 6`: what prost's field holds: `None` when absent.
            #[inline]
            pub fn profile_opt(&self) -> Option<&'a str> {
                crate::view::wire::str_at(self.src.buf, self.at[6].last)
            }
            ///`optional string profile = 6`: the value, or the default when absent, like prost's getter.
            #[inline]
            pub fn profile(&self) -> &'a str {
                self.profile_opt().unwrap_or("")
            }
        }
        ///Views of the messages nested in `mesos.v1.Resource.DiskInfo.Source`.
        pub mod source {
            ///A borrowed view of an encoded [`Mount`](crate::v1::resource::disk_info::source::Mount) (`mesos.v1.Resource.DiskInfo.Source.Mount`): its fields read from the bytes on demand. See [the module documentation](crate::view).
            #[derive(Clone)]
            pub struct MountView<'a> {
                src: crate::view::wire::Src<'a>,
                at: [crate::view::wire::Slot; 1],
            }
            view_common!(
                MountView, crate ::v1::resource::disk_info::source::Mount,
                "mesos.v1.Resource.DiskInfo.Source.Mount"
            );
            #[allow(deprecated)]
            impl<'a> MountView<'a> {
                const MAPS: &'static [u32] = &[];
                pub(crate) fn validate(
                    buf: &[u8],
                    depth: u32,
                ) -> Result<(), crate::view::ViewError> {
                    let mut r = crate::view::wire::Reader::new(buf);
                    while let Some((tag, wt)) = r
                        .key("mesos.v1.Resource.DiskInfo.Source.Mount")?
                    {
                        let checked = match tag {
                            1 => r.string(wt),
                            _ => r.unknown(tag, wt, depth),
                        };
                        if let Err(e) = checked {
                            return Err(Self::blame(&r, e, tag));
                        }
                    }
                    Ok(())
                }
                #[cold]
                fn blame(
                    r: &crate::view::wire::Reader<'_>,
                    e: crate::view::ViewError,
                    tag: u32,
                ) -> crate::view::ViewError {
                    let (name, repeated) = match tag {
                        1 => ("root", false),
                        _ => {
                            return r
                                .blame(
                                    e,
                                    "mesos.v1.Resource.DiskInfo.Source.Mount",
                                    tag,
                                    &format!("#{tag}"),
                                    false,
                                );
                        }
                    };
                    r.blame(
                        e,
                        "mesos.v1.Resource.DiskInfo.Source.Mount",
                        tag,
                        name,
                        repeated,
                    )
                }
                pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                    let mut at = [crate::view::wire::Slot::NONE; 1];
                    src.scan(
                        Self::MAPS,
                        |tag, key| {
                            if tag == 1 {
                                at[0].push(key)
                            }
                        },
                    );
                    Self { src, at }
                }
                ///`optional string root = 1`: what prost's field holds: `None` when absent.
                #[inline]
                pub fn root_opt(&self) -> Option<&'a str> {
                    crate::view::wire::str_at(self.src.buf, self.at[0].last)
                }
                ///`optional string root = 1`: the value, or the default when absent, like prost's getter.
                #[inline]
                pub fn root(&self) -> &'a str {
                    self.root_opt().unwrap_or("")
                }
            }
            ///A borrowed view of an encoded [`Path`](crate::v1::resource::disk_info::source::Path) (`mesos.v1.Resource.DiskInfo.Source.Path`): its fields read from the bytes on demand. See [the module documentation](crate::view).
            #[derive(Clone)]
            pub struct PathView<'a> {
                src: crate::view::wire::Src<'a>,
                at: [crate::view::wire::Slot; 1],
            }
            view_common!(
                PathView, crate ::v1::resource::disk_info::source::Path,
                "mesos.v1.Resource.DiskInfo.Source.Path"
            );
            #[allow(deprecated)]
            impl<'a> PathView<'a> {
                const MAPS: &'static [u32] = &[];
                pub(crate) fn validate(
                    buf: &[u8],
                    depth: u32,
                ) -> Result<(), crate::view::ViewError> {
                    let mut r = crate::view::wire::Reader::new(buf);
                    while let Some((tag, wt)) = r
                        .key("mesos.v1.Resource.DiskInfo.Source.Path")?
                    {
                        let checked = match tag {
                            1 => r.string(wt),
                            _ => r.unknown(tag, wt, depth),
                        };
                        if let Err(e) = checked {
                            return Err(Self::blame(&r, e, tag));
                        }
                    }
                    Ok(())
                }
                #[cold]
                fn blame(
                    r: &crate::view::wire::Reader<'_>,
                    e: crate::view::ViewError,
                    tag: u32,
                ) -> crate::view::ViewError {
                    let (name, repeated) = match tag {
                        1 => ("root", false),
                        _ => {
                            return r
                                .blame(
                                    e,
                                    "mesos.v1.Resource.DiskInfo.Source.Path",
                                    tag,
                                    &format!("#{tag}"),
                                    false,
                                );
                        }
                    };
                    r.blame(
                        e,
                        "mesos.v1.Resource.DiskInfo.Source.Path",
                        tag,
                        name,
                        repeated,
                    )
                }
                pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                    let mut at = [crate::view::wire::Slot::NONE; 1];
                    src.scan(
                        Self::MAPS,
                        |tag, key| {
                            if tag == 1 {
                                at[0].push(key)
                            }
                        },
                    );
                    Self { src, at }
                }
                ///`optional string root = 1`: what prost's field holds: `None` when absent.
                #[inline]
                pub fn root_opt(&self) -> Option<&'a str> {
                    crate::view::wire::str_at(self.src.buf, self.at[0].last)
                }
                ///`optional string root = 1`: the value, or the default when absent, like prost's getter.
                #[inline]
                pub fn root(&self) -> &'a str {
                    self.root_opt().unwrap_or("")
                }
            }
        }
    }
}
///Views of the `mesos.v1.scheduler` package.
pub mod scheduler {
    ///A borrowed view of an encoded [`Event`](crate::v1::scheduler::Event) (`mesos.v1.scheduler.Event`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct EventView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 11],
    }
    view_common!(EventView, crate ::v1::scheduler::Event, "mesos.v1.scheduler.Event");
    #[allow(deprecated)]
    impl<'a> EventView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.scheduler.Event")? {
                let checked = match tag {
                    1 => r.varint(wt),
                    2 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::scheduler::event::SubscribedView::validate,
                        )
                    }
                    3 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::scheduler::event::OffersView::validate,
                        )
                    }
                    9 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::scheduler::event::InverseOffersView::validate,
                        )
                    }
                    4 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::scheduler::event::RescindView::validate,
                        )
                    }
                    10 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::scheduler::event::RescindInverseOfferView::validate,
                        )
                    }
                    5 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::scheduler::event::UpdateView::validate,
                        )
                    }
                    11 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::scheduler::event::UpdateOperationStatusView::validate,
                        )
                    }
                    6 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::scheduler::event::MessageView::validate,
                        )
                    }
                    7 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::scheduler::event::FailureView::validate,
                        )
                    }
                    8 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::scheduler::event::ErrorView::validate,
                        )
                    }
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("type", false),
                2 => ("subscribed", false),
                3 => ("offers", false),
                9 => ("inverse_offers", false),
                4 => ("rescind", false),
                10 => ("rescind_inverse_offer", false),
                5 => ("update", false),
                11 => ("update_operation_status", false),
                6 => ("message", false),
                7 => ("failure", false),
                8 => ("error", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.scheduler.Event",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.scheduler.Event", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 11];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    1 => at[0].push(key),
                    2 => at[1].push(key),
                    3 => at[2].push(key),
                    9 => at[3].push(key),
                    4 => at[4].push(key),
                    10 => at[5].push(key),
                    5 => at[6].push(key),
                    11 => at[7].push(key),
                    6 => at[8].push(key),
                    7 => at[9].push(key),
                    8 => at[10].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`optional mesos.v1.scheduler.Event.Type type = 1`: the number prost's field holds, `None` when absent.
        #[inline]
        pub fn type_raw(&self) -> Option<i32> {
            crate::view::wire::varint_at(self.src.buf, self.at[0].last).map(|v| v as i32)
        }
        ///`optional mesos.v1.scheduler.Event.Type type = 1`: the enum value, or the default when absent or unknown, like prost's getter.
        #[inline]
        pub fn r#type(&self) -> crate::v1::scheduler::event::Type {
            self.type_raw()
                .and_then(|v| {
                    <crate::v1::scheduler::event::Type as ::core::convert::TryFrom<
                        i32,
                    >>::try_from(v)
                        .ok()
                })
                .unwrap_or_default()
        }
        ///`optional mesos.v1.scheduler.Event.Subscribed subscribed = 2`: the message, `None` when absent.
        #[inline]
        pub fn subscribed(
            &self,
        ) -> Option<crate::view::scheduler::event::SubscribedView<'a>> {
            self.src
                .message(self.at[1], 2, Self::MAPS)
                .map(crate::view::scheduler::event::SubscribedView::index)
        }
        ///`optional mesos.v1.scheduler.Event.Offers offers = 3`: the message, `None` when absent.
        #[inline]
        pub fn offers(&self) -> Option<crate::view::scheduler::event::OffersView<'a>> {
            self.src
                .message(self.at[2], 3, Self::MAPS)
                .map(crate::view::scheduler::event::OffersView::index)
        }
        ///`optional mesos.v1.scheduler.Event.InverseOffers inverse_offers = 9`: the message, `None` when absent.
        #[inline]
        pub fn inverse_offers(
            &self,
        ) -> Option<crate::view::scheduler::event::InverseOffersView<'a>> {
            self.src
                .message(self.at[3], 9, Self::MAPS)
                .map(crate::view::scheduler::event::InverseOffersView::index)
        }
        ///`optional mesos.v1.scheduler.Event.Rescind rescind = 4`: the message, `None` when absent.
        #[inline]
        pub fn rescind(&self) -> Option<crate::view::scheduler::event::RescindView<'a>> {
            self.src
                .message(self.at[4], 4, Self::MAPS)
                .map(crate::view::scheduler::event::RescindView::index)
        }
        ///`optional mesos.v1.scheduler.Event.RescindInverseOffer rescind_inverse_offer = 10`: the message, `None` when absent.
        #[inline]
        pub fn rescind_inverse_offer(
            &self,
        ) -> Option<crate::view::scheduler::event::RescindInverseOfferView<'a>> {
            self.src
                .message(self.at[5], 10, Self::MAPS)
                .map(crate::view::scheduler::event::RescindInverseOfferView::index)
        }
        ///`optional mesos.v1.scheduler.Event.Update update = 5`: the message, `None` when absent.
        #[inline]
        pub fn update(&self) -> Option<crate::view::scheduler::event::UpdateView<'a>> {
            self.src
                .message(self.at[6], 5, Self::MAPS)
                .map(crate::view::scheduler::event::UpdateView::index)
        }
        ///`optional mesos.v1.scheduler.Event.UpdateOperationStatus update_operation_status = 11`: the message, `None` when absent.
        #[inline]
        pub fn update_operation_status(
            &self,
        ) -> Option<crate::view::scheduler::event::UpdateOperationStatusView<'a>> {
            self.src
                .message(self.at[7], 11, Self::MAPS)
                .map(crate::view::scheduler::event::UpdateOperationStatusView::index)
        }
        ///`optional mesos.v1.scheduler.Event.Message message = 6`: the message, `None` when absent.
        #[inline]
        pub fn message(&self) -> Option<crate::view::scheduler::event::MessageView<'a>> {
            self.src
                .message(self.at[8], 6, Self::MAPS)
                .map(crate::view::scheduler::event::MessageView::index)
        }
        ///`optional mesos.v1.scheduler.Event.Failure failure = 7`: the message, `None` when absent.
        #[inline]
        pub fn failure(&self) -> Option<crate::view::scheduler::event::FailureView<'a>> {
            self.src
                .message(self.at[9], 7, Self::MAPS)
                .map(crate::view::scheduler::event::FailureView::index)
        }
        ///`optional mesos.v1.scheduler.Event.Error error = 8`: the message, `None` when absent.
        #[inline]
        pub fn error(&self) -> Option<crate::view::scheduler::event::ErrorView<'a>> {
            self.src
                .message(self.at[10], 8, Self::MAPS)
                .map(crate::view::scheduler::event::ErrorView::index)
        }
    }
    ///Views of the messages nested in `mesos.v1.scheduler.Event`.
    pub mod event {
        ///A borrowed view of an encoded [`Error`](crate::v1::scheduler::event::Error) (`mesos.v1.scheduler.Event.Error`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct ErrorView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 1],
        }
        view_common!(
            ErrorView, crate ::v1::scheduler::event::Error,
            "mesos.v1.scheduler.Event.Error"
        );
        #[allow(deprecated)]
        impl<'a> ErrorView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r.key("mesos.v1.scheduler.Event.Error")? {
                    let checked = match tag {
                        1 => r.string(wt),
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("message", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.scheduler.Event.Error",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(e, "mesos.v1.scheduler.Event.Error", tag, name, repeated)
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 1];
                src.scan(
                    Self::MAPS,
                    |tag, key| {
                        if tag == 1 {
                            at[0].push(key)
                        }
                    },
                );
                Self { src, at }
            }
            ///`required string message = 1`: the value (the default when absent, as prost leaves it).
            #[inline]
            pub fn message(&self) -> &'a str {
                crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
            }
        }
        ///A borrowed view of an encoded [`Failure`](crate::v1::scheduler::event::Failure) (`mesos.v1.scheduler.Event.Failure`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct FailureView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 3],
        }
        view_common!(
            FailureView, crate ::v1::scheduler::event::Failure,
            "mesos.v1.scheduler.Event.Failure"
        );
        #[allow(deprecated)]
        impl<'a> FailureView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r.key("mesos.v1.scheduler.Event.Failure")? {
                    let checked = match tag {
                        1 => r.message(wt, depth, crate::view::AgentIdView::validate),
                        2 => r.message(wt, depth, crate::view::ExecutorIdView::validate),
                        3 => r.varint(wt),
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("agent_id", false),
                    2 => ("executor_id", false),
                    3 => ("status", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.scheduler.Event.Failure",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(e, "mesos.v1.scheduler.Event.Failure", tag, name, repeated)
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 3];
                src.scan(
                    Self::MAPS,
                    |tag, key| match tag {
                        1 => at[0].push(key),
                        2 => at[1].push(key),
                        3 => at[2].push(key),
                        _ => {}
                    },
                );
                Self { src, at }
            }
            ///`optional mesos.v1.AgentID agent_id = 1`: the message, `None` when absent.
            #[inline]
            pub fn agent_id(&self) -> Option<crate::view::AgentIdView<'a>> {
                self.src
                    .message(self.at[0], 1, Self::MAPS)
                    .map(crate::view::AgentIdView::index)
            }
            ///`optional mesos.v1.ExecutorID executor_id = 2`: the message, `None` when absent.
            #[inline]
            pub fn executor_id(&self) -> Option<crate::view::ExecutorIdView<'a>> {
                self.src
                    .message(self.at[1], 2, Self::MAPS)
                    .map(crate::view::ExecutorIdView::index)
            }
            ///`optional int32 status = 3`: what prost's field holds: `None` when absent.
            #[inline]
            pub fn status_opt(&self) -> Option<i32> {
                crate::view::wire::varint_at(self.src.buf, self.at[2].last)
                    .map(|v| v as i32)
            }
            ///`optional int32 status = 3`: the value, or the default when absent, like prost's getter.
            #[inline]
            pub fn status(&self) -> i32 {
                self.status_opt().unwrap_or(0)
            }
        }
        ///A borrowed view of an encoded [`InverseOffers`](crate::v1::scheduler::event::InverseOffers) (`mesos.v1.scheduler.Event.InverseOffers`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct InverseOffersView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 1],
        }
        view_common!(
            InverseOffersView, crate ::v1::scheduler::event::InverseOffers,
            "mesos.v1.scheduler.Event.InverseOffers"
        );
        #[allow(deprecated)]
        impl<'a> InverseOffersView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r
                    .key("mesos.v1.scheduler.Event.InverseOffers")?
                {
                    let checked = match tag {
                        1 => {
                            r.message(wt, depth, crate::view::InverseOfferView::validate)
                        }
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("inverse_offers", true),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.scheduler.Event.InverseOffers",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(e, "mesos.v1.scheduler.Event.InverseOffers", tag, name, repeated)
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 1];
                src.scan(
                    Self::MAPS,
                    |tag, key| {
                        if tag == 1 {
                            at[0].push(key)
                        }
                    },
                );
                Self { src, at }
            }
            ///`repeated mesos.v1.InverseOffer inverse_offers = 1`: the elements in wire order.
            #[inline]
            pub fn inverse_offers(
                &self,
            ) -> crate::view::Repeated<'a, crate::view::InverseOfferView<'a>> {
                crate::view::Repeated::new(&self.src, self.at[0], 1, Self::MAPS)
            }
        }
        ///A borrowed view of an encoded [`Message`](crate::v1::scheduler::event::Message) (`mesos.v1.scheduler.Event.Message`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct MessageView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 3],
        }
        view_common!(
            MessageView, crate ::v1::scheduler::event::Message,
            "mesos.v1.scheduler.Event.Message"
        );
        #[allow(deprecated)]
        impl<'a> MessageView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r.key("mesos.v1.scheduler.Event.Message")? {
                    let checked = match tag {
                        1 => r.message(wt, depth, crate::view::AgentIdView::validate),
                        2 => r.message(wt, depth, crate::view::ExecutorIdView::validate),
                        3 => r.bytes(wt),
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("agent_id", false),
                    2 => ("executor_id", false),
                    3 => ("data", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.scheduler.Event.Message",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(e, "mesos.v1.scheduler.Event.Message", tag, name, repeated)
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 3];
                src.scan(
                    Self::MAPS,
                    |tag, key| match tag {
                        1 => at[0].push(key),
                        2 => at[1].push(key),
                        3 => at[2].push(key),
                        _ => {}
                    },
                );
                Self { src, at }
            }
            ///`required mesos.v1.AgentID agent_id = 1`: the message (all defaults when absent, as prost leaves it).
            #[inline]
            pub fn agent_id(&self) -> crate::view::AgentIdView<'a> {
                crate::view::AgentIdView::index(
                    self
                        .src
                        .message(self.at[0], 1, Self::MAPS)
                        .unwrap_or(crate::view::wire::Src::one(&[])),
                )
            }
            ///`required mesos.v1.ExecutorID executor_id = 2`: the message (all defaults when absent, as prost leaves it).
            #[inline]
            pub fn executor_id(&self) -> crate::view::ExecutorIdView<'a> {
                crate::view::ExecutorIdView::index(
                    self
                        .src
                        .message(self.at[1], 2, Self::MAPS)
                        .unwrap_or(crate::view::wire::Src::one(&[])),
                )
            }
            ///`required bytes data = 3`: the value (the default when absent, as prost leaves it).
            #[inline]
            pub fn data(&self) -> &'a [u8] {
                crate::view::wire::len_at(self.src.buf, self.at[2].last).unwrap_or(&[])
            }
        }
        ///A borrowed view of an encoded [`Offers`](crate::v1::scheduler::event::Offers) (`mesos.v1.scheduler.Event.Offers`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct OffersView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 1],
        }
        view_common!(
            OffersView, crate ::v1::scheduler::event::Offers,
            "mesos.v1.scheduler.Event.Offers"
        );
        #[allow(deprecated)]
        impl<'a> OffersView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r.key("mesos.v1.scheduler.Event.Offers")? {
                    let checked = match tag {
                        1 => r.message(wt, depth, crate::view::OfferView::validate),
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("offers", true),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.scheduler.Event.Offers",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(e, "mesos.v1.scheduler.Event.Offers", tag, name, repeated)
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 1];
                src.scan(
                    Self::MAPS,
                    |tag, key| {
                        if tag == 1 {
                            at[0].push(key)
                        }
                    },
                );
                Self { src, at }
            }
            ///`repeated mesos.v1.Offer offers = 1`: the elements in wire order.
            #[inline]
            pub fn offers(
                &self,
            ) -> crate::view::Repeated<'a, crate::view::OfferView<'a>> {
                crate::view::Repeated::new(&self.src, self.at[0], 1, Self::MAPS)
            }
        }
        ///A borrowed view of an encoded [`Rescind`](crate::v1::scheduler::event::Rescind) (`mesos.v1.scheduler.Event.Rescind`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct RescindView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 1],
        }
        view_common!(
            RescindView, crate ::v1::scheduler::event::Rescind,
            "mesos.v1.scheduler.Event.Rescind"
        );
        #[allow(deprecated)]
        impl<'a> RescindView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r.key("mesos.v1.scheduler.Event.Rescind")? {
                    let checked = match tag {
                        1 => r.message(wt, depth, crate::view::OfferIdView::validate),
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("offer_id", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.scheduler.Event.Rescind",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(e, "mesos.v1.scheduler.Event.Rescind", tag, name, repeated)
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 1];
                src.scan(
                    Self::MAPS,
                    |tag, key| {
                        if tag == 1 {
                            at[0].push(key)
                        }
                    },
                );
                Self { src, at }
            }
            ///`required mesos.v1.OfferID offer_id = 1`: the message (all defaults when absent, as prost leaves it).
            #[inline]
            pub fn offer_id(&self) -> crate::view::OfferIdView<'a> {
                crate::view::OfferIdView::index(
                    self
                        .src
                        .message(self.at[0], 1, Self::MAPS)
                        .unwrap_or(crate::view::wire::Src::one(&[])),
                )
            }
        }
        ///A borrowed view of an encoded [`RescindInverseOffer`](crate::v1::scheduler::event::RescindInverseOffer) (`mesos.v1.scheduler.Event.RescindInverseOffer`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct RescindInverseOfferView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 1],
        }
        view_common!(
            RescindInverseOfferView, crate ::v1::scheduler::event::RescindInverseOffer,
            "mesos.v1.scheduler.Event.RescindInverseOffer"
        );
        #[allow(deprecated)]
        impl<'a> RescindInverseOfferView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r
                    .key("mesos.v1.scheduler.Event.RescindInverseOffer")?
                {
                    let checked = match tag {
                        1 => r.message(wt, depth, crate::view::OfferIdView::validate),
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("inverse_offer_id", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.scheduler.Event.RescindInverseOffer",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(
                    e,
                    "mesos.v1.scheduler.Event.RescindInverseOffer",
                    tag,
                    name,
                    repeated,
                )
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 1];
                src.scan(
                    Self::MAPS,
                    |tag, key| {
                        if tag == 1 {
                            at[0].push(key)
                        }
                    },
                );
                Self { src, at }
            }
            ///`required mesos.v1.OfferID inverse_offer_id = 1`: the message (all defaults when absent, as prost leaves it).
            #[inline]
            pub fn inverse_offer_id(&self) -> crate::view::OfferIdView<'a> {
                crate::view::OfferIdView::index(
                    self
                        .src
                        .message(self.at[0], 1, Self::MAPS)
                        .unwrap_or(crate::view::wire::Src::one(&[])),
                )
            }
        }
        ///A borrowed view of an encoded [`Subscribed`](crate::v1::scheduler::event::Subscribed) (`mesos.v1.scheduler.Event.Subscribed`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct SubscribedView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 3],
        }
        view_common!(
            SubscribedView, crate ::v1::scheduler::event::Subscribed,
            "mesos.v1.scheduler.Event.Subscribed"
        );
        #[allow(deprecated)]
        impl<'a> SubscribedView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r.key("mesos.v1.scheduler.Event.Subscribed")?
                {
                    let checked = match tag {
                        1 => r.message(wt, depth, crate::view::FrameworkIdView::validate),
                        2 => r.fixed64(wt),
                        3 => r.message(wt, depth, crate::view::MasterInfoView::validate),
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("framework_id", false),
                    2 => ("heartbeat_interval_seconds", false),
                    3 => ("master_info", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.scheduler.Event.Subscribed",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(e, "mesos.v1.scheduler.Event.Subscribed", tag, name, repeated)
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 3];
                src.scan(
                    Self::MAPS,
                    |tag, key| match tag {
                        1 => at[0].push(key),
                        2 => at[1].push(key),
                        3 => at[2].push(key),
                        _ => {}
                    },
                );
                Self { src, at }
            }
            ///`required mesos.v1.FrameworkID framework_id = 1`: the message (all defaults when absent, as prost leaves it).
            #[inline]
            pub fn framework_id(&self) -> crate::view::FrameworkIdView<'a> {
                crate::view::FrameworkIdView::index(
                    self
                        .src
                        .message(self.at[0], 1, Self::MAPS)
                        .unwrap_or(crate::view::wire::Src::one(&[])),
                )
            }
            ///`optional double heartbeat_interval_seconds = 2`: what prost's field holds: `None` when absent.
            #[inline]
            pub fn heartbeat_interval_seconds_opt(&self) -> Option<f64> {
                crate::view::wire::fixed64_at(self.src.buf, self.at[1].last)
                    .map(f64::from_bits)
            }
            ///`optional double heartbeat_interval_seconds = 2`: the value, or the default when absent, like prost's getter.
            #[inline]
            pub fn heartbeat_interval_seconds(&self) -> f64 {
                self.heartbeat_interval_seconds_opt().unwrap_or(0.0)
            }
            ///`optional mesos.v1.MasterInfo master_info = 3`: the message, `None` when absent.
            #[inline]
            pub fn master_info(&self) -> Option<crate::view::MasterInfoView<'a>> {
                self.src
                    .message(self.at[2], 3, Self::MAPS)
                    .map(crate::view::MasterInfoView::index)
            }
        }
        ///A borrowed view of an encoded [`Update`](crate::v1::scheduler::event::Update) (`mesos.v1.scheduler.Event.Update`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct UpdateView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 1],
        }
        view_common!(
            UpdateView, crate ::v1::scheduler::event::Update,
            "mesos.v1.scheduler.Event.Update"
        );
        #[allow(deprecated)]
        impl<'a> UpdateView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r.key("mesos.v1.scheduler.Event.Update")? {
                    let checked = match tag {
                        1 => r.message(wt, depth, crate::view::TaskStatusView::validate),
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("status", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.scheduler.Event.Update",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(e, "mesos.v1.scheduler.Event.Update", tag, name, repeated)
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 1];
                src.scan(
                    Self::MAPS,
                    |tag, key| {
                        if tag == 1 {
                            at[0].push(key)
                        }
                    },
                );
                Self { src, at }
            }
            ///`required mesos.v1.TaskStatus status = 1`: the message (all defaults when absent, as prost leaves it).
            #[inline]
            pub fn status(&self) -> crate::view::TaskStatusView<'a> {
                crate::view::TaskStatusView::index(
                    self
                        .src
                        .message(self.at[0], 1, Self::MAPS)
                        .unwrap_or(crate::view::wire::Src::one(&[])),
                )
            }
        }
        ///A borrowed view of an encoded [`UpdateOperationStatus`](crate::v1::scheduler::event::UpdateOperationStatus) (`mesos.v1.scheduler.Event.UpdateOperationStatus`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct UpdateOperationStatusView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 1],
        }
        view_common!(
            UpdateOperationStatusView, crate
            ::v1::scheduler::event::UpdateOperationStatus,
            "mesos.v1.scheduler.Event.UpdateOperationStatus"
        );
        #[allow(deprecated)]
        impl<'a> UpdateOperationStatusView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r
                    .key("mesos.v1.scheduler.Event.UpdateOperationStatus")?
                {
                    let checked = match tag {
                        1 => {
                            r.message(
                                wt,
                                depth,
                                crate::view::OperationStatusView::validate,
                            )
                        }
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("status", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.scheduler.Event.UpdateOperationStatus",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(
                    e,
                    "mesos.v1.scheduler.Event.UpdateOperationStatus",
                    tag,
                    name,
                    repeated,
                )
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 1];
                src.scan(
                    Self::MAPS,
                    |tag, key| {
                        if tag == 1 {
                            at[0].push(key)
                        }
                    },
                );
                Self { src, at }
            }
            ///`required mesos.v1.OperationStatus status = 1`: the message (all defaults when absent, as prost leaves it).
            #[inline]
            pub fn status(&self) -> crate::view::OperationStatusView<'a> {
                crate::view::OperationStatusView::index(
                    self
                        .src
                        .message(self.at[0], 1, Self::MAPS)
                        .unwrap_or(crate::view::wire::Src::one(&[])),
                )
            }
        }
    }
}
///Views of the messages nested in `mesos.v1.Secret`.
pub mod secret {
    ///A borrowed view of an encoded [`Reference`](crate::v1::secret::Reference) (`mesos.v1.Secret.Reference`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct ReferenceView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 2],
    }
    view_common!(
        ReferenceView, crate ::v1::secret::Reference, "mesos.v1.Secret.Reference"
    );
    #[allow(deprecated)]
    impl<'a> ReferenceView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.Secret.Reference")? {
                let checked = match tag {
                    1 => r.string(wt),
                    2 => r.string(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("name", false),
                2 => ("key", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.Secret.Reference",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.Secret.Reference", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 2];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    1 => at[0].push(key),
                    2 => at[1].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`required string name = 1`: the value (the default when absent, as prost leaves it).
        #[inline]
        pub fn name(&self) -> &'a str {
            crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
        }
        ///`optional string key = 2`: what prost's field holds: `None` when absent.
        #[inline]
        pub fn key_opt(&self) -> Option<&'a str> {
            crate::view::wire::str_at(self.src.buf, self.at[1].last)
        }
        ///`optional string key = 2`: the value, or the default when absent, like prost's getter.
        #[inline]
        pub fn key(&self) -> &'a str {
            self.key_opt().unwrap_or("")
        }
    }
    ///A borrowed view of an encoded [`Value`](crate::v1::secret::Value) (`mesos.v1.Secret.Value`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct ValueView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 1],
    }
    view_common!(ValueView, crate ::v1::secret::Value, "mesos.v1.Secret.Value");
    #[allow(deprecated)]
    impl<'a> ValueView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.Secret.Value")? {
                let checked = match tag {
                    1 => r.bytes(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("data", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.Secret.Value",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.Secret.Value", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 1];
            src.scan(
                Self::MAPS,
                |tag, key| {
                    if tag == 1 {
                        at[0].push(key)
                    }
                },
            );
            Self { src, at }
        }
        ///`required bytes data = 1`: the value (the default when absent, as prost leaves it).
        #[inline]
        pub fn data(&self) -> &'a [u8] {
            crate::view::wire::len_at(self.src.buf, self.at[0].last).unwrap_or(&[])
        }
    }
}
///Views of the messages nested in `mesos.v1.TaskInfo`.
pub mod task_info {
    ///A borrowed view of one entry of a map field (`mesos.v1.TaskInfo.LimitsEntry`): its `key` and `value`.
    #[derive(Clone)]
    pub struct LimitsEntryView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 2],
    }
    view_common!(@ entry LimitsEntryView);
    #[allow(deprecated)]
    impl<'a> LimitsEntryView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.TaskInfo.LimitsEntry")? {
                let checked = match tag {
                    1 => r.string(wt),
                    2 => r.message(wt, depth, crate::view::value::ScalarView::validate),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("key", false),
                2 => ("value", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.TaskInfo.LimitsEntry",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.TaskInfo.LimitsEntry", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 2];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    1 => at[0].push(key),
                    2 => at[1].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`optional string key = 1`: the value (the default when absent, as prost leaves it).
        #[inline]
        pub fn key(&self) -> &'a str {
            crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
        }
        ///`optional mesos.v1.Value.Scalar value = 2`: the message (all defaults when absent, as prost leaves it).
        #[inline]
        pub fn value(&self) -> crate::view::value::ScalarView<'a> {
            crate::view::value::ScalarView::index(
                self
                    .src
                    .message(self.at[1], 2, Self::MAPS)
                    .unwrap_or(crate::view::wire::Src::one(&[])),
            )
        }
    }
}
///Views of the messages nested in `mesos.v1.TTYInfo`.
pub mod tty_info {
    ///A borrowed view of an encoded [`WindowSize`](crate::v1::tty_info::WindowSize) (`mesos.v1.TTYInfo.WindowSize`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct WindowSizeView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 2],
    }
    view_common!(
        WindowSizeView, crate ::v1::tty_info::WindowSize, "mesos.v1.TTYInfo.WindowSize"
    );
    #[allow(deprecated)]
    impl<'a> WindowSizeView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.TTYInfo.WindowSize")? {
                let checked = match tag {
                    1 => r.varint(wt),
                    2 => r.varint(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("rows", false),
                2 => ("columns", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.TTYInfo.WindowSize",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.TTYInfo.WindowSize", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 2];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    1 => at[0].push(key),
                    2 => at[1].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`required uint32 rows = 1`: the value (the default when absent, as prost leaves it).
        #[inline]
        pub fn rows(&self) -> u32 {
            crate::view::wire::varint_at(self.src.buf, self.at[0].last)
                .map(|v| v as u32)
                .unwrap_or(0)
        }
        ///`required uint32 columns = 2`: the value (the default when absent, as prost leaves it).
        #[inline]
        pub fn columns(&self) -> u32 {
            crate::view::wire::varint_at(self.src.buf, self.at[1].last)
                .map(|v| v as u32)
                .unwrap_or(0)
        }
    }
}
///Views of the messages nested in `mesos.v1.Value`.
pub mod value {
    ///A borrowed view of an encoded [`Range`](crate::v1::value::Range) (`mesos.v1.Value.Range`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct RangeView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 2],
    }
    view_common!(RangeView, crate ::v1::value::Range, "mesos.v1.Value.Range");
    #[allow(deprecated)]
    impl<'a> RangeView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.Value.Range")? {
                let checked = match tag {
                    1 => r.varint(wt),
                    2 => r.varint(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("begin", false),
                2 => ("end", false),
                _ => {
                    return r
                        .blame(e, "mesos.v1.Value.Range", tag, &format!("#{tag}"), false);
                }
            };
            r.blame(e, "mesos.v1.Value.Range", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 2];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    1 => at[0].push(key),
                    2 => at[1].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`required uint64 begin = 1`: the value (the default when absent, as prost leaves it).
        #[inline]
        pub fn begin(&self) -> u64 {
            crate::view::wire::varint_at(self.src.buf, self.at[0].last).unwrap_or(0)
        }
        ///`required uint64 end = 2`: the value (the default when absent, as prost leaves it).
        #[inline]
        pub fn end(&self) -> u64 {
            crate::view::wire::varint_at(self.src.buf, self.at[1].last).unwrap_or(0)
        }
    }
    ///A borrowed view of an encoded [`Ranges`](crate::v1::value::Ranges) (`mesos.v1.Value.Ranges`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct RangesView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 1],
    }
    view_common!(RangesView, crate ::v1::value::Ranges, "mesos.v1.Value.Ranges");
    #[allow(deprecated)]
    impl<'a> RangesView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.Value.Ranges")? {
                let checked = match tag {
                    1 => r.message(wt, depth, crate::view::value::RangeView::validate),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("range", true),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.Value.Ranges",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.Value.Ranges", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 1];
            src.scan(
                Self::MAPS,
                |tag, key| {
                    if tag == 1 {
                        at[0].push(key)
                    }
                },
            );
            Self { src, at }
        }
        ///`repeated mesos.v1.Value.Range range = 1`: the elements in wire order.
        #[inline]
        pub fn range(
            &self,
        ) -> crate::view::Repeated<'a, crate::view::value::RangeView<'a>> {
            crate::view::Repeated::new(&self.src, self.at[0], 1, Self::MAPS)
        }
    }
    ///A borrowed view of an encoded [`Scalar`](crate::v1::value::Scalar) (`mesos.v1.Value.Scalar`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct ScalarView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 1],
    }
    view_common!(ScalarView, crate ::v1::value::Scalar, "mesos.v1.Value.Scalar");
    #[allow(deprecated)]
    impl<'a> ScalarView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.Value.Scalar")? {
                let checked = match tag {
                    1 => r.fixed64(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("value", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.Value.Scalar",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.Value.Scalar", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 1];
            src.scan(
                Self::MAPS,
                |tag, key| {
                    if tag == 1 {
                        at[0].push(key)
                    }
                },
            );
            Self { src, at }
        }
        ///`required double value = 1`: the value (the default when absent, as prost leaves it).
        #[inline]
        pub fn value(&self) -> f64 {
            crate::view::wire::fixed64_at(self.src.buf, self.at[0].last)
                .map(f64::from_bits)
                .unwrap_or(0.0)
        }
    }
    ///A borrowed view of an encoded [`Set`](crate::v1::value::Set) (`mesos.v1.Value.Set`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct SetView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 1],
    }
    view_common!(SetView, crate ::v1::value::Set, "mesos.v1.Value.Set");
    #[allow(deprecated)]
    impl<'a> SetView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.Value.Set")? {
                let checked = match tag {
                    1 => r.string(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("item", true),
                _ => {
                    return r
                        .blame(e, "mesos.v1.Value.Set", tag, &format!("#{tag}"), false);
                }
            };
            r.blame(e, "mesos.v1.Value.Set", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 1];
            src.scan(
                Self::MAPS,
                |tag, key| {
                    if tag == 1 {
                        at[0].push(key)
                    }
                },
            );
            Self { src, at }
        }
        ///`repeated string item = 1`: the elements in wire order (packed or not).
        #[inline]
        pub fn item(&self) -> crate::view::Repeated<'a, crate::view::kind::Str> {
            crate::view::Repeated::new(&self.src, self.at[0], 1, Self::MAPS)
        }
    }
    ///A borrowed view of an encoded [`Text`](crate::v1::value::Text) (`mesos.v1.Value.Text`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct TextView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 1],
    }
    view_common!(TextView, crate ::v1::value::Text, "mesos.v1.Value.Text");
    #[allow(deprecated)]
    impl<'a> TextView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.Value.Text")? {
                let checked = match tag {
                    1 => r.string(wt),
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("value", false),
                _ => {
                    return r
                        .blame(e, "mesos.v1.Value.Text", tag, &format!("#{tag}"), false);
                }
            };
            r.blame(e, "mesos.v1.Value.Text", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 1];
            src.scan(
                Self::MAPS,
                |tag, key| {
                    if tag == 1 {
                        at[0].push(key)
                    }
                },
            );
            Self { src, at }
        }
        ///`required string value = 1`: the value (the default when absent, as prost leaves it).
        #[inline]
        pub fn value(&self) -> &'a str {
            crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
        }
    }
}
///Views of the messages nested in `mesos.v1.Volume`.
pub mod volume {
    ///A borrowed view of an encoded [`Source`](crate::v1::volume::Source) (`mesos.v1.Volume.Source`): its fields read from the bytes on demand. See [the module documentation](crate::view).
    #[derive(Clone)]
    pub struct SourceView<'a> {
        src: crate::view::wire::Src<'a>,
        at: [crate::view::wire::Slot; 6],
    }
    view_common!(SourceView, crate ::v1::volume::Source, "mesos.v1.Volume.Source");
    #[allow(deprecated)]
    impl<'a> SourceView<'a> {
        const MAPS: &'static [u32] = &[];
        pub(crate) fn validate(
            buf: &[u8],
            depth: u32,
        ) -> Result<(), crate::view::ViewError> {
            let mut r = crate::view::wire::Reader::new(buf);
            while let Some((tag, wt)) = r.key("mesos.v1.Volume.Source")? {
                let checked = match tag {
                    1 => r.varint(wt),
                    2 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::volume::source::DockerVolumeView::validate,
                        )
                    }
                    5 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::volume::source::HostPathView::validate,
                        )
                    }
                    3 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::volume::source::SandboxPathView::validate,
                        )
                    }
                    4 => r.message(wt, depth, crate::view::SecretView::validate),
                    6 => {
                        r.message(
                            wt,
                            depth,
                            crate::view::volume::source::CsiVolumeView::validate,
                        )
                    }
                    _ => r.unknown(tag, wt, depth),
                };
                if let Err(e) = checked {
                    return Err(Self::blame(&r, e, tag));
                }
            }
            Ok(())
        }
        #[cold]
        fn blame(
            r: &crate::view::wire::Reader<'_>,
            e: crate::view::ViewError,
            tag: u32,
        ) -> crate::view::ViewError {
            let (name, repeated) = match tag {
                1 => ("type", false),
                2 => ("docker_volume", false),
                5 => ("host_path", false),
                3 => ("sandbox_path", false),
                4 => ("secret", false),
                6 => ("csi_volume", false),
                _ => {
                    return r
                        .blame(
                            e,
                            "mesos.v1.Volume.Source",
                            tag,
                            &format!("#{tag}"),
                            false,
                        );
                }
            };
            r.blame(e, "mesos.v1.Volume.Source", tag, name, repeated)
        }
        pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
            let mut at = [crate::view::wire::Slot::NONE; 6];
            src.scan(
                Self::MAPS,
                |tag, key| match tag {
                    1 => at[0].push(key),
                    2 => at[1].push(key),
                    5 => at[2].push(key),
                    3 => at[3].push(key),
                    4 => at[4].push(key),
                    6 => at[5].push(key),
                    _ => {}
                },
            );
            Self { src, at }
        }
        ///`optional mesos.v1.Volume.Source.Type type = 1`: the number prost's field holds, `None` when absent.
        #[inline]
        pub fn type_raw(&self) -> Option<i32> {
            crate::view::wire::varint_at(self.src.buf, self.at[0].last).map(|v| v as i32)
        }
        ///`optional mesos.v1.Volume.Source.Type type = 1`: the enum value, or the default when absent or unknown, like prost's getter.
        #[inline]
        pub fn r#type(&self) -> crate::v1::volume::source::Type {
            self.type_raw()
                .and_then(|v| {
                    <crate::v1::volume::source::Type as ::core::convert::TryFrom<
                        i32,
                    >>::try_from(v)
                        .ok()
                })
                .unwrap_or_default()
        }
        ///`optional mesos.v1.Volume.Source.DockerVolume docker_volume = 2`: the message, `None` when absent.
        #[inline]
        pub fn docker_volume(
            &self,
        ) -> Option<crate::view::volume::source::DockerVolumeView<'a>> {
            self.src
                .message(self.at[1], 2, Self::MAPS)
                .map(crate::view::volume::source::DockerVolumeView::index)
        }
        ///`optional mesos.v1.Volume.Source.HostPath host_path = 5`: the message, `None` when absent.
        #[inline]
        pub fn host_path(
            &self,
        ) -> Option<crate::view::volume::source::HostPathView<'a>> {
            self.src
                .message(self.at[2], 5, Self::MAPS)
                .map(crate::view::volume::source::HostPathView::index)
        }
        ///`optional mesos.v1.Volume.Source.SandboxPath sandbox_path = 3`: the message, `None` when absent.
        #[inline]
        pub fn sandbox_path(
            &self,
        ) -> Option<crate::view::volume::source::SandboxPathView<'a>> {
            self.src
                .message(self.at[3], 3, Self::MAPS)
                .map(crate::view::volume::source::SandboxPathView::index)
        }
        ///`optional mesos.v1.Secret secret = 4`: the message, `None` when absent.
        #[inline]
        pub fn secret(&self) -> Option<crate::view::SecretView<'a>> {
            self.src
                .message(self.at[4], 4, Self::MAPS)
                .map(crate::view::SecretView::index)
        }
        ///`optional mesos.v1.Volume.Source.CSIVolume csi_volume = 6`: the message, `None` when absent.
        #[inline]
        pub fn csi_volume(
            &self,
        ) -> Option<crate::view::volume::source::CsiVolumeView<'a>> {
            self.src
                .message(self.at[5], 6, Self::MAPS)
                .map(crate::view::volume::source::CsiVolumeView::index)
        }
    }
    ///Views of the messages nested in `mesos.v1.Volume.Source`.
    pub mod source {
        ///A borrowed view of an encoded [`CsiVolume`](crate::v1::volume::source::CsiVolume) (`mesos.v1.Volume.Source.CSIVolume`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct CsiVolumeView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 2],
        }
        view_common!(
            CsiVolumeView, crate ::v1::volume::source::CsiVolume,
            "mesos.v1.Volume.Source.CSIVolume"
        );
        #[allow(deprecated)]
        impl<'a> CsiVolumeView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r.key("mesos.v1.Volume.Source.CSIVolume")? {
                    let checked = match tag {
                        1 => r.string(wt),
                        2 => {
                            r.message(
                                wt,
                                depth,
                                crate::view::volume::source::csi_volume::StaticProvisioningView::validate,
                            )
                        }
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("plugin_name", false),
                    2 => ("static_provisioning", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.Volume.Source.CSIVolume",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(e, "mesos.v1.Volume.Source.CSIVolume", tag, name, repeated)
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 2];
                src.scan(
                    Self::MAPS,
                    |tag, key| match tag {
                        1 => at[0].push(key),
                        2 => at[1].push(key),
                        _ => {}
                    },
                );
                Self { src, at }
            }
            ///`required string plugin_name = 1`: the value (the default when absent, as prost leaves it).
            #[inline]
            pub fn plugin_name(&self) -> &'a str {
                crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
            }
            ///`optional mesos.v1.Volume.Source.CSIVolume.StaticProvisioning static_provisioning = 2`: the message, `None` when absent.
            #[inline]
            pub fn static_provisioning(
                &self,
            ) -> Option<
                crate::view::volume::source::csi_volume::StaticProvisioningView<'a>,
            > {
                self.src
                    .message(self.at[1], 2, Self::MAPS)
                    .map(
                        crate::view::volume::source::csi_volume::StaticProvisioningView::index,
                    )
            }
        }
        ///A borrowed view of an encoded [`DockerVolume`](crate::v1::volume::source::DockerVolume) (`mesos.v1.Volume.Source.DockerVolume`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct DockerVolumeView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 3],
        }
        view_common!(
            DockerVolumeView, crate ::v1::volume::source::DockerVolume,
            "mesos.v1.Volume.Source.DockerVolume"
        );
        #[allow(deprecated)]
        impl<'a> DockerVolumeView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r.key("mesos.v1.Volume.Source.DockerVolume")?
                {
                    let checked = match tag {
                        1 => r.string(wt),
                        2 => r.string(wt),
                        3 => r.message(wt, depth, crate::view::ParametersView::validate),
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("driver", false),
                    2 => ("name", false),
                    3 => ("driver_options", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.Volume.Source.DockerVolume",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(e, "mesos.v1.Volume.Source.DockerVolume", tag, name, repeated)
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 3];
                src.scan(
                    Self::MAPS,
                    |tag, key| match tag {
                        1 => at[0].push(key),
                        2 => at[1].push(key),
                        3 => at[2].push(key),
                        _ => {}
                    },
                );
                Self { src, at }
            }
            ///`optional string driver = 1`: what prost's field holds: `None` when absent.
            #[inline]
            pub fn driver_opt(&self) -> Option<&'a str> {
                crate::view::wire::str_at(self.src.buf, self.at[0].last)
            }
            ///`optional string driver = 1`: the value, or the default when absent, like prost's getter.
            #[inline]
            pub fn driver(&self) -> &'a str {
                self.driver_opt().unwrap_or("")
            }
            ///`required string name = 2`: the value (the default when absent, as prost leaves it).
            #[inline]
            pub fn name(&self) -> &'a str {
                crate::view::wire::str_at(self.src.buf, self.at[1].last).unwrap_or("")
            }
            ///`optional mesos.v1.Parameters driver_options = 3`: the message, `None` when absent.
            #[inline]
            pub fn driver_options(&self) -> Option<crate::view::ParametersView<'a>> {
                self.src
                    .message(self.at[2], 3, Self::MAPS)
                    .map(crate::view::ParametersView::index)
            }
        }
        ///A borrowed view of an encoded [`HostPath`](crate::v1::volume::source::HostPath) (`mesos.v1.Volume.Source.HostPath`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct HostPathView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 2],
        }
        view_common!(
            HostPathView, crate ::v1::volume::source::HostPath,
            "mesos.v1.Volume.Source.HostPath"
        );
        #[allow(deprecated)]
        impl<'a> HostPathView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r.key("mesos.v1.Volume.Source.HostPath")? {
                    let checked = match tag {
                        1 => r.string(wt),
                        2 => {
                            r.message(
                                wt,
                                depth,
                                crate::view::MountPropagationView::validate,
                            )
                        }
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("path", false),
                    2 => ("mount_propagation", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.Volume.Source.HostPath",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(e, "mesos.v1.Volume.Source.HostPath", tag, name, repeated)
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 2];
                src.scan(
                    Self::MAPS,
                    |tag, key| match tag {
                        1 => at[0].push(key),
                        2 => at[1].push(key),
                        _ => {}
                    },
                );
                Self { src, at }
            }
            ///`required string path = 1`: the value (the default when absent, as prost leaves it).
            #[inline]
            pub fn path(&self) -> &'a str {
                crate::view::wire::str_at(self.src.buf, self.at[0].last).unwrap_or("")
            }
            ///`optional mesos.v1.MountPropagation mount_propagation = 2`: the message, `None` when absent.
            #[inline]
            pub fn mount_propagation(
                &self,
            ) -> Option<crate::view::MountPropagationView<'a>> {
                self.src
                    .message(self.at[1], 2, Self::MAPS)
                    .map(crate::view::MountPropagationView::index)
            }
        }
        ///A borrowed view of an encoded [`SandboxPath`](crate::v1::volume::source::SandboxPath) (`mesos.v1.Volume.Source.SandboxPath`): its fields read from the bytes on demand. See [the module documentation](crate::view).
        #[derive(Clone)]
        pub struct SandboxPathView<'a> {
            src: crate::view::wire::Src<'a>,
            at: [crate::view::wire::Slot; 2],
        }
        view_common!(
            SandboxPathView, crate ::v1::volume::source::SandboxPath,
            "mesos.v1.Volume.Source.SandboxPath"
        );
        #[allow(deprecated)]
        impl<'a> SandboxPathView<'a> {
            const MAPS: &'static [u32] = &[];
            pub(crate) fn validate(
                buf: &[u8],
                depth: u32,
            ) -> Result<(), crate::view::ViewError> {
                let mut r = crate::view::wire::Reader::new(buf);
                while let Some((tag, wt)) = r.key("mesos.v1.Volume.Source.SandboxPath")?
                {
                    let checked = match tag {
                        1 => r.varint(wt),
                        2 => r.string(wt),
                        _ => r.unknown(tag, wt, depth),
                    };
                    if let Err(e) = checked {
                        return Err(Self::blame(&r, e, tag));
                    }
                }
                Ok(())
            }
            #[cold]
            fn blame(
                r: &crate::view::wire::Reader<'_>,
                e: crate::view::ViewError,
                tag: u32,
            ) -> crate::view::ViewError {
                let (name, repeated) = match tag {
                    1 => ("type", false),
                    2 => ("path", false),
                    _ => {
                        return r
                            .blame(
                                e,
                                "mesos.v1.Volume.Source.SandboxPath",
                                tag,
                                &format!("#{tag}"),
                                false,
                            );
                    }
                };
                r.blame(e, "mesos.v1.Volume.Source.SandboxPath", tag, name, repeated)
            }
            pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                let mut at = [crate::view::wire::Slot::NONE; 2];
                src.scan(
                    Self::MAPS,
                    |tag, key| match tag {
                        1 => at[0].push(key),
                        2 => at[1].push(key),
                        _ => {}
                    },
                );
                Self { src, at }
            }
            ///`optional mesos.v1.Volume.Source.SandboxPath.Type type = 1`: the number prost's field holds, `None` when absent.
            #[inline]
            pub fn type_raw(&self) -> Option<i32> {
                crate::view::wire::varint_at(self.src.buf, self.at[0].last)
                    .map(|v| v as i32)
            }
            ///`optional mesos.v1.Volume.Source.SandboxPath.Type type = 1`: the enum value, or the default when absent or unknown, like prost's getter.
            #[inline]
            pub fn r#type(&self) -> crate::v1::volume::source::sandbox_path::Type {
                self.type_raw()
                    .and_then(|v| {
                        <crate::v1::volume::source::sandbox_path::Type as ::core::convert::TryFrom<
                            i32,
                        >>::try_from(v)
                            .ok()
                    })
                    .unwrap_or_default()
            }
            ///`required string path = 2`: the value (the default when absent, as prost leaves it).
            #[inline]
            pub fn path(&self) -> &'a str {
                crate::view::wire::str_at(self.src.buf, self.at[1].last).unwrap_or("")
            }
        }
        ///Views of the messages nested in `mesos.v1.Volume.Source.CSIVolume`.
        pub mod csi_volume {
            ///A borrowed view of an encoded [`StaticProvisioning`](crate::v1::volume::source::csi_volume::StaticProvisioning) (`mesos.v1.Volume.Source.CSIVolume.StaticProvisioning`): its fields read from the bytes on demand. See [the module documentation](crate::view).
            #[derive(Clone)]
            pub struct StaticProvisioningView<'a> {
                src: crate::view::wire::Src<'a>,
                at: [crate::view::wire::Slot; 5],
            }
            view_common!(
                StaticProvisioningView, crate
                ::v1::volume::source::csi_volume::StaticProvisioning,
                "mesos.v1.Volume.Source.CSIVolume.StaticProvisioning"
            );
            #[allow(deprecated)]
            impl<'a> StaticProvisioningView<'a> {
                const MAPS: &'static [u32] = &[3, 4, 5];
                pub(crate) fn validate(
                    buf: &[u8],
                    depth: u32,
                ) -> Result<(), crate::view::ViewError> {
                    let mut r = crate::view::wire::Reader::new(buf);
                    while let Some((tag, wt)) = r
                        .key("mesos.v1.Volume.Source.CSIVolume.StaticProvisioning")?
                    {
                        let checked = match tag {
                            1 => r.string(wt),
                            2 => {
                                r.message(
                                    wt,
                                    depth,
                                    crate::view::volume::source::csi_volume::VolumeCapabilityView::validate,
                                )
                            }
                            3 => {
                                r.map(
                                    depth,
                                    crate::view::volume::source::csi_volume::static_provisioning::NodeStageSecretsEntryView::validate,
                                )
                            }
                            4 => {
                                r.map(
                                    depth,
                                    crate::view::volume::source::csi_volume::static_provisioning::NodePublishSecretsEntryView::validate,
                                )
                            }
                            5 => {
                                r.map(
                                    depth,
                                    crate::view::volume::source::csi_volume::static_provisioning::VolumeContextEntryView::validate,
                                )
                            }
                            _ => r.unknown(tag, wt, depth),
                        };
                        if let Err(e) = checked {
                            return Err(Self::blame(&r, e, tag));
                        }
                    }
                    Ok(())
                }
                #[cold]
                fn blame(
                    r: &crate::view::wire::Reader<'_>,
                    e: crate::view::ViewError,
                    tag: u32,
                ) -> crate::view::ViewError {
                    let (name, repeated) = match tag {
                        1 => ("volume_id", false),
                        2 => ("volume_capability", false),
                        3 => ("node_stage_secrets", true),
                        4 => ("node_publish_secrets", true),
                        5 => ("volume_context", true),
                        _ => {
                            return r
                                .blame(
                                    e,
                                    "mesos.v1.Volume.Source.CSIVolume.StaticProvisioning",
                                    tag,
                                    &format!("#{tag}"),
                                    false,
                                );
                        }
                    };
                    r.blame(
                        e,
                        "mesos.v1.Volume.Source.CSIVolume.StaticProvisioning",
                        tag,
                        name,
                        repeated,
                    )
                }
                pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                    let mut at = [crate::view::wire::Slot::NONE; 5];
                    src.scan(
                        Self::MAPS,
                        |tag, key| match tag {
                            1 => at[0].push(key),
                            2 => at[1].push(key),
                            3 => at[2].push(key),
                            4 => at[3].push(key),
                            5 => at[4].push(key),
                            _ => {}
                        },
                    );
                    Self { src, at }
                }
                ///`required string volume_id = 1`: the value (the default when absent, as prost leaves it).
                #[inline]
                pub fn volume_id(&self) -> &'a str {
                    crate::view::wire::str_at(self.src.buf, self.at[0].last)
                        .unwrap_or("")
                }
                ///`required mesos.v1.Volume.Source.CSIVolume.VolumeCapability volume_capability = 2`: the message (all defaults when absent, as prost leaves it).
                #[inline]
                pub fn volume_capability(
                    &self,
                ) -> crate::view::volume::source::csi_volume::VolumeCapabilityView<'a> {
                    crate::view::volume::source::csi_volume::VolumeCapabilityView::index(
                        self
                            .src
                            .message(self.at[1], 2, Self::MAPS)
                            .unwrap_or(crate::view::wire::Src::one(&[])),
                    )
                }
                ///`repeated mesos.v1.Volume.Source.CSIVolume.StaticProvisioning.NodeStageSecretsEntry node_stage_secrets = 3`: the map's entries in wire order (prost keeps the last entry of each key).
                #[inline]
                pub fn node_stage_secrets(
                    &self,
                ) -> crate::view::Repeated<
                    'a,
                    crate::view::volume::source::csi_volume::static_provisioning::NodeStageSecretsEntryView<
                        'a,
                    >,
                > {
                    crate::view::Repeated::new(&self.src, self.at[2], 3, Self::MAPS)
                }
                ///`repeated mesos.v1.Volume.Source.CSIVolume.StaticProvisioning.NodePublishSecretsEntry node_publish_secrets = 4`: the map's entries in wire order (prost keeps the last entry of each key).
                #[inline]
                pub fn node_publish_secrets(
                    &self,
                ) -> crate::view::Repeated<
                    'a,
                    crate::view::volume::source::csi_volume::static_provisioning::NodePublishSecretsEntryView<
                        'a,
                    >,
                > {
                    crate::view::Repeated::new(&self.src, self.at[3], 4, Self::MAPS)
                }
                ///`repeated mesos.v1.Volume.Source.CSIVolume.StaticProvisioning.VolumeContextEntry volume_context = 5`: the map's entries in wire order (prost keeps the last entry of each key).
                #[inline]
                pub fn volume_context(
                    &self,
                ) -> crate::view::Repeated<
                    'a,
                    crate::view::volume::source::csi_volume::static_provisioning::VolumeContextEntryView<
                        'a,
                    >,
                > {
                    crate::view::Repeated::new(&self.src, self.at[4], 5, Self::MAPS)
                }
            }
            ///A borrowed view of an encoded [`VolumeCapability`](crate::v1::volume::source::csi_volume::VolumeCapability) (`mesos.v1.Volume.Source.CSIVolume.VolumeCapability`): its fields read from the bytes on demand. See [the module documentation](crate::view).
            #[derive(Clone)]
            pub struct VolumeCapabilityView<'a> {
                src: crate::view::wire::Src<'a>,
                at: [crate::view::wire::Slot; 3],
            }
            view_common!(
                VolumeCapabilityView, crate
                ::v1::volume::source::csi_volume::VolumeCapability,
                "mesos.v1.Volume.Source.CSIVolume.VolumeCapability"
            );
            #[allow(deprecated)]
            impl<'a> VolumeCapabilityView<'a> {
                const MAPS: &'static [u32] = &[];
                pub(crate) fn validate(
                    buf: &[u8],
                    depth: u32,
                ) -> Result<(), crate::view::ViewError> {
                    let mut r = crate::view::wire::Reader::new(buf);
                    while let Some((tag, wt)) = r
                        .key("mesos.v1.Volume.Source.CSIVolume.VolumeCapability")?
                    {
                        let checked = match tag {
                            1 => {
                                r.message(
                                    wt,
                                    depth,
                                    crate::view::volume::source::csi_volume::volume_capability::BlockVolumeView::validate,
                                )
                            }
                            2 => {
                                r.message(
                                    wt,
                                    depth,
                                    crate::view::volume::source::csi_volume::volume_capability::MountVolumeView::validate,
                                )
                            }
                            3 => {
                                r.message(
                                    wt,
                                    depth,
                                    crate::view::volume::source::csi_volume::volume_capability::AccessModeView::validate,
                                )
                            }
                            _ => r.unknown(tag, wt, depth),
                        };
                        if let Err(e) = checked {
                            return Err(Self::blame(&r, e, tag));
                        }
                    }
                    Ok(())
                }
                #[cold]
                fn blame(
                    r: &crate::view::wire::Reader<'_>,
                    e: crate::view::ViewError,
                    tag: u32,
                ) -> crate::view::ViewError {
                    let (name, repeated) = match tag {
                        1 => ("block", false),
                        2 => ("mount", false),
                        3 => ("access_mode", false),
                        _ => {
                            return r
                                .blame(
                                    e,
                                    "mesos.v1.Volume.Source.CSIVolume.VolumeCapability",
                                    tag,
                                    &format!("#{tag}"),
                                    false,
                                );
                        }
                    };
                    r.blame(
                        e,
                        "mesos.v1.Volume.Source.CSIVolume.VolumeCapability",
                        tag,
                        name,
                        repeated,
                    )
                }
                pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                    let mut at = [crate::view::wire::Slot::NONE; 3];
                    src.scan(
                        Self::MAPS,
                        |tag, key| match tag {
                            1 => {
                                at[1] = crate::view::wire::Slot::NONE;
                                at[0].push(key);
                            }
                            2 => {
                                at[0] = crate::view::wire::Slot::NONE;
                                at[1].push(key);
                            }
                            3 => at[2].push(key),
                            _ => {}
                        },
                    );
                    Self { src, at }
                }
                ///`optional mesos.v1.Volume.Source.CSIVolume.VolumeCapability.BlockVolume block = 1`: the message when the oneof holds this member.
                #[inline]
                pub fn block(
                    &self,
                ) -> Option<
                    crate::view::volume::source::csi_volume::volume_capability::BlockVolumeView<
                        'a,
                    >,
                > {
                    self.src
                        .message(self.at[0], 1, Self::MAPS)
                        .map(
                            crate::view::volume::source::csi_volume::volume_capability::BlockVolumeView::index,
                        )
                }
                ///`optional mesos.v1.Volume.Source.CSIVolume.VolumeCapability.MountVolume mount = 2`: the message when the oneof holds this member.
                #[inline]
                pub fn mount(
                    &self,
                ) -> Option<
                    crate::view::volume::source::csi_volume::volume_capability::MountVolumeView<
                        'a,
                    >,
                > {
                    self.src
                        .message(self.at[1], 2, Self::MAPS)
                        .map(
                            crate::view::volume::source::csi_volume::volume_capability::MountVolumeView::index,
                        )
                }
                ///`required mesos.v1.Volume.Source.CSIVolume.VolumeCapability.AccessMode access_mode = 3`: the message (all defaults when absent, as prost leaves it).
                #[inline]
                pub fn access_mode(
                    &self,
                ) -> crate::view::volume::source::csi_volume::volume_capability::AccessModeView<
                    'a,
                > {
                    crate::view::volume::source::csi_volume::volume_capability::AccessModeView::index(
                        self
                            .src
                            .message(self.at[2], 3, Self::MAPS)
                            .unwrap_or(crate::view::wire::Src::one(&[])),
                    )
                }
            }
            ///Views of the messages nested in `mesos.v1.Volume.Source.CSIVolume.StaticProvisioning`.
            pub mod static_provisioning {
                ///A borrowed view of one entry of a map field (`mesos.v1.Volume.Source.CSIVolume.StaticProvisioning.NodePublishSecretsEntry`): its `key` and `value`.
                #[derive(Clone)]
                pub struct NodePublishSecretsEntryView<'a> {
                    src: crate::view::wire::Src<'a>,
                    at: [crate::view::wire::Slot; 2],
                }
                view_common!(@ entry NodePublishSecretsEntryView);
                #[allow(deprecated)]
                impl<'a> NodePublishSecretsEntryView<'a> {
                    const MAPS: &'static [u32] = &[];
                    pub(crate) fn validate(
                        buf: &[u8],
                        depth: u32,
                    ) -> Result<(), crate::view::ViewError> {
                        let mut r = crate::view::wire::Reader::new(buf);
                        while let Some((tag, wt)) = r
                            .key(
                                "mesos.v1.Volume.Source.CSIVolume.StaticProvisioning.NodePublishSecretsEntry",
                            )?
                        {
                            let checked = match tag {
                                1 => r.string(wt),
                                2 => r.message(wt, depth, crate::view::SecretView::validate),
                                _ => r.unknown(tag, wt, depth),
                            };
                            if let Err(e) = checked {
                                return Err(Self::blame(&r, e, tag));
                            }
                        }
                        Ok(())
                    }
                    #[cold]
                    fn blame(
                        r: &crate::view::wire::Reader<'_>,
                        e: crate::view::ViewError,
                        tag: u32,
                    ) -> crate::view::ViewError {
                        let (name, repeated) = match tag {
                            1 => ("key", false),
                            2 => ("value", false),
                            _ => {
                                return r
                                    .blame(
                                        e,
                                        "mesos.v1.Volume.Source.CSIVolume.StaticProvisioning.NodePublishSecretsEntry",
                                        tag,
                                        &format!("#{tag}"),
                                        false,
                                    );
                            }
                        };
                        r.blame(
                            e,
                            "mesos.v1.Volume.Source.CSIVolume.StaticProvisioning.NodePublishSecretsEntry",
                            tag,
                            name,
                            repeated,
                        )
                    }
                    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                        let mut at = [crate::view::wire::Slot::NONE; 2];
                        src.scan(
                            Self::MAPS,
                            |tag, key| match tag {
                                1 => at[0].push(key),
                                2 => at[1].push(key),
                                _ => {}
                            },
                        );
                        Self { src, at }
                    }
                    ///`optional string key = 1`: the value (the default when absent, as prost leaves it).
                    #[inline]
                    pub fn key(&self) -> &'a str {
                        crate::view::wire::str_at(self.src.buf, self.at[0].last)
                            .unwrap_or("")
                    }
                    ///`optional mesos.v1.Secret value = 2`: the message (all defaults when absent, as prost leaves it).
                    #[inline]
                    pub fn value(&self) -> crate::view::SecretView<'a> {
                        crate::view::SecretView::index(
                            self
                                .src
                                .message(self.at[1], 2, Self::MAPS)
                                .unwrap_or(crate::view::wire::Src::one(&[])),
                        )
                    }
                }
                ///A borrowed view of one entry of a map field (`mesos.v1.Volume.Source.CSIVolume.StaticProvisioning.NodeStageSecretsEntry`): its `key` and `value`.
                #[derive(Clone)]
                pub struct NodeStageSecretsEntryView<'a> {
                    src: crate::view::wire::Src<'a>,
                    at: [crate::view::wire::Slot; 2],
                }
                view_common!(@ entry NodeStageSecretsEntryView);
                #[allow(deprecated)]
                impl<'a> NodeStageSecretsEntryView<'a> {
                    const MAPS: &'static [u32] = &[];
                    pub(crate) fn validate(
                        buf: &[u8],
                        depth: u32,
                    ) -> Result<(), crate::view::ViewError> {
                        let mut r = crate::view::wire::Reader::new(buf);
                        while let Some((tag, wt)) = r
                            .key(
                                "mesos.v1.Volume.Source.CSIVolume.StaticProvisioning.NodeStageSecretsEntry",
                            )?
                        {
                            let checked = match tag {
                                1 => r.string(wt),
                                2 => r.message(wt, depth, crate::view::SecretView::validate),
                                _ => r.unknown(tag, wt, depth),
                            };
                            if let Err(e) = checked {
                                return Err(Self::blame(&r, e, tag));
                            }
                        }
                        Ok(())
                    }
                    #[cold]
                    fn blame(
                        r: &crate::view::wire::Reader<'_>,
                        e: crate::view::ViewError,
                        tag: u32,
                    ) -> crate::view::ViewError {
                        let (name, repeated) = match tag {
                            1 => ("key", false),
                            2 => ("value", false),
                            _ => {
                                return r
                                    .blame(
                                        e,
                                        "mesos.v1.Volume.Source.CSIVolume.StaticProvisioning.NodeStageSecretsEntry",
                                        tag,
                                        &format!("#{tag}"),
                                        false,
                                    );
                            }
                        };
                        r.blame(
                            e,
                            "mesos.v1.Volume.Source.CSIVolume.StaticProvisioning.NodeStageSecretsEntry",
                            tag,
                            name,
                            repeated,
                        )
                    }
                    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                        let mut at = [crate::view::wire::Slot::NONE; 2];
                        src.scan(
                            Self::MAPS,
                            |tag, key| match tag {
                                1 => at[0].push(key),
                                2 => at[1].push(key),
                                _ => {}
                            },
                        );
                        Self { src, at }
                    }
                    ///`optional string key = 1`: the value (the default when absent, as prost leaves it).
                    #[inline]
                    pub fn key(&self) -> &'a str {
                        crate::view::wire::str_at(self.src.buf, self.at[0].last)
                            .unwrap_or("")
                    }
                    ///`optional mesos.v1.Secret value = 2`: the message (all defaults when absent, as prost leaves it).
                    #[inline]
                    pub fn value(&self) -> crate::view::SecretView<'a> {
                        crate::view::SecretView::index(
                            self
                                .src
                                .message(self.at[1], 2, Self::MAPS)
                                .unwrap_or(crate::view::wire::Src::one(&[])),
                        )
                    }
                }
                ///A borrowed view of one entry of a map field (`mesos.v1.Volume.Source.CSIVolume.StaticProvisioning.VolumeContextEntry`): its `key` and `value`.
                #[derive(Clone)]
                pub struct VolumeContextEntryView<'a> {
                    src: crate::view::wire::Src<'a>,
                    at: [crate::view::wire::Slot; 2],
                }
                view_common!(@ entry VolumeContextEntryView);
                #[allow(deprecated)]
                impl<'a> VolumeContextEntryView<'a> {
                    const MAPS: &'static [u32] = &[];
                    pub(crate) fn validate(
                        buf: &[u8],
                        depth: u32,
                    ) -> Result<(), crate::view::ViewError> {
                        let mut r = crate::view::wire::Reader::new(buf);
                        while let Some((tag, wt)) = r
                            .key(
                                "mesos.v1.Volume.Source.CSIVolume.StaticProvisioning.VolumeContextEntry",
                            )?
                        {
                            let checked = match tag {
                                1 => r.string(wt),
                                2 => r.string(wt),
                                _ => r.unknown(tag, wt, depth),
                            };
                            if let Err(e) = checked {
                                return Err(Self::blame(&r, e, tag));
                            }
                        }
                        Ok(())
                    }
                    #[cold]
                    fn blame(
                        r: &crate::view::wire::Reader<'_>,
                        e: crate::view::ViewError,
                        tag: u32,
                    ) -> crate::view::ViewError {
                        let (name, repeated) = match tag {
                            1 => ("key", false),
                            2 => ("value", false),
                            _ => {
                                return r
                                    .blame(
                                        e,
                                        "mesos.v1.Volume.Source.CSIVolume.StaticProvisioning.VolumeContextEntry",
                                        tag,
                                        &format!("#{tag}"),
                                        false,
                                    );
                            }
                        };
                        r.blame(
                            e,
                            "mesos.v1.Volume.Source.CSIVolume.StaticProvisioning.VolumeContextEntry",
                            tag,
                            name,
                            repeated,
                        )
                    }
                    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                        let mut at = [crate::view::wire::Slot::NONE; 2];
                        src.scan(
                            Self::MAPS,
                            |tag, key| match tag {
                                1 => at[0].push(key),
                                2 => at[1].push(key),
                                _ => {}
                            },
                        );
                        Self { src, at }
                    }
                    ///`optional string key = 1`: the value (the default when absent, as prost leaves it).
                    #[inline]
                    pub fn key(&self) -> &'a str {
                        crate::view::wire::str_at(self.src.buf, self.at[0].last)
                            .unwrap_or("")
                    }
                    ///`optional string value = 2`: the value (the default when absent, as prost leaves it).
                    #[inline]
                    pub fn value(&self) -> &'a str {
                        crate::view::wire::str_at(self.src.buf, self.at[1].last)
                            .unwrap_or("")
                    }
                }
            }
            ///Views of the messages nested in `mesos.v1.Volume.Source.CSIVolume.VolumeCapability`.
            pub mod volume_capability {
                ///A borrowed view of an encoded [`AccessMode`](crate::v1::volume::source::csi_volume::volume_capability::AccessMode) (`mesos.v1.Volume.Source.CSIVolume.VolumeCapability.AccessMode`): its fields read from the bytes on demand. See [the module documentation](crate::view).
                #[derive(Clone)]
                pub struct AccessModeView<'a> {
                    src: crate::view::wire::Src<'a>,
                    at: [crate::view::wire::Slot; 1],
                }
                view_common!(
                    AccessModeView, crate
                    ::v1::volume::source::csi_volume::volume_capability::AccessMode,
                    "mesos.v1.Volume.Source.CSIVolume.VolumeCapability.AccessMode"
                );
                #[allow(deprecated)]
                impl<'a> AccessModeView<'a> {
                    const MAPS: &'static [u32] = &[];
                    pub(crate) fn validate(
                        buf: &[u8],
                        depth: u32,
                    ) -> Result<(), crate::view::ViewError> {
                        let mut r = crate::view::wire::Reader::new(buf);
                        while let Some((tag, wt)) = r
                            .key(
                                "mesos.v1.Volume.Source.CSIVolume.VolumeCapability.AccessMode",
                            )?
                        {
                            let checked = match tag {
                                1 => r.varint(wt),
                                _ => r.unknown(tag, wt, depth),
                            };
                            if let Err(e) = checked {
                                return Err(Self::blame(&r, e, tag));
                            }
                        }
                        Ok(())
                    }
                    #[cold]
                    fn blame(
                        r: &crate::view::wire::Reader<'_>,
                        e: crate::view::ViewError,
                        tag: u32,
                    ) -> crate::view::ViewError {
                        let (name, repeated) = match tag {
                            1 => ("mode", false),
                            _ => {
                                return r
                                    .blame(
                                        e,
                                        "mesos.v1.Volume.Source.CSIVolume.VolumeCapability.AccessMode",
                                        tag,
                                        &format!("#{tag}"),
                                        false,
                                    );
                            }
                        };
                        r.blame(
                            e,
                            "mesos.v1.Volume.Source.CSIVolume.VolumeCapability.AccessMode",
                            tag,
                            name,
                            repeated,
                        )
                    }
                    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                        let mut at = [crate::view::wire::Slot::NONE; 1];
                        src.scan(
                            Self::MAPS,
                            |tag, key| {
                                if tag == 1 {
                                    at[0].push(key)
                                }
                            },
                        );
                        Self { src, at }
                    }
                    ///`required mesos.v1.Volume.Source.CSIVolume.VolumeCapability.AccessMode.Mode mode = 1`: the number prost's field holds (the default's when absent).
                    #[inline]
                    pub fn mode_raw(&self) -> i32 {
                        crate::view::wire::varint_at(self.src.buf, self.at[0].last)
                            .map(|v| v as i32)
                            .unwrap_or(
                                <crate::v1::volume::source::csi_volume::volume_capability::access_mode::Mode as ::core::default::Default>::default()
                                    as i32,
                            )
                    }
                    ///`required mesos.v1.Volume.Source.CSIVolume.VolumeCapability.AccessMode.Mode mode = 1`: the enum value, or the default when unknown, like prost's getter.
                    #[inline]
                    pub fn mode(
                        &self,
                    ) -> crate::v1::volume::source::csi_volume::volume_capability::access_mode::Mode {
                        <crate::v1::volume::source::csi_volume::volume_capability::access_mode::Mode as ::core::convert::TryFrom<
                            i32,
                        >>::try_from(self.mode_raw())
                            .unwrap_or_default()
                    }
                }
                ///A borrowed view of an encoded [`BlockVolume`](crate::v1::volume::source::csi_volume::volume_capability::BlockVolume) (`mesos.v1.Volume.Source.CSIVolume.VolumeCapability.BlockVolume`): its fields read from the bytes on demand. See [the module documentation](crate::view).
                #[derive(Clone)]
                pub struct BlockVolumeView<'a> {
                    src: crate::view::wire::Src<'a>,
                }
                view_common!(
                    BlockVolumeView, crate
                    ::v1::volume::source::csi_volume::volume_capability::BlockVolume,
                    "mesos.v1.Volume.Source.CSIVolume.VolumeCapability.BlockVolume"
                );
                #[allow(deprecated)]
                impl<'a> BlockVolumeView<'a> {
                    pub(crate) fn validate(
                        buf: &[u8],
                        depth: u32,
                    ) -> Result<(), crate::view::ViewError> {
                        let mut r = crate::view::wire::Reader::new(buf);
                        while let Some((tag, wt)) = r
                            .key(
                                "mesos.v1.Volume.Source.CSIVolume.VolumeCapability.BlockVolume",
                            )?
                        {
                            let checked = { r.unknown(tag, wt, depth) };
                            if let Err(e) = checked {
                                return Err(Self::blame(&r, e, tag));
                            }
                        }
                        Ok(())
                    }
                    #[cold]
                    fn blame(
                        r: &crate::view::wire::Reader<'_>,
                        e: crate::view::ViewError,
                        tag: u32,
                    ) -> crate::view::ViewError {
                        r.blame(
                            e,
                            "mesos.v1.Volume.Source.CSIVolume.VolumeCapability.BlockVolume",
                            tag,
                            &format!("#{tag}"),
                            false,
                        )
                    }
                    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                        Self { src }
                    }
                }
                ///A borrowed view of an encoded [`MountVolume`](crate::v1::volume::source::csi_volume::volume_capability::MountVolume) (`mesos.v1.Volume.Source.CSIVolume.VolumeCapability.MountVolume`): its fields read from the bytes on demand. See [the module documentation](crate::view).
                #[derive(Clone)]
                pub struct MountVolumeView<'a> {
                    src: crate::view::wire::Src<'a>,
                    at: [crate::view::wire::Slot; 2],
                }
                view_common!(
                    MountVolumeView, crate
                    ::v1::volume::source::csi_volume::volume_capability::MountVolume,
                    "mesos.v1.Volume.Source.CSIVolume.VolumeCapability.MountVolume"
                );
                #[allow(deprecated)]
                impl<'a> MountVolumeView<'a> {
                    const MAPS: &'static [u32] = &[];
                    pub(crate) fn validate(
                        buf: &[u8],
                        depth: u32,
                    ) -> Result<(), crate::view::ViewError> {
                        let mut r = crate::view::wire::Reader::new(buf);
                        while let Some((tag, wt)) = r
                            .key(
                                "mesos.v1.Volume.Source.CSIVolume.VolumeCapability.MountVolume",
                            )?
                        {
                            let checked = match tag {
                                1 => r.string(wt),
                                2 => r.string(wt),
                                _ => r.unknown(tag, wt, depth),
                            };
                            if let Err(e) = checked {
                                return Err(Self::blame(&r, e, tag));
                            }
                        }
                        Ok(())
                    }
                    #[cold]
                    fn blame(
                        r: &crate::view::wire::Reader<'_>,
                        e: crate::view::ViewError,
                        tag: u32,
                    ) -> crate::view::ViewError {
                        let (name, repeated) = match tag {
                            1 => ("fs_type", false),
                            2 => ("mount_flags", true),
                            _ => {
                                return r
                                    .blame(
                                        e,
                                        "mesos.v1.Volume.Source.CSIVolume.VolumeCapability.MountVolume",
                                        tag,
                                        &format!("#{tag}"),
                                        false,
                                    );
                            }
                        };
                        r.blame(
                            e,
                            "mesos.v1.Volume.Source.CSIVolume.VolumeCapability.MountVolume",
                            tag,
                            name,
                            repeated,
                        )
                    }
                    pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {
                        let mut at = [crate::view::wire::Slot::NONE; 2];
                        src.scan(
                            Self::MAPS,
                            |tag, key| match tag {
                                1 => at[0].push(key),
                                2 => at[1].push(key),
                                _ => {}
                            },
                        );
                        Self { src, at }
                    }
                    ///`optional string fs_type = 1`: what prost's field holds: `None` when absent.
                    #[inline]
                    pub fn fs_type_opt(&self) -> Option<&'a str> {
                        crate::view::wire::str_at(self.src.buf, self.at[0].last)
                    }
                    ///`optional string fs_type = 1`: the value, or the default when absent, like prost's getter.
                    #[inline]
                    pub fn fs_type(&self) -> &'a str {
                        self.fs_type_opt().unwrap_or("")
                    }
                    ///`repeated string mount_flags = 2`: the elements in wire order (packed or not).
                    #[inline]
                    pub fn mount_flags(
                        &self,
                    ) -> crate::view::Repeated<'a, crate::view::kind::Str> {
                        crate::view::Repeated::new(&self.src, self.at[1], 2, Self::MAPS)
                    }
                }
            }
        }
    }
}
