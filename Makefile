# hookwright — `make` lists the targets.
SHELL := /bin/bash
MVN ?= mvn -B -ntp
JAR := target/quarkus-app/quarkus-run.jar
CERT_DIR ?= certs/dev
SOURCES := $(shell find src/main -type f 2>/dev/null) pom.xml
# Small-heap flags the container image uses too.
JAVA_OPTS ?= -XX:+UseSerialGC -Xms32m -Xmx256m -XX:MaxMetaspaceSize=128m -Xss512k -XX:TieredStopAtLevel=1

.DEFAULT_GOAL := help
.PHONY: help run test build certs clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

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
