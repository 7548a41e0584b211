//! Response bodies: a fixed buffer, or a streamed RecordIO event body that tells its owner when
//! the client went away (hyper drops the body when the connection closes).

use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use http_body_util::{BodyExt, Full, combinators::BoxBody};
use tokio::sync::mpsc;

/// Every response body the simulator sends.
pub(crate) type SimBody = BoxBody<Bytes, Infallible>;

/// A complete body.
pub(crate) fn full(bytes: impl Into<Bytes>) -> SimBody {
    Full::new(bytes.into()).boxed()
}

/// A streamed body fed by a bounded channel of already framed records. When it is dropped
/// (stream finished or client gone), `on_close` runs once.
pub(crate) struct StreamBody {
    records: mpsc::Receiver<Bytes>,
    on_close: Option<Box<dyn FnOnce() + Send + Sync>>,
}

impl StreamBody {
    /// A body that yields what arrives on `records` until every sender is gone.
    pub(crate) fn new(
        records: mpsc::Receiver<Bytes>,
        on_close: impl FnOnce() + Send + Sync + 'static,
    ) -> StreamBody {
        StreamBody {
            records,
            on_close: Some(Box::new(on_close)),
        }
    }
}

impl Body for StreamBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.records
            .poll_recv(cx)
            .map(|record| record.map(|bytes| Ok(Frame::data(bytes))))
    }

    fn size_hint(&self) -> SizeHint {
        // Unknown length: hyper answers with `Transfer-Encoding: chunked`, as libprocess does
        // for a pipe response.
        SizeHint::default()
    }
}

impl Drop for StreamBody {
    fn drop(&mut self) {
        if let Some(on_close) = self.on_close.take() {
            on_close();
        }
    }
}
