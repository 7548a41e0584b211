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
