#!/usr/bin/env python3
"""Writes the request bodies of `make bench` from the test fixtures (run by hand; the outputs are committed).

mutate-deployment.json: the reference chart's opted-in Deployment CREATE, grown to what the API
server really sends for a production chart: the fields it defaults, Helm's managedFields entry, a
sidecar, env vars, resources, probes and volumes (about 6 KiB instead of the fixture's 1.7 KiB).
validate-hook-job.json: Sentry's db-migrate hook Job review, as in the policy golden tests.
"""
import copy
import json
import pathlib
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


write("mutate-deployment.json", production_deployment(fixture("mutate/reference-chart.yaml")))
write("validate-hook-job.json", fixture("validate/chart-sentry-db-migrate.yaml"))
