package dev.hookwright.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Json;
import dev.hookwright.core.Keys;
import dev.hookwright.core.dryrun.DryRun;
import dev.hookwright.core.dryrun.HelmExport;
import dev.hookwright.core.dryrun.ObjectResult;
import dev.hookwright.core.dryrun.Report;
import dev.hookwright.core.manifest.Manifest;
import dev.hookwright.core.manifest.ManifestException;
import dev.hookwright.core.manifest.ManifestReader;
import dev.hookwright.core.policy.Finding;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code hookwright render}: a manifest stream in, the same stream out with, after each
 * opted-in Deployment's document, the Jobs the dry run synthesizes for it as real hooks, and
 * the Deployment's opt-in label set to {@code rendered} so the webhook and the controller leave
 * it alone. The output is spliced into the input text: every other document, comment and
 * separator is copied byte for byte, and an opted-in Deployment differs only in that label's
 * value. Pure: text in, text out.
 */
public final class Renderer {
    /**
     * Helm 4 merges the chart's files into one stream for the post-renderer and marks each
     * document with the file it came from; a document without the mark gets a file name made
     * from its position in the stream, which moves whenever the chart changes.
     */
    public static final String HELM_POSTRENDER_FILENAME = "postrenderer.helm.sh/postrender-filename";

    private final DryRun dryRun;

    public Renderer(DryRun dryRun) {
        this.dryRun = dryRun;
    }

    /** What was written and the warnings about it. */
    public record Rendered(String stream, List<String> warnings) {
        public Rendered {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * @param namespace for objects that have none, as the dry run takes it (it names no Job's namespace:
     *                  a Job is put where its Deployment is)
     * @param release   the release when a Deployment names none (a post-rendered stream carries no
     *                  {@code meta.helm.sh/release-name}; the chart's {@code app.kubernetes.io/instance} does)
     * @throws ManifestException for input that cannot be read, or holds no object
     * @throws RenderRefused     for input that must not be rendered
     */
    public Rendered render(byte[] input, Optional<String> namespace, Optional<String> release, Dialect dialect) {
        List<Manifest> manifests = ManifestReader.read(input);
        String text = new String(input, StandardCharsets.UTF_8);
        Report report = dryRun.run(manifests, namespace, release);

        List<String> refusals = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<Integer, List<ObjectNode>> jobsByManifest = new TreeMap<>();
        Set<String> jobNames = existingJobs(report);
        for (int i = 0; i < manifests.size(); i++) {
            Manifest original = manifests.get(i);
            if (!isOptedIn(original)) {
                continue;
            }
            ObjectResult result = report.results().get(i);
            List<String> refused = refusals(result);
            if (!refused.isEmpty()) {
                refusals.addAll(refused);
                continue;
            }
            result.findings().forEach(warning -> warnings.add(warning.text()));
            List<ObjectNode> jobs = new ArrayList<>();
            for (Job job : result.jobs()) {
                ObjectNode tree = rendered(job, original);
                dialect.apply(tree).ifPresent(refusals::add);
                // Helm and Argo CD both refuse a stream with two objects of one name.
                if (!jobNames.add(result.manifest().namespace() + "/" + job.getMetadata().getName())) {
                    refusals.add("hookwright: Deployment " + original.name() + " would add a Job named "
                            + job.getMetadata().getName() + ", but the stream holds one of that name already; "
                            + "remove the hand-written hook or the " + Keys.OPT_IN_LABEL + " label");
                }
                jobs.add(tree);
            }
            jobsByManifest.put(i, jobs);
        }
        if (!refusals.isEmpty()) {
            throw new RenderRefused(refusals);
        }
        return new Rendered(splice(text, manifests, jobsByManifest), warnings);
    }

    private static boolean isOptedIn(Manifest manifest) {
        return "apps/v1".equals(manifest.apiVersion()) && "Deployment".equals(manifest.kind())
                && Keys.OPT_IN_VALUE.equals(manifest.object().path("metadata").path("labels")
                        .path(Keys.OPT_IN_LABEL).asText(null));
    }

    /**
     * What stops an opted-in Deployment: its bad values as the one message {@code /mutate}
     * denies with, any other error (a {@code conflict}), or no release — a migration that would
     * silently not run.
     */
    private static List<String> refusals(ObjectResult result) {
        List<String> bad = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Finding finding : result.findings()) {
            if (finding.isError() && DryRun.ANNOTATION.equals(finding.rule())) {
                bad.add(finding.message());
            } else if (finding.isError()) {
                others.add("hookwright: " + finding.text());
            } else if (DryRun.RELEASE.equals(finding.rule())) {
                others.add("hookwright: Deployment " + result.manifest().name() + " is opted in with "
                        + Keys.OPT_IN_LABEL + " but names no release: pass --release R (to Helm: "
                        + "--post-renderer-args=--release=R), or set annotation " + Keys.RELEASE);
            }
        }
        List<String> refusals = new ArrayList<>();
        if (!bad.isEmpty()) {
            refusals.add("hookwright: " + String.join("; ", bad));
        }
        refusals.addAll(others);
        return refusals;
    }

    private static Set<String> existingJobs(Report report) {
        Set<String> names = new HashSet<>();
        for (ObjectResult result : report.results()) {
            if ("Job".equals(result.manifest().kind())) {
                names.add(result.manifest().namespace() + "/" + result.manifest().name());
            }
        }
        return names;
    }

    /**
     * The exported Job (managed-by Helm), in its Deployment's namespace exactly as the stream
     * writes it — none when the Deployment has none, so both land in the release's namespace —
     * and in its Deployment's file for Helm.
     */
    private static ObjectNode rendered(Job job, Manifest deployment) {
        ObjectNode tree = HelmExport.forHelm(job);
        ObjectNode synthesized = (ObjectNode) tree.get("metadata");
        // Name and namespace first, as people write (and Helm prints) them.
        ObjectNode metadata = Json.mapper().createObjectNode();
        metadata.set("name", synthesized.get("name"));
        String namespace = deployment.namespace();
        if (!namespace.isEmpty()) {
            metadata.put("namespace", namespace);
        }
        metadata.setAll(synthesized);
        tree.set("metadata", metadata);
        JsonNode file = deployment.object().path("metadata").path("annotations").path(HELM_POSTRENDER_FILENAME);
        if (file.isTextual()) {
            metadata.withObjectProperty("annotations").put(HELM_POSTRENDER_FILENAME, file.asText());
        }
        return tree;
    }

    /** The input text with the label values rewritten and the Jobs inserted after their Deployments' segments. */
    private static String splice(String text, List<Manifest> manifests, Map<Integer, List<ObjectNode>> jobsByManifest) {
        if (jobsByManifest.isEmpty()) {
            return text;
        }
        List<Locator.Place> places;
        try {
            // JSON allows tabs between tokens, where the YAML node reader does not; a raw tab is never
            // inside a JSON string, so blanking tabs keeps every position and every value.
            boolean json = text.stripLeading().startsWith("{") || text.stripLeading().startsWith("[");
            places = Locator.places(json ? text.replace('\t', ' ') : text);
        } catch (RuntimeException unreadable) {
            // The manifest reader took it (JSON, say), the YAML node reader that keeps positions did not.
            throw new ManifestException(0, 0, "the stream could be read but not located in its text ("
                    + firstLine(unreadable.getMessage()) + "); write it as YAML documents");
        }
        if (places.size() != manifests.size()) {
            throw new ManifestException(0, 0, "the stream reads as " + manifests.size() + " objects but "
                    + places.size() + " were found in its text; write it as plain YAML documents");
        }
        int[] starts = Segments.starts(text);
        Map<Integer, List<Locator.Span>> labelsBySegment = new LinkedHashMap<>();
        Map<Integer, List<ObjectNode>> jobsBySegment = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<ObjectNode>> entry : jobsByManifest.entrySet()) {
            Manifest manifest = manifests.get(entry.getKey());
            Locator.Place place = places.get(entry.getKey());
            if (!place.kind().equals(manifest.kind()) || !place.name().equals(manifest.name())
                    || place.optInValue().isEmpty()) {
                throw new ManifestException(manifest.line(), 1, "Deployment " + manifest.name()
                        + " could not be found in the text of the stream; write it as plain YAML");
            }
            int segment = Segments.indexOf(starts, place.documentStart());
            labelsBySegment.computeIfAbsent(segment, s -> new ArrayList<>()).add(place.optInValue().get());
            jobsBySegment.computeIfAbsent(segment, s -> new ArrayList<>()).addAll(entry.getValue());
        }
        StringBuilder out = new StringBuilder(text.length() + 4096 * jobsByManifest.size());
        for (int s = 0; s < starts.length; s++) {
            int start = starts[s];
            int end = s + 1 < starts.length ? starts[s + 1] : text.length();
            List<Locator.Span> labels = labelsBySegment.getOrDefault(s, List.of());
            int copied = start;
            for (Locator.Span label : labels.stream().sorted((a, b) -> Integer.compare(a.start(), b.start())).toList()) {
                out.append(text, copied, label.start()).append(renderedValue(text.substring(label.start(), label.end())));
                copied = label.end();
            }
            out.append(text, copied, end);
            List<ObjectNode> jobs = jobsBySegment.getOrDefault(s, List.of());
            if (!jobs.isEmpty()) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != '\n' && out.charAt(out.length() - 1) != '\r') {
                    out.append('\n');
                }
                jobs.forEach(job -> out.append(HelmExport.document(job)));
            }
        }
        return out.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** {@code enabled}, {@code 'enabled'} or {@code "enabled"} (also in JSON) becomes the same with {@code rendered}. */
    private static String renderedValue(String written) {
        int at = written.indexOf(Keys.OPT_IN_VALUE);
        return at < 0 ? Keys.OPT_IN_RENDERED
                : written.substring(0, at) + Keys.OPT_IN_RENDERED + written.substring(at + Keys.OPT_IN_VALUE.length());
    }
}
