#!/usr/bin/env python3
"""Writes the request bodies of `make bench` from the test fixtures (run by hand; the outputs are committed).

mutate-deployment.json: the reference chart's opted-in Deployment CREATE, grown to what the API
server really sends for a production chart: the fields it defaults, Helm's managedFields entry, a
sidecar, env vars, resources, probes and volumes (about 6 KiB instead of the fixture's 1.7 KiB).
validate-hook-job.json: Sentry's db-migrate hook Job review, as in the policy golden tests.
dry-run-stream.yaml: a small `helm template` stream (the Deployment above, its Service and
ConfigMap, the hook Job): /dry-run's body in the start-up cache's training run.

`make-bodies.py --check-stream FILE` writes the large stream `make bench` times `check` on
instead (not committed): 94 objects, about 2 MB, as `helm template` prints a big umbrella
chart — 24 opted-in Deployments, their Services, ServiceAccounts and ConfigMaps (the bulk:
rendered configuration files), and hook Jobs that draw policy findings.
"""
import copy
import json
import pathlib
import sys
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = pathlib.Path(__file__).resolve().parent


def fixture(path):
    return yaml.safe_load((ROOT / "src/test/resources" / path).read_text())["review"]


def production_deployment(review):
    review = copy.deepcopy(review)
    review["request"]["uid"] = "bench-0000-mutate-deployment"
    deployment = review["request"]["object"]
    meta = deployment["metadata"]
    meta["generation"] = 1
    meta["managedFields"] = [{
        "manager": "helm", "operation": "Update", "apiVersion": "apps/v1", "time": "2026-01-01T00:00:00Z",
        "fieldsType": "FieldsV1",
        "fieldsV1": {"f:metadata": {"f:annotations": {".": {}, "f:meta.helm.sh/release-name": {},
                                                      "f:meta.helm.sh/release-namespace": {},
                                                      "f:hookwright.dev/command": {}},
                                    "f:labels": {".": {}, **{f"f:{k}": {} for k in meta["labels"]}}},
                     "f:spec": {"f:replicas": {}, "f:selector": {}, "f:template": {
                         "f:metadata": {"f:labels": {".": {}}},
                         "f:spec": {"f:containers": {'k:{"name":"web"}': {
                             ".": {}, "f:env": {".": {}, **{f'k:{{"name":"APP_SETTING_{i}"}}': {
                                 ".": {}, "f:name": {}, "f:value": {}} for i in range(20)}},
                             "f:image": {}, "f:name": {}, "f:ports": {}, "f:resources": {}}}}}}}}]
    spec = deployment["spec"]
    spec.update({"progressDeadlineSeconds": 600, "revisionHistoryLimit": 10,
                 "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}}})
    pod = spec["template"]["spec"]
    pod.update({"dnsPolicy": "ClusterFirst", "schedulerName": "default-scheduler", "securityContext": {
        "runAsNonRoot": True, "fsGroup": 1000}, "terminationGracePeriodSeconds": 30,
        "volumes": [{"name": "config", "configMap": {"name": "shop-config", "defaultMode": 420}},
                    {"name": "tmp", "emptyDir": {}}]})
    web = pod["containers"][0]
    web.update({"terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
                "env": [{"name": f"APP_SETTING_{i}", "value": f"value-{i}-" + "x" * 24} for i in range(20)],
                "resources": {"requests": {"cpu": "250m", "memory": "256Mi"}, "limits": {"memory": "512Mi"}},
                "livenessProbe": {"httpGet": {"path": "/livez", "port": "http", "scheme": "HTTP"},
                                  "periodSeconds": 10, "timeoutSeconds": 1, "successThreshold": 1,
                                  "failureThreshold": 3},
                "volumeMounts": [{"name": "config", "mountPath": "/etc/shop", "readOnly": True},
                                 {"name": "tmp", "mountPath": "/tmp"}]})
    pod["containers"].append({"name": "metrics", "image": "registry.example.com/exporter:0.9.1",
                              "ports": [{"name": "metrics", "containerPort": 9102, "protocol": "TCP"}],
                              "resources": {"requests": {"cpu": "10m", "memory": "32Mi"}},
                              "terminationMessagePath": "/dev/termination-log",
                              "terminationMessagePolicy": "File", "imagePullPolicy": "IfNotPresent"})
    return review


def write(name, review):
    text = json.dumps(review, separators=(",", ":"))
    (OUT / name).write_text(text + "\n")
    print(name, len(text), "bytes")


def manifest(review):
    """The object of a review as `helm template` prints it: no server-side fields."""
    obj = copy.deepcopy(review["request"]["object"])
    obj.setdefault("apiVersion", "apps/v1" if review["request"]["kind"]["kind"] == "Deployment" else "batch/v1")
    obj.setdefault("kind", review["request"]["kind"]["kind"])
    for field in ("managedFields", "generation", "uid", "resourceVersion", "creationTimestamp"):
        obj["metadata"].pop(field, None)
    obj.pop("status", None)
    return obj


def app_objects(deployment, hook_job, name, config_bytes):
    """A Deployment named NAME with its Service, ServiceAccount and a ConfigMap of CONFIG_BYTES."""
    deployment = copy.deepcopy(deployment)
    deployment["metadata"]["name"] = name
    deployment["metadata"]["annotations"]["hookwright.dev/command"] = json.dumps(["bin/migrate", name])
    selector = {"app.kubernetes.io/name": name, "app.kubernetes.io/instance": "shop"}
    deployment["spec"]["selector"] = {"matchLabels": selector}
    deployment["spec"]["template"]["metadata"]["labels"] = dict(selector)
    deployment["spec"]["template"]["spec"]["volumes"][0]["configMap"]["name"] = name + "-config"
    line = "setting_{0:05d} = \"" + "v" * 60 + "\"\n"
    lines, size = [], 0
    while size < config_bytes:
        lines.append(line.format(len(lines)))
        size += len(lines[-1])
    config = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name + "-config"},
              "data": {"app.toml": "".join(lines)}}
    service = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": name, "labels": dict(selector)},
               "spec": {"selector": selector, "ports": [{"name": "http", "port": 80, "targetPort": "http"}]}}
    account = {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": name}}
    return [account, config, service, deployment]


def stream(objects):
    return "".join("---\n# Source: shop/templates/{0}.yaml\n{1}".format(
        o["kind"].lower(), yaml.safe_dump(o, sort_keys=False)) for o in objects)


deployment_review = production_deployment(fixture("mutate/reference-chart.yaml"))
hook_review = fixture("validate/chart-sentry-db-migrate.yaml")
deployment, hook_job = manifest(deployment_review), manifest(hook_review)

if len(sys.argv) == 3 and sys.argv[1] == "--check-stream":
    # 24 apps x 4 objects + ... : 94 objects; ConfigMaps sized so the stream is about 2 MB.
    objects = []
    for i in range(23):
        objects += app_objects(deployment, hook_job, "svc-{0:02d}".format(i), 80_000)
    for i in range(2):
        job = copy.deepcopy(hook_job)
        job["metadata"]["name"] = "shop-db-migrate-{0}".format(i)
        objects.append(job)
    text = stream(objects)
    pathlib.Path(sys.argv[2]).write_text(text)
    print(sys.argv[2], len(objects), "objects", len(text), "bytes")
    sys.exit(0)

write("mutate-deployment.json", deployment_review)
write("validate-hook-job.json", hook_review)
small = stream(app_objects(deployment, hook_job, "shop-web", 2_000) + [hook_job])
(OUT / "dry-run-stream.yaml").write_text(small)
print("dry-run-stream.yaml", len(small), "bytes")
