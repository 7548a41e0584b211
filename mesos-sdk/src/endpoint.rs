//! Where a master or agent listens: scheme, host and port, parsed from what users type and
//! from the `Location` of Mesos' redirects.

use std::fmt;

use crate::error::Error;

/// An HTTP(S) endpoint of a Mesos master or agent: `http://host:port` or `https://host:port`.
///
/// Parsed from `host:port`, `http://host:port` or `https://host:port` (a trailing path such as
/// `/master` is ignored: API paths are fixed by the protocol). IPv6 hosts are written in
/// brackets: `[::1]:5050`.
///
/// ```
/// use mesos_sdk::Endpoint;
///
/// let e: Endpoint = "10.0.0.5:5050".parse()?;
/// assert_eq!(e.to_string(), "http://10.0.0.5:5050");
/// let e: Endpoint = "https://master.example.com:5050/".parse()?;
/// assert!(e.is_tls());
/// assert_eq!(e.authority(), "master.example.com:5050");
/// # Ok::<(), mesos_sdk::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Endpoint {
    tls: bool,
    host: String,
    port: u16,
}

impl Endpoint {
    /// An endpoint from its parts. `host` is a name or an IP address (IPv6 without brackets).
    pub fn new(host: impl Into<String>, port: u16, tls: bool) -> Self {
        let host = host.into();
        let host = host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .map(str::to_string)
            .unwrap_or(host);
        Self { tls, host, port }
    }

    /// Whether requests use HTTPS.
    pub fn is_tls(&self) -> bool {
        self.tls
    }

    /// The host name or IP address (IPv6 without brackets).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The TCP port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `host:port`, with IPv6 hosts in brackets, as used in `Host` headers.
    pub fn authority(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    /// The same host and port with another scheme.
    pub fn with_tls(mut self, tls: bool) -> Self {
        self.tls = tls;
        self
    }

    /// Resolves the `Location` of a redirect against this endpoint, returning the new endpoint
    /// and the path (with query) to request there.
    ///
    /// Mesos answers `307` with a protocol-relative `Location: //host:port/path`
    /// (`mesos: src/master/http.cpp`, `Master::Http::redirect`), so the scheme of the current
    /// request is kept; absolute `http(s)://` locations (masters before 0.23) and the bare
    /// `host:port` shown in Mesos' docs are accepted too.
    pub fn resolve_redirect(&self, location: &str) -> Result<(Endpoint, String), Error> {
        let location = location.trim();
        let bad = |reason: &str| Error::InvalidUrl {
            input: location.to_string(),
            reason: reason.to_string(),
        };
        let (tls, rest) = if let Some(rest) = location.strip_prefix("//") {
            (self.tls, rest)
        } else if let Some(rest) = location.strip_prefix("http://") {
            // Never from TLS down to plain text: whatever follows (credentials, the event
            // stream) would cross the network readable.
            if self.tls {
                return Err(bad("a redirect from https to http is refused"));
            }
            (false, rest)
        } else if let Some(rest) = location.strip_prefix("https://") {
            (true, rest)
        } else if location.starts_with('/') {
            return Err(bad(
                "a redirect to a path on the same master cannot name a leader",
            ));
        } else {
            (self.tls, location)
        };
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], rest[i..].to_string()),
            None => (rest, String::new()),
        };
        let (host, port) = split_authority(authority, 5050).map_err(|r| bad(&r))?;
        Ok((Endpoint::new(host, port, tls), path))
    }
}

/// Splits `host[:port]` (IPv6 in brackets), using `default_port` when none is given.
fn split_authority(authority: &str, default_port: u16) -> Result<(String, u16), String> {
    if authority.is_empty() {
        return Err("no host".to_string());
    }
    if authority.contains('@') {
        return Err("credentials are not allowed in an HTTP master URL".to_string());
    }
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let end = rest
            .find(']')
            .ok_or_else(|| "unclosed '[' in an IPv6 address".to_string())?;
        let host = &rest[..end];
        match &rest[end + 1..] {
            "" => (host, None),
            p => (
                host,
                Some(
                    p.strip_prefix(':')
                        .ok_or_else(|| format!("unexpected {p:?} after the IPv6 address"))?,
                ),
            ),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) if !h.contains(':') => (h, Some(p)),
            Some(_) => return Err("IPv6 addresses must be written in brackets".to_string()),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err("no host".to_string());
    }
    if host.chars().any(|c| c.is_whitespace() || c == '/') {
        return Err(format!("invalid host {host:?}"));
    }
    let port = match port {
        None => default_port,
        Some(p) => p
            .parse::<u16>()
            .ok()
            .filter(|&p| p != 0)
            .ok_or_else(|| format!("invalid port {p:?}"))?,
    };
    Ok((host.to_string(), port))
}

impl std::str::FromStr for Endpoint {
    type Err = Error;

    fn from_str(input: &str) -> Result<Self, Error> {
        let trimmed = input.trim();
        let bad = |reason: String| Error::InvalidUrl {
            input: input.to_string(),
            reason,
        };
        let (tls, rest) = if let Some(rest) = trimmed.strip_prefix("http://") {
            (false, rest)
        } else if let Some(rest) = trimmed.strip_prefix("https://") {
            (true, rest)
        } else if trimmed.contains("://") {
            return Err(bad(
                "expected host:port, http://host:port or https://host:port".to_string(),
            ));
        } else {
            (false, trimmed)
        };
        // Accept `master@host:port`, the libprocess PID form some tools print.
        let rest = rest.strip_prefix("master@").unwrap_or(rest);
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let default_port = if tls { 443 } else { 5050 };
        let (host, port) = split_authority(authority, default_port).map_err(bad)?;
        Ok(Endpoint::new(host, port, tls))
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = if self.tls { "https" } else { "http" };
        write!(f, "{scheme}://{}", self.authority())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Endpoint {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn parses_the_forms_users_type() {
        assert_eq!(parse("m1:5050"), Endpoint::new("m1", 5050, false));
        assert_eq!(parse("http://m1:5051"), Endpoint::new("m1", 5051, false));
        assert_eq!(
            parse("https://m1:5050/master/"),
            Endpoint::new("m1", 5050, true)
        );
        assert_eq!(
            parse(" 10.1.2.3:5050 "),
            Endpoint::new("10.1.2.3", 5050, false)
        );
        assert_eq!(
            parse("master@10.1.2.3:5050"),
            Endpoint::new("10.1.2.3", 5050, false)
        );
        assert_eq!(parse("[::1]:5050"), Endpoint::new("::1", 5050, false));
        assert_eq!(parse("m1"), Endpoint::new("m1", 5050, false));
        assert_eq!(parse("[::1]:5050").to_string(), "http://[::1]:5050");
    }

    #[test]
    fn rejects_bad_urls_quoting_them() {
        for bad in [
            "",
            "m1:",
            "m1:0",
            "m1:99999",
            "::1:5050",
            "zk2://h:1/p",
            "u:p@m1:5050",
            "[::1",
        ] {
            let err = bad.parse::<Endpoint>().expect_err(bad);
            assert!(
                matches!(&err, Error::InvalidUrl { input, .. } if input == bad),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn protocol_relative_redirects_keep_the_scheme() {
        let here = Endpoint::new("m1", 5050, true);
        let (there, path) = here
            .resolve_redirect("//m2.example:15050/master/api/v1/scheduler")
            .expect("valid");
        assert_eq!(there, Endpoint::new("m2.example", 15050, true));
        assert_eq!(path, "/master/api/v1/scheduler");

        let (there, _) = Endpoint::new("m1", 5050, false)
            .resolve_redirect("//[fe80::1]:5050/api/v1/scheduler")
            .expect("valid");
        assert_eq!(there, Endpoint::new("fe80::1", 5050, false));
    }

    #[test]
    fn absolute_and_bare_redirects_are_understood() {
        let here = Endpoint::new("m1", 5050, false);
        let (there, path) = here
            .resolve_redirect("https://m3:5050/api/v1/scheduler")
            .expect("ok");
        assert_eq!(
            (there, path.as_str()),
            (Endpoint::new("m3", 5050, true), "/api/v1/scheduler")
        );
        let (there, path) = here
            .resolve_redirect("masterhost2:5050")
            .expect("docs form");
        assert_eq!(
            (there, path.as_str()),
            (Endpoint::new("masterhost2", 5050, false), "")
        );
        assert!(here.resolve_redirect("/api/v1/scheduler").is_err());
        assert!(here.resolve_redirect("").is_err());
    }
}
