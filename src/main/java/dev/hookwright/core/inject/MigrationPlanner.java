package dev.hookwright.core.inject;

import dev.hookwright.core.Keys;
import dev.hookwright.core.helm.HookEvent;
import dev.hookwright.core.helm.Release;
import dev.hookwright.core.helm.ReleaseDetector;
import dev.hookwright.core.helm.ReleaseNames;
import dev.hookwright.core.helm.ReleaseSource;
import dev.hookwright.core.naming.JobNames;
import dev.hookwright.core.naming.JobNames.Purpose;
import dev.hookwright.core.settings.AnnotationReader;
import dev.hookwright.core.settings.MigrationDefaults;
import dev.hookwright.core.settings.MigrationSettings;
import dev.hookwright.core.settings.Violation;
import dev.hookwright.core.synth.JobRequest;
import dev.hookwright.core.synth.JobRequest.EnvSource;
import dev.hookwright.core.synth.JobSynthesizer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deployment → {@link Plan}: the one function the webhook, the controller, the dry run and the
 * CLI share, so they always agree on the Job and on what is refused.
 */
public final class MigrationPlanner {
    private final MigrationDefaults defaults;

    public MigrationPlanner(MigrationDefaults defaults) {
        this.defaults = defaults;
    }

    public MigrationDefaults defaults() {
        return defaults;
    }

    public static boolean isOptedIn(ObjectMeta metadata) {
        return metadata != null && metadata.getLabels() != null
                && Keys.OPT_IN_VALUE.equals(metadata.getLabels().get(Keys.OPT_IN_LABEL));
    }

    /**
     * @param releaseParameter the dry run's {@code release} parameter; admission has none
     */
    public Plan plan(Deployment deployment, Optional<String> releaseParameter) {
        ObjectMeta metadata = deployment.getMetadata() == null ? new ObjectMeta() : deployment.getMetadata();
        if (!isOptedIn(metadata)) {
            return new Plan.NotOptedIn();
        }
        Map<String, String> annotations = metadata.getAnnotations() == null ? Map.of() : metadata.getAnnotations();
        Map<String, String> labels = metadata.getLabels();
        Optional<Release> found = ReleaseDetector.detect(annotations, labels, releaseParameter);
        if (found.isEmpty()) {
            return new Plan.NoRelease("opted in with " + Keys.OPT_IN_LABEL + " but no release found: set "
                    + "annotation " + Keys.RELEASE + ", or install with Helm (which sets "
                    + Keys.HELM_RELEASE_NAME + "); no migration Job");
        }
        Release release = found.get();
        List<Violation> violations = new ArrayList<>();
        if (!ReleaseNames.isValid(release.name())) {
            violations.add(new Violation(sourceKey(release.source()), release.name(), "write " + ReleaseNames.ACCEPTED));
        }
        AnnotationReader.Result read = AnnotationReader.read(annotations, release.name(), defaults);
        violations.addAll(read.violations());
        Optional<Container> container = read.settings().flatMap(settings -> reusedContainer(deployment, settings, violations));
        if (!violations.isEmpty()) {
            return new Plan.Invalid(violations);
        }
        MigrationSettings settings = read.settings().orElseThrow();
        return new Plan.Planned(release, settings, JobSynthesizer.synthesize(
                jobRequest(deployment, release.name(), settings, container.orElseThrow())));
    }

    /** The container whose image, environment and mounts the migration reuses. */
    public static Optional<Container> reusedContainer(PodTemplateSpec template, Optional<String> name) {
        List<Container> containers = template == null || template.getSpec() == null
                || template.getSpec().getContainers() == null ? List.of() : template.getSpec().getContainers();
        return name.isPresent()
                ? containers.stream().filter(c -> name.get().equals(c.getName())).findFirst()
                : containers.stream().findFirst();
    }

    private static Optional<Container> reusedContainer(Deployment deployment, MigrationSettings settings,
            List<Violation> violations) {
        PodTemplateSpec template = deployment.getSpec() == null ? null : deployment.getSpec().getTemplate();
        Optional<Container> container = reusedContainer(template, settings.container());
        if (container.isEmpty()) {
            List<String> names = template == null || template.getSpec() == null || template.getSpec().getContainers() == null
                    ? List.of() : template.getSpec().getContainers().stream().map(Container::getName).toList();
            violations.add(settings.container().isPresent()
                    ? new Violation(Keys.CONTAINER, settings.container().get(),
                            "write the name of one of the pod's containers: " + String.join(", ", names))
                    : new Violation("spec.template.spec.containers", null, "the pod template needs a container"));
        }
        return container;
    }

    private JobRequest jobRequest(Deployment deployment, String release, MigrationSettings settings, Container container) {
        DeploymentSpec spec = deployment.getSpec();
        String revision = settings.revision()
                .map(explicit -> JobNames.explicitRevision(explicit, settings.rerun()))
                .orElseGet(() -> JobNames.hashRevision(container.getImage(), settings.command(), settings.args(),
                        settings.rerun().orElse("")));
        List<EnvSource> envSources = new ArrayList<>(2);
        settings.envConfigMap().ifPresent(name -> envSources.add(new EnvSource(EnvSource.Kind.CONFIG_MAP, name)));
        settings.envSecret().ifPresent(name -> envSources.add(new EnvSource(EnvSource.Kind.SECRET, name)));
        return new JobRequest(
                JobNames.jobName(release, Purpose.MIGRATE, revision),
                Purpose.MIGRATE,
                release,
                deployment.getMetadata().getNamespace(),
                java.util.Objects.requireNonNullElse(deployment.getMetadata().getName(), ""),
                spec.getSelector(),
                spec.getTemplate(),
                container,
                settings.command(),
                settings.args(),
                HookEvent.annotationValue(settings.events()),
                settings.weight(),
                settings.backoffLimit(),
                settings.activeDeadlineSeconds(),
                settings.ttlSecondsAfterFinished(),
                envSources,
                defaults);
    }

    private static String sourceKey(ReleaseSource source) {
        return switch (source) {
            case HOOKWRIGHT_ANNOTATION -> Keys.RELEASE;
            case HELM_ANNOTATION -> Keys.HELM_RELEASE_NAME;
            case PARAMETER -> "release";
            case INSTANCE_LABEL -> Keys.INSTANCE;
        };
    }
}
