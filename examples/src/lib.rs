//! Pieces shared by the example frameworks: logging set-up, the user to run tasks as, and
//! which task states are terminal (the SDK's [`is_terminal`]).

/// Logs to stderr, filtered by `RUST_LOG` (default: warnings only), so stdout stays for the
/// programs' own output.
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colour only on a terminal: escapes in a redirected log are noise.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}

/// The user tasks run as: the current user, as Mesos' own `mesos-execute` does.
pub fn current_user() -> String {
    ["USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| "root".to_string())
}

pub use mesos_sdk::task_state::is_terminal;

/// One line describing a status update: state, task, and Mesos' message and reason if any.
pub fn describe(status: &mesos_sdk::v1::TaskStatus) -> String {
    let mut line = format!(
        "Received status update {} for task {}",
        status.state().as_str_name(),
        status.task_id.value
    );
    if let Some(message) = status.message.as_deref().filter(|m| !m.is_empty()) {
        line.push_str(&format!("\n  message: '{message}'"));
    }
    if status.reason.is_some() {
        line.push_str(&format!("\n  reason: {}", status.reason().as_str_name()));
    }
    line
}
