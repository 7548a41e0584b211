//! What a task's state means for the framework.

use crate::v1::TaskState;

/// Whether a task in `state` is over: its resources are released and no further update will
/// change that (`mesos: src/common/protobuf_utils.cpp` `isTerminalState`). TASK_LOST and
/// TASK_GONE_BY_OPERATOR count as terminal there although a partitioned task may still
/// report later; TASK_UNREACHABLE does not.
///
/// ```
/// use mesos_sdk::task_state::is_terminal;
/// use mesos_sdk::v1::TaskState;
///
/// assert!(is_terminal(TaskState::TaskFinished));
/// assert!(!is_terminal(TaskState::TaskUnreachable));
/// ```
pub fn is_terminal(state: TaskState) -> bool {
    matches!(
        state,
        TaskState::TaskFinished
            | TaskState::TaskFailed
            | TaskState::TaskKilled
            | TaskState::TaskError
            | TaskState::TaskLost
            | TaskState::TaskDropped
            | TaskState::TaskGone
            | TaskState::TaskGoneByOperator
    )
}

/// Whether a task in `state` holds its resources on its agent and may still run: staging,
/// starting, running, killing, or unreachable (its agent may come back with it running).
///
/// ```
/// use mesos_sdk::task_state::is_active;
/// use mesos_sdk::v1::TaskState;
///
/// assert!(is_active(TaskState::TaskRunning));
/// assert!(is_active(TaskState::TaskUnreachable));
/// assert!(!is_active(TaskState::TaskFinished));
/// ```
pub fn is_active(state: TaskState) -> bool {
    matches!(
        state,
        TaskState::TaskStaging
            | TaskState::TaskStarting
            | TaskState::TaskRunning
            | TaskState::TaskKilling
            | TaskState::TaskUnreachable
    )
}

/// Whether `state` means the task failed (as opposed to finishing, being killed on request,
/// or its fate being unknown): TASK_FAILED and TASK_ERROR.
///
/// ```
/// use mesos_sdk::task_state::is_failure;
/// use mesos_sdk::v1::TaskState;
///
/// assert!(is_failure(TaskState::TaskError));
/// assert!(!is_failure(TaskState::TaskKilled));
/// ```
pub fn is_failure(state: TaskState) -> bool {
    matches!(state, TaskState::TaskFailed | TaskState::TaskError)
}
