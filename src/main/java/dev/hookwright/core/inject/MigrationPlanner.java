package dev.hookwright.core.inject;

import dev.hookwright.core.Keys;
import dev.hookwright.core.OptIn;
import dev.hookwright.core.ReusedContainer;
import dev.hookwright.core.helm.HookEvent;
import dev.hookwright.core.helm.Release;
import dev.hookwright.core.helm.ReleaseDetector;
import dev.hookwright.core.helm.ReleaseNames;
import dev.hookwright.core.helm.ReleaseSource;
import dev.hookwright.core.naming.JobNames;
import dev.hookwright.core.policy.Finding;
import dev.hookwright.core.naming.JobNames.Purpose;
import dev.hookwright.core.settings.AnnotationReader;
import dev.hookwright.core.settings.MigrationDefaults;
import dev.hookwright.core.settings.MigrationSettings;
import dev.hookwright.core.settings.SeedSettings;
import dev.hookwright.core.settings.Violation;
import dev.hookwright.core.synth.JobRequest;
import dev.hookwright.core.synth.JobRequest.EnvSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Deployment → {@link Plan}: the one function the webhook, the controller, the dry run and the
 * CLI share, so they always agree on the Job and on what is refused.
 */
public final class MigrationPlanner {
    /** The rule id of the warning that a deadline cannot hold the retries' delays. */
    public static final String RETRY_DEADLINE = "retry-deadline";
    /**
     * Each later Job weighs 10 more than the one before, so Helm (which orders hooks by weight)
     * and the controller agree: migration, then post-deploy, then the seed after the last phase.
     */
    static final int PHASE_WEIGHT_STEP = 10;
    private final MigrationDefaults defaults;

    public MigrationPlanner(MigrationDefaults defaults) {
        this.defaults = defaults;
    }

    public MigrationDefaults defaults() {
        return defaults;
    }

    /**
     * @param releaseParameter the dry run's {@code release} parameter; admission has none
     */
    public Plan plan(Deployment deployment, Optional<String> releaseParameter) {
        ObjectMeta metadata = deployment.getMetadata() == null ? new ObjectMeta() : deployment.getMetadata();
        if (!OptIn.isOptedIn(metadata)) {
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
        String revision = revision(settings, container.get());
        JobRequest migration = jobRequest(deployment, release.name(), settings, container.get(), Purpose.MIGRATE,
                revision, settings.command(), settings.args(), settings.events(), settings.weight(), settings.env());
        // The post-deploy phase shares the migration's revision: one revision, one expand / contract pair.
        Optional<JobRequest> postDeploy = settings.postDeploy().map(post -> jobRequest(deployment, release.name(),
                settings, container.get(), Purpose.POST_DEPLOY, revision, post.command(), post.args(),
                POST_DEPLOY_EVENTS, postDeployWeight(settings), post.env()));
        // The seed gets the app container's environment only: it runs when every phase is done.
        Optional<JobRequest> seed = settings.seed().map(seedSettings -> jobRequest(deployment, release.name(), settings,
                container.get(), Purpose.SEED, revision, seedSettings.command(), seedSettings.args(),
                seedEvents(seedSettings), seedWeight(settings), Map.of()));
        return new Plan.Planned(release, settings, migration, seed, warnings(settings), postDeploy);
    }

    private static Optional<Container> reusedContainer(Deployment deployment, MigrationSettings settings,
            List<Violation> violations) {
        PodTemplateSpec template = deployment.getSpec() == null ? null : deployment.getSpec().getTemplate();
        Optional<Container> container = ReusedContainer.of(template, settings.container());
        if (container.isEmpty()) {
            List<String> names = ReusedContainer.names(template);
            violations.add(settings.container().isPresent()
                    ? new Violation(Keys.CONTAINER, settings.container().get(),
                            "write the name of one of the pod's containers: " + String.join(", ", names))
                    : new Violation("spec.template.spec.containers", null, "the pod template needs a container"));
        }
        return container;
    }

    /** Explicit (with its rerun suffix), or the hash of what makes a migration different. */
    private static String revision(MigrationSettings settings, Container container) {
        return settings.revision()
                .map(explicit -> JobNames.explicitRevision(explicit, settings.rerun()))
                .orElseGet(() -> JobNames.hashRevision(container.getImage(), settings.command(), settings.args(),
                        settings.rerun().orElse("")));
    }

    /** After the rollout: for an exported chart, Helm's post hooks are the nearest it has. */
    private static final SortedSet<HookEvent> POST_DEPLOY_EVENTS =
            new TreeSet<>(EnumSet.of(HookEvent.POST_INSTALL, HookEvent.POST_UPGRADE));

    /** The post-deploy Job's hook weight: right after the migration's. */
    public static int postDeployWeight(MigrationSettings settings) {
        return settings.weight() + PHASE_WEIGHT_STEP;
    }

    /** The seed's hook weight: after the last phase of its revision (the post-deploy Job when there is one). */
    public static int seedWeight(MigrationSettings settings) {
        return settings.postDeploy().isPresent() ? postDeployWeight(settings) + PHASE_WEIGHT_STEP
                : settings.weight() + PHASE_WEIGHT_STEP;
    }

    /** {@code install}: Helm's post-install only; {@code always}: after every install and upgrade. */
    private static SortedSet<HookEvent> seedEvents(SeedSettings seed) {
        return seed.when() == SeedSettings.When.ALWAYS
                ? new TreeSet<>(EnumSet.of(HookEvent.POST_INSTALL, HookEvent.POST_UPGRADE))
                : new TreeSet<>(EnumSet.of(HookEvent.POST_INSTALL));
    }

    private static List<Finding> warnings(MigrationSettings settings) {
        return settings.retry()
                .filter(retry -> retry.backoffSeconds() > settings.activeDeadlineSeconds())
                .map(retry -> Finding.warning(RETRY_DEADLINE, "metadata.annotations[" + Keys.ACTIVE_DEADLINE_SECONDS + "]",
                        Keys.ACTIVE_DEADLINE_SECONDS + " is " + settings.activeDeadlineSeconds() + " s but "
                                + Keys.RETRY + " exponential:" + retry.retries() + " waits at least "
                                + retry.backoffSeconds() + " s between retries; raise the deadline to at least "
                                + retry.backoffSeconds() + " plus the migration's run time, or retry less"))
                .orElse(List.of());
    }

    private JobRequest jobRequest(Deployment deployment, String release, MigrationSettings settings,
            Container container, Purpose purpose, String revision, List<String> command, List<String> args,
            SortedSet<HookEvent> events, int weight, Map<String, String> env) {
        DeploymentSpec spec = deployment.getSpec();
        List<EnvSource> envSources = new ArrayList<>(2);
        settings.envConfigMap().ifPresent(name -> envSources.add(new EnvSource(EnvSource.Kind.CONFIG_MAP, name)));
        settings.envSecret().ifPresent(name -> envSources.add(new EnvSource(EnvSource.Kind.SECRET, name)));
        return new JobRequest(
                JobNames.jobName(release, purpose, revision),
                purpose,
                release,
                deployment.getMetadata().getNamespace(),
                Objects.requireNonNullElse(deployment.getMetadata().getName(), ""),
                spec.getSelector(),
                spec.getTemplate(),
                container,
                command,
                args,
                HookEvent.annotationValue(events),
                weight,
                settings.backoffLimit(),
                settings.activeDeadlineSeconds(),
                settings.ttlSecondsAfterFinished(),
                envSources,
                settings.retry(),
                defaults,
                settings.volumes(),
                settings.resources(),
                env);
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
