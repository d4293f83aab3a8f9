package dev.hookwright.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.admission.ErrorBodies;
import dev.hookwright.config.DryRunConfig;
import dev.hookwright.config.Engine;
import dev.hookwright.core.Dns1123;
import dev.hookwright.core.Text;
import dev.hookwright.core.dryrun.DryRun;
import dev.hookwright.core.dryrun.HelmExport;
import dev.hookwright.core.dryrun.Report;
import dev.hookwright.core.dryrun.ReportJson;
import dev.hookwright.core.manifest.ManifestException;
import dev.hookwright.core.manifest.ManifestReader;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code POST /dry-run}: {@code helm template} output in, the report out — or,
 * with {@code Accept: application/yaml}, the Jobs as a YAML stream. 200 without an error
 * finding, 422 with one, 400 for input that cannot be read. Nothing is created. Parsing up to
 * 8 MiB of YAML is real work, so this runs on a worker thread, not the event loop.
 */
@ApplicationScoped
public class DryRunRoute {
    public static final String YAML = "application/yaml";
    private final DryRun dryRun;
    private final boolean enabled;

    @Inject
    public DryRunRoute(Engine engine, DryRunConfig config) {
        this.dryRun = engine.dryRun();
        this.enabled = config.enabled();
    }

    void register(@Observes Router router) {
        // Not ordered: two dry runs may parse at once on two worker threads.
        Routes.post(router, "/dry-run").blockingHandler(this::dryRun, false);
    }

    private void dryRun(RoutingContext context) {
        if (!enabled) {
            Routes.send(context, 404, ErrorBodies.of(404,
                    "/dry-run is switched off on this server (hookwright.dry-run.enabled=false); run `hookwright check` instead"));
            return;
        }
        String namespace = context.queryParams().get("namespace");
        if (namespace != null && !namespace.isEmpty() && !Dns1123.isLabel(namespace)) {
            Routes.send(context, 400, ErrorBodies.of(400, "namespace \"" + Text.shorten(namespace, 67)
                    + "\" is not a namespace name (a DNS-1123 label)"));
            return;
        }
        Report report;
        try {
            report = dryRun.run(ManifestReader.read(Routes.body(context)), nonEmpty(namespace),
                    nonEmpty(context.queryParams().get("release")));
        } catch (ManifestException e) {
            ObjectNode error = ErrorBodies.of(400, e.describe());
            if (e.line() > 0) {
                error.put("line", e.line()).put("column", e.column());
            }
            Routes.send(context, 400, error);
            return;
        }
        int status = report.hasErrors() ? 422 : 200;
        if (wantsYaml(context.request().getHeader(HttpHeaders.ACCEPT))) {
            Routes.send(context, status, YAML, HelmExport.yaml(report).getBytes(StandardCharsets.UTF_8));
        } else {
            Routes.send(context, status, ReportJson.of(report));
        }
    }

    private static boolean wantsYaml(String accept) {
        return accept != null && (accept.contains(YAML) || accept.contains("application/x-yaml")
                || accept.contains("text/yaml"));
    }

    private static Optional<String> nonEmpty(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isEmpty());
    }
}
