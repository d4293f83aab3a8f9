package dev.hookwright.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.Json;
import dev.hookwright.testing.Schemas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.hookwright.deploy.Objects.append;
import static dev.hookwright.deploy.Objects.remove;
import static dev.hookwright.deploy.Objects.set;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ValidatingAdmissionPolicy that confines hookwright's own ServiceAccount, rendered with the
 * chart's defaults and every expression EVALUATED (Google's CEL for Java, bound as the API
 * server binds it: {@link AdmissionCel}) against requests it must allow and requests it must
 * deny. Each denial asserts the exact rule that fires; the last test checks that every rule
 * denied something.
 */
class AdmissionPolicyTest {
    private static final String HOOKWRIGHT = "system:serviceaccount:hookwright:hookwright";
    private static final Chart.Rendered CHART = Chart.render();
    private static final JsonNode POLICY = CHART.one("ValidatingAdmissionPolicy");
    /** Every message a denial below produced: each validation must be among them. */
    private static final Set<String> DENIED_BY = new LinkedHashSet<>();

    private static final String WHERE = "hookwright may not write in kube-system, in its own namespace or in a namespace labelled hookwright.dev/ignore=true";
    private static final String LABELLED = "hookwright may only create Jobs labelled app.kubernetes.io/managed-by=hookwright, with no finalizer but hookwright.dev/outcome";
    private static final String OWNED = "hookwright may only create Jobs with exactly one controller ownerReference, to a Deployment";
    private static final String HOST_NAMESPACES = "hookwright may not create Jobs that use the node's network, PID or IPC namespace";
    private static final String HOST_PATH = "hookwright may not create Jobs that mount a hostPath volume";
    private static final String PRIVILEGED = "hookwright may not create Jobs with a privileged container";
    private static final String CAPABILITIES = "hookwright may not create Jobs whose containers add capabilities";
    private static final String OWN_JOBS = "hookwright may only update or delete Jobs labelled app.kubernetes.io/managed-by=hookwright";
    private static final String JOB_METADATA = "hookwright may change only its own finalizer hookwright.dev/outcome in a Job's metadata";
    private static final String JOB_SPEC = "hookwright may not change a Job's spec, except to remove ttlSecondsAfterFinished from a failed Job";
    private static final String DEPLOYMENT = "hookwright may not change a Deployment's spec, labels, ownerReferences or finalizers";
    private static final String ANNOTATIONS = "hookwright may change only hookwright.dev/* annotations of a Deployment";
    private static final String POD_STATUS = "hookwright may change only the hookwright.dev/migrated condition of a pod";

    /** A migration Job as the controller creates it. */
    static final JsonNode JOB = Expected.json("""
            {"apiVersion":"batch/v1","kind":"Job",
             "metadata":{"name":"shop-web-migrate-3","namespace":"shop",
               "labels":{"app.kubernetes.io/managed-by":"hookwright","app.kubernetes.io/instance":"shop",
                         "app.kubernetes.io/component":"migrations","hookwright.dev/deployment":"shop-web"},
               "annotations":{"hookwright.dev/revision":"3"},
               "finalizers":["hookwright.dev/outcome"],
               "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"shop-web",
                 "uid":"6f1c2a4e-0b7d-4c59-9a43-2f1e8d7b5c10","controller":true,"blockOwnerDeletion":true}]},
             "spec":{"backoffLimit":0,"activeDeadlineSeconds":600,"ttlSecondsAfterFinished":86400,
               "template":{"metadata":{"labels":{"app.kubernetes.io/managed-by":"hookwright"}},
                 "spec":{"restartPolicy":"Never","serviceAccountName":"shop-web",
                   "securityContext":{"runAsNonRoot":true},
                   "containers":[{"name":"migrate","image":"shop/web:3","command":["node","db/migrate.mjs"],
                     "envFrom":[{"secretRef":{"name":"shop-db"}}],
                     "securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}}}]}}}}""");

    /** An opted-in Deployment as stored. */
    static final JsonNode DEPLOYMENT_OBJECT = Expected.json("""
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"shop-web","namespace":"shop","generation":3,
               "labels":{"hookwright.dev/migrations":"enabled","app.kubernetes.io/instance":"shop"},
               "annotations":{"meta.helm.sh/release-name":"shop","hookwright.dev/migration-job":"shop-web-migrate-3"}},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"shop-web"}},
               "template":{"metadata":{"labels":{"app":"shop-web"}},
                 "spec":{"containers":[{"name":"web","image":"shop/web:3"}]}}}}""");

    /** One of that Deployment's pods, waiting for the hookwright.dev/migrated gate. */
    static final JsonNode POD = Expected.json("""
            {"apiVersion":"v1","kind":"Pod",
             "metadata":{"name":"shop-web-7d9f-abcde","namespace":"shop","labels":{"app":"shop-web"},
               "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"shop-web-7d9f",
                 "uid":"0a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d","controller":true}]},
             "spec":{"readinessGates":[{"conditionType":"hookwright.dev/migrated"}],
               "containers":[{"name":"web","image":"shop/web:3"}]},
             "status":{"phase":"Running","podIP":"10.1.2.3","podIPs":[{"ip":"10.1.2.3"}],"hostIP":"192.168.0.5",
               "startTime":"2026-12-05T07:00:00Z","qosClass":"BestEffort",
               "conditions":[{"type":"Ready","status":"False","reason":"ReadinessGatesNotReady"},
                             {"type":"ContainersReady","status":"True"}],
               "containerStatuses":[{"name":"web","ready":true,"restartCount":0,"image":"shop/web:3","imageID":"",
                 "state":{"running":{"startedAt":"2026-12-05T07:00:05Z"}}}]}}""");

    private static final JsonNode MIGRATED = Expected.json("""
            {"type":"hookwright.dev/migrated","status":"True","lastTransitionTime":"2026-12-05T07:01:00Z"}""");

    @Test
    void isOnByDefaultUsesTheGaApiAndDeniesThroughItsBinding() {
        JsonNode binding = CHART.one("ValidatingAdmissionPolicyBinding");
        assertThat(POLICY.path("apiVersion").asText()).isEqualTo("admissionregistration.k8s.io/v1");
        assertThat(binding.path("apiVersion").asText()).isEqualTo("admissionregistration.k8s.io/v1");
        assertThat(binding.path("spec")).isEqualTo(Expected.json("""
                {"policyName":"hookwright-self-limits","validationActions":["Deny"]}"""));
        assertThat(POLICY.path("spec").path("failurePolicy").asText()).isEqualTo("Fail");
        assertThat(Chart.render("admissionPolicy.enabled", "false").all("ValidatingAdmissionPolicy")).isEmpty();
    }

    @Test
    void looksAtEveryWriteTheClusterRoleAllowsBesidesEventsAndLeases() {
        assertThat(POLICY.path("spec").path("matchConstraints").path("resourceRules")).isEqualTo(Expected.json("""
                [{"apiGroups":["batch"],"apiVersions":["v1"],"operations":["CREATE","UPDATE","DELETE"],"resources":["jobs"]},
                 {"apiGroups":["apps"],"apiVersions":["v1"],"operations":["UPDATE"],"resources":["deployments"]},
                 {"apiGroups":[""],"apiVersions":["v1"],"operations":["UPDATE"],"resources":["pods/status"]}]"""));
    }

    @Test
    void everyExpressionCompilesAsStandardCelWithoutKubernetesOnlyLibraries() {
        POLICY.path("spec").path("matchConditions").forEach(c -> AdmissionCel.compile(c.path("expression").asText()));
        POLICY.path("spec").path("validations").forEach(v -> {
            AdmissionCel.compile(v.path("expression").asText());
            assertThat(v.path("reason").asText()).isEqualTo("Forbidden");
        });
        assertThat(POLICY.path("spec").path("validations")).hasSize(13);
    }

    // ---- Jobs: create ----

    @Test
    void letsHookwrightCreateItsMigrationJob() {
        assertAllowed(create(JOB, "shop"));
        assertAllowed(create(JOB, "labelled-false"));
        assertAllowed(create(remove(JOB, "/metadata/finalizers"), "shop"));
    }

    @Test
    void theJobThatWasAllowedBeforeIsDenied() {
        // kube-system, run as a privileged ServiceAccount, host PID namespace and the node's / mounted.
        JsonNode escape = set(set(set(set(JOB, "/metadata/namespace", "\"kube-system\""),
                        "/spec/template/spec/serviceAccountName", "\"clusterrole-aggregation-controller\""),
                "/spec/template/spec/hostPID", "true"),
                "/spec/template/spec/volumes", """
                        [{"name":"host","hostPath":{"path":"/"}}]""");
        Schemas.assertValid(Schemas.JOB, escape);
        assertThat(decide(create(escape, "kube-system")).denials()).containsExactlyInAnyOrder(WHERE, HOST_NAMESPACES, HOST_PATH);
        DENIED_BY.addAll(List.of(WHERE, HOST_NAMESPACES, HOST_PATH));
    }

    @Test
    void deniesJobsInKubeSystemItsOwnNamespaceAndIgnoredNamespaces() {
        assertDenied(create(JOB, "kube-system"), WHERE);
        assertDenied(create(JOB, "hookwright"), WHERE);
        assertDenied(create(JOB, "ignored"), WHERE);
    }

    @Test
    void deniesHostNamespacesHostPathPrivilegeAndCapabilitiesInEveryKindOfContainer() {
        for (String field : List.of("hostNetwork", "hostPID", "hostIPC")) {
            assertDenied(create(set(JOB, "/spec/template/spec/" + field, "true"), "shop"), HOST_NAMESPACES);
            assertAllowed(create(set(JOB, "/spec/template/spec/" + field, "false"), "shop"));
        }
        assertDenied(create(set(JOB, "/spec/template/spec/volumes", """
                [{"name":"scratch","emptyDir":{}},{"name":"docker","hostPath":{"path":"/var/run/docker.sock"}}]"""),
                "shop"), HOST_PATH);
        assertAllowed(create(set(JOB, "/spec/template/spec/volumes", """
                [{"name":"scratch","emptyDir":{}},{"name":"db","secret":{"secretName":"shop-db"}}]"""), "shop"));
        String privileged = """
                {"name":"%s","image":"busybox","securityContext":{"privileged":true}}""";
        String capable = """
                {"name":"%s","image":"busybox","securityContext":{"capabilities":{"add":["SYS_ADMIN"]}}}""";
        for (String list : List.of("containers", "initContainers", "ephemeralContainers")) {
            String pointer = "/spec/template/spec/" + list;
            assertDenied(create(append(JOB, pointer, privileged.formatted(list)), "shop"), PRIVILEGED);
            assertDenied(create(append(JOB, pointer, capable.formatted(list)), "shop"), CAPABILITIES);
        }
        assertAllowed(create(set(JOB, "/spec/template/spec/containers/0/securityContext/privileged", "false"), "shop"));
        assertAllowed(create(set(JOB, "/spec/template/spec/containers/0/securityContext/capabilities/add", "[]"), "shop"));
    }

    @Test
    void deniesJobsThatAreNotLabelledAsHookwrightsOrCarryAnotherFinalizer() {
        assertDenied(create(remove(JOB, "/metadata/labels"), "shop"), LABELLED);
        assertDenied(create(set(JOB, "/metadata/labels/app.kubernetes.io~1managed-by", "\"Helm\""), "shop"), LABELLED);
        assertDenied(create(append(JOB, "/metadata/finalizers", "\"example.com/keep\""), "shop"), LABELLED);
    }

    @Test
    void deniesJobsWithoutExactlyOneControllerOwnerReferenceToADeployment() {
        String replicaSet = """
                {"apiVersion":"apps/v1","kind":"ReplicaSet","name":"shop-web-7d9f","uid":"u2","controller":true}""";
        assertDenied(create(remove(JOB, "/metadata/ownerReferences"), "shop"), OWNED);
        assertDenied(create(set(JOB, "/metadata/ownerReferences/0/controller", "false"), "shop"), OWNED);
        assertDenied(create(set(JOB, "/metadata/ownerReferences", "[" + replicaSet + "]"), "shop"), OWNED);
        assertDenied(create(append(JOB, "/metadata/ownerReferences", replicaSet), "shop"), OWNED);
        assertAllowed(create(append(JOB, "/metadata/ownerReferences", """
                {"apiVersion":"v1","kind":"ConfigMap","name":"shop-config","uid":"u3"}"""), "shop"));
    }

    @Test
    void appliesToHookwrightsServiceAccountOnly() {
        JsonNode privileged = set(JOB, "/spec/template/spec/hostPID", "true");
        AdmissionCel.Decision decision = AdmissionCel.decide(POLICY, review("jobs", "", "CREATE", "kube-system",
                "system:serviceaccount:kube-system:job-controller", privileged, null));
        assertThat(decision.matched()).isFalse();
        assertThat(POLICY.path("spec").path("matchConditions")).isEqualTo(Expected.json("""
                [{"name":"hookwright-service-account","expression":"request.userInfo.username == '%s'"}]"""
                .formatted(HOOKWRIGHT)));
    }

    // ---- Jobs: update and delete ----

    @Test
    void letsHookwrightRemoveOrAddItsFinalizerAnywhereItsJobIs() {
        JsonNode released = remove(JOB, "/metadata/finalizers/0");
        assertAllowed(update("jobs", released, JOB, "shop"));
        assertAllowed(update("jobs", JOB, released, "shop"));
        // A namespace labelled ignored after the Job was made: the finalizer can still be let go.
        assertAllowed(update("jobs", released, JOB, "ignored"));
    }

    @Test
    void deniesEveryOtherChangeOfAJobsMetadata() {
        JsonNode withOther = append(JOB, "/metadata/finalizers", "\"example.com/keep\"");
        assertDenied(update("jobs", JOB, withOther, "shop"), JOB_METADATA);
        assertDenied(update("jobs", append(JOB, "/metadata/finalizers", "\"example.com/keep\""), JOB, "shop"), JOB_METADATA);
        assertDenied(update("jobs", set(JOB, "/metadata/labels/team", "\"x\""), JOB, "shop"), JOB_METADATA);
        assertDenied(update("jobs", set(JOB, "/metadata/annotations/note", "\"x\""), JOB, "shop"), JOB_METADATA);
        assertDenied(update("jobs", remove(JOB, "/metadata/ownerReferences"), JOB, "shop"), JOB_METADATA);
    }

    @Test
    void letsHookwrightDropTheTtlOfAFailedJobOnly() {
        JsonNode failed = set(JOB, "/status", """
                {"failed":1,"conditions":[{"type":"Failed","status":"True","reason":"BackoffLimitExceeded"}]}""");
        JsonNode succeeded = set(JOB, "/status", """
                {"succeeded":1,"conditions":[{"type":"Complete","status":"True"}]}""");
        assertAllowed(update("jobs", remove(failed, "/spec/ttlSecondsAfterFinished"), failed, "shop"));
        assertAllowed(update("jobs", remove(remove(failed, "/spec/ttlSecondsAfterFinished"), "/metadata/finalizers/0"),
                failed, "shop"));
        assertDenied(update("jobs", remove(succeeded, "/spec/ttlSecondsAfterFinished"), succeeded, "shop"), JOB_SPEC);
        assertDenied(update("jobs", set(failed, "/spec/ttlSecondsAfterFinished", "1"), failed, "shop"), JOB_SPEC);
        assertDenied(update("jobs", set(remove(failed, "/spec/ttlSecondsAfterFinished"), "/spec/suspend", "true"),
                failed, "shop"), JOB_SPEC);
        assertDenied(update("jobs", set(remove(failed, "/spec/ttlSecondsAfterFinished"),
                "/spec/template/spec/containers/0/image", "\"evil:1\""), failed, "shop"), JOB_SPEC);
        assertDenied(update("jobs", set(JOB, "/spec/parallelism", "5"), JOB, "shop"), JOB_SPEC);
    }

    /**
     * The API server type-checks each expression against the schema of every kind the policy matches;
     * cel-java here binds object and oldObject as dyn, so it compiles what the API server refuses.
     * Two mistakes it cannot see are checked on the text: adding two container lists (each list has
     * its own schema type, so {@code _+_} has no overload), and reading a field the other matched
     * kinds lack (JobSpec's, PodStatus's) other than through dyn().
     */
    @Test
    void noExpressionAddsContainerListsOrReadsAFieldOnlyOneMatchedKindHasTyped() {
        Pattern addsContainers = Pattern.compile("(?i)containers\\s*(:\\s*\\[\\]\\s*)?\\)?\\s*\\+"
                + "|\\+\\s*\\(?\\s*(has\\([^)]*\\)\\s*\\?\\s*)?[\\w.]*containers");
        Pattern typedKindOnlyField = Pattern.compile("\\b(object|oldObject)\\.(spec\\.(ttlSecondsAfterFinished"
                + "|activeDeadlineSeconds|backoffLimit|completions|parallelism|suspend|podFailurePolicy)"
                + "|status\\.(phase|podIPs?|hostIPs?|containerStatuses|qosClass))\\b");
        POLICY.path("spec").path("validations").forEach(v -> {
            String expression = v.path("expression").asText();
            assertThat(addsContainers.matcher(expression).find()).as("adds container lists: %s", expression).isFalse();
            assertThat(typedKindOnlyField.matcher(expression).find()).as("reads typed: %s", expression).isFalse();
        });
        assertThat(addsContainers.matcher("(has(x.initContainers) ? x.initContainers : []) + x.containers").find())
                .as("the guard sees the concatenation it exists for").isTrue();
        assertThat(typedKindOnlyField.matcher("has(oldObject.spec.ttlSecondsAfterFinished)").find())
                .as("the guard sees a typed read of a JobSpec field").isTrue();
    }

    @Test
    void theTtlExceptionComparesEveryOtherFieldOfJobSpec() throws IOException {
        String expression = expression(JOB_SPEC);
        Set<String> compared = new TreeSet<>();
        Matcher m = Pattern.compile("has\\(dyn\\(object\\.spec\\)\\.(\\w+)\\) == has").matcher(expression);
        while (m.find()) {
            compared.add(m.group(1));
        }
        Set<String> jobSpec = new TreeSet<>();
        try (InputStream schema = Schemas.class.getResourceAsStream("/schemas/" + Schemas.JOB)) {
            assertThat(schema).as("the strict Job schema").isNotNull();
            Json.mapper().readTree(schema).path("properties").path("spec").path("properties")
                    .fieldNames().forEachRemaining(jobSpec::add);
        }
        jobSpec.remove("ttlSecondsAfterFinished");
        assertThat(compared).isEqualTo(jobSpec);
    }

    @Test
    void letsHookwrightUpdateAndDeleteOnlyItsOwnJobs() {
        JsonNode helmHook = set(remove(JOB, "/metadata/finalizers"), "/metadata/labels/app.kubernetes.io~1managed-by", "\"Helm\"");
        assertAllowed(review("jobs", "", "DELETE", "shop", HOOKWRIGHT, null, JOB));
        assertDenied(review("jobs", "", "DELETE", "shop", HOOKWRIGHT, null, helmHook), OWN_JOBS);
        assertDenied(update("jobs", append(helmHook, "/metadata/finalizers", "\"hookwright.dev/outcome\""), helmHook, "shop"),
                OWN_JOBS);
    }

    // ---- Deployments ----

    @Test
    void letsHookwrightWriteItsRecordsOnADeployment() {
        assertAllowed(update("deployments", set(DEPLOYMENT_OBJECT, "/metadata/annotations/hookwright.dev~1migration-status",
                "\"shop-web-migrate-3 Succeeded\""), DEPLOYMENT_OBJECT, "shop"));
        assertAllowed(update("deployments", remove(DEPLOYMENT_OBJECT, "/metadata/annotations/hookwright.dev~1migration-job"),
                DEPLOYMENT_OBJECT, "shop"));
    }

    @Test
    void deniesEveryOtherChangeOfADeployment() {
        assertDenied(update("deployments", set(DEPLOYMENT_OBJECT, "/spec/replicas", "0"), DEPLOYMENT_OBJECT, "shop"), DEPLOYMENT);
        assertDenied(update("deployments", set(DEPLOYMENT_OBJECT, "/spec/template/spec/serviceAccountName", "\"admin\""),
                DEPLOYMENT_OBJECT, "shop"), DEPLOYMENT);
        assertDenied(update("deployments", set(DEPLOYMENT_OBJECT, "/metadata/labels/hookwright.dev~1migrations", "\"rendered\""),
                DEPLOYMENT_OBJECT, "shop"), DEPLOYMENT);
        assertDenied(update("deployments", set(DEPLOYMENT_OBJECT, "/metadata/ownerReferences", """
                [{"apiVersion":"v1","kind":"ConfigMap","name":"x","uid":"u"}]"""), DEPLOYMENT_OBJECT, "shop"), DEPLOYMENT);
        assertDenied(update("deployments", set(DEPLOYMENT_OBJECT, "/metadata/finalizers", "[\"hookwright.dev/outcome\"]"),
                DEPLOYMENT_OBJECT, "shop"), DEPLOYMENT);
        assertDenied(update("deployments", set(DEPLOYMENT_OBJECT, "/metadata/annotations/meta.helm.sh~1release-name",
                "\"other\""), DEPLOYMENT_OBJECT, "shop"), ANNOTATIONS);
        assertDenied(update("deployments", remove(DEPLOYMENT_OBJECT, "/metadata/annotations/meta.helm.sh~1release-name"),
                DEPLOYMENT_OBJECT, "shop"), ANNOTATIONS);
        assertDenied(update("deployments", set(DEPLOYMENT_OBJECT, "/metadata/annotations/example.com~1note", "\"x\""),
                DEPLOYMENT_OBJECT, "shop"), ANNOTATIONS);
        assertDenied(update("deployments", set(DEPLOYMENT_OBJECT, "/metadata/annotations/hookwright.dev~1migration-status",
                "\"x Failed\""), DEPLOYMENT_OBJECT, "kube-system"), WHERE);
    }

    // ---- Pods ----

    @Test
    void letsHookwrightSetTheMigratedConditionOfAPod() {
        JsonNode gated = append(POD, "/status/conditions", MIGRATED.toString());
        assertAllowed(update("pods", gated, POD, "shop"));
        assertAllowed(update("pods", set(gated, "/status/conditions/2/status", "\"False\""), gated, "shop"));
    }

    @Test
    void deniesEveryOtherChangeOfAPod() {
        assertDenied(update("pods", set(POD, "/status/conditions/0/status", "\"True\""), POD, "shop"), POD_STATUS);
        assertDenied(update("pods", remove(POD, "/status/conditions/1"), POD, "shop"), POD_STATUS);
        assertDenied(update("pods", append(POD, "/status/conditions", """
                {"type":"example.com/ready","status":"True"}"""), POD, "shop"), POD_STATUS);
        assertDenied(update("pods", set(POD, "/status/podIP", "\"10.9.9.9\""), POD, "shop"), POD_STATUS);
        assertDenied(update("pods", set(POD, "/status/phase", "\"Failed\""), POD, "shop"), POD_STATUS);
        assertDenied(update("pods", set(POD, "/metadata/labels/app", "\"other\""), POD, "shop"), POD_STATUS);
        assertDenied(update("pods", append(POD, "/status/conditions", MIGRATED.toString()), POD, "hookwright"), WHERE);
    }

    @AfterAll
    static void everyRuleDeniedSomething() {
        List<String> messages = new ArrayList<>();
        POLICY.path("spec").path("validations").forEach(v -> messages.add(v.path("message").asText()));
        assertThat(DENIED_BY).as("validations no test case denies with").containsExactlyInAnyOrderElementsOf(messages);
    }

    // ---- helpers ----

    private static AdmissionCel.Review create(JsonNode job, String namespace) {
        return review("jobs", "", "CREATE", namespace, HOOKWRIGHT, set(job, "/metadata/namespace", "\"" + namespace + "\""), null);
    }

    private static AdmissionCel.Review update(String resource, JsonNode object, JsonNode oldObject, String namespace) {
        return review(resource, resource.equals("pods") ? "status" : "", "UPDATE", namespace, HOOKWRIGHT, object, oldObject);
    }

    static AdmissionCel.Review review(String resource, String subResource, String operation, String namespace,
            String user, JsonNode object, JsonNode oldObject) {
        JsonNode any = object != null ? object : oldObject;
        String[] groupVersion = any.path("apiVersion").asText().contains("/")
                ? any.path("apiVersion").asText().split("/") : new String[] {"", any.path("apiVersion").asText()};
        JsonNode request = Expected.json("""
                {"uid":"705ab4f5-6393-11e8-b7cc-42010a800002",
                 "kind":{"group":"%1$s","version":"%2$s","kind":"%3$s"},
                 "resource":{"group":"%1$s","version":"%2$s","resource":"%4$s"},
                 "subResource":"%5$s","requestKind":{"group":"%1$s","version":"%2$s","kind":"%3$s"},
                 "name":"%6$s","namespace":"%7$s","operation":"%8$s",
                 "userInfo":{"username":"%9$s","uid":"u","groups":["system:serviceaccounts","system:authenticated"]},
                 "dryRun":false}""".formatted(groupVersion[0], groupVersion[1], any.path("kind").asText(), resource,
                subResource, any.path("metadata").path("name").asText(), namespace, operation, user));
        return new AdmissionCel.Review(request, object, oldObject, namespace(namespace));
    }

    static JsonNode namespace(String name) {
        String labels = switch (name) {
            case "ignored" -> ",\"hookwright.dev/ignore\":\"true\"";
            case "labelled-false" -> ",\"hookwright.dev/ignore\":\"false\"";
            default -> "";
        };
        return Expected.json("""
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"%1$s",
                  "labels":{"kubernetes.io/metadata.name":"%1$s"%2$s}},"status":{"phase":"Active"}}"""
                .formatted(name, labels));
    }

    private static AdmissionCel.Decision decide(AdmissionCel.Review review) {
        AdmissionCel.Decision decision = AdmissionCel.decide(POLICY, review);
        assertThat(decision.matched()).as("the policy applies to hookwright's ServiceAccount").isTrue();
        return decision;
    }

    private static void assertAllowed(AdmissionCel.Review review) {
        assertThat(decide(review).denials()).as("denials of %s %s", review.request().path("operation").asText(),
                review.request().path("resource").path("resource").asText()).isEmpty();
    }

    private static void assertDenied(AdmissionCel.Review review, String message) {
        assertThat(decide(review).denials()).containsExactly(message);
        DENIED_BY.add(message);
    }

    private static String expression(String message) {
        for (JsonNode validation : POLICY.path("spec").path("validations")) {
            if (validation.path("message").asText().equals(message)) {
                return validation.path("expression").asText();
            }
        }
        throw new AssertionError("no validation with message " + message);
    }
}
