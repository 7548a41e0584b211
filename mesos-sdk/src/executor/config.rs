//! An executor's configuration, read from the environment the Mesos agent sets for it
//! (`mesos: src/slave/slave.cpp` `executorEnvironment`), with typed errors that name the
//! variable and quote its value.
//!
//! The agent is reached the way upstream's executor library reaches it
//! (`mesos: src/executor/executor.cpp`): from `MESOS_SLAVE_PID` (`slave(N)@ip:port`), at
//! `/slave(N)/api/v1/executor`. That path is the only one that reaches an agent living in the
//! master's process (upstream's `mesos-local`), where `/api/v1/executor` is the master's.
//! Without `MESOS_SLAVE_PID` (agents that only set the newer variable), `MESOS_AGENT_ENDPOINT`
//! and the plain path are used, as pymesos and mesos-go do.

use std::path::PathBuf;
use std::time::Duration;

use crate::duration::parse_duration;
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::executor::EXECUTOR_API_PATH;
use crate::transport::{Credentials, Encoding, TlsConfig};
use crate::v1::{ExecutorId, FrameworkId};

/// The agent's default `--executor_shutdown_grace_period`.
pub const DEFAULT_SHUTDOWN_GRACE_PERIOD: Duration = Duration::from_secs(5);

/// How an executor reaches its agent and behaves when it loses it.
///
/// ```
/// use mesos_sdk::executor::ExecutorConfig;
///
/// let config = ExecutorConfig::from_vars([
///     ("MESOS_FRAMEWORK_ID", "f-1"),
///     ("MESOS_EXECUTOR_ID", "e-1"),
///     ("MESOS_AGENT_ENDPOINT", "10.0.0.9:5051"),
///     ("MESOS_SLAVE_PID", "slave(1)@10.0.0.9:5051"),
///     ("MESOS_CHECKPOINT", "1"),
///     ("MESOS_RECOVERY_TIMEOUT", "15mins"),
///     ("MESOS_SUBSCRIPTION_BACKOFF_MAX", "2secs"),
/// ])?;
/// assert!(config.checkpoint());
/// assert_eq!(config.agent().port(), 5051);
/// assert_eq!(config.api_path(), "/slave(1)/api/v1/executor");
/// # Ok::<(), mesos_sdk::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ExecutorConfig {
    pub(crate) framework_id: FrameworkId,
    pub(crate) executor_id: ExecutorId,
    pub(crate) agent: Endpoint,
    pub(crate) api_path: String,
    pub(crate) directory: Option<PathBuf>,
    pub(crate) sandbox: Option<PathBuf>,
    pub(crate) checkpoint: bool,
    pub(crate) recovery_timeout: Option<Duration>,
    pub(crate) subscription_backoff_max: Option<Duration>,
    pub(crate) shutdown_grace_period: Duration,
    pub(crate) credentials: Option<Credentials>,
    pub(crate) tls: Option<TlsConfig>,
    pub(crate) encoding: Encoding,
    pub(crate) connect_timeout: Duration,
    pub(crate) call_timeout: Duration,
    pub(crate) max_record_size: usize,
}

fn env_error(variable: &'static str, value: Option<&str>, reason: impl Into<String>) -> Error {
    Error::Environment {
        variable,
        value: value.map(str::to_string),
        reason: reason.into(),
    }
}

/// The `MESOS_*` variables of an environment as UTF-8, the rest ignored; a `MESOS_*`
/// variable that is not UTF-8 is a typed error naming it.
fn utf8_mesos_vars(
    vars: impl IntoIterator<Item = (std::ffi::OsString, std::ffi::OsString)>,
) -> Result<Vec<(String, String)>, Error> {
    const NAMES: &[&str] = &[
        "MESOS_FRAMEWORK_ID",
        "MESOS_EXECUTOR_ID",
        "MESOS_AGENT_ENDPOINT",
        "MESOS_SLAVE_PID",
        "MESOS_DIRECTORY",
        "MESOS_SANDBOX",
        "MESOS_CHECKPOINT",
        "MESOS_RECOVERY_TIMEOUT",
        "MESOS_SUBSCRIPTION_BACKOFF_MAX",
        "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD",
        "MESOS_EXECUTOR_AUTHENTICATION_TOKEN",
        "LIBPROCESS_SSL_ENABLED",
        "LIBPROCESS_SSL_CA_FILE",
        "LIBPROCESS_SSL_CERT_FILE",
        "LIBPROCESS_SSL_KEY_FILE",
    ];
    let mut out = Vec::new();
    for (name, value) in vars {
        let Some(name) = name.to_str() else { continue };
        let Some(known) = NAMES.iter().find(|n| **n == name) else {
            continue;
        };
        match value.into_string() {
            Ok(value) => out.push((name.to_string(), value)),
            Err(raw) => {
                return Err(env_error(
                    known,
                    Some(&raw.to_string_lossy()),
                    "is not valid UTF-8",
                ));
            }
        }
    }
    Ok(out)
}

/// Splits a libprocess pid (`slave(1)@10.0.0.9:5051`) into the agent's address and the path
/// of its executor API (`/slave(1)/api/v1/executor`), as `mesos: src/executor/executor.cpp`
/// does with `UPID`.
fn agent_from_pid(pid: &str) -> Result<(Endpoint, String), String> {
    let (id, address) = pid
        .split_once('@')
        .ok_or("is not a libprocess pid of the form `id@ip:port`")?;
    if id.is_empty() {
        return Err("names no process before `@`".into());
    }
    // The id becomes a URL path segment: refuse what would end or escape it.
    if let Some(c) = id
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '/' | '?' | '#' | '%'))
    {
        return Err(format!(
            "process id `{id}` contains {c:?}, which cannot stand in a URL path"
        ));
    }
    // A pid always names its port; Endpoint's parser would default it.
    if !address
        .rsplit_once(':')
        .is_some_and(|(_, port)| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(format!("address `{address}` names no port"));
    }
    let agent: Endpoint = address
        .parse()
        .map_err(|e: Error| format!("address `{address}`: {e}"))?;
    Ok((agent, format!("/{id}{EXECUTOR_API_PATH}")))
}

impl ExecutorConfig {
    /// Reads the configuration from this process's environment. Variables that are not
    /// UTF-8 are an error only when they are the agent's (`MESOS_*`); others are none of
    /// ours (`std::env::vars` would panic on them).
    pub fn from_env() -> Result<Self, Error> {
        Self::from_vars(utf8_mesos_vars(std::env::vars_os())?)
    }

    /// Reads the configuration from the given variables (for tests, or a custom launcher).
    pub fn from_vars<K, V>(vars: impl IntoIterator<Item = (K, V)>) -> Result<Self, Error>
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let vars: std::collections::HashMap<String, String> = vars
            .into_iter()
            .map(|(k, v)| (k.as_ref().to_string(), v.as_ref().to_string()))
            .collect();
        let get = |name: &str| vars.get(name).map(String::as_str);
        let required = |name: &'static str| -> Result<&str, Error> {
            match get(name) {
                Some(v) if !v.trim().is_empty() => Ok(v),
                Some(v) => Err(env_error(name, Some(v), "is empty")),
                None => Err(env_error(
                    name,
                    None,
                    "is not set (is this process run by a Mesos agent?)",
                )),
            }
        };
        let duration = |name: &'static str| -> Result<Option<Duration>, Error> {
            get(name)
                .map(|v| parse_duration(v).map_err(|e| env_error(name, Some(v), e.to_string())))
                .transpose()
        };

        let framework_id = FrameworkId {
            value: required("MESOS_FRAMEWORK_ID")?.to_string(),
        };
        let executor_id = ExecutorId {
            value: required("MESOS_EXECUTOR_ID")?.to_string(),
        };
        let (agent, api_path) = match get("MESOS_SLAVE_PID") {
            Some(pid) => agent_from_pid(pid)
                .map_err(|reason| env_error("MESOS_SLAVE_PID", Some(pid), reason))?,
            None => {
                let text = required("MESOS_AGENT_ENDPOINT")?;
                let agent: Endpoint = text.parse().map_err(|e: Error| {
                    env_error("MESOS_AGENT_ENDPOINT", Some(text), e.to_string())
                })?;
                (agent, EXECUTOR_API_PATH.to_string())
            }
        };
        // Mesos compares with "1": pymesos' bool("0") is true, a bug we do not repeat.
        let checkpoint = match get("MESOS_CHECKPOINT") {
            None => false,
            Some("1") => true,
            Some("0") => false,
            Some(other) => {
                return Err(env_error(
                    "MESOS_CHECKPOINT",
                    Some(other),
                    "must be \"1\" or \"0\"",
                ));
            }
        };
        let recovery_timeout = duration("MESOS_RECOVERY_TIMEOUT")?;
        let subscription_backoff_max = duration("MESOS_SUBSCRIPTION_BACKOFF_MAX")?;
        let shutdown_grace_period = duration("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD")?
            .unwrap_or(DEFAULT_SHUTDOWN_GRACE_PERIOD);
        let credentials = match get("MESOS_EXECUTOR_AUTHENTICATION_TOKEN") {
            None => None,
            Some(t) if t.trim().is_empty() => {
                return Err(env_error(
                    "MESOS_EXECUTOR_AUTHENTICATION_TOKEN",
                    Some(""),
                    "is empty",
                ));
            }
            Some(t) => Some(Credentials::Bearer(t.trim().to_string())),
        };
        // The agent speaks HTTPS when libprocess' SSL is enabled in the environment it gives
        // its executors, as upstream's executor library decides (`mesos:
        // src/executor/executor.cpp`; `LIBPROCESS_SSL_*`, 3rdparty/libprocess/src/openssl.cpp).
        let ssl_enabled = match get("LIBPROCESS_SSL_ENABLED") {
            None => false,
            Some(v) if matches!(v.trim(), "1" | "true") => true,
            Some(v) if matches!(v.trim(), "0" | "false") => false,
            Some(other) => {
                return Err(env_error(
                    "LIBPROCESS_SSL_ENABLED",
                    Some(other),
                    "must be \"true\", \"false\", \"1\" or \"0\"",
                ));
            }
        };
        let mut agent = agent;
        let tls = if ssl_enabled {
            agent = Endpoint::new(agent.host(), agent.port(), true);
            let mut tls = TlsConfig::new();
            if let Some(ca) = get("LIBPROCESS_SSL_CA_FILE") {
                tls = tls
                    .with_ca_file(ca)
                    .map_err(|e| env_error("LIBPROCESS_SSL_CA_FILE", Some(ca), e.to_string()))?;
            }
            match (
                get("LIBPROCESS_SSL_CERT_FILE"),
                get("LIBPROCESS_SSL_KEY_FILE"),
            ) {
                (Some(cert), Some(key)) => {
                    tls = tls.with_client_cert_files(cert, key).map_err(|e| {
                        env_error("LIBPROCESS_SSL_CERT_FILE", Some(cert), e.to_string())
                    })?;
                }
                (None, None) => {}
                (Some(cert), None) => {
                    return Err(env_error(
                        "LIBPROCESS_SSL_KEY_FILE",
                        None,
                        format!("is not set while LIBPROCESS_SSL_CERT_FILE is ({cert})"),
                    ));
                }
                (None, Some(key)) => {
                    return Err(env_error(
                        "LIBPROCESS_SSL_CERT_FILE",
                        None,
                        format!("is not set while LIBPROCESS_SSL_KEY_FILE is ({key})"),
                    ));
                }
            }
            Some(tls)
        } else {
            None
        };
        Ok(Self {
            framework_id,
            executor_id,
            agent,
            api_path,
            directory: get("MESOS_DIRECTORY").map(PathBuf::from),
            sandbox: get("MESOS_SANDBOX").map(PathBuf::from),
            checkpoint,
            recovery_timeout,
            subscription_backoff_max,
            shutdown_grace_period,
            credentials,
            tls,
            encoding: Encoding::Protobuf,
            connect_timeout: Duration::from_secs(10),
            call_timeout: Duration::from_secs(60),
            max_record_size: crate::recordio::DEFAULT_MAX_RECORD_SIZE,
        })
    }

    /// The framework this executor belongs to (`MESOS_FRAMEWORK_ID`).
    pub fn framework_id(&self) -> &FrameworkId {
        &self.framework_id
    }

    /// This executor's id (`MESOS_EXECUTOR_ID`).
    pub fn executor_id(&self) -> &ExecutorId {
        &self.executor_id
    }

    /// The agent's address: from `MESOS_SLAVE_PID`, else `MESOS_AGENT_ENDPOINT`.
    pub fn agent(&self) -> &Endpoint {
        &self.agent
    }

    /// The path of the agent's executor API: `/slave(N)/api/v1/executor` when the agent
    /// gave its pid (`MESOS_SLAVE_PID`), else [`EXECUTOR_API_PATH`].
    pub fn api_path(&self) -> &str {
        &self.api_path
    }

    /// The sandbox on the host (`MESOS_DIRECTORY`).
    pub fn directory(&self) -> Option<&std::path::Path> {
        self.directory.as_deref()
    }

    /// The sandbox as the executor sees it (`MESOS_SANDBOX`).
    pub fn sandbox(&self) -> Option<&std::path::Path> {
        self.sandbox.as_deref()
    }

    /// Whether the framework checkpoints (`MESOS_CHECKPOINT` is `"1"`): only then does the
    /// executor survive an agent restart by re-subscribing.
    pub fn checkpoint(&self) -> bool {
        self.checkpoint
    }

    /// How long to keep re-subscribing after losing the agent (`MESOS_RECOVERY_TIMEOUT`,
    /// set only with checkpointing; the agent's default is 15 minutes).
    pub fn recovery_timeout(&self) -> Option<Duration> {
        self.recovery_timeout
    }

    /// Upper bound of each wait between re-subscription attempts
    /// (`MESOS_SUBSCRIPTION_BACKOFF_MAX`, set only with checkpointing).
    pub fn subscription_backoff_max(&self) -> Option<Duration> {
        self.subscription_backoff_max
    }

    /// How long the executor has to finish after SHUTDOWN
    /// (`MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD`, default 5 s).
    pub fn shutdown_grace_period(&self) -> Duration {
        self.shutdown_grace_period
    }

    /// Whether requests carry a bearer token (`MESOS_EXECUTOR_AUTHENTICATION_TOKEN`).
    pub fn has_authentication_token(&self) -> bool {
        self.credentials.is_some()
    }

    /// Talks to the agent over HTTPS with `tls` (the environment's `LIBPROCESS_SSL_ENABLED`
    /// does this already, with `LIBPROCESS_SSL_CA_FILE` and the client certificate of
    /// `LIBPROCESS_SSL_CERT_FILE`/`LIBPROCESS_SSL_KEY_FILE`).
    pub fn with_tls(mut self, tls: TlsConfig) -> Self {
        self.agent = Endpoint::new(self.agent.host(), self.agent.port(), true);
        self.tls = Some(tls);
        self
    }

    /// Sends `credentials` with every request (instead of the environment's
    /// `MESOS_EXECUTOR_AUTHENTICATION_TOKEN`), for agents that authenticate executors some
    /// other way.
    pub fn with_credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Whether the agent is reached over HTTPS.
    pub fn uses_tls(&self) -> bool {
        self.agent.is_tls()
    }

    /// The wire encoding (protobuf by default).
    pub fn with_encoding(mut self, encoding: Encoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// Limit for each call's answer. Default 60 s.
    pub fn with_call_timeout(mut self, timeout: Duration) -> Self {
        self.call_timeout = timeout;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Vec<(&'static str, &'static str)> {
        vec![
            ("MESOS_FRAMEWORK_ID", "fw"),
            ("MESOS_EXECUTOR_ID", "ex"),
            ("MESOS_AGENT_ENDPOINT", "127.0.0.1:5051"),
        ]
    }

    fn with(extra: &[(&'static str, &'static str)]) -> Result<ExecutorConfig, Error> {
        let mut vars = base();
        vars.extend_from_slice(extra);
        ExecutorConfig::from_vars(vars)
    }

    fn without(name: &str) -> Result<ExecutorConfig, Error> {
        ExecutorConfig::from_vars(base().into_iter().filter(|(k, _)| *k != name))
    }

    fn assert_env_error(result: Result<ExecutorConfig, Error>, name: &str, value: Option<&str>) {
        match result {
            Err(Error::Environment {
                variable, value: v, ..
            }) => {
                assert_eq!(variable, name);
                assert_eq!(v.as_deref(), value);
            }
            other => panic!("expected an error for {name}, got {other:?}"),
        }
    }

    #[test]
    fn reads_every_variable() {
        let c = with(&[
            (
                "MESOS_DIRECTORY",
                "/var/lib/mesos/slaves/s/frameworks/f/executors/e/runs/r",
            ),
            ("MESOS_SANDBOX", "/mnt/mesos/sandbox"),
            ("MESOS_CHECKPOINT", "1"),
            ("MESOS_RECOVERY_TIMEOUT", "15mins"),
            ("MESOS_SUBSCRIPTION_BACKOFF_MAX", "2secs"),
            ("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "2500ms"),
            ("MESOS_EXECUTOR_AUTHENTICATION_TOKEN", "jwt.token.here"),
        ])
        .expect("valid");
        assert_eq!(c.framework_id().value, "fw");
        assert_eq!(c.executor_id().value, "ex");
        assert_eq!(c.agent(), &Endpoint::new("127.0.0.1", 5051, false));
        assert_eq!(
            c.sandbox(),
            Some(std::path::Path::new("/mnt/mesos/sandbox"))
        );
        assert!(c.directory().is_some());
        assert!(c.checkpoint());
        assert_eq!(c.recovery_timeout(), Some(Duration::from_secs(900)));
        assert_eq!(c.subscription_backoff_max(), Some(Duration::from_secs(2)));
        assert_eq!(c.shutdown_grace_period(), Duration::from_millis(2500));
        assert!(c.has_authentication_token());
        assert_eq!(
            c.credentials
                .as_ref()
                .map(Credentials::header_value)
                .as_deref(),
            Some("Bearer jwt.token.here")
        );
    }

    #[test]
    fn defaults_when_optional_variables_are_absent() {
        let c = with(&[]).expect("valid");
        assert!(!c.checkpoint());
        assert_eq!(c.recovery_timeout(), None);
        assert_eq!(c.subscription_backoff_max(), None);
        assert_eq!(c.shutdown_grace_period(), DEFAULT_SHUTDOWN_GRACE_PERIOD);
        assert!(!c.has_authentication_token());
        assert!(c.sandbox().is_none());
    }

    #[test]
    fn checkpoint_zero_means_no_checkpointing() {
        assert!(
            !with(&[("MESOS_CHECKPOINT", "0")])
                .expect("valid")
                .checkpoint()
        );
        assert_env_error(
            with(&[("MESOS_CHECKPOINT", "true")]),
            "MESOS_CHECKPOINT",
            Some("true"),
        );
        assert_env_error(
            with(&[("MESOS_CHECKPOINT", "")]),
            "MESOS_CHECKPOINT",
            Some(""),
        );
    }

    #[test]
    fn non_utf8_variables_matter_only_when_they_are_ours() {
        use std::ffi::OsString;
        use std::os::unix::ffi::OsStringExt;
        let bad = || OsString::from_vec(vec![0x66, 0xff, 0x6f]);
        let mut vars: Vec<(OsString, OsString)> = base()
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        vars.push(("SOMETHING_ELSE".into(), bad()));
        let read = utf8_mesos_vars(vars.clone()).expect("others are ignored");
        assert!(ExecutorConfig::from_vars(read).is_ok());
        vars.push(("MESOS_SANDBOX".into(), bad()));
        match utf8_mesos_vars(vars) {
            Err(Error::Environment { variable, .. }) => assert_eq!(variable, "MESOS_SANDBOX"),
            other => panic!("expected an error naming MESOS_SANDBOX, got {other:?}"),
        }
    }

    #[test]
    fn the_agent_pid_gives_address_and_path() {
        let c = with(&[("MESOS_SLAVE_PID", "slave(3)@10.1.2.3:5050")]).expect("valid");
        assert_eq!(c.agent(), &Endpoint::new("10.1.2.3", 5050, false));
        assert_eq!(c.api_path(), "/slave(3)/api/v1/executor");
        // Without the pid: the endpoint variable and the plain path.
        let c = with(&[]).expect("valid");
        assert_eq!(c.agent(), &Endpoint::new("127.0.0.1", 5051, false));
        assert_eq!(c.api_path(), EXECUTOR_API_PATH);
        // The pid alone is enough, as for upstream's executor library.
        let c = ExecutorConfig::from_vars([
            ("MESOS_FRAMEWORK_ID", "fw"),
            ("MESOS_EXECUTOR_ID", "ex"),
            ("MESOS_SLAVE_PID", "slave(1)@127.0.0.1:5051"),
        ])
        .expect("valid");
        assert_eq!(c.api_path(), "/slave(1)/api/v1/executor");
    }

    #[test]
    fn malformed_agent_pids_are_named() {
        for pid in [
            "slave(1)",
            "@127.0.0.1:5051",
            "slave(1)@nowhere",
            "a/b@127.0.0.1:5051",
            "slave 1@127.0.0.1:5051",
            "s%2f@127.0.0.1:5051",
        ] {
            assert_env_error(
                with(&[("MESOS_SLAVE_PID", pid)]),
                "MESOS_SLAVE_PID",
                Some(pid),
            );
        }
    }

    #[test]
    fn missing_required_variables_are_named() {
        for name in [
            "MESOS_FRAMEWORK_ID",
            "MESOS_EXECUTOR_ID",
            "MESOS_AGENT_ENDPOINT",
        ] {
            assert_env_error(without(name), name, None);
        }
        let mut vars = base();
        vars[0] = ("MESOS_FRAMEWORK_ID", "  ");
        assert_env_error(
            ExecutorConfig::from_vars(vars),
            "MESOS_FRAMEWORK_ID",
            Some("  "),
        );
    }

    #[test]
    fn malformed_values_are_quoted() {
        for (name, value) in [
            ("MESOS_RECOVERY_TIMEOUT", "15m"),
            ("MESOS_SUBSCRIPTION_BACKOFF_MAX", "2"),
            ("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "five secs"),
            ("MESOS_EXECUTOR_AUTHENTICATION_TOKEN", " "),
        ] {
            let result = with(&[(name, value)]);
            let text = result
                .as_ref()
                .map(|_| String::new())
                .unwrap_or_else(|e| e.to_string());
            assert!(text.contains(name), "{text}");
            if !value.trim().is_empty() {
                assert!(text.contains(value), "{text}");
            }
        }
        let mut vars = base();
        vars[2] = ("MESOS_AGENT_ENDPOINT", "not a host:port");
        assert_env_error(
            ExecutorConfig::from_vars(vars),
            "MESOS_AGENT_ENDPOINT",
            Some("not a host:port"),
        );
    }
}
