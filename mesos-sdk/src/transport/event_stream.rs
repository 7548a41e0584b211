//! A subscription's event stream: RecordIO records from the HTTP body, decoded into typed
//! events (scheduler or executor), as a named `Stream` type.

use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::Stream;
use http_body::Body;
use hyper::body::Incoming;

use crate::error::Error;
use crate::recordio::RecordIoReader;
use crate::transport::Encoding;

/// The events of one subscription, in the order the master (or agent) sent them.
///
/// It ends (`None`) when the master closes the stream between two records; a stream cut inside
/// a record, a framing error or an undecodable event is reported once as an error, and the
/// stream ends after it.
#[derive(Debug)]
pub struct EventStream<E> {
    body: Incoming,
    reader: RecordIoReader,
    encoding: Encoding,
    endpoint: String,
    what: &'static str,
    done: bool,
    _event: PhantomData<fn() -> E>,
}

impl<E> EventStream<E> {
    pub(crate) fn new(
        body: Incoming,
        encoding: Encoding,
        max_record_size: usize,
        endpoint: String,
        what: &'static str,
    ) -> Self {
        Self {
            body,
            reader: RecordIoReader::with_max_record_size(max_record_size),
            encoding,
            endpoint,
            what,
            done: false,
            _event: PhantomData,
        }
    }

    /// `host:port` of the peer sending the events.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }
}

impl<E: prost::Message + prost::Name + Default> Stream for EventStream<E> {
    type Item = Result<E, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if this.done {
                return Poll::Ready(None);
            }
            match this.reader.next_record() {
                Ok(Some(record)) => {
                    let event = this.encoding.decode::<E>(record, this.what, &this.endpoint);
                    if event.is_err() {
                        this.done = true;
                    }
                    return Poll::Ready(Some(event));
                }
                Ok(None) => {}
                Err(source) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(Error::Framing {
                        endpoint: this.endpoint.clone(),
                        source,
                    })));
                }
            }
            match ready!(Pin::new(&mut this.body).poll_frame(cx)) {
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        this.reader.push(data);
                    }
                }
                Some(Err(e)) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(Error::Http {
                        call: "SUBSCRIBE",
                        endpoint: this.endpoint.clone(),
                        source: Box::new(e),
                    })));
                }
                None => {
                    this.done = true;
                    if let Err(source) = this.reader.finish() {
                        return Poll::Ready(Some(Err(Error::Framing {
                            endpoint: this.endpoint.clone(),
                            source,
                        })));
                    }
                    return Poll::Ready(None);
                }
            }
        }
    }
}
