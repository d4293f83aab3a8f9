package dev.hookwright.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.List;
import java.util.Optional;

/** Which Deployment controls an object, judged by the controller ownerReference alone (never by name). */
public final class Ownership {
    private Ownership() {
    }

    public static Optional<OwnerReference> controllerOf(HasMetadata object) {
        List<OwnerReference> owners = object.getMetadata() == null || object.getMetadata().getOwnerReferences() == null
                ? List.of() : object.getMetadata().getOwnerReferences();
        return owners.stream().filter(owner -> Boolean.TRUE.equals(owner.getController())).findFirst();
    }

    public static boolean isControlledBy(HasMetadata object, String deploymentUid) {
        return deploymentUid != null && controllerOf(object).map(OwnerReference::getUid).filter(deploymentUid::equals).isPresent();
    }

    /** The reference hookwright puts on its Jobs: {@code blockOwnerDeletion} unset, so uninstalling never waits on a migration. */
    public static OwnerReference controllerReference(Deployment deployment) {
        OwnerReference reference = new OwnerReference();
        reference.setApiVersion("apps/v1");
        reference.setKind("Deployment");
        reference.setName(deployment.getMetadata().getName());
        reference.setUid(deployment.getMetadata().getUid());
        reference.setController(true);
        return reference;
    }

    /** The Deployment controlling a Job, if one does. */
    public static Optional<DeploymentKey> deploymentKeyOf(HasMetadata job) {
        return controllerOf(job)
                .filter(owner -> "Deployment".equals(owner.getKind()) && "apps/v1".equals(owner.getApiVersion()))
                .map(owner -> new DeploymentKey(job.getMetadata().getNamespace(), owner.getName()));
    }
}
