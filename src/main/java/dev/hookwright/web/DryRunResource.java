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
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * {@code POST /dry-run}: {@code helm template} output in, the report out — or,
 * with {@code Accept: application/yaml}, the Jobs as a YAML stream. 200 without an error
 * finding, 422 with one, 400 for input that cannot be read. Nothing is created. Parsing up to
 * 8 MiB of YAML is real work, so this runs on a worker thread, not the event loop.
 */
@Path("/dry-run")
public class DryRunResource {
    public static final String YAML = "application/yaml";
    private final DryRun dryRun;
    private final boolean enabled;

    @Inject
    public DryRunResource(Engine engine, DryRunConfig config) {
        this.dryRun = engine.dryRun();
        this.enabled = config.enabled();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response dryRun(byte[] body, @QueryParam("namespace") String namespace,
            @QueryParam("release") String release, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        if (!enabled) {
            return Responses.json(404, ErrorBodies.of(404,
                    "/dry-run is switched off on this server (hookwright.dry-run.enabled=false); run `hookwright check` instead"));
        }
        if (namespace != null && !namespace.isEmpty() && !Dns1123.isLabel(namespace)) {
            return Responses.json(400, ErrorBodies.of(400, "namespace \"" + Text.shorten(namespace, 67)
                    + "\" is not a namespace name (a DNS-1123 label)"));
        }
        Report report;
        try {
            report = dryRun.run(ManifestReader.read(body), nonEmpty(namespace), nonEmpty(release));
        } catch (ManifestException e) {
            ObjectNode error = ErrorBodies.of(400, e.describe());
            if (e.line() > 0) {
                error.put("line", e.line()).put("column", e.column());
            }
            return Responses.json(400, error);
        }
        int status = report.hasErrors() ? 422 : 200;
        if (wantsYaml(accept)) {
            return Response.status(status).type(YAML).entity(HelmExport.yaml(report)).build();
        }
        return Responses.json(status, ReportJson.of(report));
    }

    private static boolean wantsYaml(String accept) {
        return accept != null && (accept.contains(YAML) || accept.contains("application/x-yaml")
                || accept.contains("text/yaml"));
    }

    private static Optional<String> nonEmpty(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isEmpty());
    }

}
