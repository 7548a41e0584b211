"""The Python peer of scripts/bench-vs-peers.sh: decodes Mesos v1 scheduler events with Google's
protobuf runtime (the upb backend) the way examples/bench_peers.rs decodes them with the SDK.

    python decode_events.py GENERATED_DIR INPUT_DIR [NAME]

GENERATED_DIR holds the modules protoc generated from proto/mesos/v1 (mesos/v1/...); INPUT_DIR
holds events/manifest.tsv and the encoded events that the Rust side wrote. Prints the runtime on
stderr, then one line per event on stdout: name<TAB>events/s<TAB>MB/s, best of 5 timed runs of a
fixed number of decodes (the manifest's), like the Rust side. With NAME, only that event.
"""

import gc
import os
import sys
import time

REPETITIONS = 5


def read_offers(event):
    """Reads what a scheduler matches offers on, as read_offers in examples/bench_peers.rs."""
    n = 0
    for offer in event.offers.offers:
        n += len(offer.id.value) + len(offer.agent_id.value) + len(offer.hostname)
        for resource in offer.resources:
            n += len(resource.name)
            if resource.HasField("scalar"):
                n += int(resource.scalar.value)
            for r in resource.ranges.range:
                n += r.end - r.begin
        for attribute in offer.attributes:
            n += len(attribute.name)
    return n


def best_of(iterations, run):
    """The shortest of REPETITIONS timed calls of run(iterations), in seconds."""
    best = float("inf")
    # As timeit does: the collector's pauses are no part of decoding.
    gc.disable()
    try:
        for _ in range(REPETITIONS):
            start = time.perf_counter()
            run(iterations)
            best = min(best, time.perf_counter() - start)
    finally:
        gc.enable()
    return best


def main():
    generated, inputs = sys.argv[1], sys.argv[2]
    only = sys.argv[3] if len(sys.argv) > 3 else None
    sys.path.insert(0, generated)
    from google.protobuf import __version__ as protobuf_version
    from google.protobuf.internal import api_implementation
    from mesos.v1.scheduler import scheduler_pb2

    print(
        f"protobuf {protobuf_version}, backend {api_implementation.Type()}",
        file=sys.stderr,
    )
    parse = scheduler_pb2.Event.FromString
    events = os.path.join(inputs, "events")
    with open(os.path.join(events, "manifest.tsv")) as manifest:
        rows = [line.rstrip("\n").split("\t") for line in manifest][1:]
    for name, file, iterations, size in (row for row in rows if row != [""]):
        if only is not None and name != only:
            continue
        with open(os.path.join(events, file), "rb") as f:
            data = f.read()
        iterations = int(iterations)
        # The same bytes decode to the same event on both sides: check once, outside the clock.
        assert parse(data).SerializeToString() == data, name

        # Defaults bind parse and data as locals: the loop pays no closure look-ups.
        def decode(n, parse=parse, data=data):
            for _ in range(n):
                parse(data)

        def decode_and_read(n, parse=parse, data=data, read=read_offers):
            for _ in range(n):
                read(parse(data))

        workloads = [(name, decode)]
        # Decoding alone flatters upb, which creates Python objects only when fields are read.
        if parse(data).HasField("offers"):
            workloads.append((name + "+read", decode_and_read))
        for label, run in workloads:
            best = best_of(iterations, run)
            print(
                f"event/{label}\t{iterations / best:.1f}"
                f"\t{iterations * int(size) / best / 1e6:.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
