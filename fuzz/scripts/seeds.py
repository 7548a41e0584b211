#!/usr/bin/env python3
"""Writes the seed corpora of the API server targets into fuzz/corpus/<target>/.

Each seed is a valid request in the target's input format (see the targets' module docs):
a header line, then a body. Run from anywhere: python3 fuzz/scripts/seeds.py
"""
import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus")


def field(n, payload):
    """A length-delimited protobuf field (payloads here are shorter than 128 bytes)."""
    return bytes([(n << 3) | 2, len(payload)]) + payload


def entry(n, k, v):
    return field(n, field(1, k.encode()) + field(2, v.encode()))


def envelope(kind, raw):
    """The `k8s\\0` envelope around a runtime.Unknown."""
    type_meta = field(1, b"v1") + field(2, kind.encode())
    return b"k8s\x00" + field(1, type_meta) + field(2, raw)


def j(obj):
    return json.dumps(obj, separators=(",", ":")).encode()


POD = {
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {"name": "web-1", "labels": {"app": "web"}},
    "spec": {
        "containers": [
            {
                "name": "web",
                "image": "nginx:1.27",
                "ports": [{"containerPort": 80}],
                "env": [{"name": "A", "value": "1"}],
                "resources": {"limits": {"cpu": "1", "memory": "1Gi"}},
            }
        ],
        "nodeSelector": {"zone": "a"},
        "bogus": True,
    },
}

BODY = {
    "create-pod-json": b"create pods\n" + j(POD),
    "create-pod-yaml": b"create pods?fieldValidation=Strict\n"
    b"apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: web-\nspec:\n"
    b"  containers:\n  - name: web\n    image: nginx\n    args: [a, &x b, *x]\n",
    "create-configmap-yaml": b"create configmaps\n"
    b"kind: ConfigMap\nmetadata: {name: c1, labels: {app: web}}\ndata:\n  k: v\n"
    b"binaryData:\n  b: AQI=\nimmutable: true\n",
    "create-configmap-protobuf": b"create configmaps\n"
    + envelope(
        "ConfigMap",
        field(1, field(1, b"c2") + entry(11, "app", "web"))
        + entry(2, "a", "b")
        + entry(3, "bin", "\x01")
        + bytes([4 << 3, 1]),
    ),
    "create-namespace-protobuf": b"create namespaces\n"
    + envelope("Namespace", field(1, field(1, b"ns1")) + field(2, field(1, b"kubernetes"))),
    "update-pod-status": b"update pods/status\n"
    + j(
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": "fuzz", "namespace": "default"},
            "status": {
                "phase": "Running",
                "conditions": [{"type": "Ready", "status": "True"}],
                "podIP": "10.0.0.1",
            },
        }
    ),
    "update-lease-strict": b"update coordination.k8s.io/leases?fieldValidation=Strict\n"
    + j(
        {
            "apiVersion": "coordination.k8s.io/v1",
            "kind": "Lease",
            "metadata": {"name": "fuzz"},
            "spec": {"holderIdentity": "b", "leaseDurationSeconds": 30, "x": 1},
        }
    ),
    "create-node": b"create nodes\n"
    + j(
        {
            "kind": "Node",
            "metadata": {"name": "n1"},
            "spec": {"taints": [{"key": "k", "effect": "NoExecute"}]},
            "status": {"capacity": {"cpu": "4", "memory": "8Gi"}},
        }
    ),
    "create-event-v1": b"create events.k8s.io/events\n"
    + j(
        {
            "apiVersion": "events.k8s.io/v1",
            "kind": "Event",
            "metadata": {"name": "e1"},
            "eventTime": "2025-01-01T00:00:00.000000Z",
            "regarding": {"kind": "Pod", "name": "fuzz", "namespace": "default"},
            "reason": "Started",
            "action": "Start",
            "note": "x",
            "type": "Normal",
            "reportingController": "k8sm",
            "reportingInstance": "k8sm-1",
        }
    ),
    "delete-options": b"delete pods?dryRun=All\n"
    + j(
        {
            "kind": "DeleteOptions",
            "apiVersion": "v1",
            "gracePeriodSeconds": 0,
            "preconditions": {"resourceVersion": "1"},
            "dryRun": ["All"],
        }
    ),
    "bind": b"bind pods\n"
    + j(
        {
            "kind": "Binding",
            "apiVersion": "v1",
            "metadata": {"name": "fuzz"},
            "target": {"kind": "Node", "name": "n1"},
        }
    ),
    "generic-unknown-kind": j(
        {"apiVersion": "example.com/v1", "kind": "Widget", "spec": {"a": [1, 2.5, {"b": None}]}}
    ),
}

PATCH = {
    "json-patch": b"pods\n"
    + j(
        [
            {"op": "add", "path": "/metadata/labels/x", "value": "y"},
            {"op": "copy", "from": "/metadata/labels", "path": "/metadata/annotations"},
            {"op": "test", "path": "/metadata/labels/app", "value": "web"},
            {"op": "remove", "path": "/metadata/labels/tier"},
            {"op": "replace", "path": "/spec/containers/0/image", "value": "nginx:2"},
        ]
    ),
    "json-patch-move": b"configmaps\n"
    + j(
        [
            {"op": "move", "from": "/data/mode", "path": "/data/m~1x"},
            {"op": "add", "path": "/data/n", "value": "1"},
        ]
    ),
    "merge-patch": b"pods\n" + j({"metadata": {"labels": {"app": None, "new": "1"}}}),
    "strategic": b"pods\n"
    + j(
        {
            "metadata": {"finalizers": ["a"], "$deleteFromPrimitiveList/finalizers": ["b"]},
            "spec": {
                "$setElementOrder/containers": [{"name": "web"}],
                "containers": [
                    {"name": "web", "image": "nginx:2", "env": [{"name": "MODE", "$patch": "delete"}]}
                ],
                "tolerations": [{"$patch": "replace"}, {"key": "k"}],
                "$retainKeys": ["containers"],
            },
        }
    ),
    "apply-yaml": b"pods?force=true\n"
    b"apiVersion: v1\nkind: Pod\nmetadata:\n  name: fuzz\n  labels:\n    app: db\n"
    b"spec:\n  containers:\n  - name: web\n    image: nginx:1.27\n",
    "pod-status": b"pods/status\n"
    + j({"status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}}),
    "lease": b"coordination.k8s.io/leases?fieldManager=seed\n"
    + j({"spec": {"holderIdentity": "b", "leaseTransitions": 1}}),
    "node": b"nodes\n"
    + j({"spec": {"unschedulable": True, "taints": [{"key": "k", "effect": "NoSchedule"}]}}),
    "namespace-dry-run": b"namespaces?dryRun=All&fieldValidation=Strict\n"
    + j({"metadata": {"annotations": {"a": "b"}}}),
    "event-v1": b"events.k8s.io/events\n" + j({"note": "patched", "series": {"count": 2}}),
}

SELECTORS = {
    "pods-set": b"pods\napp=web,tier in (front, back)\nmetadata.name=fuzz,spec.nodeName=\n",
    "pods-object": b"pods\n!missing,replica>2,replica<5\nstatus.phase!=Running\n"
    + j({"metadata": {"name": "p", "labels": {"replica": "3"}}, "status": {"phase": "Pending"}}),
    "nodes": b"nodes\nzone notin (b),kubernetes.io/hostname\nspec.unschedulable=false\n",
    "events": b"events\n\ninvolvedObject.name=fuzz,reason==Scheduled,type!=Warning\n",
    "events-v1": b"events.k8s.io/events\napp\nregarding.name=fuzz,reason=Scheduled\n",
    "namespaces": b"namespaces\nkubernetes.io/metadata.name\nmetadata.name!=default,status.phase=Active\n",
    "configmaps": b"configmaps\napp==web\nmetadata.namespace=default\n",
    "escapes": b"coordination.k8s.io/leases\napp\nmetadata.name=a\\,b\\=c\\\\\n",
}

for target, seeds in [
    ("apiserver_body", BODY),
    ("apiserver_patch", PATCH),
    ("apiserver_selectors", SELECTORS),
]:
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    for name, data in seeds.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
