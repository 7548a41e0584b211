//! Property tests for the resource algebra: addition is commutative and associative and is
//! undone by subtraction, containment agrees with checked subtraction, ranges stay sorted and
//! coalesced, scalars sum in fixed point, `pick(n)` returns the n lowest values, pushing a
//! reservation is undone by popping it, and `to_unreserved` keeps every quantity.

use std::ops::RangeInclusive;

use mesos_sdk::resources::{Ranges, Resources, Scalar, Set};
use mesos_sdk::v1;
use mesos_sdk::v1::resource::{AllocationInfo, ReservationInfo, reservation_info};
use proptest::prelude::*;

/// Small ranges over a narrow space, so that overlaps and adjacency are frequent.
fn arb_ranges() -> impl Strategy<Value = Ranges> {
    prop::collection::vec((0u64..200, 0u64..12), 0..6)
        .prop_map(|pairs| pairs.into_iter().map(|(b, len)| b..=b + len).collect())
}

/// Ranges that may reach the ends of `u64`.
fn arb_edge_ranges() -> impl Strategy<Value = Ranges> {
    let bound = prop_oneof![0u64..4, (u64::MAX - 3)..=u64::MAX, any::<u64>(),];
    prop::collection::vec((bound.clone(), bound), 0..5).prop_map(|pairs| {
        pairs
            .into_iter()
            .map(|(a, b)| a.min(b)..=a.max(b))
            .collect()
    })
}

fn arb_set() -> impl Strategy<Value = Set> {
    prop::collection::vec("[a-e]", 0..4).prop_map(|items| items.into_iter().collect())
}

/// Thousandths, as `Value.Scalar` doubles written back the way Mesos writes them.
fn arb_scalar() -> impl Strategy<Value = Scalar> {
    (0u64..20_000).prop_map(Scalar::from_millis)
}

/// One resource of a few names, in a few reservation/allocation forms, including both
/// spellings of "unreserved" (`role` unset and `role: "*"`).
fn arb_resource() -> impl Strategy<Value = v1::Resource> {
    let value = prop_oneof![
        (prop_oneof![Just("cpus"), Just("mem")], arb_scalar())
            .prop_map(|(name, s)| { mesos_sdk::resources::scalar_resource(name, s) }),
        arb_ranges().prop_map(|r| mesos_sdk::resources::ranges_resource("ports", &r)),
        arb_set().prop_map(|s| mesos_sdk::resources::set_resource("disks", &s)),
    ];
    let role = prop_oneof![Just(None), Just(Some("*")), Just(Some("web"))];
    let allocation = prop_oneof![Just(None), Just(Some("web")), Just(Some("db"))];
    (value, role, allocation).prop_map(|(mut resource, role, allocation)| {
        #[allow(deprecated)]
        {
            resource.role = role.map(str::to_owned);
        }
        resource.allocation_info = allocation.map(|r| AllocationInfo {
            role: Some(r.to_owned()),
        });
        resource
    })
}

fn arb_resources() -> impl Strategy<Value = Resources> {
    prop::collection::vec(arb_resource(), 0..8).prop_map(|list| {
        Resources::try_from(list.as_slice()).expect("generated resources are valid")
    })
}

/// A dynamic reservation for `web/<sub>`: a refinement of `web` (the only role `arb_resource`
/// reserves for) and a valid first reservation of unreserved resources.
fn arb_refinement() -> impl Strategy<Value = ReservationInfo> {
    (
        prop_oneof![Just("a"), Just("b")],
        prop::option::of(Just("ops")),
    )
        .prop_map(|(sub, principal)| ReservationInfo {
            r#type: Some(reservation_info::Type::Dynamic as i32),
            role: Some(format!("web/{sub}")),
            principal: principal.map(str::to_owned),
            labels: None,
        })
}

/// Every quantity, whatever its reservation.
fn totals(r: &Resources) -> (Scalar, Scalar, Ranges, Set) {
    (r.cpus(), r.mem(), r.ports(), r.set("disks"))
}

fn plus(a: &Resources, b: &Resources) -> Resources {
    let mut sum = a.clone();
    sum.add(b);
    sum
}

fn pairs(ranges: &Ranges) -> Vec<(u64, u64)> {
    ranges.iter().map(RangeInclusive::into_inner).collect()
}

/// Sorted, non-empty, neither overlapping nor adjacent.
fn is_coalesced(ranges: &Ranges) -> bool {
    let p = pairs(ranges);
    p.iter().all(|(b, e)| b <= e)
        && p.windows(2)
            .all(|w| w[1].0 > w[0].1 && w[1].0 - w[0].1 >= 2)
}

/// Membership by brute force over the small space `arb_ranges` draws from.
fn members(ranges: &Ranges) -> Vec<u64> {
    (0..260).filter(|v| ranges.contains(*v)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn add_is_commutative(a in arb_resources(), b in arb_resources()) {
        prop_assert_eq!(plus(&a, &b), plus(&b, &a));
    }

    #[test]
    fn add_is_associative(a in arb_resources(), b in arb_resources(), c in arb_resources()) {
        prop_assert_eq!(plus(&plus(&a, &b), &c), plus(&a, &plus(&b, &c)));
    }

    #[test]
    fn sum_contains_its_parts(a in arb_resources(), b in arb_resources()) {
        let sum = plus(&a, &b);
        prop_assert!(sum.contains(&a));
        prop_assert!(sum.contains(&b));
        prop_assert!(sum.contains(&Resources::new()));
        prop_assert_eq!(sum.cpus(), a.cpus() + b.cpus());
        prop_assert_eq!(sum.ports(), a.ports().union(&b.ports()));
    }

    #[test]
    fn subtract_undoes_add(a in arb_resources(), b in arb_resources()) {
        // Ranges and sets are unions, so only what `a` does not already hold comes back out:
        // take the values `a` has (in the same entry) out of `b` first; scalars stay as they are.
        let a_values = a.filter(|r| r.scalar.is_none());
        let b = b.saturating_sub(&a_values);
        let sum = plus(&a, &b);
        prop_assert_eq!(sum.checked_sub(&b), Some(a.clone()));
        prop_assert_eq!(sum.saturating_sub(&b), a);
    }

    #[test]
    fn subtract_then_add_restores(a in arb_resources(), b in arb_resources()) {
        match a.checked_sub(&b) {
            Some(rest) => {
                prop_assert!(a.contains(&b));
                prop_assert_eq!(plus(&rest, &b), a.clone());
                prop_assert_eq!(a.saturating_sub(&b), rest);
            }
            None => prop_assert!(!a.contains(&b)),
        }
        // Whatever is subtracted, what is left is contained and nothing is empty.
        let left = a.saturating_sub(&b);
        prop_assert!(a.contains(&left));
        let none_empty = left.iter().all(|r| {
            r.scalar.is_some_and(|s| s.value > 0.0)
                || r.ranges.as_ref().is_some_and(|x| !x.range.is_empty())
                || r.set.as_ref().is_some_and(|x| !x.item.is_empty())
        });
        prop_assert!(none_empty);
    }

    #[test]
    fn self_minus_self_is_empty(a in arb_resources()) {
        prop_assert_eq!(a.checked_sub(&a), Some(Resources::new()));
        prop_assert!(a.saturating_sub(&a).is_empty());
    }

    #[test]
    fn messages_round_trip(a in arb_resources()) {
        let messages: Vec<v1::Resource> = a.to_vec();
        prop_assert_eq!(Resources::try_from(messages.as_slice()), Ok(a.clone()));
        let by_role = a.by_allocation_role();
        let mut rejoined = a.filter(|r| r.allocation_info.is_none());
        for part in by_role.values() {
            rejoined.add(part);
        }
        prop_assert_eq!(rejoined, a);
    }

    #[test]
    fn push_then_pop_reservation_is_identity(a in arb_resources(), r in arb_refinement()) {
        let pushed = a.push_reservation(r.clone()).expect("a refinement of every role held");
        prop_assert_eq!(totals(&pushed), totals(&a));
        prop_assert_eq!(pushed.reserved(r.role.as_deref().unwrap_or_default()), pushed.clone());
        prop_assert_eq!(pushed.pop_reservation(), Some(a.clone()));
        // Messages come out in the refinement format, and read back the same.
        #[allow(deprecated)]
        let old_fields = pushed.iter().any(|x| x.role.is_some() || x.reservation.is_some());
        prop_assert!(!old_fields);
        prop_assert_eq!(Resources::try_from(pushed.to_vec().as_slice()), Ok(pushed.clone()));
    }

    #[test]
    fn pop_needs_every_entry_reserved(a in arb_resources()) {
        let popped = a.pop_reservation();
        prop_assert_eq!(popped.is_some(), a.unreserved().is_empty());
        if let Some(popped) = popped {
            prop_assert_eq!(totals(&popped), totals(&a));
            prop_assert!(popped.reserved_any().is_empty());
        }
    }

    #[test]
    fn to_unreserved_keeps_quantities(
        a in arb_resources(),
        b in arb_resources(),
        r in arb_refinement(),
    ) {
        let u = a.to_unreserved();
        prop_assert!(u.reserved_any().is_empty());
        prop_assert_eq!(totals(&u), totals(&a));
        prop_assert_eq!(u.to_unreserved(), u.clone());
        prop_assert_eq!(a.unreserved().to_unreserved(), a.unreserved());
        let pushed = a.push_reservation(r).expect("refines");
        prop_assert_eq!(pushed.to_unreserved(), u.clone());
        prop_assert_eq!(
            plus(&a, &b).to_unreserved(),
            plus(&u, &b.to_unreserved())
        );
    }

    #[test]
    fn ranges_stay_coalesced(a in arb_ranges(), b in arb_ranges()) {
        for r in [a.union(&b), a.difference(&b), a.intersection(&b), a.clone(), b.clone()] {
            prop_assert!(is_coalesced(&r), "not coalesced: {}", r);
        }
        let (ma, mb) = (members(&a), members(&b));
        let union: Vec<u64> = (0..260).filter(|v| ma.contains(v) || mb.contains(v)).collect();
        let diff: Vec<u64> = ma.iter().copied().filter(|v| !mb.contains(v)).collect();
        prop_assert_eq!(members(&a.union(&b)), union);
        prop_assert_eq!(members(&a.difference(&b)), diff);
        prop_assert_eq!(a.is_subset(&b), ma.iter().all(|v| mb.contains(v)));
        prop_assert_eq!(a.value_count(), ma.len() as u128);
        prop_assert_eq!(a.difference(&b).union(&b), a.union(&b));
    }

    #[test]
    fn edge_ranges_stay_coalesced(a in arb_edge_ranges(), b in arb_edge_ranges()) {
        for r in [a.union(&b), a.difference(&b), a.intersection(&b)] {
            prop_assert!(is_coalesced(&r), "not coalesced: {}", r);
        }
        prop_assert!(a.difference(&b).is_subset(&a));
        prop_assert!(a.intersection(&b).is_subset(&b));
        prop_assert_eq!(
            a.difference(&b).value_count() + a.intersection(&b).value_count(),
            a.value_count()
        );
    }

    #[test]
    fn pick_returns_n_lowest_distinct_values(a in arb_ranges(), n in 0u64..80) {
        let all = members(&a);
        match a.pick(n) {
            Some(picked) => {
                prop_assert!(picked.is_subset(&a));
                prop_assert_eq!(picked.value_count(), u128::from(n));
                // Distinct by construction (a set of values); and the lowest ones.
                let expected: Vec<u64> = all.iter().copied().take(n as usize).collect();
                prop_assert_eq!(members(&picked), expected);
                prop_assert!(is_coalesced(&picked));
            }
            None => prop_assert!((all.len() as u64) < n),
        }
    }

    #[test]
    fn scalars_sum_in_fixed_point(values in prop::collection::vec(0.0f64..10_000.0, 0..20)) {
        let sum: Scalar = values
            .iter()
            .map(|v| Scalar::from_f64(*v).expect("finite and non-negative"))
            .sum();
        // The same as summing llround(v * 1000) as integers...
        let millis: u64 = values.iter().map(|v| (v * 1000.0).round() as u64).sum();
        prop_assert_eq!(sum.millis(), millis);
        // ...and the f64 goes back to the same fixed-point value.
        prop_assert_eq!(Scalar::from_f64(sum.to_f64()), Some(sum));
        // Resources agree.
        let list: Vec<v1::Resource> = values
            .iter()
            .map(|v| {
                mesos_sdk::resources::scalar_resource(
                    "cpus",
                    Scalar::from_f64(*v).expect("valid"),
                )
            })
            .collect();
        prop_assert_eq!(Resources::try_from(list.as_slice()).map(|r| r.cpus()), Ok(sum));
    }

    #[test]
    fn tenths_add_exactly(a in 0u64..1000, b in 0u64..1000) {
        let x = Scalar::from_f64(a as f64 / 10.0).expect("valid");
        let y = Scalar::from_f64(b as f64 / 10.0).expect("valid");
        prop_assert_eq!(x + y, Scalar::from_f64((a + b) as f64 / 10.0).expect("valid"));
    }

    #[test]
    fn parse_and_display_round_trip(a in arb_ranges()) {
        let text = a.to_string();
        prop_assert_eq!(text.parse::<Ranges>(), Ok(a));
    }

    #[test]
    fn sets_follow_set_algebra(a in arb_set(), b in arb_set()) {
        prop_assert!(a.is_subset(&a.union(&b)));
        prop_assert_eq!(a.difference(&b).union(&b), a.union(&b));
        prop_assert!(a.difference(&b).iter().all(|i| !b.contains(i)));
    }

    #[test]
    fn untrusted_messages_never_panic(
        name in "[a-z]{0,3}",
        kind in -1i32..5,
        scalar in prop::option::of(prop_oneof![any::<f64>(), Just(f64::NAN), Just(-0.0)]),
        ranges in prop::option::of(prop::collection::vec((any::<u64>(), any::<u64>()), 0..3)),
        role in prop::option::of(prop_oneof![Just(""), Just("*"), Just("web")]),
    ) {
        let mut resource = v1::Resource {
            name,
            r#type: kind,
            scalar: scalar.map(|value| v1::value::Scalar { value }),
            ranges: ranges.map(|r| v1::value::Ranges {
                range: r.into_iter().map(|(begin, end)| v1::value::Range { begin, end }).collect(),
            }),
            ..Default::default()
        };
        #[allow(deprecated)]
        {
            resource.role = role.map(str::to_owned);
        }
        let mut all = Resources::new();
        if let Ok(one) = Resources::try_from(std::slice::from_ref(&resource)) {
            all.add(&one);
            let _ = all.to_string();
            prop_assert!(all.contains(&one));
        }
    }
}
