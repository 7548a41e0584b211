//! One watcher's queue of changes, between the store's writers and the watch's stream: bounded
//! in events and in bytes, filled without ever waiting, and closed at once when full.
//!
//! A writer that finds the queue full does not wait for the client: it empties the queue (what
//! it held is freed then, not when the stream gets round to it), marks it overflowed and moves
//! on; the stream sees the mark, ends and closes its connection. This is the cacher's "Forcing
//! ... watcher close due to unresponsiveness" (`kubernetes: staging/src/k8s.io/apiserver/pkg/
//! storage/cacher/cache_watcher.go`, `add`), without the short wait the cacher grants first, so
//! that no write ever waits on a watcher.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::{Notify, watch};

use super::store::StoredEvent;

/// How much one watcher may have queued.
#[derive(Debug, Clone, Copy)]
pub(crate) struct QueueLimits {
    /// Events.
    pub(crate) events: usize,
    /// Bytes, counted as [`StoredEvent::bytes`]. One event is always accepted into an empty
    /// queue, however large (its size is bounded by the object size limit).
    pub(crate) bytes: usize,
}

/// What became of an event offered to a queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Push {
    /// Queued for the stream.
    Queued,
    /// The queue was full: it is now empty and closed, and its watcher must be forgotten.
    Overflowed,
    /// The stream has ended; the watcher can be forgotten.
    Gone,
}

#[derive(Debug, Default)]
struct Inner {
    events: VecDeque<Arc<StoredEvent>>,
    /// The sum of the queued events' [`StoredEvent::bytes`].
    bytes: usize,
    /// No more events will come (overflowed, or the sender is gone).
    closed: bool,
    /// The receiving stream has ended.
    gone: bool,
}

#[derive(Debug)]
struct Shared {
    inner: Mutex<Inner>,
    /// Wakes the stream when an event arrives or the queue closes (one waiter: the stream).
    ready: Notify,
    /// Becomes true once, when a writer finds the queue full.
    overflowed: watch::Sender<bool>,
    limits: QueueLimits,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // Every change to `Inner` is a few field writes; a poisoned lock is still consistent.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A new queue: the store keeps the sender, the watch's stream the receiver.
pub(crate) fn queue(limits: QueueLimits) -> (QueueSender, QueueReceiver) {
    let shared = Arc::new(Shared {
        inner: Mutex::new(Inner::default()),
        ready: Notify::new(),
        overflowed: watch::channel(false).0,
        limits,
    });
    (
        QueueSender {
            shared: shared.clone(),
        },
        QueueReceiver { shared },
    )
}

/// The writers' end of a queue.
#[derive(Debug)]
pub(crate) struct QueueSender {
    shared: Arc<Shared>,
}

impl QueueSender {
    /// Offers an event without waiting. A full queue is emptied and closed instead.
    pub(crate) fn push(&self, event: Arc<StoredEvent>) -> Push {
        let limits = self.shared.limits;
        let mut inner = self.shared.lock();
        if inner.gone {
            return Push::Gone;
        }
        if inner.closed {
            return Push::Overflowed;
        }
        let fits = inner.events.len() < limits.events.max(1)
            && (inner.events.is_empty() || inner.bytes.saturating_add(event.bytes) <= limits.bytes);
        if fits {
            inner.bytes = inner.bytes.saturating_add(event.bytes);
            inner.events.push_back(event);
            drop(inner);
            self.shared.ready.notify_one();
            return Push::Queued;
        }
        let freed = std::mem::take(&mut inner.events);
        inner.bytes = 0;
        inner.closed = true;
        drop(inner);
        // The queued events go now (outside the queue's lock), not when the stream ends.
        drop(freed);
        self.shared.overflowed.send_replace(true);
        self.shared.ready.notify_one();
        Push::Overflowed
    }

    /// Whether the stream has ended (its watcher can be forgotten).
    pub(crate) fn is_gone(&self) -> bool {
        self.shared.lock().gone
    }
}

impl Drop for QueueSender {
    fn drop(&mut self) {
        self.shared.lock().closed = true;
        self.shared.ready.notify_one();
    }
}

/// The stream's end of a queue.
#[derive(Debug)]
pub(crate) struct QueueReceiver {
    shared: Arc<Shared>,
}

impl QueueReceiver {
    /// The next event; `None` once the queue is closed and empty. Cancel-safe: an event is
    /// only taken out by the call that returns it.
    pub(crate) async fn recv(&mut self) -> Option<Arc<StoredEvent>> {
        loop {
            {
                let mut inner = self.shared.lock();
                if let Some(event) = inner.events.pop_front() {
                    inner.bytes = inner.bytes.saturating_sub(event.bytes);
                    return Some(event);
                }
                if inner.closed {
                    return None;
                }
            }
            // A push between the check and this wait leaves a permit: no wake-up is lost.
            self.shared.ready.notified().await;
        }
    }

    /// Every event queued now, without waiting.
    pub(crate) fn drain(&mut self) -> Vec<Arc<StoredEvent>> {
        let mut inner = self.shared.lock();
        inner.bytes = 0;
        inner.events.drain(..).collect()
    }

    /// Whether a writer closed the queue for being full.
    pub(crate) fn overflowed(&self) -> bool {
        *self.shared.overflowed.borrow()
    }

    /// A signal that turns true when a writer closes the queue for being full: a stream waiting
    /// on its client wakes up to it.
    pub(crate) fn overflow_signal(&self) -> watch::Receiver<bool> {
        self.shared.overflowed.subscribe()
    }
}

impl Drop for QueueReceiver {
    fn drop(&mut self) {
        let freed = {
            let mut inner = self.shared.lock();
            inner.gone = true;
            inner.bytes = 0;
            std::mem::take(&mut inner.events)
        };
        drop(freed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apiserver::store::EventType;
    use serde_json::json;

    fn event(rv: u64, bytes: usize) -> Arc<StoredEvent> {
        Arc::new(StoredEvent {
            rv,
            namespace: "default".into(),
            kind: EventType::Added,
            object: Arc::new(json!({})),
            prev: None,
            bytes,
        })
    }

    #[tokio::test]
    async fn events_pass_in_order() {
        let (tx, mut rx) = queue(QueueLimits {
            events: 10,
            bytes: 100,
        });
        assert_eq!(tx.push(event(1, 10)), Push::Queued);
        assert_eq!(tx.push(event(2, 10)), Push::Queued);
        assert_eq!(rx.recv().await.map(|e| e.rv), Some(1));
        assert_eq!(rx.recv().await.map(|e| e.rv), Some(2));
        drop(tx);
        assert!(rx.recv().await.is_none());
        assert!(!rx.overflowed());
    }

    #[tokio::test]
    async fn a_queue_over_its_bytes_is_emptied_and_closed_at_once() {
        let (tx, mut rx) = queue(QueueLimits {
            events: 1000,
            bytes: 100,
        });
        let mut signal = rx.overflow_signal();
        let first = event(1, 60);
        assert_eq!(tx.push(first.clone()), Push::Queued);
        assert_eq!(Arc::strong_count(&first), 2, "queued");
        assert_eq!(tx.push(event(2, 60)), Push::Overflowed);
        assert_eq!(
            Arc::strong_count(&first),
            1,
            "freed by the writer, not the reader"
        );
        assert!(rx.overflowed());
        assert!(signal.wait_for(|full| *full).await.is_ok());
        assert!(rx.recv().await.is_none());
        assert_eq!(tx.push(event(3, 1)), Push::Overflowed);
    }

    #[tokio::test]
    async fn one_large_event_fits_an_empty_queue() {
        let (tx, mut rx) = queue(QueueLimits {
            events: 10,
            bytes: 100,
        });
        assert_eq!(tx.push(event(1, 1000)), Push::Queued);
        assert_eq!(rx.recv().await.map(|e| e.rv), Some(1));
        assert_eq!(tx.push(event(2, 1000)), Push::Queued);
    }

    #[tokio::test]
    async fn a_queue_over_its_count_overflows() {
        let (tx, _rx) = queue(QueueLimits {
            events: 2,
            bytes: usize::MAX,
        });
        assert_eq!(tx.push(event(1, 1)), Push::Queued);
        assert_eq!(tx.push(event(2, 1)), Push::Queued);
        assert_eq!(tx.push(event(3, 1)), Push::Overflowed);
    }

    #[test]
    fn a_dropped_receiver_frees_its_events_and_is_gone() {
        let (tx, rx) = queue(QueueLimits {
            events: 10,
            bytes: 100,
        });
        let first = event(1, 10);
        tx.push(first.clone());
        drop(rx);
        assert_eq!(Arc::strong_count(&first), 1);
        assert!(tx.is_gone());
        assert_eq!(tx.push(event(2, 1)), Push::Gone);
    }
}
