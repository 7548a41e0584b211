//! Errors from validating `v1::Resource` messages and from parsing the agent's `--resources`
//! text form. Untrusted input yields these, never a panic.

use std::fmt;

pub use super::scalar::InvalidScalar;

/// A range whose begin is above its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("range begin {begin} is above its end {end}")]
pub struct RangesError {
    /// The range's begin.
    pub begin: u64,
    /// The range's end.
    pub end: u64,
}

/// A `v1::Resource` that is not valid, naming the resource and what is wrong with it.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("resource #{index} {name:?}: {problem}")]
pub struct InvalidResource {
    /// Position of the resource in the list that was converted (0 for a single resource).
    pub index: usize,
    /// The resource's name (possibly empty: that is one of the problems).
    pub name: String,
    /// What is wrong.
    pub problem: ResourceProblem,
}

/// What is wrong with an [`InvalidResource`].
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ResourceProblem {
    /// `name` is empty.
    #[error("the name is empty")]
    EmptyName,
    /// `type` is not a `Value.Type` this SDK knows.
    #[error("unknown value type {0}")]
    UnknownType(i32),
    /// `type` is TEXT, which only attributes may use.
    #[error("TEXT is not a resource type")]
    TextType,
    /// The value field for `type` is missing.
    #[error("type is {expected} but the {expected} field is not set")]
    MissingValue {
        /// The type's name: `SCALAR`, `RANGES` or `SET`.
        expected: &'static str,
    },
    /// A value field other than the one for `type` is set.
    #[error("type is {expected} but the {found} field is set too")]
    ExtraValue {
        /// The type's name.
        expected: &'static str,
        /// The other field's name.
        found: &'static str,
    },
    /// The scalar is NaN or infinite.
    #[error("scalar {0} is not finite")]
    NonFiniteScalar(f64),
    /// The scalar is negative.
    #[error("scalar {0} is negative")]
    NegativeScalar(f64),
    /// The scalar exceeds Mesos' fixed-point range.
    #[error("scalar {0} is too large")]
    ScalarTooLarge(f64),
    /// A range has its begin above its end.
    #[error(transparent)]
    InvertedRange(#[from] RangesError),
    /// A `reservation` without a role to reserve for (`role` unset or `*`, no `reservations`).
    #[error("a reservation needs a role other than \"*\"")]
    ReservationWithoutRole,
    /// An entry of the `reservations` stack without a role, or with role `*`.
    #[error("reservation #{0} of the stack has no role")]
    StackEntryWithoutRole(usize),
}

/// Why [`Resources::push_reservation`](super::Resources::push_reservation) refused a
/// reservation: the rules upstream's `Resources::validate` sets for a reservation stack.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RefinementError {
    /// `type` is unset or neither STATIC nor DYNAMIC.
    #[error("the reservation has no type (STATIC or DYNAMIC)")]
    MissingType,
    /// `role` is unset, `*` or not a valid role name.
    #[error("{0:?} is not a role resources can be reserved for")]
    InvalidRole(String),
    /// A STATIC reservation on top of another: refinements are DYNAMIC.
    #[error("a refined reservation cannot be STATIC")]
    StaticRefinement,
    /// The role is not strictly below the role the resources are reserved for.
    #[error("role {role:?} is not a refinement of {current:?}")]
    NotARefinement {
        /// The role of the reservation pushed.
        role: String,
        /// The role a resource is currently reserved for.
        current: String,
    },
}

/// Why a `--resources` text could not be parsed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// A `;`-separated item does not have exactly one `:` between name and value.
    #[error("{item:?}: expected `name:value` or `name(role):value`")]
    MissingColon {
        /// The item.
        item: String,
    },
    /// The `(role)` part is malformed or the role is not a valid role name.
    #[error("{item:?}: bad role")]
    BadRole {
        /// The item.
        item: String,
    },
    /// The value is no scalar, `[ranges]` or `{set}`.
    #[error("{item:?}: {reason}")]
    BadValue {
        /// The item.
        item: String,
        /// What is wrong with the value.
        reason: ValueSyntax,
    },
    /// Two items give the same resource name with different types.
    #[error("resource {name:?} is given with two different types")]
    ConflictingTypes {
        /// The name.
        name: String,
    },
    /// The item parsed, but the resource it describes is invalid.
    #[error(transparent)]
    Invalid(#[from] InvalidResource),
}

/// What is wrong with the value part of a `--resources` item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValueSyntax {
    /// Nothing after the `:`.
    Empty,
    /// `[`/`]` or `{`/`}` do not match.
    Brackets,
    /// A range is not `begin-end` with two unsigned integers.
    Range,
    /// Not a finite, non-negative number (text values are attributes, not resources).
    Scalar,
}

impl fmt::Display for ValueSyntax {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ValueSyntax::Empty => "empty value",
            ValueSyntax::Brackets => "mismatched brackets",
            ValueSyntax::Range => "a range must be `begin-end` with unsigned integers",
            ValueSyntax::Scalar => "not a non-negative number, [ranges] or {set}",
        })
    }
}
