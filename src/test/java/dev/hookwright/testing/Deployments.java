package dev.hookwright.testing;

import dev.hookwright.core.Keys;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import java.util.Map;

/** Opted-in Deployments and their pods, as a chart would store them. */
public final class Deployments {
    public static final String COMMAND = "[\"node\",\"db/migrate.mjs\"]";

    private Deployments() {
    }

    /** Release {@code shop}, command set, selector {@code app=<name>}, one container {@code web}. */
    public static DeploymentBuilder optedIn(String namespace, String name, String image) {
        return new DeploymentBuilder()
                .withNewMetadata()
                    .withNamespace(namespace).withName(name)
                    .addToLabels(Keys.OPT_IN_LABEL, Keys.OPT_IN_VALUE)
                    .addToLabels(Keys.MANAGED_BY, Keys.MANAGED_BY_HELM)
                    .addToAnnotations(Keys.HELM_RELEASE_NAME, "shop")
                    .addToAnnotations(Keys.COMMAND, COMMAND)
                .endMetadata()
                .withNewSpec()
                    .withReplicas(2)
                    .withNewSelector().addToMatchLabels("app", name).endSelector()
                    .withNewTemplate()
                        .withNewMetadata().addToLabels("app", name).endMetadata()
                        .withNewSpec()
                            .addNewContainer().withName("web").withImage(image).endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec();
    }

    /** A pod of the Deployment's ReplicaSet, carrying the {@code pre} readiness gate. */
    public static Pod gatedPod(Deployment deployment, String podName, String image) {
        return new PodBuilder()
                .withNewMetadata()
                    .withNamespace(deployment.getMetadata().getNamespace()).withName(podName)
                    .withLabels(Map.copyOf(deployment.getSpec().getSelector().getMatchLabels()))
                .endMetadata()
                .withNewSpec()
                    .addNewContainer().withName("web").withImage(image).endContainer()
                    .addNewReadinessGate().withConditionType(Keys.READINESS_GATE).endReadinessGate()
                .endSpec()
                .build();
    }
}
