//! Master URLs as users type them: a master's `host:port` or `http(s)://host:port`, or a
//! ZooKeeper group `zk://[user:pass@]h1:p1[,h2:p2]/path`, parsed as Mesos parses them
//! (`mesos: include/mesos/zookeeper/url.hpp`, `mesos: src/master/detector/detector.cpp`).

use std::fmt;

use crate::endpoint::Endpoint;
use crate::error::Error;

/// Where to find the leading master.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MasterUrl {
    /// One master (non-leading masters redirect to the leader).
    Static(Endpoint),
    /// The masters' ZooKeeper group.
    ZooKeeper(ZooKeeperUrl),
}

/// A `zk://` URL: ZooKeeper servers, optional digest credentials, and the group's path.
///
/// ```
/// use mesos_sdk::detector::ZooKeeperUrl;
///
/// let url: ZooKeeperUrl = "zk://ops:p@ss@zk1:2181,zk2:2181/mesos".parse()?;
/// assert_eq!(url.servers(), ["zk1:2181", "zk2:2181"]);
/// assert_eq!(url.credentials(), Some(("ops", "p@ss")));
/// assert_eq!(url.path(), "/mesos");
/// # Ok::<(), mesos_sdk::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ZooKeeperUrl {
    servers: Vec<String>,
    credentials: Option<(String, String)>,
    path: String,
}

impl fmt::Debug for ZooKeeperUrl {
    // The password never reaches logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ZooKeeperUrl")
            .field("servers", &self.servers)
            .field("user", &self.credentials.as_ref().map(|(u, _)| u))
            .field("path", &self.path)
            .finish()
    }
}

impl fmt::Display for ZooKeeperUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "zk://")?;
        if let Some((user, _)) = &self.credentials {
            write!(f, "{user}:***@")?;
        }
        write!(f, "{}{}", self.servers.join(","), self.path)
    }
}

impl ZooKeeperUrl {
    /// The `host:port` of each ZooKeeper server.
    pub fn servers(&self) -> &[String] {
        &self.servers
    }

    /// The `digest` credentials (`user`, `password`), if given.
    pub fn credentials(&self) -> Option<(&str, &str)> {
        self.credentials
            .as_ref()
            .map(|(u, p)| (u.as_str(), p.as_str()))
    }

    /// The group's path, e.g. `/mesos`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The connection string for a ZooKeeper client: `h1:p1,h2:p2`.
    pub fn connect_string(&self) -> String {
        self.servers.join(",")
    }
}

impl std::str::FromStr for ZooKeeperUrl {
    type Err = Error;

    fn from_str(input: &str) -> Result<Self, Error> {
        let bad = |reason: &str| Error::InvalidUrl {
            input: input.to_string(),
            reason: reason.to_string(),
        };
        let trimmed = input.trim();
        let rest = trimmed
            .strip_prefix("zk://")
            .ok_or_else(|| bad("a ZooKeeper URL starts with zk://"))?;
        // Credentials end at the last '@' of the part before the path, so a password may
        // contain '@' (but not '/').
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if path == "/" {
            return Err(bad(
                "expecting a (chroot) path for ZooKeeper ('/' is not supported), e.g. zk://host:2181/mesos",
            ));
        }
        if path.ends_with('/') || path.contains("//") {
            return Err(bad("the ZooKeeper path has an empty component"));
        }
        let (credentials, hosts) = match authority.rfind('@') {
            Some(i) => {
                let (user, password) = authority[..i]
                    .split_once(':')
                    .ok_or_else(|| bad("credentials must be user:password"))?;
                if user.is_empty() {
                    return Err(bad("empty user name in the credentials"));
                }
                (
                    Some((user.to_string(), password.to_string())),
                    &authority[i + 1..],
                )
            }
            None => (None, authority),
        };
        let mut servers = Vec::new();
        for host in hosts.split(',') {
            let host = host.trim();
            if host.is_empty() {
                return Err(bad("empty ZooKeeper server in the host list"));
            }
            let (name, port) = match host.rsplit_once(':') {
                Some((name, port)) if !name.contains(':') || name.ends_with(']') => (name, port),
                _ => return Err(bad("each ZooKeeper server needs host:port")),
            };
            if name.is_empty() || name.chars().any(char::is_whitespace) {
                return Err(bad(&format!("invalid ZooKeeper server {host:?}")));
            }
            match port.parse::<u16>() {
                Ok(p) if p != 0 => {}
                _ => return Err(bad(&format!("invalid port in ZooKeeper server {host:?}"))),
            }
            servers.push(host.to_string());
        }
        Ok(ZooKeeperUrl {
            servers,
            credentials,
            path: path.to_string(),
        })
    }
}

impl std::str::FromStr for MasterUrl {
    type Err = Error;

    fn from_str(input: &str) -> Result<Self, Error> {
        if input.trim_start().starts_with("zk://") {
            Ok(MasterUrl::ZooKeeper(input.parse()?))
        } else {
            Ok(MasterUrl::Static(input.parse()?))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form_mesos_accepts() {
        let url: ZooKeeperUrl = "zk://127.0.0.1:2181/mesos".parse().expect("valid");
        assert_eq!(url.servers(), ["127.0.0.1:2181"]);
        assert_eq!(url.credentials(), None);
        assert_eq!(url.path(), "/mesos");
        assert_eq!(url.connect_string(), "127.0.0.1:2181");

        let url: ZooKeeperUrl = " zk://u:p@h1:1,h2:2,h3:3/a/b/c ".parse().expect("valid");
        assert_eq!(url.servers(), ["h1:1", "h2:2", "h3:3"]);
        assert_eq!(url.credentials(), Some(("u", "p")));
        assert_eq!(url.path(), "/a/b/c");
        assert_eq!(url.to_string(), "zk://u:***@h1:1,h2:2,h3:3/a/b/c");
        assert!(!format!("{url:?}").contains("\"p\""));

        // The password may contain '@' and ':'.
        let url: ZooKeeperUrl = "zk://u:a@b:c@h:1/m".parse().expect("valid");
        assert_eq!(url.credentials(), Some(("u", "a@b:c")));

        assert!(matches!(
            "zk://h:1/mesos".parse::<MasterUrl>(),
            Ok(MasterUrl::ZooKeeper(_))
        ));
        assert!(matches!(
            "h:5050".parse::<MasterUrl>(),
            Ok(MasterUrl::Static(_))
        ));
    }

    #[test]
    fn rejects_bad_urls_quoting_them() {
        for (bad, why) in [
            ("zk://h:2181", "path"),
            ("zk://h:2181/", "path"),
            ("zk://h:2181/mesos/", "empty component"),
            ("zk://h/mesos", "host:port"),
            ("zk://h:x/mesos", "port"),
            ("zk://h:1,,h2:2/mesos", "empty"),
            ("zk://:p@h:1/mesos", "user"),
            ("zk://user@h:1/mesos", "user:password"),
            ("zoo://h:1/mesos", "zk://"),
        ] {
            let err = bad.parse::<ZooKeeperUrl>().expect_err(bad);
            let text = err.to_string();
            assert!(text.contains(bad.trim()), "{bad}: {text}");
            assert!(text.contains(why), "{bad}: {text} should mention {why}");
        }
    }
}
