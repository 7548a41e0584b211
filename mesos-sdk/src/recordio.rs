//! RecordIO, the framing of every Mesos event stream.
//!
//! A RecordIO stream is a sequence of records, each written as its length in decimal ASCII, a
//! line feed, and exactly that many bytes: `5\nhello3\nabc`. There is no separator after the
//! data, and the HTTP chunking of the stream has nothing to do with record boundaries (a record
//! can span chunks and a chunk can hold many records), so the decoder works on the byte stream.
//!
//! [`RecordIoCodec`] is a [`tokio_util::codec`] decoder and encoder. Decoded records are
//! [`Bytes`] split off the read buffer without copying. The decoder refuses, before buffering
//! anything, a record announced larger than its limit (64 MiB by default); it rejects a header
//! that is not digits or is longer than the 20 digits of a `u64`, and a stream that ends inside
//! a header or a record. Zero-length records are accepted and skipped, as the Mesos C++ reader
//! and mesos-go do.
//!
//! ```
//! use bytes::BytesMut;
//! use mesos_sdk::recordio::RecordIoCodec;
//! use tokio_util::codec::{Decoder, Encoder};
//!
//! let mut codec = RecordIoCodec::new();
//! let mut wire = BytesMut::new();
//! codec.encode(&b"hello"[..], &mut wire)?;
//! codec.encode(&b"abc"[..], &mut wire)?;
//! assert_eq!(&wire[..], b"5\nhello3\nabc");
//!
//! assert_eq!(codec.decode(&mut wire)?.as_deref(), Some(&b"hello"[..]));
//! assert_eq!(codec.decode(&mut wire)?.as_deref(), Some(&b"abc"[..]));
//! assert_eq!(codec.decode_eof(&mut wire)?, None);
//! # Ok::<(), mesos_sdk::recordio::RecordIoError>(())
//! ```

use bytes::{Buf, BufMut, Bytes, BytesMut};
use tokio_util::codec::{Decoder, Encoder};

/// The default largest record the decoder accepts: 64 MiB.
///
/// Operator-API SUBSCRIBED events of real clusters exceed 8 MiB, which is why mesos-go's fixed
/// 4 MiB cap failed (mesos/mesos-go#349).
pub const DEFAULT_MAX_RECORD_SIZE: usize = 64 * 1024 * 1024;

/// The most digits a record-size header can have: the 20 digits of `u64::MAX`.
pub const MAX_HEADER_DIGITS: usize = 20;

/// How much the decoder reserves ahead for a record whose length it has read. Larger records
/// grow the buffer as their bytes actually arrive, so a hostile length never turns into one big
/// allocation.
const MAX_RESERVE_AHEAD: usize = 64 * 1024;

/// What went wrong while reading a RecordIO stream.
///
/// Every variant except [`RecordIoError::Io`] means the stream is corrupt or cut short: the
/// reader should drop the connection (and, for a Mesos subscription, subscribe again).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RecordIoError {
    /// A record-size header contains something other than ASCII digits.
    #[error(
        "invalid RecordIO header: byte {byte:#04x} at offset {offset} of the header is not a decimal digit"
    )]
    NonDigitHeader {
        /// The offending byte.
        byte: u8,
        /// Its offset within the header (0 is the first byte after the previous record).
        offset: usize,
    },
    /// A record-size header is empty (a line feed where the length should start).
    #[error("invalid RecordIO header: empty record size")]
    EmptyHeader,
    /// More than [`MAX_HEADER_DIGITS`] bytes arrived without the line feed that ends a header.
    #[error("invalid RecordIO header: no line feed within the first {MAX_HEADER_DIGITS} bytes")]
    HeaderTooLong,
    /// The header is 20 digits long but its value does not fit in a `u64`.
    #[error("invalid RecordIO header: record size {digits} does not fit in 64 bits")]
    SizeOverflow {
        /// The digits as received.
        digits: String,
    },
    /// A record is announced larger than the decoder's limit.
    #[error("RecordIO record of {size} bytes exceeds the limit of {max} bytes")]
    RecordTooLarge {
        /// The announced size.
        size: u64,
        /// The decoder's limit ([`RecordIoCodec::with_max_record_size`]).
        max: usize,
    },
    /// The stream ended in the middle of a record-size header.
    #[error("RecordIO stream ended inside a record header ({received} bytes of it received)")]
    TruncatedHeader {
        /// How many header bytes had arrived.
        received: usize,
    },
    /// The stream ended in the middle of a record.
    #[error("RecordIO stream ended inside a record: {received} of {expected} bytes received")]
    TruncatedRecord {
        /// The announced record size.
        expected: usize,
        /// How many of its bytes had arrived.
        received: usize,
    },
    /// Reading the underlying byte stream failed.
    #[error("reading the RecordIO stream failed: {0}")]
    Io(#[from] std::io::Error),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Waiting for a complete `<digits>\n` header.
    Header,
    /// The header announced this many bytes; waiting for all of them.
    Record(usize),
}

/// Decoder and encoder for Mesos' RecordIO framing.
///
/// Use it with [`tokio_util::codec::FramedRead`] over any [`tokio::io::AsyncRead`], or call
/// [`Decoder::decode`] directly on a buffer you fill yourself. Each decoded item is one record's
/// payload (for a scheduler stream, one encoded `Event`).
///
/// [`tokio::io::AsyncRead`]: https://docs.rs/tokio/latest/tokio/io/trait.AsyncRead.html
#[derive(Debug, Clone)]
pub struct RecordIoCodec {
    max_record_size: usize,
    state: State,
}

impl Default for RecordIoCodec {
    fn default() -> Self {
        Self::new()
    }
}

impl RecordIoCodec {
    /// A codec that accepts records up to [`DEFAULT_MAX_RECORD_SIZE`].
    pub fn new() -> Self {
        Self::with_max_record_size(DEFAULT_MAX_RECORD_SIZE)
    }

    /// A codec that accepts records up to `max_record_size` bytes.
    pub fn with_max_record_size(max_record_size: usize) -> Self {
        Self {
            max_record_size,
            state: State::Header,
        }
    }

    /// The largest record this codec decodes.
    pub fn max_record_size(&self) -> usize {
        self.max_record_size
    }

    fn parse_header(&self, digits: &[u8]) -> Result<usize, RecordIoError> {
        parse_header(digits, self.max_record_size)
    }
}

/// Parses a complete header (the bytes before the line feed) into a record size of at most
/// `max_record_size`.
fn parse_header(digits: &[u8], max_record_size: usize) -> Result<usize, RecordIoError> {
    if digits.is_empty() {
        return Err(RecordIoError::EmptyHeader);
    }
    let mut size: u64 = 0;
    for (offset, &byte) in digits.iter().enumerate() {
        if !byte.is_ascii_digit() {
            return Err(RecordIoError::NonDigitHeader { byte, offset });
        }
        size = size
            .checked_mul(10)
            .and_then(|s| s.checked_add(u64::from(byte - b'0')))
            .ok_or_else(|| RecordIoError::SizeOverflow {
                digits: String::from_utf8_lossy(digits).into_owned(),
            })?;
    }
    match usize::try_from(size) {
        Ok(n) if n <= max_record_size => Ok(n),
        _ => Err(RecordIoError::RecordTooLarge {
            size,
            max: max_record_size,
        }),
    }
}

/// Checks the bytes of a header that has no line feed yet.
fn check_partial_header(partial: &[u8], offset_base: usize) -> Result<(), RecordIoError> {
    if offset_base + partial.len() > MAX_HEADER_DIGITS {
        return Err(RecordIoError::HeaderTooLong);
    }
    match partial.iter().position(|b| !b.is_ascii_digit()) {
        Some(i) => Err(RecordIoError::NonDigitHeader {
            byte: partial[i],
            offset: offset_base + i,
        }),
        None => Ok(()),
    }
}

impl Decoder for RecordIoCodec {
    type Item = Bytes;
    type Error = RecordIoError;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<Bytes>, RecordIoError> {
        loop {
            match self.state {
                State::Header => {
                    // A header is at most 20 digits plus the line feed; look no further.
                    let window = &src[..src.len().min(MAX_HEADER_DIGITS + 1)];
                    let Some(newline) = window.iter().position(|&b| b == b'\n') else {
                        // Report garbage as soon as it is visible rather than after 21 bytes.
                        check_partial_header(window, 0)?;
                        return Ok(None);
                    };
                    let size = self.parse_header(&src[..newline])?;
                    src.advance(newline + 1);
                    if size == 0 {
                        // Mesos never writes empty records, but its own reader yields them and
                        // mesos-go skips them; skipping is the tolerant choice.
                        continue;
                    }
                    self.state = State::Record(size);
                    if src.len() < size {
                        src.reserve((size - src.len()).min(MAX_RESERVE_AHEAD));
                    }
                }
                State::Record(size) => {
                    if src.len() < size {
                        return Ok(None);
                    }
                    self.state = State::Header;
                    return Ok(Some(src.split_to(size).freeze()));
                }
            }
        }
    }

    fn decode_eof(&mut self, src: &mut BytesMut) -> Result<Option<Bytes>, RecordIoError> {
        if let Some(record) = self.decode(src)? {
            return Ok(Some(record));
        }
        match self.state {
            State::Header if src.is_empty() => Ok(None),
            State::Header => Err(RecordIoError::TruncatedHeader {
                received: src.len(),
            }),
            State::Record(expected) => Err(RecordIoError::TruncatedRecord {
                expected,
                received: src.len(),
            }),
        }
    }
}

impl RecordIoCodec {
    fn encode_slice(record: &[u8], dst: &mut BytesMut) {
        let mut digits = itoa::Buffer::new();
        let header = digits.format(record.len());
        dst.reserve(header.len() + 1 + record.len());
        dst.put_slice(header.as_bytes());
        dst.put_u8(b'\n');
        dst.put_slice(record);
    }
}

impl Encoder<&[u8]> for RecordIoCodec {
    type Error = RecordIoError;

    fn encode(&mut self, record: &[u8], dst: &mut BytesMut) -> Result<(), RecordIoError> {
        Self::encode_slice(record, dst);
        Ok(())
    }
}

impl Encoder<Bytes> for RecordIoCodec {
    type Error = RecordIoError;

    fn encode(&mut self, record: Bytes, dst: &mut BytesMut) -> Result<(), RecordIoError> {
        Self::encode_slice(&record, dst);
        Ok(())
    }
}

impl Encoder<Vec<u8>> for RecordIoCodec {
    type Error = RecordIoError;

    fn encode(&mut self, record: Vec<u8>, dst: &mut BytesMut) -> Result<(), RecordIoError> {
        Self::encode_slice(&record, dst);
        Ok(())
    }
}

/// Frames one record: `<length>\n<record>`, as a master or agent writes it.
pub fn encode_record(record: &[u8]) -> Bytes {
    let mut out = BytesMut::new();
    RecordIoCodec::encode_slice(record, &mut out);
    out.freeze()
}

/// Pieces in the middle of a record shorter than this are copied into one buffer rather than
/// kept as slices of their chunks, so a peer that sends tiny HTTP chunks cannot make a record
/// cost a slice handle per byte. A record's first and last pieces are kept as slices whatever
/// their length: two handles at most, and a record that spans two chunks is never copied.
const MIN_PIECE: usize = 1024;

/// One record's payload, as [`RecordIoReader`] hands it on: a slice of the chunk it arrived
/// in, or, for a record that spans chunks, the slices of each, never assembled.
///
/// It is a [`Buf`], so `prost::Message::decode(record)` reads it in place, and
/// [`Buf::copy_to_bytes`] on it slices rather than copies wherever the bytes asked for lie
/// in one piece (prost's `bytes` fields). [`into_bytes`](Self::into_bytes) gives one
/// contiguous [`Bytes`], copying only if the record spans chunks.
///
/// ```
/// use bytes::{Buf, Bytes};
/// use mesos_sdk::recordio::RecordIoReader;
///
/// // A record of 4,000 bytes arriving in two chunks of an HTTP body.
/// let mut reader = RecordIoReader::new();
/// let mut first = b"4000\n".to_vec();
/// first.extend([b'a'; 2_500]);
/// reader.push(Bytes::from(first));
/// assert!(reader.next_record()?.is_none());
/// reader.push(Bytes::from(vec![b'b'; 1_500]));
/// let mut record = reader.next_record()?.expect("a whole record");
/// assert_eq!(record.len(), 4_000);
/// // Not copied: the two slices, read one after the other.
/// assert!(!record.is_contiguous());
/// assert_eq!(record.chunk().len(), 2_500);
/// let head = record.copy_to_bytes(2_000);
/// assert!(head.iter().all(|&b| b == b'a'));
/// assert_eq!(record.len(), 2_000);
/// assert_eq!(record.into_bytes().iter().filter(|&&b| b == b'b').count(), 1_500);
/// # Ok::<(), mesos_sdk::recordio::RecordIoError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// The first piece not yet read; empty only when nothing is left. A record inside one
    /// chunk is this alone, so handing it on allocates nothing.
    head: Bytes,
    /// The piece after it, if any; never empty. A record that spans two chunks (most records
    /// that span any) needs no allocation for its pieces either.
    second: Option<Bytes>,
    /// The pieces after those two, none empty, and none while `second` is `None`: in order
    /// while the reader adds them, last first once the record is handed on, so that reading
    /// pops them off the end.
    rest: Vec<Bytes>,
    /// The length of all of them.
    remaining: usize,
}

impl Record {
    fn push_piece(&mut self, piece: Bytes) {
        if piece.is_empty() {
            return;
        }
        self.remaining += piece.len();
        if self.head.is_empty() {
            self.head = piece;
        } else if self.second.is_none() {
            self.second = Some(piece);
        } else {
            self.rest.push(piece);
        }
    }

    /// The record as the reader hands it on: its later pieces put last first.
    fn complete(mut self) -> Self {
        self.rest.reverse();
        self
    }

    /// The pieces left, in order.
    fn pieces(&self) -> impl Iterator<Item = &Bytes> {
        std::iter::once(&self.head)
            .filter(|head| !head.is_empty())
            .chain(&self.second)
            .chain(self.rest.iter().rev())
    }

    /// Moves to the next piece once the head is read.
    fn next_piece(&mut self) {
        self.head = self.second.take().unwrap_or_default();
        self.second = self.rest.pop();
    }

    /// How many bytes are left to read.
    pub fn len(&self) -> usize {
        self.remaining
    }

    /// Whether nothing is left to read.
    pub fn is_empty(&self) -> bool {
        self.remaining == 0
    }

    /// Whether the bytes left lie in one piece (then [`Buf::chunk`] is all of them).
    pub fn is_contiguous(&self) -> bool {
        self.second.is_none()
    }

    /// The bytes left as one [`Bytes`]: the piece itself when there is one, a copy of the
    /// pieces joined otherwise.
    pub fn into_bytes(mut self) -> Bytes {
        let len = self.remaining;
        self.copy_to_bytes(len)
    }

    /// The bytes left, copied into a `Vec`.
    pub fn to_vec(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.remaining);
        for piece in self.pieces() {
            out.extend_from_slice(piece);
        }
        out
    }
}

impl From<Bytes> for Record {
    fn from(bytes: Bytes) -> Self {
        Record {
            remaining: bytes.len(),
            head: bytes,
            second: None,
            rest: Vec::new(),
        }
    }
}

impl Buf for Record {
    fn remaining(&self) -> usize {
        self.remaining
    }

    fn chunk(&self) -> &[u8] {
        &self.head
    }

    fn advance(&mut self, mut cnt: usize) {
        assert!(
            cnt <= self.remaining,
            "advanced {cnt} bytes past a record with {} left",
            self.remaining
        );
        self.remaining -= cnt;
        while cnt > 0 {
            if cnt < self.head.len() {
                self.head.advance(cnt);
                return;
            }
            cnt -= self.head.len();
            self.next_piece();
        }
        if self.head.is_empty() {
            self.next_piece();
        }
    }

    fn copy_to_bytes(&mut self, len: usize) -> Bytes {
        assert!(
            len <= self.remaining,
            "took {len} bytes of a record with {} left",
            self.remaining
        );
        // Within the head: a slice of it, no copy.
        if len < self.head.len() {
            self.remaining -= len;
            return self.head.split_to(len);
        }
        if len == self.head.len() {
            self.remaining -= len;
            let head = std::mem::take(&mut self.head);
            self.next_piece();
            return head;
        }
        let mut out = BytesMut::with_capacity(len);
        out.put((&mut *self).take(len));
        out.freeze()
    }
}

impl PartialEq<[u8]> for Record {
    fn eq(&self, other: &[u8]) -> bool {
        if other.len() != self.remaining {
            return false;
        }
        let mut rest = other;
        for piece in self.pieces() {
            let (head, tail) = rest.split_at(piece.len());
            if head != &piece[..] {
                return false;
            }
            rest = tail;
        }
        true
    }
}

impl PartialEq<&[u8]> for Record {
    fn eq(&self, other: &&[u8]) -> bool {
        *self == **other
    }
}

impl PartialEq for Record {
    fn eq(&self, other: &Record) -> bool {
        self.remaining == other.remaining && self.to_vec() == other.to_vec()
    }
}

impl Eq for Record {}

/// A RecordIO reader for a body that arrives as [`Bytes`] chunks, such as an HTTP response
/// body. Nothing is copied: a record inside one chunk is returned as a slice of it, and a
/// record that spans chunks as the slices of each (a [`Record`] is a [`Buf`], which prost
/// decodes from), so large records cost a handful of reference counts rather than a copy.
/// Only the pieces in the middle of a record that are shorter than 1 KiB (what a peer sending
/// tiny chunks produces) are gathered into a buffer; a record's first and last pieces are
/// slices whatever their length.
///
/// Feed it with [`push`](Self::push), drain it with [`next_record`](Self::next_record) until
/// that returns `None`, and call [`finish`](Self::finish) when the body ends.
///
/// ```
/// use bytes::Bytes;
/// use mesos_sdk::recordio::RecordIoReader;
///
/// let mut reader = RecordIoReader::new();
/// let mut records = Vec::new();
/// for chunk in [&b"5\nhel"[..], b"lo3\nab", b"c"] {
///     reader.push(Bytes::copy_from_slice(chunk));
///     while let Some(record) = reader.next_record()? {
///         records.push(record.into_bytes());
///     }
/// }
/// reader.finish()?;
/// assert_eq!(records, [&b"hello"[..], &b"abc"[..]]);
/// # Ok::<(), mesos_sdk::recordio::RecordIoError>(())
/// ```
#[derive(Debug, Default)]
pub struct RecordIoReader {
    max_record_size: usize,
    state: ReaderState,
    /// The digits of a header that began in an earlier chunk.
    header: BytesMut,
    /// The pieces of a record that began in an earlier chunk.
    pieces: Record,
    /// Short pieces of that record gathered since its last long piece.
    small: BytesMut,
    /// What is left of the most recently pushed chunk.
    current: Bytes,
}

#[derive(Debug, Default, Clone, Copy)]
enum ReaderState {
    #[default]
    Header,
    Record(usize),
}

impl RecordIoReader {
    /// A reader that accepts records up to [`DEFAULT_MAX_RECORD_SIZE`].
    pub fn new() -> Self {
        Self::with_max_record_size(DEFAULT_MAX_RECORD_SIZE)
    }

    /// A reader that accepts records up to `max_record_size` bytes.
    pub fn with_max_record_size(max_record_size: usize) -> Self {
        Self {
            max_record_size,
            ..Self::default()
        }
    }

    /// Adds the next chunk of the body. Call [`next_record`](Self::next_record) until it returns
    /// `None` before pushing again; a chunk pushed earlier that was not drained is kept.
    pub fn push(&mut self, chunk: Bytes) {
        if self.current.is_empty() {
            self.current = chunk;
        } else {
            // The caller pushed again without draining: keep both, in order.
            let mut joined = BytesMut::with_capacity(self.current.len() + chunk.len());
            joined.extend_from_slice(&self.current);
            joined.extend_from_slice(&chunk);
            self.current = joined.freeze();
        }
    }

    /// How much of the record being read has arrived.
    fn collected(&self) -> usize {
        self.pieces.len() + self.small.len()
    }

    /// Moves the gathered short pieces into the record as one piece.
    fn flush_small(&mut self) {
        if !self.small.is_empty() {
            // Taken whole: splitting would give the buffer a shared header, a second
            // allocation for a piece that is handed on once.
            let small = std::mem::take(&mut self.small).freeze();
            self.pieces.push_piece(small);
        }
    }

    /// The next complete record, or `None` when more bytes are needed.
    pub fn next_record(&mut self) -> Result<Option<Record>, RecordIoError> {
        loop {
            match self.state {
                ReaderState::Header => {
                    let have = self.header.len();
                    let window_len = self.current.len().min(MAX_HEADER_DIGITS + 1 - have);
                    let window = &self.current[..window_len];
                    match window.iter().position(|&b| b == b'\n') {
                        Some(newline) => {
                            let size = if have == 0 {
                                parse_header(&window[..newline], self.max_record_size)?
                            } else {
                                self.header.extend_from_slice(&window[..newline]);
                                let size = parse_header(&self.header, self.max_record_size)?;
                                self.header.clear();
                                size
                            };
                            self.current.advance(newline + 1);
                            if size > 0 {
                                // The common case: the whole record is in this chunk.
                                if self.current.len() >= size {
                                    return Ok(Some(Record::from(self.current.split_to(size))));
                                }
                                self.state = ReaderState::Record(size);
                            }
                        }
                        None => {
                            check_partial_header(window, have)?;
                            self.header.extend_from_slice(window);
                            self.current.advance(window_len);
                            return Ok(None);
                        }
                    }
                }
                ReaderState::Record(size) => {
                    let wanted = size - self.collected();
                    let take = wanted.min(self.current.len());
                    // The first and last pieces are slices whatever their length (see
                    // `MIN_PIECE`).
                    let edge = take == wanted || self.collected() == 0;
                    if take >= MIN_PIECE || (edge && take > 0) {
                        self.flush_small();
                        let piece = self.current.split_to(take);
                        self.pieces.push_piece(piece);
                    } else {
                        // Bounded: a record's short pieces are gathered into one buffer,
                        // which grows only as the bytes arrive.
                        self.small.extend_from_slice(&self.current[..take]);
                        self.current.advance(take);
                    }
                    if self.collected() < size {
                        return Ok(None);
                    }
                    self.flush_small();
                    self.state = ReaderState::Header;
                    return Ok(Some(std::mem::take(&mut self.pieces).complete()));
                }
            }
        }
    }

    /// Declares the end of the body: an error if it ended inside a header or a record.
    pub fn finish(&mut self) -> Result<(), RecordIoError> {
        match self.state {
            ReaderState::Header if self.header.is_empty() && self.current.is_empty() => Ok(()),
            ReaderState::Header => Err(RecordIoError::TruncatedHeader {
                received: self.header.len() + self.current.len(),
            }),
            ReaderState::Record(expected) => Err(RecordIoError::TruncatedRecord {
                expected,
                received: self.collected() + self.current.len(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(codec: &mut RecordIoCodec, input: &[u8]) -> Result<Vec<Bytes>, RecordIoError> {
        let mut buf = BytesMut::from(input);
        let mut out = Vec::new();
        while let Some(record) = codec.decode_eof(&mut buf)? {
            out.push(record);
        }
        Ok(out)
    }

    #[test]
    fn decodes_back_to_back_records_without_separators() {
        let records = decode_all(&mut RecordIoCodec::new(), b"5\nhello3\nabc10\n0123456789")
            .expect("valid stream");
        assert_eq!(
            records,
            vec![&b"hello"[..], &b"abc"[..], &b"0123456789"[..]]
        );
    }

    #[test]
    fn skips_zero_length_records() {
        let records =
            decode_all(&mut RecordIoCodec::new(), b"0\n2\nhi0\n0\n1\nx").expect("valid stream");
        assert_eq!(records, vec![&b"hi"[..], &b"x"[..]]);
    }

    #[test]
    fn empty_stream_is_a_clean_end() {
        assert!(
            decode_all(&mut RecordIoCodec::new(), b"")
                .expect("clean")
                .is_empty()
        );
    }

    #[test]
    fn non_digit_header_is_rejected_with_position() {
        let err = decode_all(&mut RecordIoCodec::new(), b"1x\nab").unwrap_err();
        assert!(
            matches!(
                err,
                RecordIoError::NonDigitHeader {
                    byte: b'x',
                    offset: 1
                }
            ),
            "{err:?}"
        );
        // Whitespace and signs are not digits either: Mesos never writes them.
        for bad in [&b" 5\nhello"[..], b"+5\nhello", b"5\r\nhello", b"-1\n"] {
            let err = decode_all(&mut RecordIoCodec::new(), bad).unwrap_err();
            assert!(
                matches!(err, RecordIoError::NonDigitHeader { .. }),
                "{bad:?}: {err:?}"
            );
        }
    }

    #[test]
    fn garbage_is_reported_before_a_full_header_arrives() {
        let mut codec = RecordIoCodec::new();
        let mut buf = BytesMut::from(&b"HTTP/1.1"[..]);
        let err = codec.decode(&mut buf).unwrap_err();
        assert!(matches!(
            err,
            RecordIoError::NonDigitHeader {
                byte: b'H',
                offset: 0
            }
        ));
    }

    #[test]
    fn empty_header_is_rejected() {
        let err = decode_all(&mut RecordIoCodec::new(), b"\nabc").unwrap_err();
        assert!(matches!(err, RecordIoError::EmptyHeader), "{err:?}");
    }

    #[test]
    fn header_of_more_than_20_digits_is_rejected() {
        let mut codec = RecordIoCodec::with_max_record_size(usize::MAX);
        let mut buf = BytesMut::from(&b"000000000000000000001"[..]);
        let err = codec.decode(&mut buf).unwrap_err();
        assert!(matches!(err, RecordIoError::HeaderTooLong), "{err:?}");

        // Exactly 20 digits is a valid header length.
        let mut buf = BytesMut::from(&b"00000000000000000003\nabc"[..]);
        assert_eq!(
            codec.decode(&mut buf).expect("20 digits").as_deref(),
            Some(&b"abc"[..])
        );
    }

    #[test]
    fn twenty_digits_beyond_u64_overflow() {
        let mut codec = RecordIoCodec::with_max_record_size(usize::MAX);
        let mut buf = BytesMut::from(&b"99999999999999999999\n"[..]);
        let err = codec.decode(&mut buf).unwrap_err();
        assert!(matches!(err, RecordIoError::SizeOverflow { .. }), "{err:?}");
    }

    #[test]
    fn oversized_record_is_rejected_before_buffering() {
        let mut codec = RecordIoCodec::with_max_record_size(1024);
        let mut buf = BytesMut::from(&b"18446744073709551615\n"[..]);
        let err = codec.decode(&mut buf).unwrap_err();
        assert!(
            matches!(
                err,
                RecordIoError::RecordTooLarge {
                    size: u64::MAX,
                    max: 1024
                }
            ),
            "{err:?}"
        );
        assert!(err.to_string().contains("18446744073709551615"));
        assert!(err.to_string().contains("1024"));

        // The limit itself is allowed.
        let mut buf = BytesMut::new();
        RecordIoCodec::encode_slice(&[7u8; 1024], &mut buf);
        assert_eq!(
            codec
                .decode(&mut buf)
                .expect("at the limit")
                .map(|r| r.len()),
            Some(1024)
        );
    }

    #[test]
    fn huge_announced_length_does_not_allocate_it() {
        let mut codec = RecordIoCodec::new();
        let mut buf = BytesMut::from(&b"67108864\nabc"[..]);
        assert_eq!(codec.decode(&mut buf).expect("waits for the body"), None);
        assert!(
            buf.capacity() <= 2 * MAX_RESERVE_AHEAD,
            "reserved {} bytes for an announced 64 MiB record",
            buf.capacity()
        );
    }

    #[test]
    fn end_of_stream_inside_a_header_is_truncation() {
        let err = decode_all(&mut RecordIoCodec::new(), b"5\nhello12").unwrap_err();
        assert!(
            matches!(err, RecordIoError::TruncatedHeader { received: 2 }),
            "{err:?}"
        );
    }

    #[test]
    fn end_of_stream_inside_a_record_is_truncation() {
        let err = decode_all(&mut RecordIoCodec::new(), b"5\nhel").unwrap_err();
        assert!(
            matches!(
                err,
                RecordIoError::TruncatedRecord {
                    expected: 5,
                    received: 3
                }
            ),
            "{err:?}"
        );
    }

    /// Feeds `wire` to a reader in `chunk`-byte pieces and returns the records.
    fn read_in_chunks(wire: &[u8], chunk: usize) -> Vec<Record> {
        let mut reader = RecordIoReader::new();
        let mut out = Vec::new();
        for piece in wire.chunks(chunk) {
            reader.push(Bytes::copy_from_slice(piece));
            while let Some(record) = reader.next_record().expect("valid stream") {
                out.push(record);
            }
        }
        reader.finish().expect("clean end");
        out
    }

    #[test]
    fn records_spanning_chunks_are_handed_on_as_their_pieces() {
        let payload: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        let wire = encode_record(&payload);
        let records = read_in_chunks(&wire, 16 * 1024);
        assert_eq!(records.len(), 1);
        let record = &records[0];
        assert_eq!(*record, payload[..]);
        // Seven chunks, each a piece: none was copied into a buffer of the record's size.
        assert_eq!(record.pieces().count(), 7);
        assert!(record.pieces().all(|p| p.len() <= 16 * 1024));
        assert!(!record.is_contiguous());
        assert_eq!(record.clone().into_bytes(), payload[..]);
    }

    #[test]
    fn a_record_in_two_chunks_is_two_slices_however_short_either_end() {
        // 4,000 bytes, cut 3 bytes in and 3 bytes before the end: neither end is copied.
        let payload: Vec<u8> = (0..4_000u32).map(|i| (i % 249) as u8).collect();
        for cut in [3, 2_000, 3_997] {
            let wire = encode_record(&payload);
            let at = "4000\n".len() + cut;
            let (first, second) = (wire.slice(..at), wire.slice(at..));
            let mut reader = RecordIoReader::new();
            reader.push(first.clone());
            assert!(reader.next_record().expect("valid").is_none());
            reader.push(second.clone());
            let record = reader.next_record().expect("valid").expect("a record");
            let pieces: Vec<&Bytes> = record.pieces().collect();
            assert_eq!(pieces.len(), 2, "cut at {cut}");
            assert_eq!(pieces[0].as_ptr(), first[5..].as_ptr(), "cut at {cut}");
            assert_eq!(pieces[1].as_ptr(), second.as_ptr(), "cut at {cut}");
            assert_eq!(record, payload[..]);
        }
    }

    #[test]
    fn tiny_chunks_are_gathered_not_kept_one_by_one() {
        // A peer sending a byte per chunk: the record is gathered into buffers, not held as
        // one slice handle (and one chunk allocation) per byte.
        let payload = vec![7u8; 10_000];
        let records = read_in_chunks(&encode_record(&payload), 1);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0], payload[..]);
        // The first and last bytes are slices of their chunks; the 9,998 between are one piece.
        let lens: Vec<usize> = records[0].pieces().map(Bytes::len).collect();
        assert_eq!(lens, [1, 9_998, 1]);
        // Mixed: short pieces between long ones keep their order.
        let mut wire = BytesMut::new();
        let record: Vec<u8> = (0..5_000u32).map(|i| (i % 13) as u8).collect();
        wire.extend_from_slice(&encode_record(&record));
        let sizes = [3usize, 2_000, 10, 1, 1_500, 7, 4_000];
        let mut reader = RecordIoReader::new();
        let mut rest = wire.freeze();
        let mut out = Vec::new();
        for size in sizes.iter().cycle() {
            if rest.is_empty() {
                break;
            }
            reader.push(rest.split_to((*size).min(rest.len())));
            while let Some(record) = reader.next_record().expect("valid") {
                out.push(record);
            }
        }
        assert_eq!(out.len(), 1);
        assert_eq!(out[0], record[..]);
    }

    #[test]
    fn copy_to_bytes_slices_within_a_piece() {
        let chunk = Bytes::from_static(b"abcdefgh");
        let mut record = Record::from(chunk.clone());
        let head = record.copy_to_bytes(3);
        assert_eq!(head, &b"abc"[..]);
        // The same allocation: a slice, not a copy.
        assert_eq!(head.as_ptr(), chunk.as_ptr());
        assert_eq!(record.len(), 5);
        assert_eq!(record.into_bytes().as_ptr(), chunk[3..].as_ptr());
    }

    #[test]
    fn encoder_writes_mesos_framing() {
        let mut codec = RecordIoCodec::new();
        let mut out = BytesMut::new();
        codec
            .encode(Bytes::from_static(b"{}"), &mut out)
            .expect("encode");
        codec.encode(Vec::new(), &mut out).expect("encode");
        codec.encode(&[1u8; 12][..], &mut out).expect("encode");
        let mut expected = b"2\n{}0\n12\n".to_vec();
        expected.extend_from_slice(&[1u8; 12]);
        assert_eq!(&out[..], &expected[..]);
        assert_eq!(&encode_record(b"abc")[..], b"3\nabc");
    }
}
