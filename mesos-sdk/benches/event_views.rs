//! prost's `Event::decode` against the zero-copy `EventView::parse` (issue #16), on the same
//! bytes: the HEARTBEAT, SUBSCRIBED, UPDATE and OFFERS (ten offers) events of
//! `common::events`. Both sides then read what a scheduler reads of the event (for offers:
//! each offer's id, agent id and hostname, each resource's name, type, scalar, ranges, role
//! and allocation role, each attribute), so the view pays for its lazy reads too.
//! Criterion reports events per second (`thrpt`).

#![allow(deprecated)] // `Resource.role`, which offers still carry.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mesos_sdk::v1::scheduler::Event;
use mesos_sdk::v1::{Attribute, Resource};
use mesos_sdk::view::scheduler::EventView;
use mesos_sdk::view::{AttributeView, ResourceView};
use prost::Message;

mod common;

use common::events::{heartbeat, offers, subscribed, update};

/// Folds what the scheduler read into a number, so that nothing is optimised away.
#[derive(Default)]
struct Sum(u64);

impl Sum {
    fn str(&mut self, s: &str) {
        self.0 = self.0.wrapping_add(s.len() as u64);
    }
    fn num(&mut self, n: u64) {
        self.0 = self.0.wrapping_add(n);
    }
}

fn read_resource(r: &Resource, sum: &mut Sum) {
    sum.str(&r.name);
    sum.num(r.r#type() as u64);
    if let Some(s) = &r.scalar {
        sum.num(s.value as u64);
    }
    if let Some(ranges) = &r.ranges {
        for range in &ranges.range {
            sum.num(range.begin ^ range.end);
        }
    }
    sum.str(r.role());
    if let Some(a) = &r.allocation_info {
        sum.str(a.role());
    }
}

fn read_attribute(a: &Attribute, sum: &mut Sum) {
    sum.str(&a.name);
    sum.num(a.r#type() as u64);
    if let Some(s) = &a.scalar {
        sum.num(s.value as u64);
    }
    if let Some(t) = &a.text {
        sum.str(&t.value);
    }
}

/// What a scheduler reads of a decoded event.
fn read_owned(event: &Event, sum: &mut Sum) {
    sum.num(event.r#type() as u64);
    if let Some(offers) = &event.offers {
        for offer in &offers.offers {
            sum.str(&offer.id.value);
            sum.str(&offer.agent_id.value);
            sum.str(&offer.hostname);
            for r in &offer.resources {
                read_resource(r, sum);
            }
            for a in &offer.attributes {
                read_attribute(a, sum);
            }
        }
    }
    if let Some(update) = &event.update {
        let s = &update.status;
        sum.str(&s.task_id.value);
        sum.num(s.state() as u64);
        sum.num(s.source() as u64);
        sum.num(s.uuid().len() as u64);
        sum.num(s.timestamp() as u64);
        sum.num(u64::from(s.healthy()));
        if let Some(agent) = &s.agent_id {
            sum.str(&agent.value);
        }
        if let Some(c) = &s.container_status {
            for n in &c.network_infos {
                for ip in &n.ip_addresses {
                    sum.str(ip.ip_address());
                }
            }
        }
    }
    if let Some(s) = &event.subscribed {
        sum.str(&s.framework_id.value);
        sum.num(s.heartbeat_interval_seconds() as u64);
        if let Some(m) = &s.master_info {
            sum.str(&m.id);
            sum.str(m.hostname());
            sum.num(u64::from(m.port));
        }
    }
}

fn read_resource_view(r: &ResourceView<'_>, sum: &mut Sum) {
    sum.str(r.name());
    sum.num(r.r#type() as u64);
    if let Some(s) = r.scalar() {
        sum.num(s.value() as u64);
    }
    if let Some(ranges) = r.ranges() {
        for range in ranges.range() {
            sum.num(range.begin() ^ range.end());
        }
    }
    sum.str(r.role());
    if let Some(a) = r.allocation_info() {
        sum.str(a.role());
    }
}

fn read_attribute_view(a: &AttributeView<'_>, sum: &mut Sum) {
    sum.str(a.name());
    sum.num(a.r#type() as u64);
    if let Some(s) = a.scalar() {
        sum.num(s.value() as u64);
    }
    if let Some(t) = a.text() {
        sum.str(t.value());
    }
}

/// The same reads through the view.
fn read_view(event: &EventView<'_>, sum: &mut Sum) {
    sum.num(event.r#type() as u64);
    if let Some(offers) = event.offers() {
        for offer in offers.offers() {
            sum.str(offer.id().value());
            sum.str(offer.agent_id().value());
            sum.str(offer.hostname());
            for r in offer.resources() {
                read_resource_view(&r, sum);
            }
            for a in offer.attributes() {
                read_attribute_view(&a, sum);
            }
        }
    }
    if let Some(update) = event.update() {
        let s = update.status();
        sum.str(s.task_id().value());
        sum.num(s.state() as u64);
        sum.num(s.source() as u64);
        sum.num(s.uuid().len() as u64);
        sum.num(s.timestamp() as u64);
        sum.num(u64::from(s.healthy()));
        if let Some(agent) = s.agent_id() {
            sum.str(agent.value());
        }
        if let Some(c) = s.container_status() {
            for n in c.network_infos() {
                for ip in n.ip_addresses() {
                    sum.str(ip.ip_address());
                }
            }
        }
    }
    if let Some(s) = event.subscribed() {
        sum.str(s.framework_id().value());
        sum.num(s.heartbeat_interval_seconds() as u64);
        if let Some(m) = s.master_info() {
            sum.str(m.id());
            sum.str(m.hostname());
            sum.num(u64::from(m.port()));
        }
    }
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("event_views");
    group.throughput(Throughput::Elements(1));
    for (label, event) in [
        ("heartbeat", heartbeat()),
        ("subscribed", subscribed()),
        ("update", update()),
        ("offers10", offers()),
    ] {
        let bytes = event.encode_to_vec();
        // Both sides must read the same thing.
        let (mut owned, mut viewed) = (Sum::default(), Sum::default());
        read_owned(&Event::decode(bytes.as_slice()).unwrap(), &mut owned);
        read_view(&EventView::parse(&bytes).unwrap(), &mut viewed);
        assert_eq!(owned.0, viewed.0, "{label}: the two readers disagree");

        group.bench_with_input(BenchmarkId::new("prost", label), &bytes, |b, bytes| {
            b.iter(|| {
                let event = Event::decode(black_box(bytes.as_slice())).expect("valid event");
                let mut sum = Sum::default();
                read_owned(&event, &mut sum);
                sum.0
            })
        });
        group.bench_with_input(BenchmarkId::new("view", label), &bytes, |b, bytes| {
            b.iter(|| {
                let event = EventView::parse(black_box(bytes.as_slice())).expect("valid event");
                let mut sum = Sum::default();
                read_view(&event, &mut sum);
                sum.0
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
