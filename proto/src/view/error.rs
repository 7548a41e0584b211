//! The error a view's `parse` returns: what was wrong with the bytes, at which byte, and in
//! which field of which message, so that a bad event from a master can be diagnosed from a log.

use std::fmt;

/// What made [`parse`](super) refuse the bytes. The same input makes prost's `decode` fail too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ViewErrorKind {
    /// A varint ran past the end of its message or was longer than ten bytes.
    InvalidVarint,
    /// A field key did not fit in 32 bits.
    InvalidKey,
    /// A field key named field number 0.
    InvalidTag,
    /// A field key named wire type 6 or 7, which do not exist.
    InvalidWireType(u8),
    /// A known field arrived with another wire type than its schema type is encoded with.
    WireTypeMismatch {
        /// The wire type the schema implies.
        expected: u8,
        /// The wire type on the wire.
        actual: u8,
    },
    /// A length-delimited field, a fixed-width value or a packed run ran past the end of its
    /// enclosing message.
    Truncated,
    /// A string field was not valid UTF-8.
    InvalidUtf8,
    /// Messages (or unknown groups) nested deeper than prost's recursion limit of 100.
    RecursionLimit,
    /// An end-group marker without a matching start, or closing another group.
    UnexpectedEndGroup,
    /// The input is 4 GiB or larger; views address their bytes with 32-bit offsets.
    TooLarge,
}

impl fmt::Display for ViewErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidVarint => f.write_str("invalid varint"),
            Self::InvalidKey => f.write_str("invalid field key"),
            Self::InvalidTag => f.write_str("invalid field number 0"),
            Self::InvalidWireType(wt) => write!(f, "invalid wire type {wt}"),
            Self::WireTypeMismatch { expected, actual } => {
                write!(f, "wire type {actual} where the schema says {expected}")
            }
            Self::Truncated => f.write_str("value runs past the end of its message"),
            Self::InvalidUtf8 => f.write_str("string is not valid UTF-8"),
            Self::RecursionLimit => f.write_str("nesting deeper than the recursion limit"),
            Self::UnexpectedEndGroup => f.write_str("unexpected end-group marker"),
            Self::TooLarge => f.write_str("input of 4 GiB or more"),
        }
    }
}

/// Bytes a view refused: see [`kind`](Self::kind), [`offset`](Self::offset) and
/// [`path`](Self::path). Boxed, so that a successful parse returns a small `Result`.
#[derive(Clone, PartialEq, Eq)]
pub struct ViewError(Box<Inner>);

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    kind: ViewErrorKind,
    offset: usize,
    message: &'static str,
    path: String,
}

impl ViewError {
    pub(crate) fn new(kind: ViewErrorKind, offset: usize) -> Self {
        ViewError(Box::new(Inner {
            kind,
            offset,
            message: "",
            path: String::new(),
        }))
    }

    /// What was wrong.
    pub fn kind(&self) -> ViewErrorKind {
        self.0.kind
    }

    /// The offset in the parsed input of the field (or key) that was wrong.
    pub fn offset(&self) -> usize {
        self.0.offset
    }

    /// The full protobuf name of the innermost message being read, such as `mesos.v1.Resource`.
    pub fn message(&self) -> &'static str {
        self.0.message
    }

    /// The field path from the parsed message down to the bad field, with indexes of repeated
    /// fields, such as `offers.offers[3].resources[1].name`; empty when the key itself was bad.
    pub fn path(&self) -> &str {
        &self.0.path
    }

    /// Moves the offset from a nested message's frame to its parent's.
    pub(crate) fn shift(mut self, by: usize) -> Self {
        self.0.offset += by;
        self
    }

    /// Records the message being read, if no inner message was recorded yet.
    pub(crate) fn in_message(mut self, name: &'static str) -> Self {
        if self.0.message.is_empty() {
            self.0.message = name;
        }
        self
    }

    /// Prepends one field (and its index, for repeated fields) to the path.
    pub(crate) fn in_field(mut self, field: &str, index: Option<usize>) -> Self {
        let mut segment = match index {
            Some(i) => format!("{field}[{i}]"),
            None => field.to_string(),
        };
        if !self.0.path.is_empty() {
            segment.push('.');
        }
        self.0.path.insert_str(0, &segment);
        self
    }
}

impl fmt::Display for ViewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.0.kind, self.0.offset)?;
        if !self.0.message.is_empty() {
            write!(f, " in a {}", self.0.message)?;
        }
        if !self.0.path.is_empty() {
            write!(f, " (field {})", self.0.path)?;
        }
        Ok(())
    }
}

impl fmt::Debug for ViewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ViewError")
            .field("kind", &self.0.kind)
            .field("offset", &self.0.offset)
            .field("message", &self.0.message)
            .field("path", &self.0.path)
            .finish()
    }
}

impl std::error::Error for ViewError {}
