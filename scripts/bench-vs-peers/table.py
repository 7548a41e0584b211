"""Prints the Markdown table of scripts/bench-vs-peers.sh from the results in OUT_DIR.

    python table.py OUT_DIR

Reads OUT_DIR/{ours,peer}-{events,recordio}.tsv (name<TAB>items/s<TAB>MB/s, best of 5 each) and
the inputs' manifests for the sizes. The ratio is ours/peer of the rates: above 1, the SDK is
faster.
"""

import os
import sys

EVENTS = {
    "heartbeat": "HEARTBEAT",
    "subscribed": "SUBSCRIBED",
    "update": "UPDATE",
    "offers10": "OFFERS (10 offers)",
}


def read_tsv(path, header=False):
    with open(path) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    return rows[1:] if header else rows


def results(out, kind):
    ours = {row[0]: (float(row[1]), float(row[2])) for row in read_tsv(f"{out}/ours-{kind}.tsv")}
    peer = {row[0]: (float(row[1]), float(row[2])) for row in read_tsv(f"{out}/peer-{kind}.tsv")}
    return ours, peer


def rate(value, unit):
    """1234567.8 -> '1.23 M ev/s'; small rates keep their digits."""
    if value >= 1e6:
        return f"{value / 1e6:,.2f} M {unit}"
    if value >= 1e3:
        return f"{value / 1e3:,.1f} k {unit}"
    return f"{value:,.1f} {unit}"


def main():
    out = sys.argv[1]
    rows = []

    sizes = {row[0]: int(row[3]) for row in read_tsv(f"{out}/inputs/events/manifest.tsv", True)}
    ours, peer = results(out, "events")
    for name, size in sizes.items():
        for suffix, what in [("@sdk", "through the SDK (checked LazyEvent)"),
                             ("+read@sdk", "through the SDK + read offers (view)"),
                             ("", "decoded into prost types"),
                             ("+read", "decoded into prost types + read offers")]:
            key = f"event/{name}{suffix}"
            # An SDK row is set against the peer's row of the same work.
            peer_key = key.removesuffix("@sdk")
            if key not in ours or peer_key not in peer:
                continue
            label = f"{EVENTS.get(name, name)} {what} ({size:,} B) vs Python upb"
            rows.append((label, rate(ours[key][0], "ev/s"), rate(peer[peer_key][0], "ev/s"),
                         ours[key][0] / peer[peer_key][0]))

    streams = read_tsv(f"{out}/inputs/recordio/manifest.tsv", True)
    ours, peer = results(out, "recordio")
    cell = lambda r: f"{rate(r[0], 'rec/s')}, {r[1]:,.0f} MB/s"
    for name, *_ in streams:
        key = f"recordio/{name}"
        for suffix, what in [("", ""), ("+contiguous", ", made contiguous"),
                             ("@copy", ": fresh 16 KiB buffers alone, no framing (the floor)"),
                             ("@held", ": fresh 16 KiB buffers, each held until the next is made, "
                                       "no framing (the floor of a reader that does not copy)")]:
            if key + suffix not in ours:
                continue
            rows.append((f"RecordIO {name} records{what}, 16 KiB chunks vs mesos-go",
                         cell(ours[key + suffix]), cell(peer[key]),
                         ours[key + suffix][0] / peer[key][0]))

    print("| workload | ours (mesos-sdk) | peer | ratio (ours/peer) |")
    print("| --- | ---: | ---: | ---: |")
    for label, o, p, ratio in rows:
        print(f"| {label} | {o} | {p} | {ratio:.2f}× |")
    print()
    print("Best of 5 timed runs of fixed iteration counts on each side, one side at a time. "
          "Events, from the same bytes: 'through the SDK' is what `SessionEvents` and the "
          "scheduler `EventStream` do with each record (a `LazyEvent`: checked as prost checks, "
          "read in place through its `EventView`); 'decoded into prost types' is `Event::decode` "
          "from a `Bytes` (what `LazyEvent::into_event` gives); the peer is `Event.FromString`; "
          "'+ read offers' also reads every offer's ids, hostname, resources and attributes, "
          "which is when upb creates its Python objects. RecordIO: the same streams (8 MiB "
          "each, 8 passes a run) in 16 KiB pieces, fresh `Bytes` into `RecordIoReader` vs an "
          "`io.Reader` into `recordio.NewReader`; 'made contiguous' copies each record that spans "
          "chunks into one `Bytes`, as mesos-go's `bufio.Scanner` does; MB/s of the stream, "
          "MB = 10^6 bytes.")


if __name__ == "__main__":
    main()
