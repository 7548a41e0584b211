//! The two message encodings Mesos speaks, chosen per client: protobuf (the SDK's default; it
//! avoids JSON's traps) or Mesos' own JSON mapping (with the `json` feature).

use bytes::Bytes;
use prost::{Message, Name};

use crate::error::Error;

/// The encoding of request and event bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Encoding {
    /// `application/x-protobuf`.
    #[default]
    Protobuf,
    /// `application/json`, with Mesos' JSON mapping ([`crate::json`]).
    #[cfg(feature = "json")]
    Json,
}

impl Encoding {
    /// The media type, used as `Content-Type` and `Accept`. Mesos compares `Content-Type` as an
    /// exact string (`mesos: src/master/http.cpp`), so no parameters are ever added.
    pub fn media_type(self) -> &'static str {
        match self {
            Encoding::Protobuf => "application/x-protobuf",
            #[cfg(feature = "json")]
            Encoding::Json => "application/json",
        }
    }

    pub(crate) fn encode<M: Message + Name>(
        self,
        message: &M,
        what: &'static str,
    ) -> Result<Bytes, Error> {
        match self {
            Encoding::Protobuf => {
                let _ = what;
                Ok(Bytes::from(message.encode_to_vec()))
            }
            #[cfg(feature = "json")]
            Encoding::Json => {
                crate::json::to_vec(message)
                    .map(Bytes::from)
                    .map_err(|e| Error::Encode {
                        what,
                        source: Box::new(e),
                    })
            }
        }
    }

    /// Decodes one message; `bytes` is a [`Bytes`] or a RecordIO [`Record`], which protobuf
    /// decodes in place and JSON joins first if it spans chunks.
    ///
    /// [`Record`]: crate::recordio::Record
    pub(crate) fn decode<M: Message + Name + Default>(
        self,
        bytes: impl Into<crate::recordio::Record>,
        what: &'static str,
        endpoint: &str,
    ) -> Result<M, Error> {
        let result: Result<M, crate::error::BoxError> = match self {
            Encoding::Protobuf => {
                let record = bytes.into();
                // One piece decodes fastest as the `Bytes` it is; pieces are read in place.
                if record.is_contiguous() {
                    M::decode(record.into_bytes()).map_err(Into::into)
                } else {
                    M::decode(record).map_err(Into::into)
                }
            }
            #[cfg(feature = "json")]
            Encoding::Json => {
                crate::json::from_slice(&bytes.into().into_bytes()).map_err(Into::into)
            }
        };
        result.map_err(|source| Error::Decode {
            what,
            endpoint: endpoint.to_string(),
            source,
        })
    }
}
