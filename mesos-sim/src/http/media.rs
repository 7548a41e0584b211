//! Media types: the exact `Content-Type` match and the `Accept` media-range negotiation of
//! libprocess, and encoding/decoding of messages in JSON or protobuf.
//!
//! `mesos: src/master/http.cpp` compares `Content-Type` as an exact string (a TODO there admits
//! it should be case-insensitive); `mesos: 3rdparty/libprocess/src/http.cpp`
//! `Request::_acceptsMediaType` implements `Accept`.

use bytes::Bytes;
use http::HeaderMap;
use prost::{Message, Name};

/// `application/json`, Mesos' default encoding.
pub(crate) const APPLICATION_JSON: &str = "application/json";
/// `application/x-protobuf`.
pub(crate) const APPLICATION_PROTOBUF: &str = "application/x-protobuf";

/// The two encodings of the v1 APIs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// Mesos' JSON form (`application/json`).
    Json,
    /// Binary protobuf (`application/x-protobuf`).
    Protobuf,
}

impl Encoding {
    /// The media type naming this encoding.
    pub(crate) fn media_type(self) -> &'static str {
        match self {
            Encoding::Json => APPLICATION_JSON,
            Encoding::Protobuf => APPLICATION_PROTOBUF,
        }
    }
}

/// Why a request's `Content-Type` cannot be used.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ContentTypeError {
    /// No header at all: 400.
    Missing,
    /// Any other value, parameters and other case included: 415.
    Unsupported,
}

/// Reads the request's `Content-Type` with libprocess' exact string comparison.
pub(crate) fn request_encoding(headers: &HeaderMap) -> Result<Encoding, ContentTypeError> {
    let value = headers
        .get(http::header::CONTENT_TYPE)
        .ok_or(ContentTypeError::Missing)?;
    match value.as_bytes() {
        b"application/json" => Ok(Encoding::Json),
        b"application/x-protobuf" => Ok(Encoding::Protobuf),
        _ => Err(ContentTypeError::Unsupported),
    }
}

/// Whether the request's `Accept` allows `media_type`: the most specific matching range
/// (`type/subtype`, then `type/*`, then `*/*`) decides, and `q=0` excludes. Without an
/// `Accept` header everything is acceptable.
pub(crate) fn accepts(headers: &HeaderMap, media_type: &str) -> bool {
    accepts_in(headers, http::header::ACCEPT.as_str(), media_type)
}

/// [`accepts`] for another header with `Accept`'s grammar (the agent's `Message-Accept`,
/// `Request::acceptsMediaType(name, ...)` in libprocess).
pub(crate) fn accepts_in(headers: &HeaderMap, name: &str, media_type: &str) -> bool {
    let values: Vec<&str> = headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    if headers.get(name).is_none() {
        return true;
    }
    let (wanted_type, _) = media_type.split_once('/').unwrap_or((media_type, ""));
    let candidates = [
        media_type.to_ascii_lowercase(),
        format!("{}/*", wanted_type.to_ascii_lowercase()),
        "*/*".to_string(),
    ];
    let mut ranges = Vec::new();
    for value in values {
        for item in value.split(',') {
            let mut parts = item.split(';');
            let range = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let mut q = 1.0_f64;
            for param in parts {
                if let Some((k, v)) = param.split_once('=')
                    && k.trim().eq_ignore_ascii_case("q")
                {
                    q = v.trim().parse().unwrap_or(0.0);
                }
            }
            ranges.push((range, q));
        }
    }
    for candidate in &candidates {
        if let Some((_, q)) = ranges.iter().find(|(range, _)| range == candidate) {
            return *q > 0.0;
        }
    }
    false
}

/// The response encoding for a call whose answer has a body: JSON if acceptable, else
/// protobuf, else `None` (406), in the order `Master::Http::scheduler` tries them.
pub(crate) fn negotiate(headers: &HeaderMap) -> Option<Encoding> {
    if accepts(headers, APPLICATION_JSON) {
        Some(Encoding::Json)
    } else if accepts(headers, APPLICATION_PROTOBUF) {
        Some(Encoding::Protobuf)
    } else {
        None
    }
}

/// Why a body did not decode; the texts are the master's.
#[derive(Debug, thiserror::Error)]
pub(crate) enum DecodeError {
    /// Protobuf that does not parse, or lacks required fields (`ParseFromString` checks them).
    #[error("Failed to parse body into {message} protobuf")]
    Protobuf {
        /// `Call`.
        message: &'static str,
    },
    /// Not JSON.
    #[error("Failed to parse body into JSON: {0}")]
    Json(String),
    /// JSON that does not fit the schema.
    #[error("Failed to convert JSON into {message} protobuf: {reason}")]
    Schema {
        /// `Call`.
        message: &'static str,
        /// The JSON reader's explanation.
        reason: String,
    },
}

/// Decodes a call body in the given encoding, with the master's error texts.
pub(crate) fn decode<M: Message + Name + Default>(
    encoding: Encoding,
    body: &[u8],
    short_name: &'static str,
) -> Result<M, DecodeError> {
    match encoding {
        Encoding::Protobuf => {
            let message = M::decode(body).map_err(|_| DecodeError::Protobuf {
                message: short_name,
            })?;
            if !crate::required::complete::<M>(body) {
                return Err(DecodeError::Protobuf {
                    message: short_name,
                });
            }
            Ok(message)
        }
        Encoding::Json => {
            let value: serde_json::Value =
                serde_json::from_slice(body).map_err(|e| DecodeError::Json(e.to_string()))?;
            mesos_sdk::json::from_value(value).map_err(|e| DecodeError::Schema {
                message: short_name,
                reason: e.to_string(),
            })
        }
    }
}

/// Encodes a message in the given encoding.
pub(crate) fn encode<M: Message + Name>(encoding: Encoding, message: &M) -> Bytes {
    match encoding {
        Encoding::Protobuf => Bytes::from(message.encode_to_vec()),
        Encoding::Json => match mesos_sdk::json::to_vec(message) {
            Ok(bytes) => Bytes::from(bytes),
            // The message was built by the simulator from the compiled schema; failing to
            // write it is a bug, logged rather than turned into a panic in a server task.
            Err(error) => {
                tracing::error!(%error, "cannot write event as JSON");
                Bytes::from_static(b"{}")
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn with_accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(http::header::ACCEPT, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn accept_uses_the_most_specific_range() {
        let h = with_accept("application/*;q=0, application/json");
        assert!(accepts(&h, APPLICATION_JSON));
        assert!(!accepts(&h, APPLICATION_PROTOBUF));
        let h = with_accept("*/*;q=0.1, application/json;q=0");
        assert_eq!(negotiate(&h), Some(Encoding::Protobuf));
        let h = with_accept(" APPLICATION/X-PROTOBUF ");
        assert_eq!(negotiate(&h), Some(Encoding::Protobuf));
        assert_eq!(negotiate(&with_accept("application/recordio")), None);
        assert_eq!(negotiate(&HeaderMap::new()), Some(Encoding::Json));
    }

    #[test]
    fn content_type_is_an_exact_match() {
        let mut h = HeaderMap::new();
        assert_eq!(request_encoding(&h), Err(ContentTypeError::Missing));
        for bad in [
            "application/json; charset=utf-8",
            "Application/JSON",
            "text/plain",
        ] {
            h.insert(http::header::CONTENT_TYPE, HeaderValue::from_static(bad));
            assert_eq!(request_encoding(&h), Err(ContentTypeError::Unsupported));
        }
        h.insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-protobuf"),
        );
        assert_eq!(request_encoding(&h), Ok(Encoding::Protobuf));
    }
}
