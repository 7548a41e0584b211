//! Reading Mesos' leader election out of a ZooKeeper group: which member node leads, and the
//! master address its data holds. Pure functions, so every rule is unit-tested.
//!
//! Layout (`mesos: src/zookeeper/group.cpp`, `mesos: src/master/detector/zookeeper.cpp`): each
//! master creates an ephemeral sequential child `json.info_<seq>` holding its MasterInfo as
//! JSON; masters before 0.24 wrote `info_<seq>` with binary MasterInfo, and very old ones a bare
//! `<seq>` holding a libprocess PID. Other children, such as the replicated log's
//! `log_replicas`, carry no sequence number and are not members.

use std::net::Ipv4Addr;

use prost::Message;
use serde::Deserialize;

use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::v1::MasterInfo;

/// The kind of data a member node holds, from its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Format {
    /// `json.info_<seq>`: MasterInfo as JSON (Mesos 0.24 and later).
    Json,
    /// `info_<seq>`: MasterInfo as binary protobuf (before 0.24).
    Protobuf,
    /// `<seq>`: a libprocess PID string `master@ip:port` (very old masters).
    Pid,
}

/// A member node of the group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Member {
    pub(crate) name: String,
    pub(crate) format: Format,
    pub(crate) sequence: i32,
}

/// Parses a child name: split on `_`, the sequence is the last token (as int32) and the label
/// the first when there are several. Names without a number are not members.
pub(crate) fn member(name: &str) -> Option<Member> {
    let tokens: Vec<&str> = name.split('_').collect();
    let sequence: i32 = tokens.last()?.parse().ok()?;
    if sequence < 0 {
        return None;
    }
    let format = match tokens.as_slice() {
        [_] => Format::Pid,
        [label, .., _] if *label == "json.info" => Format::Json,
        [label, .., _] if *label == "info" => Format::Protobuf,
        // An unknown label: not something a master wrote.
        _ => return None,
    };
    Some(Member {
        name: name.to_string(),
        format,
        sequence,
    })
}

/// The leading member: the lowest sequence among JSON members; when there are none, among
/// binary members; when there are none either, among PID members.
pub(crate) fn leader<'a>(children: impl IntoIterator<Item = &'a String>) -> Option<Member> {
    children
        .into_iter()
        .filter_map(|c| member(c))
        .min_by_key(|m| (m.format, m.sequence))
}

/// The MasterInfo fields detection needs, read leniently from JSON (other fields ignored).
#[derive(Debug, Deserialize)]
struct JsonMasterInfo {
    #[serde(default)]
    ip: Option<u64>,
    #[serde(default)]
    port: Option<u64>,
    #[serde(default)]
    pid: Option<String>,
    #[serde(default)]
    hostname: Option<String>,
    #[serde(default)]
    address: Option<JsonAddress>,
}

#[derive(Debug, Deserialize)]
struct JsonAddress {
    #[serde(default)]
    hostname: Option<String>,
    #[serde(default)]
    ip: Option<String>,
    #[serde(default)]
    port: Option<i64>,
}

fn non_empty(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

fn port(value: Option<i64>) -> Option<u16> {
    value
        .and_then(|p| u16::try_from(p).ok())
        .filter(|p| *p != 0)
}

/// Picks the address to connect to, in Mesos' order of preference: `address.ip` (or
/// `address.hostname`) with `address.port`; else the `pid`; else the legacy `ip` and `port`.
fn endpoint_of(
    address: Option<(Option<&str>, Option<&str>, Option<i64>)>,
    pid: Option<&str>,
    legacy_ip: Option<u64>,
    legacy_port: Option<u64>,
    hostname: Option<&str>,
) -> Result<Endpoint, String> {
    if let Some((ip, host, p)) = address {
        if let (Some(h), Some(p)) = (non_empty(ip).or(non_empty(host)), port(p)) {
            return Ok(Endpoint::new(h, p, false));
        }
    }
    if let Some(pid) = non_empty(pid) {
        if let Ok(endpoint) = pid_endpoint(pid) {
            return Ok(endpoint);
        }
    }
    let legacy_port = legacy_port
        .and_then(|p| u16::try_from(p).ok())
        .filter(|p| *p != 0);
    match (legacy_ip.and_then(|ip| u32::try_from(ip).ok()), legacy_port) {
        // The legacy `ip` is `in_addr.s_addr` stored as an integer: network-order bytes read
        // as a little-endian host integer, so 127.0.0.1 is 16777343 (MESOS-1201).
        (Some(ip), Some(p)) if ip != 0 => Ok(Endpoint::new(
            Ipv4Addr::from(ip.to_le_bytes()).to_string(),
            p,
            false,
        )),
        (_, Some(p)) if non_empty(hostname).is_some() => Ok(Endpoint::new(
            non_empty(hostname).unwrap_or_default(),
            p,
            false,
        )),
        _ => Err("no address, pid, or ip and port".to_string()),
    }
}

/// `master@10.0.0.1:5050` (or any `id@host:port`).
fn pid_endpoint(pid: &str) -> Result<Endpoint, String> {
    let (_, address) = pid
        .split_once('@')
        .ok_or_else(|| format!("PID {pid:?} has no '@'"))?;
    let (host, p) = address
        .rsplit_once(':')
        .ok_or_else(|| format!("PID {pid:?} has no port"))?;
    let p: u16 = p
        .parse()
        .ok()
        .filter(|p| *p != 0)
        .ok_or_else(|| format!("PID {pid:?} has an invalid port"))?;
    if host.is_empty() {
        return Err(format!("PID {pid:?} has no host"));
    }
    Ok(Endpoint::new(host, p, false))
}

/// Decodes a member node's data into the master's endpoint.
pub(crate) fn master_endpoint(node: &str, format: Format, data: &[u8]) -> Result<Endpoint, Error> {
    let malformed = |reason: String| Error::MalformedMasterInfo {
        node: node.to_string(),
        reason,
    };
    match format {
        Format::Json => {
            let value: serde_json::Value =
                serde_json::from_slice(data).map_err(|e| malformed(format!("not JSON: {e}")))?;
            // serde would also read a struct from an array; MasterInfo is an object.
            if !value.is_object() {
                return Err(malformed("MasterInfo JSON is not an object".into()));
            }
            let info: JsonMasterInfo = serde_json::from_value(value)
                .map_err(|e| malformed(format!("not MasterInfo JSON: {e}")))?;
            let address = info
                .address
                .as_ref()
                .map(|a| (a.ip.as_deref(), a.hostname.as_deref(), a.port));
            endpoint_of(
                address,
                info.pid.as_deref(),
                info.ip,
                info.port,
                info.hostname.as_deref(),
            )
            .map_err(malformed)
        }
        Format::Protobuf => {
            let info = MasterInfo::decode(data)
                .map_err(|e| malformed(format!("not binary MasterInfo: {e}")))?;
            // prost does not enforce proto2 `required`; a MasterInfo always has an id.
            if info.id.is_empty() {
                return Err(malformed(
                    "binary MasterInfo without its required id".into(),
                ));
            }
            let address = info.address.as_ref().map(|a| {
                (
                    a.ip.as_deref(),
                    a.hostname.as_deref(),
                    Some(i64::from(a.port)),
                )
            });
            endpoint_of(
                address,
                info.pid.as_deref(),
                Some(u64::from(info.ip)),
                Some(u64::from(info.port)),
                info.hostname.as_deref(),
            )
            .map_err(malformed)
        }
        Format::Pid => {
            let text =
                std::str::from_utf8(data).map_err(|_| malformed("PID is not UTF-8".to_string()))?;
            pid_endpoint(text.trim()).map_err(malformed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::v1::Address;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn members_are_read_from_child_names() {
        assert_eq!(
            member("json.info_0000000003").map(|m| (m.format, m.sequence)),
            Some((Format::Json, 3))
        );
        assert_eq!(
            member("info_0000000010").map(|m| (m.format, m.sequence)),
            Some((Format::Protobuf, 10))
        );
        assert_eq!(
            member("0000000007").map(|m| (m.format, m.sequence)),
            Some((Format::Pid, 7))
        );
        for junk in [
            "log_replicas",
            "json.info_",
            "json.info_abc",
            "foo_0000000001",
            "",
            "_",
            "json.info_-1",
        ] {
            assert_eq!(member(junk), None, "{junk}");
        }
    }

    #[test]
    fn the_lowest_json_sequence_leads() {
        let children = names(&[
            "json.info_0000000005",
            "log_replicas",
            "json.info_0000000002",
            "json.info_0000000009",
        ]);
        assert_eq!(
            leader(&children).map(|m| m.name),
            Some("json.info_0000000002".into())
        );
        // Legacy binary nodes count only when no JSON node exists.
        let mixed = names(&["info_0000000000", "json.info_0000000004"]);
        assert_eq!(
            leader(&mixed).map(|m| m.name),
            Some("json.info_0000000004".into())
        );
        let legacy = names(&["info_0000000003", "info_0000000001", "log_replicas"]);
        assert_eq!(
            leader(&legacy).map(|m| m.name),
            Some("info_0000000001".into())
        );
        assert_eq!(leader(&names(&["log_replicas", "junk"])), None);
        assert_eq!(leader(&names(&[])), None);
    }

    #[test]
    fn json_master_info_address_comes_first() {
        let data = br#"{"id":"m1","ip":16777343,"port":5050,"pid":"master@127.0.0.1:5050",
            "hostname":"localhost","address":{"hostname":"m1.example","ip":"10.0.0.7","port":5051},
            "version":"1.11.0","unknown":[1,2,3]}"#;
        let e = master_endpoint("/mesos/json.info_1", Format::Json, data).expect("valid");
        assert_eq!(e, Endpoint::new("10.0.0.7", 5051, false));

        let data =
            br#"{"id":"m1","ip":0,"port":5050,"address":{"hostname":"m1.example","port":5052}}"#;
        let e = master_endpoint("n", Format::Json, data).expect("hostname");
        assert_eq!(e, Endpoint::new("m1.example", 5052, false));

        // No address: the pid, then the legacy ip (network byte order) and port.
        let data = br#"{"id":"m1","ip":16777343,"port":5050,"pid":"master@10.1.1.1:5053"}"#;
        assert_eq!(
            master_endpoint("n", Format::Json, data).expect("pid"),
            Endpoint::new("10.1.1.1", 5053, false)
        );
        let data = br#"{"id":"m1","ip":16777343,"port":5054}"#;
        assert_eq!(
            master_endpoint("n", Format::Json, data).expect("legacy"),
            Endpoint::new("127.0.0.1", 5054, false)
        );
        let data = br#"{"id":"m1","ip":0,"port":5055,"hostname":"old.example"}"#;
        assert_eq!(
            master_endpoint("n", Format::Json, data).expect("hostname"),
            Endpoint::new("old.example", 5055, false)
        );
    }

    #[test]
    fn binary_and_pid_members_decode() {
        let info = MasterInfo {
            id: "m2".into(),
            ip: u32::from_le_bytes([192, 168, 1, 20]),
            port: 5050,
            address: Some(Address {
                hostname: None,
                ip: Some("192.168.1.20".into()),
                port: 5050,
            }),
            ..Default::default()
        };
        let e = master_endpoint("n", Format::Protobuf, &info.encode_to_vec()).expect("binary");
        assert_eq!(e, Endpoint::new("192.168.1.20", 5050, false));
        let legacy_only = MasterInfo {
            id: "m3".into(),
            ip: 16777343,
            port: 5060,
            ..Default::default()
        };
        let e = master_endpoint("n", Format::Protobuf, &legacy_only.encode_to_vec())
            .expect("legacy ip");
        assert_eq!(e, Endpoint::new("127.0.0.1", 5060, false));
        let e = master_endpoint("n", Format::Pid, b"master@10.2.2.2:5050\n").expect("pid");
        assert_eq!(e, Endpoint::new("10.2.2.2", 5050, false));
    }

    #[test]
    fn malformed_data_is_a_typed_error_naming_the_node() {
        for (format, data) in [
            (Format::Json, &b"not json"[..]),
            (Format::Json, br#"{"id":"m"}"#),
            (
                Format::Json,
                br#"{"address":{"ip":"1.2.3.4","port":70000}}"#,
            ),
            (Format::Json, br#"[1,2]"#),
            (Format::Protobuf, &b"\xff\xff\xff"[..]),
            (Format::Pid, b"garbage"),
            (Format::Pid, b"master@host:0"),
            (Format::Pid, &b"\xff\xfe"[..]),
        ] {
            let err = master_endpoint("/mesos/json.info_0000000001", format, data)
                .expect_err("malformed");
            assert!(
                matches!(&err, Error::MalformedMasterInfo { node, .. } if node == "/mesos/json.info_0000000001"),
                "{err}"
            );
        }
    }
}
