//! The iterator over a repeated field of a view, and the element kinds it decodes: numbers
//! (packed or not, as prost accepts both), strings, bytes, enums and nested views.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use super::wire::{self, I32, I64, LEN, NONE, Slot, Src, VARINT};

/// A value as the wire holds it, before it is given its schema type.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub enum Raw<'a> {
    /// A varint.
    Varint(u64),
    /// Four little-endian bytes.
    Fixed32(u32),
    /// Eight little-endian bytes.
    Fixed64(u64),
    /// A length-delimited payload.
    Len(&'a [u8]),
}

pub(crate) mod sealed {
    /// Keeps [`Element`](super::Element) implemented by this crate only.
    pub trait Sealed {}
}

/// The element type of a [`Repeated`] field: what one occurrence on the wire decodes to.
/// Implemented by the [`kind`](super::kind) markers and by every generated view.
pub trait Element<'a>: sealed::Sealed {
    /// What the iterator yields.
    type Item;
    /// The wire type of one element; numeric elements also come packed in a
    /// length-delimited run.
    #[doc(hidden)]
    const ENCODING: u8;
    /// Gives a raw value its type; `None` skips it (an enum value the schema does not know,
    /// as prost's enum getters skip them).
    #[doc(hidden)]
    fn from_raw(raw: Raw<'a>) -> Option<Self::Item>;
}

/// Reads one raw value of `encoding` at `pos`.
#[inline(always)]
fn read_raw<'a>(encoding: u8, buf: &'a [u8], pos: &mut usize) -> Option<Raw<'a>> {
    match encoding {
        VARINT => wire::read_varint(buf, pos).map(Raw::Varint),
        I32 => {
            let bytes = buf.get(*pos..*pos + 4)?;
            *pos += 4;
            Some(Raw::Fixed32(u32::from_le_bytes(bytes.try_into().ok()?)))
        }
        I64 => {
            let bytes = buf.get(*pos..*pos + 8)?;
            *pos += 8;
            Some(Raw::Fixed64(u64::from_le_bytes(bytes.try_into().ok()?)))
        }
        _ => {
            let (start, end) = wire::payload_range(buf, *pos)?;
            *pos = end;
            buf.get(start..end).map(Raw::Len)
        }
    }
}

/// The values of a repeated field, in wire order, borrowed from the view's bytes.
pub struct Repeated<'a, T> {
    buf: &'a [u8],
    segs: Option<Arc<Vec<(u32, u32)>>>,
    seg: usize,
    pos: usize,
    end: usize,
    /// The key offset of the field's last occurrence: nothing after it is looked at.
    last: usize,
    done: bool,
    tag: u32,
    maps: &'static [u32],
    /// The rest of a packed run being read.
    run: (usize, usize),
    _kind: PhantomData<fn() -> T>,
}

impl<'a, T> Repeated<'a, T> {
    pub(crate) fn new(src: &Src<'a>, slot: Slot, tag: u32, maps: &'static [u32]) -> Self {
        let mut it = Repeated {
            buf: src.buf,
            segs: src.segs.clone(),
            seg: 0,
            pos: slot.first as usize,
            end: src.buf.len(),
            last: slot.last as usize,
            done: slot.first == NONE,
            tag,
            maps,
            run: (0, 0),
            _kind: PhantomData,
        };
        if let Some(segs) = &it.segs {
            // Start in the segment holding the first occurrence.
            match segs.iter().position(|&(_, e)| (e as usize) > it.pos) {
                Some(i) => {
                    it.seg = i;
                    it.end = segs[i].1 as usize;
                }
                None => it.done = true,
            }
        }
        it
    }
}

impl<'a, T: Element<'a>> Iterator for Repeated<'a, T> {
    type Item = T::Item;

    #[inline]
    fn next(&mut self) -> Option<T::Item> {
        loop {
            if self.run.0 < self.run.1 {
                let run = self.buf.get(..self.run.1).unwrap_or_default();
                match read_raw(T::ENCODING, run, &mut self.run.0) {
                    Some(raw) => match T::from_raw(raw) {
                        Some(item) => return Some(item),
                        None => continue,
                    },
                    None => {
                        self.run.0 = self.run.1;
                        continue;
                    }
                }
            }
            if self.done {
                return None;
            }
            let seg = self.buf.get(..self.end).unwrap_or_default();
            let Some(field) = wire::next_field(seg, &mut self.pos, self.maps) else {
                // End of a segment: go on with the next merged one, if any.
                if let Some(segs) = &self.segs {
                    self.seg += 1;
                    if let Some(&(start, end)) = segs.get(self.seg) {
                        self.pos = start as usize;
                        self.end = end as usize;
                        continue;
                    }
                }
                self.done = true;
                return None;
            };
            if field.key >= self.last {
                self.done = true;
                if field.key > self.last {
                    return None;
                }
            }
            if field.tag != self.tag {
                continue;
            }
            if field.wt == LEN && T::ENCODING != LEN {
                self.run = wire::payload_range(seg, field.value).unwrap_or((0, 0));
                continue;
            }
            let mut pos = field.value;
            if let Some(item) = read_raw(T::ENCODING, seg, &mut pos).and_then(T::from_raw) {
                return Some(item);
            }
        }
    }
}

impl<T> Clone for Repeated<'_, T> {
    fn clone(&self) -> Self {
        Repeated {
            buf: self.buf,
            segs: self.segs.clone(),
            seg: self.seg,
            pos: self.pos,
            end: self.end,
            last: self.last,
            done: self.done,
            tag: self.tag,
            maps: self.maps,
            run: self.run,
            _kind: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Repeated<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Repeated")
            .field("tag", &self.tag)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

/// Markers naming the protobuf scalar type of a [`Repeated`] field's elements.
pub mod kind {
    use std::marker::PhantomData;

    use super::{Element, Raw, sealed::Sealed};
    use crate::view::wire::{I32, I64, LEN, VARINT};

    macro_rules! scalar {
        ($(#[$doc:meta] $name:ident => $item:ty, $encoding:expr, |$raw:pat_param| $convert:expr;)*) => {$(
            #[$doc]
            #[derive(Clone, Copy, Debug)]
            pub struct $name;
            impl Sealed for $name {}
            impl<'a> Element<'a> for $name {
                type Item = $item;
                const ENCODING: u8 = $encoding;
                #[inline(always)]
                fn from_raw(raw: Raw<'a>) -> Option<$item> {
                    match raw {
                        $raw => Some($convert),
                        #[allow(unreachable_patterns)]
                        _ => None,
                    }
                }
            }
        )*};
    }

    scalar! {
        /// `int32` (and an enum's raw number): a varint, truncated to 32 bits.
        Int32 => i32, VARINT, |Raw::Varint(v)| v as i32;
        /// `int64`.
        Int64 => i64, VARINT, |Raw::Varint(v)| v as i64;
        /// `uint32`: a varint, truncated to 32 bits.
        Uint32 => u32, VARINT, |Raw::Varint(v)| v as u32;
        /// `uint64`.
        Uint64 => u64, VARINT, |Raw::Varint(v)| v;
        /// `sint32`: zigzag-encoded.
        Sint32 => i32, VARINT, |Raw::Varint(v)| ((v as u32 >> 1) as i32) ^ (-((v as u32 & 1) as i32));
        /// `sint64`: zigzag-encoded.
        Sint64 => i64, VARINT, |Raw::Varint(v)| ((v >> 1) as i64) ^ (-((v & 1) as i64));
        /// `bool`: any non-zero varint is true.
        Bool => bool, VARINT, |Raw::Varint(v)| v != 0;
        /// `double`.
        Double => f64, I64, |Raw::Fixed64(v)| f64::from_bits(v);
        /// `float`.
        Float => f32, I32, |Raw::Fixed32(v)| f32::from_bits(v);
        /// `fixed32`.
        Fixed32 => u32, I32, |Raw::Fixed32(v)| v;
        /// `fixed64`.
        Fixed64 => u64, I64, |Raw::Fixed64(v)| v;
        /// `sfixed32`.
        Sfixed32 => i32, I32, |Raw::Fixed32(v)| v as i32;
        /// `sfixed64`.
        Sfixed64 => i64, I64, |Raw::Fixed64(v)| v as i64;
    }

    /// `string`: borrowed text (checked to be UTF-8 when the view was parsed).
    #[derive(Clone, Copy, Debug)]
    pub struct Str;
    impl Sealed for Str {}
    impl<'a> Element<'a> for Str {
        type Item = &'a str;
        const ENCODING: u8 = LEN;
        #[inline(always)]
        fn from_raw(raw: Raw<'a>) -> Option<&'a str> {
            match raw {
                Raw::Len(bytes) => std::str::from_utf8(bytes).ok(),
                _ => None,
            }
        }
    }

    /// `bytes`: borrowed bytes.
    #[derive(Clone, Copy, Debug)]
    pub struct Bytes;
    impl Sealed for Bytes {}
    impl<'a> Element<'a> for Bytes {
        type Item = &'a [u8];
        const ENCODING: u8 = LEN;
        #[inline(always)]
        fn from_raw(raw: Raw<'a>) -> Option<&'a [u8]> {
            match raw {
                Raw::Len(bytes) => Some(bytes),
                _ => None,
            }
        }
    }

    /// A protobuf enum `E`: yields the values `E` knows, skipping others, like prost's getter
    /// of a repeated enum field.
    pub struct Enum<E>(PhantomData<fn() -> E>);
    impl<E> Sealed for Enum<E> {}
    impl<'a, E: TryFrom<i32>> Element<'a> for Enum<E> {
        type Item = E;
        const ENCODING: u8 = VARINT;
        #[inline(always)]
        fn from_raw(raw: Raw<'a>) -> Option<E> {
            match raw {
                Raw::Varint(v) => E::try_from(v as i32).ok(),
                _ => None,
            }
        }
    }
}
