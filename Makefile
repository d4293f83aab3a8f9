# hookwright — `make` lists the targets.
SHELL := /bin/bash
MVN ?= mvn -B -ntp
JAR := target/quarkus-app/quarkus-run.jar
CERT_DIR ?= certs/dev
SOURCES := $(shell find src/main -type f 2>/dev/null) pom.xml
# Small-heap flags the container image uses too. Full tiered JIT (no TieredStopAtLevel=1): twice the
# /mutate throughput and p99 4.4 ms instead of 6.4 ms at 1,000 req/s; TrimNativeHeapInterval hands
# the C2 compiler's freed native memory back, RSS 149 MiB instead of 191 after 100,000 requests
# (README "Performance").
JAVA_OPTS ?= -XX:+UseSerialGC -Xms32m -Xmx256m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=32m -Xss512k -XX:+ExitOnOutOfMemoryError -XX:TrimNativeHeapInterval=5000

.DEFAULT_GOAL := help
.PHONY: help run test build certs clean

help: ## List the targets
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(JAR): $(SOURCES)
	$(MVN) package -DskipTests

build: $(JAR) ## Build the jar (target/quarkus-app/quarkus-run.jar)

$(CERT_DIR)/tls.crt:
	certs/generate.sh $(CERT_DIR)

certs: $(CERT_DIR)/tls.crt ## Make a dev CA and serving certificate in certs/dev when missing

run: build certs ## Start the webhook on https://localhost:8443 (no cluster needed)
	HOOKWRIGHT_TLS_CERT=$(CERT_DIR)/tls.crt HOOKWRIGHT_TLS_KEY=$(CERT_DIR)/tls.key java $(JAVA_OPTS) -jar $(JAR)

test: ## Run every test: unit, HTTPS, and the packaged jar
	$(MVN) verify

clean: ## Remove build output and dev certificates
	$(MVN) -q clean
	rm -rf $(CERT_DIR)

# ---- Installing on a cluster: deploy/ (README "Install") ----
# The plain manifests are rendered for release "hookwright" in namespace
# "hookwright", the names certs/generate.sh puts in the certificate by default.
MANIFESTS := deploy/manifests/hookwright.yaml
IMAGE ?= hookwright/hookwright:0.1.0
.PHONY: manifests deploy image

manifests: ## Render deploy/manifests/ from the Helm chart (run after changing the chart)
	$(MVN) test -Dtest=PlainManifestsTest#equalsWhatTheChartRenders -Dmanifests.update=true -Dsurefire.failIfNoSpecifiedTests=false

deploy: certs ## kubectl-install the plain manifests: TLS Secret from certs/dev, its CA as caBundle
	@command -v kubectl >/dev/null || { echo "make deploy: kubectl is required, with its context set to the target cluster" >&2; exit 1; }
	kubectl create namespace hookwright --dry-run=client -o yaml | kubectl apply -f -
	kubectl label --overwrite namespace hookwright pod-security.kubernetes.io/enforce=restricted
	kubectl -n hookwright create secret tls hookwright-tls --cert=$(CERT_DIR)/tls.crt --key=$(CERT_DIR)/tls.key \
	  --dry-run=client -o yaml | kubectl apply -f -
	sed "s|HOOKWRIGHT_CA_BUNDLE|$$(base64 < $(CERT_DIR)/ca.crt | tr -d '\n')|" $(MANIFESTS) | kubectl apply -f -

image: build ## Build the JVM container image (src/main/docker/Dockerfile.jvm)
	@command -v docker >/dev/null || { echo "make image: docker is required" >&2; exit 1; }
	docker build -f src/main/docker/Dockerfile.jvm -t $(IMAGE) .

# ---- Performance: bench/ (README "Performance") ----
# Loopback only. wrk is Debian's; Debian has no wrk2, so the fixed-rate run is bench/Paced.java.
.PHONY: bench jmh

bench: build certs ## Load the packaged jar over TLS (wrk, 1,000 req/s paced), then JMH; target/bench/results.md
	@command -v wrk >/dev/null || apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }
	JAR=$(JAR) CERT_DIR=$(CERT_DIR) JAVA_OPTS="$(JAVA_OPTS)" bench/run.sh
	MVN="$(MVN)" JAVA_OPTS="$(JAVA_OPTS)" bench/jmh.sh
	bench/render.sh
	bench/report.sh > target/bench/results.md
	@cat target/bench/results.md

jmh: ## JMH benchmarks of the core (µs/op) with the shipped JVM flags; target/bench/jmh.md
	MVN="$(MVN)" JAVA_OPTS="$(JAVA_OPTS)" bench/jmh.sh

# ---- End-to-end tests against a real control plane: test/cluster/ (README "End-to-end tests") ----
# build.sh builds etcd, kube-apiserver, kube-controller-manager and Helm 4 from their Go modules
# into a cache outside the tree (once; later runs take a second) and prints its bin directory.
.PHONY: e2e e2e-bin

e2e-bin: ## Build (or find) the pinned etcd, kube-apiserver, kube-controller-manager and helm
	test/cluster/build.sh

e2e: build ## The user stories against a real API server, controllers and Helm 4 (needs Go >= 1.26)
	@bin=$$(test/cluster/build.sh) && \
	  $(MVN) test -Pe2e -Dhookwright.cluster.bin="$$bin" $(if $(E2E),-Dtest='$(E2E)' -Dsurefire.failIfNoSpecifiedTests=false)
