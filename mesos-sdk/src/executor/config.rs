//! An executor's configuration, read from the environment the Mesos agent sets for it
//! (`mesos: src/slave/slave.cpp` `executorEnvironment`), with typed errors that name the
//! variable and quote its value.

use std::path::PathBuf;
use std::time::Duration;

use crate::duration::parse_duration;
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::transport::{Credentials, Encoding};
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
///     ("MESOS_CHECKPOINT", "1"),
///     ("MESOS_RECOVERY_TIMEOUT", "15mins"),
///     ("MESOS_SUBSCRIPTION_BACKOFF_MAX", "2secs"),
/// ])?;
/// assert!(config.checkpoint());
/// assert_eq!(config.agent().port(), 5051);
/// # Ok::<(), mesos_sdk::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ExecutorConfig {
    pub(crate) framework_id: FrameworkId,
    pub(crate) executor_id: ExecutorId,
    pub(crate) agent: Endpoint,
    pub(crate) directory: Option<PathBuf>,
    pub(crate) sandbox: Option<PathBuf>,
    pub(crate) checkpoint: bool,
    pub(crate) recovery_timeout: Option<Duration>,
    pub(crate) subscription_backoff_max: Option<Duration>,
    pub(crate) shutdown_grace_period: Duration,
    pub(crate) credentials: Option<Credentials>,
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

impl ExecutorConfig {
    /// Reads the configuration from this process's environment.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_vars(std::env::vars())
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
        let endpoint_text = required("MESOS_AGENT_ENDPOINT")?;
        let agent: Endpoint = endpoint_text.parse().map_err(|e: Error| {
            env_error("MESOS_AGENT_ENDPOINT", Some(endpoint_text), e.to_string())
        })?;
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
        Ok(Self {
            framework_id,
            executor_id,
            agent,
            directory: get("MESOS_DIRECTORY").map(PathBuf::from),
            sandbox: get("MESOS_SANDBOX").map(PathBuf::from),
            checkpoint,
            recovery_timeout,
            subscription_backoff_max,
            shutdown_grace_period,
            credentials,
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

    /// The agent's executor API endpoint (`MESOS_AGENT_ENDPOINT`).
    pub fn agent(&self) -> &Endpoint {
        &self.agent
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
