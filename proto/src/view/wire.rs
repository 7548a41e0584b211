//! Wire-format primitives of the generated views: a checking [`Reader`] that `parse` runs once
//! over the whole tree with prost's acceptance rules, and trusting helpers the accessors use
//! afterwards on bytes that reader has accepted (they never panic, whatever the bytes).

use std::sync::Arc;

use super::error::{ViewError, ViewErrorKind};

pub(crate) const VARINT: u8 = 0;
pub(crate) const I64: u8 = 1;
pub(crate) const LEN: u8 = 2;
pub(crate) const SGROUP: u8 = 3;
pub(crate) const EGROUP: u8 = 4;
pub(crate) const I32: u8 = 5;

/// prost's `RECURSION_LIMIT`: the depth budget a top-level decode starts with.
pub(crate) const RECURSION_LIMIT: u32 = 100;

/// Reads a varint at `pos` the way prost does: at most ten bytes, the tenth below 2.
#[inline(always)]
pub(crate) fn read_varint(buf: &[u8], pos: &mut usize) -> Option<u64> {
    let b = *buf.get(*pos)?;
    if b < 0x80 {
        *pos += 1;
        return Some(u64::from(b));
    }
    read_varint_slow(buf, pos)
}

#[inline(never)]
fn read_varint_slow(buf: &[u8], pos: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for i in 0..10 {
        let b = *buf.get(*pos + i)?;
        value |= u64::from(b & 0x7f) << (7 * i);
        if b < 0x80 {
            if i == 9 && b >= 2 {
                return None;
            }
            *pos += i + 1;
            return Some(value);
        }
    }
    None
}

/// A validating validator's signature: a message's bytes and the depth budget of its fields.
pub(crate) type Validate = fn(&[u8], u32) -> Result<(), ViewError>;

/// The checking reader over one message's bytes.
pub(crate) struct Reader<'b> {
    buf: &'b [u8],
    pos: usize,
    /// Where the current field's key starts, for error offsets and indexes.
    field: usize,
}

impl<'b> Reader<'b> {
    #[inline]
    pub(crate) fn new(buf: &'b [u8]) -> Self {
        Reader {
            buf,
            pos: 0,
            field: 0,
        }
    }

    #[inline]
    fn fail(&self, kind: ViewErrorKind) -> ViewError {
        ViewError::new(kind, self.field)
    }

    /// The next field's number and wire type, or `None` at the end of the message.
    #[inline]
    pub(crate) fn key(&mut self, message: &'static str) -> Result<Option<(u32, u8)>, ViewError> {
        if self.pos >= self.buf.len() {
            return Ok(None);
        }
        self.field = self.pos;
        match self.raw_key() {
            Ok(key) => Ok(Some(key)),
            Err(kind) => Err(self.fail(kind).in_message(message)),
        }
    }

    #[inline]
    fn raw_key(&mut self) -> Result<(u32, u8), ViewErrorKind> {
        let key = read_varint(self.buf, &mut self.pos).ok_or(ViewErrorKind::InvalidVarint)?;
        if key > u64::from(u32::MAX) {
            return Err(ViewErrorKind::InvalidKey);
        }
        let wt = (key & 7) as u8;
        if wt > 5 {
            return Err(ViewErrorKind::InvalidWireType(wt));
        }
        let tag = (key as u32) >> 3;
        if tag == 0 {
            return Err(ViewErrorKind::InvalidTag);
        }
        Ok((tag, wt))
    }

    /// Attaches the current field's name (and index among the earlier occurrences of a
    /// repeated field) to an error from reading it.
    #[cold]
    pub(crate) fn blame(
        &self,
        err: ViewError,
        message: &'static str,
        tag: u32,
        name: &str,
        repeated: bool,
    ) -> ViewError {
        let index = repeated.then(|| {
            let mut pos = 0;
            let mut count = 0;
            while pos < self.field {
                match next_field(&self.buf[..self.field], &mut pos, &[]) {
                    Some(f) if f.tag == tag => count += 1,
                    Some(_) => {}
                    None => break,
                }
            }
            count
        });
        err.in_message(message).in_field(name, index)
    }

    #[inline]
    fn expect(&self, expected: u8, actual: u8) -> Result<(), ViewError> {
        if expected == actual {
            Ok(())
        } else {
            Err(self.fail(ViewErrorKind::WireTypeMismatch { expected, actual }))
        }
    }

    #[inline]
    fn payload(&mut self) -> Result<(usize, usize), ViewError> {
        let len = read_varint(self.buf, &mut self.pos)
            .ok_or_else(|| self.fail(ViewErrorKind::InvalidVarint))?;
        let start = self.pos;
        if len > (self.buf.len() - start) as u64 {
            return Err(self.fail(ViewErrorKind::Truncated));
        }
        self.pos = start + len as usize;
        Ok((start, self.pos))
    }

    #[inline]
    fn advance(&mut self, n: usize) -> Result<(), ViewError> {
        if self.buf.len() - self.pos < n {
            return Err(self.fail(ViewErrorKind::Truncated));
        }
        self.pos += n;
        Ok(())
    }

    /// A singular varint-encoded field (integers, bools, enums).
    #[inline]
    pub(crate) fn varint(&mut self, wt: u8) -> Result<(), ViewError> {
        self.expect(VARINT, wt)?;
        match read_varint(self.buf, &mut self.pos) {
            Some(_) => Ok(()),
            None => Err(self.fail(ViewErrorKind::InvalidVarint)),
        }
    }

    /// A singular 4-byte field (`fixed32`, `sfixed32`, `float`).
    // The Mesos schema has no 4-byte field; kept for the generator's other types.
    #[allow(dead_code)]
    #[inline]
    pub(crate) fn fixed32(&mut self, wt: u8) -> Result<(), ViewError> {
        self.expect(I32, wt)?;
        self.advance(4)
    }

    /// A singular 8-byte field (`fixed64`, `sfixed64`, `double`).
    #[inline]
    pub(crate) fn fixed64(&mut self, wt: u8) -> Result<(), ViewError> {
        self.expect(I64, wt)?;
        self.advance(8)
    }

    /// A repeated varint field: one value, or a packed run of them.
    pub(crate) fn packed_varint(&mut self, wt: u8) -> Result<(), ViewError> {
        if wt != LEN {
            return self.varint(wt);
        }
        let (start, end) = self.payload()?;
        let run = &self.buf[..end];
        let mut pos = start;
        while pos < end {
            if read_varint(run, &mut pos).is_none() {
                return Err(self.fail(ViewErrorKind::InvalidVarint));
            }
        }
        Ok(())
    }

    /// A repeated fixed-width field of `width` bytes: one value, or a packed run of them.
    // The Mesos schema has no 4-byte field; kept for the generator's other types.
    #[allow(dead_code)]
    pub(crate) fn packed_fixed(&mut self, wt: u8, width: usize) -> Result<(), ViewError> {
        if wt != LEN {
            return if width == 4 {
                self.fixed32(wt)
            } else {
                self.fixed64(wt)
            };
        }
        let (start, end) = self.payload()?;
        if (end - start) % width != 0 {
            return Err(self.fail(ViewErrorKind::Truncated));
        }
        Ok(())
    }

    /// A `bytes` field.
    #[inline]
    pub(crate) fn bytes(&mut self, wt: u8) -> Result<(), ViewError> {
        self.expect(LEN, wt)?;
        self.payload().map(|_| ())
    }

    /// A `string` field: its bytes must be UTF-8, as prost requires.
    #[inline]
    pub(crate) fn string(&mut self, wt: u8) -> Result<(), ViewError> {
        self.expect(LEN, wt)?;
        let (start, end) = self.payload()?;
        let text = &self.buf[start..end];
        // Mesos' strings are short ASCII: check those inline, the rest with the standard
        // library.
        if text.iter().fold(0, |acc, b| acc | b) < 0x80 || std::str::from_utf8(text).is_ok() {
            Ok(())
        } else {
            Err(self.fail(ViewErrorKind::InvalidUtf8))
        }
    }

    /// A message field: checked recursively with one level less of depth budget.
    #[inline]
    pub(crate) fn message(
        &mut self,
        wt: u8,
        depth: u32,
        check: impl FnOnce(&[u8], u32) -> Result<(), ViewError>,
    ) -> Result<(), ViewError> {
        self.expect(LEN, wt)?;
        self.nested(depth, check)
    }

    /// A map field. prost reads a map entry's length without looking at the key's wire type,
    /// so any wire type is accepted here too, and the bytes after the key are taken as the
    /// entry's length and contents.
    #[inline]
    pub(crate) fn map(
        &mut self,
        depth: u32,
        check: impl FnOnce(&[u8], u32) -> Result<(), ViewError>,
    ) -> Result<(), ViewError> {
        self.nested(depth, check)
    }

    #[inline]
    fn nested(
        &mut self,
        depth: u32,
        check: impl FnOnce(&[u8], u32) -> Result<(), ViewError>,
    ) -> Result<(), ViewError> {
        if depth == 0 {
            return Err(self.fail(ViewErrorKind::RecursionLimit));
        }
        let (start, end) = self.payload()?;
        check(&self.buf[start..end], depth - 1).map_err(|e| e.shift(start))
    }

    /// A field the schema does not know, skipped as prost's `skip_field` does (groups
    /// included, each level of them costing one level of depth budget).
    pub(crate) fn unknown(&mut self, tag: u32, wt: u8, depth: u32) -> Result<(), ViewError> {
        if depth == 0 {
            return Err(self.fail(ViewErrorKind::RecursionLimit));
        }
        match wt {
            VARINT => match read_varint(self.buf, &mut self.pos) {
                Some(_) => Ok(()),
                None => Err(self.fail(ViewErrorKind::InvalidVarint)),
            },
            I64 => self.advance(8),
            I32 => self.advance(4),
            LEN => self.payload().map(|_| ()),
            SGROUP => loop {
                if self.pos >= self.buf.len() {
                    return Err(self.fail(ViewErrorKind::InvalidVarint));
                }
                let (inner_tag, inner_wt) = self.raw_key().map_err(|k| self.fail(k))?;
                if inner_wt == EGROUP {
                    if inner_tag != tag {
                        return Err(self.fail(ViewErrorKind::UnexpectedEndGroup));
                    }
                    return Ok(());
                }
                self.unknown(inner_tag, inner_wt, depth - 1)?;
            },
            _ => Err(self.fail(ViewErrorKind::UnexpectedEndGroup)),
        }
    }
}

/// Checks a whole top-level message: the entry point of every view's `parse`.
pub(crate) fn check_root(buf: &[u8], check: Validate) -> Result<(), ViewError> {
    if u32::try_from(buf.len()).is_err() {
        return Err(ViewError::new(ViewErrorKind::TooLarge, 0));
    }
    check(buf, RECURSION_LIMIT)
}

/// One field found by the trusting cursor.
#[derive(Clone, Copy)]
pub(crate) struct Field {
    pub(crate) tag: u32,
    pub(crate) wt: u8,
    /// Where its key starts.
    pub(crate) key: usize,
    /// Where its value starts (for length-delimited fields: the length).
    pub(crate) value: usize,
}

/// Steps over the field at `pos`, on bytes the checking reader accepted. `maps` lists the
/// message's map fields, whose values are length-delimited whatever their key says. Returns
/// `None` at the end of `buf` (and, defensively, on bytes that do not parse).
#[inline(always)]
pub(crate) fn next_field(buf: &[u8], pos: &mut usize, maps: &[u32]) -> Option<Field> {
    if *pos >= buf.len() {
        return None;
    }
    let key_at = *pos;
    let key = read_varint(buf, pos)?;
    let tag = (key >> 3) as u32;
    let mut wt = (key & 7) as u8;
    let value = *pos;
    if wt != LEN && !maps.is_empty() && maps.contains(&tag) {
        wt = LEN;
    }
    match wt {
        VARINT => {
            read_varint(buf, pos)?;
        }
        I64 => *pos += 8,
        I32 => *pos += 4,
        LEN => {
            let len = read_varint(buf, pos)?;
            *pos = pos.saturating_add(usize::try_from(len).ok()?);
        }
        SGROUP => skip_group(buf, pos)?,
        _ => return None,
    }
    if *pos > buf.len() {
        return None;
    }
    Some(Field {
        tag,
        wt,
        key: key_at,
        value,
    })
}

/// Skips the rest of a group whose start key has been read.
fn skip_group(buf: &[u8], pos: &mut usize) -> Option<()> {
    let mut open = 1usize;
    loop {
        let key = read_varint(buf, pos)?;
        match (key & 7) as u8 {
            VARINT => {
                read_varint(buf, pos)?;
            }
            I64 => *pos += 8,
            I32 => *pos += 4,
            LEN => {
                let len = read_varint(buf, pos)?;
                *pos = pos.saturating_add(usize::try_from(len).ok()?);
            }
            SGROUP => open += 1,
            EGROUP => {
                open -= 1;
                if open == 0 {
                    return Some(());
                }
            }
            _ => return None,
        }
        if *pos > buf.len() {
            return None;
        }
    }
}

/// The value of a varint field whose key starts at `key`.
#[inline(always)]
pub(crate) fn varint_at(buf: &[u8], key: u32) -> Option<u64> {
    if key == NONE {
        return None;
    }
    let mut pos = key as usize;
    read_varint(buf, &mut pos)?;
    read_varint(buf, &mut pos)
}

/// The payload of a length-delimited field whose key starts at `key`.
#[inline(always)]
pub(crate) fn len_at(buf: &[u8], key: u32) -> Option<&[u8]> {
    if key == NONE {
        return None;
    }
    let mut pos = key as usize;
    read_varint(buf, &mut pos)?;
    payload_at(buf, pos)
}

/// The payload of a length-delimited value whose length starts at `pos`.
#[inline(always)]
pub(crate) fn payload_at(buf: &[u8], pos: usize) -> Option<&[u8]> {
    let (start, end) = payload_range(buf, pos)?;
    buf.get(start..end)
}

/// The range of the payload of a length-delimited value whose length starts at `pos`.
#[inline(always)]
pub(crate) fn payload_range(buf: &[u8], mut pos: usize) -> Option<(usize, usize)> {
    let len = usize::try_from(read_varint(buf, &mut pos)?).ok()?;
    let end = pos.checked_add(len)?;
    (end <= buf.len()).then_some((pos, end))
}

/// The value of a 4-byte field whose key starts at `key`.
// The Mesos schema has no 4-byte field; kept for the generator's other types.
#[allow(dead_code)]
#[inline(always)]
pub(crate) fn fixed32_at(buf: &[u8], key: u32) -> Option<u32> {
    if key == NONE {
        return None;
    }
    let mut pos = key as usize;
    read_varint(buf, &mut pos)?;
    Some(u32::from_le_bytes(buf.get(pos..pos + 4)?.try_into().ok()?))
}

/// The value of an 8-byte field whose key starts at `key`.
#[inline(always)]
pub(crate) fn fixed64_at(buf: &[u8], key: u32) -> Option<u64> {
    if key == NONE {
        return None;
    }
    let mut pos = key as usize;
    read_varint(buf, &mut pos)?;
    Some(u64::from_le_bytes(buf.get(pos..pos + 8)?.try_into().ok()?))
}

/// A string field's text: checked at parse time, and checked again here because safe Rust
/// cannot skip the check (an ASCII fast path makes it cheap for Mesos' short strings).
#[inline(always)]
pub(crate) fn str_at(buf: &[u8], key: u32) -> Option<&str> {
    std::str::from_utf8(len_at(buf, key)?).ok()
}

/// "No occurrence" in a [`Slot`].
pub(crate) const NONE: u32 = u32::MAX;

/// Where a field occurs in a view's bytes: the keys of its first and last occurrences.
/// Singular scalars read the last (last one wins); repeated fields iterate from the first to
/// the last; singular messages merge all occurrences when there are several.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Slot {
    pub(crate) first: u32,
    pub(crate) last: u32,
}

impl Slot {
    pub(crate) const NONE: Slot = Slot {
        first: NONE,
        last: NONE,
    };

    #[inline(always)]
    pub(crate) fn push(&mut self, key: usize) {
        if self.first == NONE {
            self.first = key as u32;
        }
        self.last = key as u32;
    }
}

/// The bytes behind a view: one encoded message, or, when a singular message field occurred
/// several times on the wire, all its occurrences, which protobuf merges as if concatenated.
/// Segments are ranges of `buf`; only that rare case allocates. (A thin `Arc` keeps views
/// small: they are returned by value all the time.)
#[derive(Clone, Debug)]
pub(crate) struct Src<'a> {
    pub(crate) buf: &'a [u8],
    pub(crate) segs: Option<Arc<Vec<(u32, u32)>>>,
}

impl<'a> Src<'a> {
    #[inline(always)]
    pub(crate) fn one(buf: &'a [u8]) -> Self {
        Src { buf, segs: None }
    }

    /// Calls `f` with the number and key offset of every field, in wire order.
    #[inline(always)]
    pub(crate) fn scan(&self, maps: &[u32], mut f: impl FnMut(u32, usize)) {
        match &self.segs {
            None => {
                let mut pos = 0;
                while let Some(field) = next_field(self.buf, &mut pos, maps) {
                    f(field.tag, field.key);
                }
            }
            Some(segs) => {
                for &(start, end) in segs.iter() {
                    let seg = self.buf.get(..end as usize).unwrap_or_default();
                    let mut pos = start as usize;
                    while let Some(field) = next_field(seg, &mut pos, maps) {
                        f(field.tag, field.key);
                    }
                }
            }
        }
    }

    /// The bytes of a singular message field found at `slot`: its only occurrence, or the
    /// merge of all of them. `None` when absent.
    #[inline(always)]
    pub(crate) fn message(&self, slot: Slot, tag: u32, maps: &[u32]) -> Option<Src<'a>> {
        if slot.first == NONE {
            return None;
        }
        if slot.first == slot.last {
            return len_at(self.buf, slot.first).map(Src::one);
        }
        self.merged(slot, tag, maps)
    }

    #[cold]
    fn merged(&self, slot: Slot, tag: u32, maps: &[u32]) -> Option<Src<'a>> {
        let mut parts: Vec<(usize, usize)> = Vec::new();
        let mut visit = |seg: &[u8], mut pos: usize| {
            while let Some(field) = next_field(seg, &mut pos, maps) {
                if field.tag == tag
                    && field.key >= slot.first as usize
                    && field.key <= slot.last as usize
                {
                    if let Some(range) = payload_range(seg, field.value) {
                        parts.push(range);
                    }
                }
            }
        };
        match &self.segs {
            None => visit(self.buf, slot.first as usize),
            Some(segs) => {
                for &(start, end) in segs.iter() {
                    if (end as usize) <= slot.first as usize {
                        continue;
                    }
                    let seg = self.buf.get(..end as usize).unwrap_or_default();
                    visit(seg, (start as usize).max(slot.first as usize));
                }
            }
        }
        let lo = parts.iter().map(|p| p.0).min()?;
        let hi = parts.iter().map(|p| p.1).max()?;
        let buf = self.buf.get(lo..hi)?;
        let segs: Vec<(u32, u32)> = parts
            .iter()
            .map(|&(s, e)| ((s - lo) as u32, (e - lo) as u32))
            .collect();
        Some(Src {
            buf,
            segs: Some(Arc::new(segs)),
        })
    }

    /// The segments, in order: the one message, or each merged occurrence.
    pub(crate) fn segments(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        let single = self.segs.is_none().then_some(self.buf);
        let many = self.segs.iter().flat_map(move |segs| {
            segs.iter()
                .map(move |&(s, e)| self.buf.get(s as usize..e as usize).unwrap_or_default())
        });
        single.into_iter().chain(many)
    }
}

/// Decodes a prost message from a view's bytes: all segments merged in order, which is what
/// prost does with repeated occurrences of a singular message field.
pub(crate) fn decode<M: prost::Message + Default>(src: &Src<'_>) -> M {
    let mut message = M::default();
    for seg in src.segments() {
        // The checking reader accepted these bytes with at most the depth budget prost gives a
        // top-level decode, so prost accepts them too.
        if message.merge(seg).is_err() {
            return M::default();
        }
    }
    message
}
