// A Go standard-library admission webhook that makes hookwright's /mutate decision for the
// benchmark body, so `make bench` can put hookwright's throughput beside what a small,
// idiomatic Go webhook does on the same machine in the same run.
//
// It is a yardstick, not a second implementation: it computes the same answer as hookwright
// only for what the benchmark bodies exercise — an opted-in apps/v1 Deployment CREATE or
// UPDATE from a Helm release, a hookwright.dev/command annotation, no explicit revision, no
// rerun token, no migration settings beyond the defaults. It parses the whole review into a
// generic tree (as hookwright's Jackson tree does), derives the Job name the way hookwright's
// JobNames does (sha256 over the canonical image/command/args/rerun JSON, first 10 hex), and
// answers with a JSON Patch adding the migration-job record (and, for `when: pre`, the
// readiness gate). Anything
// else is allowed without a patch. bench/run.sh checks that both servers return the same patch
// for the benchmark body before it measures.
//
//	go-baseline -addr 127.0.0.1:8444 -cert tls.crt -key tls.key
package main

import (
	"bytes"
	"crypto/sha256"
	"crypto/tls"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"flag"
	"io"
	"log"
	"net/http"
	"strings"
	"time"
)

const (
	optInLabel     = "hookwright.dev/migrations"
	commandKey     = "hookwright.dev/command"
	migrationJob   = "hookwright.dev/migration-job"
	readinessGate  = "hookwright.dev/migrated"
	whenKey        = "hookwright.dev/when"
	releaseNameKey = "meta.helm.sh/release-name"
	maxBody        = 8 << 20
)

type review struct {
	APIVersion string   `json:"apiVersion"`
	Kind       string   `json:"kind"`
	Request    *request `json:"request"`
}

type request struct {
	UID       string         `json:"uid"`
	Kind      groupKind      `json:"kind"`
	Operation string         `json:"operation"`
	Object    map[string]any `json:"object"`
}

type groupKind struct{ Group, Version, Kind string }

type response struct {
	UID       string `json:"uid"`
	Allowed   bool   `json:"allowed"`
	PatchType string `json:"patchType,omitempty"`
	Patch     string `json:"patch,omitempty"`
}

type answer struct {
	APIVersion string   `json:"apiVersion"`
	Kind       string   `json:"kind"`
	Response   response `json:"response"`
}

type patchOp struct {
	Op    string `json:"op"`
	Path  string `json:"path"`
	Value any    `json:"value"`
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8444", "listen address")
	cert := flag.String("cert", "certs/dev/tls.crt", "PEM certificate")
	key := flag.String("key", "certs/dev/tls.key", "PEM key")
	flag.Parse()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /mutate", mutate)
	server := &http.Server{
		Addr:              *addr,
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       120 * time.Second,
		TLSConfig:         &tls.Config{MinVersion: tls.VersionTLS12},
		// HTTP/1.1 only, as the API server and wrk speak to a webhook.
		TLSNextProto: map[string]func(*http.Server, *tls.Conn, http.Handler){},
	}
	log.Printf("go-baseline listening on https://%s", *addr)
	log.Fatal(server.ListenAndServeTLS(*cert, *key))
}

func mutate(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		http.Error(w, "body too large or unreadable", http.StatusRequestEntityTooLarge)
		return
	}
	var in review
	if err := json.Unmarshal(body, &in); err != nil || in.Request == nil || in.Request.UID == "" {
		http.Error(w, "not an AdmissionReview", http.StatusBadRequest)
		return
	}
	out := answer{APIVersion: "admission.k8s.io/v1", Kind: "AdmissionReview",
		Response: response{UID: in.Request.UID, Allowed: true}}
	if patch := decide(in.Request); patch != nil {
		encoded, _ := json.Marshal(patch)
		out.Response.PatchType = "JSONPatch"
		out.Response.Patch = base64.StdEncoding.EncodeToString(encoded)
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(out)
}

// decide returns the patch for an opted-in Deployment from a Helm release, or nil.
func decide(req *request) []patchOp {
	if req.Kind != (groupKind{"apps", "v1", "Deployment"}) || (req.Operation != "CREATE" && req.Operation != "UPDATE") {
		return nil
	}
	meta, _ := req.Object["metadata"].(map[string]any)
	labels, _ := meta["labels"].(map[string]any)
	annotations, _ := meta["annotations"].(map[string]any)
	if labels[optInLabel] != "enabled" || meta["deletionTimestamp"] != nil {
		return nil
	}
	release, _ := annotations[releaseNameKey].(string)
	commandText, _ := annotations[commandKey].(string)
	var command []string
	if release == "" || json.Unmarshal([]byte(commandText), &command) != nil || len(command) == 0 {
		return nil
	}
	spec, _ := req.Object["spec"].(map[string]any)
	template, _ := spec["template"].(map[string]any)
	podSpec, _ := template["spec"].(map[string]any)
	containers, _ := podSpec["containers"].([]any)
	if len(containers) == 0 {
		return nil
	}
	first, _ := containers[0].(map[string]any)
	image, _ := first["image"].(string)
	job := strings.ReplaceAll(release, ".", "-") + "-migrate-" + hashRevision(image, command)
	patch := []patchOp{{Op: "add", Path: "/metadata/annotations/" + escape(migrationJob), Value: job}}
	if when, _ := annotations[whenKey].(string); strings.TrimSpace(strings.ToLower(when)) != "pre" {
		return patch // post (the default): nothing holds the pods' traffic
	}
	gate := map[string]string{"conditionType": readinessGate}
	if gates, ok := podSpec["readinessGates"].([]any); ok {
		for _, g := range gates {
			if m, _ := g.(map[string]any); m["conditionType"] == readinessGate {
				return patch
			}
		}
		return append(patch, patchOp{Op: "add", Path: "/spec/template/spec/readinessGates/-", Value: gate})
	}
	return append(patch, patchOp{Op: "add", Path: "/spec/template/spec/readinessGates", Value: []any{gate}})
}

// hashRevision: sha256 of {"image":…,"command":[…],"args":[],"rerun":""}, first 10 hex.
func hashRevision(image string, command []string) string {
	var canonical bytes.Buffer
	encoder := json.NewEncoder(&canonical)
	encoder.SetEscapeHTML(false)
	_ = encoder.Encode(struct {
		Image   string   `json:"image"`
		Command []string `json:"command"`
		Args    []string `json:"args"`
		Rerun   string   `json:"rerun"`
	}{image, command, []string{}, ""})
	sum := sha256.Sum256(bytes.TrimRight(canonical.Bytes(), "\n"))
	return hex.EncodeToString(sum[:])[:10]
}

// escape makes a key a JSON Pointer segment (RFC 6901).
func escape(key string) string {
	return strings.ReplaceAll(strings.ReplaceAll(key, "~", "~0"), "/", "~1")
}
