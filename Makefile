# hookwright — `make` lists the targets.
SHELL := /bin/bash
MVN ?= mvn -B -ntp
JAR := target/quarkus-app/quarkus-run.jar
CERT_DIR ?= certs/dev
SOURCES := $(shell find src/main -type f 2>/dev/null) pom.xml
# Small-heap flags the container image uses too. Full tiered JIT (no TieredStopAtLevel=1): twice the
# /mutate throughput and p99 4.4 ms instead of 6.4 ms at 1,000 req/s; TrimNativeHeapInterval hands
# the C2 compiler's freed native memory back, RSS 149 MiB instead of 191 after 100,000 requests
# (README "Performance"). Min/MaxHeapFreeRatio: the heap is given back down to 20 % free after a
# collection; measured (NMT) after 100,000 /mutate requests, 33 MiB committed instead of 47.
JAVA_OPTS ?= -XX:+UseSerialGC -Xms32m -Xmx256m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=32m -Xss512k -XX:+ExitOnOutOfMemoryError -XX:TrimNativeHeapInterval=5000

# The JVM: the newest JDK 25+ installed, else the java on PATH (src/main/aot/find-java.sh). It
# starts from a cache its own training run made over every endpoint (src/main/aot/train.sh):
# an AOT cache on 25 (JEP 483/514: classes loaded and linked, method profiles), a dynamic
# AppCDS archive on 17. Build output, made when missing or older than the jar (README "Performance").
JAVA ?= $(shell src/main/aot/find-java.sh)
JAVA_FEATURE = $(shell $(JAVA) -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
AOT_CACHE = target/aot/jdk$(JAVA_FEATURE)/hookwright.aot
AOT_USE = $(if $(shell [ "$(JAVA_FEATURE)" -ge 25 ] 2>/dev/null && echo y),-XX:AOTCache,-XX:SharedArchiveFile)=$(AOT_CACHE)

.DEFAULT_GOAL := help
.PHONY: help run test build certs clean aot

help: ## List the targets
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(JAR): $(SOURCES)
	$(MVN) package -DskipTests

build: $(JAR) ## Build the jar (target/quarkus-app/quarkus-run.jar)

$(CERT_DIR)/tls.crt:
	certs/generate.sh $(CERT_DIR)

certs: $(CERT_DIR)/tls.crt ## Make a dev CA and serving certificate in certs/dev when missing

target/aot/jdk%/hookwright.aot: $(JAR) | $(CERT_DIR)/tls.crt
	src/main/aot/train.sh $(JAVA) $(JAR) $@ $(CERT_DIR) bench/bodies $(JAVA_OPTS)

aot: $(AOT_CACHE) ## Make the start-up cache by a training run (target/aot/), when missing or stale

run: build certs $(AOT_CACHE) ## Start the webhook on https://localhost:8443 (no cluster needed)
	HOOKWRIGHT_TLS_CERT=$(CERT_DIR)/tls.crt HOOKWRIGHT_TLS_KEY=$(CERT_DIR)/tls.key $(JAVA) $(JAVA_OPTS) $(AOT_USE) -jar $(JAR)

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

image: build certs ## Build the JVM container image (src/main/docker/Dockerfile.jvm; its training run uses certs/dev)
	@command -v docker >/dev/null || { echo "make image: docker is required" >&2; exit 1; }
	docker build -f src/main/docker/Dockerfile.jvm -t $(IMAGE) .

# ---- Performance: bench/ (README "Performance") ----
# Loopback only. wrk is Debian's; Debian has no wrk2, so the fixed-rate run is bench/Paced.java.
.PHONY: bench jmh bench-controller

bench: build certs $(AOT_CACHE) ## Launch, load and check beside the Go baseline and JDK 17 (wrk, TLS), the controller at scale, then JMH; target/bench/results.md
	@command -v wrk >/dev/null || apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }
	JAVA=$(JAVA) JAR=$(JAR) CERT_DIR=$(CERT_DIR) JAVA_OPTS="$(JAVA_OPTS)" AOT_USE="$(AOT_USE)" \
	  AOT_CHECK_USE="$(subst hookwright.aot,hookwright-check.aot,$(AOT_USE))" bench/run.sh
	MVN="$(MVN)" JAVA=$(JAVA) JAVA_OPTS="$(JAVA_OPTS)" JAR=$(JAR) bench/controller.sh
	MVN="$(MVN)" JAVA_OPTS="$(JAVA_OPTS)" bench/jmh.sh
	bench/render.sh
	JAVA=$(JAVA) bench/report.sh > target/bench/results.md
	@cat target/bench/results.md

jmh: ## JMH benchmarks of the core (µs/op) with the shipped JVM flags; target/bench/jmh.md
	MVN="$(MVN)" JAVA_OPTS="$(JAVA_OPTS)" bench/jmh.sh

# Not part of `make test`: the packaged jar as a child process against fabric8's mock API server.
bench-controller: build certs ## The controller at scale: 1,000 migrated Deployments restarted, 200 new revisions; target/bench/controller.md
	MVN="$(MVN)" JAVA=$(JAVA) JAVA_OPTS="$(JAVA_OPTS)" JAR=$(JAR) bench/controller.sh

# ---- End-to-end tests against a real control plane: test/cluster/ (README "End-to-end tests") ----
# build.sh builds etcd, kube-apiserver, kube-controller-manager and Helm 4 from their Go modules
# into a cache outside the tree (once; later runs take a second) and prints its bin directory.
.PHONY: e2e e2e-bin

e2e-bin: ## Build (or find) the pinned etcd, kube-apiserver, kube-controller-manager and helm
	test/cluster/build.sh

e2e: build ## The user stories against a real API server, controllers and Helm 4 (needs Go >= 1.26)
	@bin=$$(test/cluster/build.sh) && \
	  $(MVN) test -Pe2e -Dhookwright.cluster.bin="$$bin" $(if $(E2E),-Dtest='$(E2E)' -Dsurefire.failIfNoSpecifiedTests=false)
