//! A subscription's event stream: RecordIO records from the HTTP body, made into events
//! (prost messages for executors and the operator API; for schedulers, [`LazyEvent`]s,
//! checked and decoded on demand), as a named `Stream` type.

use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::Stream;
use http_body::Body;
use hyper::body::Incoming;

use crate::error::Error;
use crate::recordio::{Record, RecordIoReader};
use crate::scheduler::LazyEvent;
use crate::transport::Encoding;

/// What an [`EventStream`] makes of each record: a prost message, decoded whole, or a
/// scheduler's [`LazyEvent`], checked and decoded only on demand. Implemented by this crate.
pub trait FromRecord: Sized + sealed::FromRecord {}

impl<T: sealed::FromRecord> FromRecord for T {}

pub(crate) mod sealed {
    use super::*;

    pub trait FromRecord: Sized {
        fn from_record(
            record: Record,
            encoding: Encoding,
            what: &'static str,
            endpoint: &str,
        ) -> Result<Self, Error>;
    }

    impl<M: prost::Message + prost::Name + Default> FromRecord for M {
        fn from_record(
            record: Record,
            encoding: Encoding,
            what: &'static str,
            endpoint: &str,
        ) -> Result<Self, Error> {
            encoding.decode(record, what, endpoint)
        }
    }

    impl FromRecord for LazyEvent {
        fn from_record(
            record: Record,
            encoding: Encoding,
            what: &'static str,
            endpoint: &str,
        ) -> Result<Self, Error> {
            match encoding {
                // Checked where it lies when it is one piece (it almost always is); a record
                // that spans body chunks is joined first, as a view reads contiguous bytes.
                Encoding::Protobuf => {
                    LazyEvent::new(record.into_bytes()).map_err(|source| Error::Decode {
                        what,
                        endpoint: endpoint.to_string(),
                        source: Box::new(source),
                    })
                }
                #[cfg(feature = "json")]
                Encoding::Json => encoding
                    .decode::<crate::v1::scheduler::Event>(record, what, endpoint)
                    .map(LazyEvent::from),
            }
        }
    }
}

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

impl<E: FromRecord> Stream for EventStream<E> {
    type Item = Result<E, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if this.done {
                return Poll::Ready(None);
            }
            match this.reader.next_record() {
                Ok(Some(record)) => {
                    let event = <E as sealed::FromRecord>::from_record(
                        record,
                        this.encoding,
                        this.what,
                        &this.endpoint,
                    );
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
