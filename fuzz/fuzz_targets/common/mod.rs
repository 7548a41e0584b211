//! What the API server targets share: splitting an input into a header line and a body, running
//! a request on a stack the size of the server's, and the rule every answer must keep.
#![allow(dead_code)]

use k8s_framework::apiserver::ApiError;
use k8s_framework::apiserver::fuzzing::Answer;

/// The stack a request runs on in the server: a tokio worker thread's (2 MiB, tokio's default,
/// which `k8sm` keeps). A recursion that overflows it brings the whole server down.
pub const SERVER_STACK: usize = 2 * 1024 * 1024;

/// Runs `f` on a thread with the server's stack, so a recursion deep enough to overflow a
/// worker thread overflows here too (the fuzzer's own thread has 8 MiB or more).
pub fn on_server_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(SERVER_STACK)
            .spawn_scoped(scope, f)
            .expect("spawns the request thread")
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// The first line (without its newline) and the rest; `None` without a newline or when the
/// line is not UTF-8.
pub fn split_header(input: &[u8]) -> Option<(&str, &[u8])> {
    let end = input.iter().position(|&b| b == b'\n')?;
    let header = std::str::from_utf8(&input[..end]).ok()?;
    Some((header.trim_end_matches('\r'), &input[end + 1..]))
}

/// `resource[/status][?query]`: the resource, whether it names the status subresource, and
/// the query string.
pub fn target(header: &str) -> (&str, bool, &str) {
    let (path, query) = header.split_once('?').unwrap_or((header, ""));
    match path.strip_suffix("/status") {
        Some(resource) => (resource, true, query),
        None => (path, false, query),
    }
}

/// Untrusted input may be refused, but only with a client error (4xx) and never by a panic;
/// an answer is a success and fits the server's object limit.
pub fn check(what: &str, result: &Result<Answer, ApiError>, limit: usize) {
    match result {
        Ok(answer) => {
            assert!(
                (200..300).contains(&answer.code),
                "{what}: success with {}",
                answer.code
            );
            let size = serde_json::to_vec(&answer.body)
                .expect("answers serialize")
                .len();
            assert!(size <= limit + 4096, "{what}: an answer of {size} bytes");
        }
        Err(e) => assert!(
            (400..500).contains(&e.code),
            "{what}: refused with {} {}: {}",
            e.code,
            e.reason,
            e.message
        ),
    }
}
