//! [`AgentClient`]: the agent operator API (`POST /api/v1` on an agent): health, flags,
//! version, the agent's info, state, frameworks, containers, executors, tasks and the
//! sandbox files.

use std::sync::Arc;

use bytes::Bytes;

use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::operator::master::missing;
use crate::operator::request::Requester;
use crate::operator::{OperatorConfig, decode_response};
use crate::v1::agent::{Call, Response, call, response};
use crate::v1::{FileInfo, Flag, VersionInfo};

/// The path of the operator API on an agent. An agent inside a master's process (Mesos'
/// `mesos-local`) is reached at `/slave(1)/api/v1` instead: see [`AgentClient::with_path`].
pub const AGENT_API_PATH: &str = "/api/v1";

/// Options of GET_CONTAINERS.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ContainerOptions {
    /// Include nested containers (a task group's tasks, debug containers).
    pub show_nested: bool,
    /// Include standalone containers (launched with LAUNCH_CONTAINER).
    pub show_standalone: bool,
}

impl ContainerOptions {
    /// Top-level executor containers only.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets [`ContainerOptions::show_nested`].
    pub fn show_nested(mut self, show: bool) -> Self {
        self.show_nested = show;
        self
    }

    /// Sets [`ContainerOptions::show_standalone`].
    pub fn show_standalone(mut self, show: bool) -> Self {
        self.show_standalone = show;
        self
    }
}

/// A piece of a file read with READ_FILE.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FileChunk {
    /// The file's whole size now.
    pub size: u64,
    /// The bytes from the requested offset (fewer than asked at the end of the file).
    pub data: Bytes,
}

/// A client of one agent's operator API.
///
/// ```no_run
/// use mesos_sdk::operator::{AgentClient, ContainerOptions, OperatorConfig};
///
/// # async fn run() -> Result<(), mesos_sdk::Error> {
/// let agent = AgentClient::new("127.0.0.1:5051".parse()?, OperatorConfig::new())?;
/// for container in agent.get_containers(ContainerOptions::new()).await? {
///     let executor = container.executor_id.map(|e| e.value).unwrap_or_default();
///     println!("{} runs {executor}", container.container_id.value);
/// }
/// // The sandbox of each executor (the agent attaches its latest run at
/// // `/frameworks/<framework>/executors/<executor>/runs/latest`), and the first KiB of the
/// // stdout in it.
/// for executor in agent.get_executors().await?.executors {
///     let info = executor.executor_info;
///     let framework = info.framework_id.map(|f| f.value).unwrap_or_default();
///     let sandbox = format!(
///         "/frameworks/{framework}/executors/{}/runs/latest",
///         info.executor_id.value
///     );
///     for file in agent.list_files(&sandbox).await? {
///         println!("{} ({} bytes)", file.path, file.size.unwrap_or_default());
///     }
///     let chunk = agent.read_file(format!("{sandbox}/stdout"), 0, Some(1024)).await?;
///     println!("{} of {} bytes", chunk.data.len(), chunk.size);
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct AgentClient {
    endpoint: Endpoint,
    path: String,
    requester: Arc<Requester>,
}

impl AgentClient {
    /// A client of the agent at `endpoint`.
    pub fn new(endpoint: Endpoint, config: OperatorConfig) -> Result<Self, Error> {
        Ok(Self {
            endpoint,
            path: AGENT_API_PATH.to_string(),
            requester: Arc::new(Requester::new(config)?),
        })
    }

    /// Posts to `path` instead of `/api/v1` (e.g. `/slave(1)/api/v1` for an agent that
    /// shares its master's process and port).
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    /// The agent's address.
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// Sends any call and returns the agent's `Response`, if the answer has one.
    pub async fn call(&self, call: Call) -> Result<Option<Response>, Error> {
        let name = call.r#type().as_str_name();
        let encoding = self.requester.config.encoding;
        let body = encoding.encode(&call, name)?;
        let (_, body, endpoint) = self
            .requester
            .call(name, &self.endpoint, &self.path, body)
            .await?;
        if body.is_empty() {
            return Ok(None);
        }
        decode_response::<Response>(encoding, body, &endpoint).map(Some)
    }

    async fn get_with(&self, call: Call) -> Result<Response, Error> {
        let name = call.r#type().as_str_name();
        self.call(call).await?.ok_or_else(|| missing(name))
    }

    async fn get(&self, kind: call::Type) -> Result<Response, Error> {
        self.get_with(Call {
            r#type: Some(kind as i32),
            ..Default::default()
        })
        .await
    }

    /// GET_HEALTH: whether the agent is healthy.
    pub async fn get_health(&self) -> Result<bool, Error> {
        let r = self.get(call::Type::GetHealth).await?;
        Ok(r.get_health.ok_or_else(|| missing("GET_HEALTH"))?.healthy)
    }

    /// GET_FLAGS: the agent's flags, each with its value as the agent prints it.
    pub async fn get_flags(&self) -> Result<Vec<Flag>, Error> {
        let r = self.get(call::Type::GetFlags).await?;
        Ok(r.get_flags.ok_or_else(|| missing("GET_FLAGS"))?.flags)
    }

    /// GET_AGENT: the agent's `AgentInfo` and, while it drains, its drain configuration.
    pub async fn get_agent(&self) -> Result<response::GetAgent, Error> {
        let r = self.get(call::Type::GetAgent).await?;
        r.get_agent.ok_or_else(|| missing("GET_AGENT"))
    }

    /// GET_VERSION: the agent's build.
    pub async fn get_version(&self) -> Result<VersionInfo, Error> {
        let r = self.get(call::Type::GetVersion).await?;
        Ok(r.get_version
            .ok_or_else(|| missing("GET_VERSION"))?
            .version_info)
    }

    /// GET_STATE: the agent's frameworks, executors and tasks.
    pub async fn get_state(&self) -> Result<response::GetState, Error> {
        let r = self.get(call::Type::GetState).await?;
        r.get_state.ok_or_else(|| missing("GET_STATE"))
    }

    /// GET_CONTAINERS: the containers running on the agent, with their status and usage.
    pub async fn get_containers(
        &self,
        options: ContainerOptions,
    ) -> Result<Vec<response::get_containers::Container>, Error> {
        let r = self
            .get_with(Call {
                r#type: Some(call::Type::GetContainers as i32),
                get_containers: Some(call::GetContainers {
                    show_nested: Some(options.show_nested),
                    show_standalone: Some(options.show_standalone),
                }),
                ..Default::default()
            })
            .await?;
        // An agent running no container leaves the payload out altogether: upstream builds
        // it one container at a time (`mesos: src/internal/evolve.cpp`).
        Ok(r.get_containers.map(|g| g.containers).unwrap_or_default())
    }

    /// GET_FRAMEWORKS: the frameworks with executors on the agent, and those whose
    /// executors have all ended (`completed_frameworks`).
    pub async fn get_frameworks(&self) -> Result<response::GetFrameworks, Error> {
        let r = self.get(call::Type::GetFrameworks).await?;
        r.get_frameworks.ok_or_else(|| missing("GET_FRAMEWORKS"))
    }

    /// GET_EXECUTORS: the agent's executors.
    pub async fn get_executors(&self) -> Result<response::GetExecutors, Error> {
        let r = self.get(call::Type::GetExecutors).await?;
        r.get_executors.ok_or_else(|| missing("GET_EXECUTORS"))
    }

    /// GET_TASKS: the agent's tasks.
    pub async fn get_tasks(&self) -> Result<response::GetTasks, Error> {
        let r = self.get(call::Type::GetTasks).await?;
        r.get_tasks.ok_or_else(|| missing("GET_TASKS"))
    }

    /// LIST_FILES: the entries of a folder the agent serves: an executor's sandbox by its
    /// absolute path or as `/frameworks/<framework>/executors/<executor>/runs/latest`, or a
    /// folder below one. Unknown paths are [`Error::Status`] 404; a path leaving the sandbox
    /// (`..`) is 400.
    pub async fn list_files(&self, path: impl Into<String>) -> Result<Vec<FileInfo>, Error> {
        let r = self
            .get_with(Call {
                r#type: Some(call::Type::ListFiles as i32),
                list_files: Some(call::ListFiles { path: path.into() }),
                ..Default::default()
            })
            .await?;
        Ok(r.list_files
            .ok_or_else(|| missing("LIST_FILES"))?
            .file_infos)
    }

    /// READ_FILE: up to `length` bytes (all to the end when `None`) of a file from `offset`.
    pub async fn read_file(
        &self,
        path: impl Into<String>,
        offset: u64,
        length: Option<u64>,
    ) -> Result<FileChunk, Error> {
        let r = self
            .get_with(Call {
                r#type: Some(call::Type::ReadFile as i32),
                read_file: Some(call::ReadFile {
                    path: path.into(),
                    offset,
                    length,
                }),
                ..Default::default()
            })
            .await?;
        let read = r.read_file.ok_or_else(|| missing("READ_FILE"))?;
        Ok(FileChunk {
            size: read.size,
            data: read.data,
        })
    }
}
