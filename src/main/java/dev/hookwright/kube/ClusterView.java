package dev.hookwright.kube;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.List;
import java.util.Optional;

/**
 * What {@code hookwright status} and {@code explain} read from a cluster: reads only, never a
 * write. Every method throws {@link Unreachable} when the API server cannot answer.
 */
public interface ClusterView {

    /** Deployments labelled {@code hookwright.dev/migrations: enabled}; in every namespace when {@code namespace} is empty. */
    List<Deployment> optedIn(Optional<String> namespace);

    Optional<Deployment> deployment(String namespace, String name);

    Optional<Namespace> namespace(String name);

    /** hookwright's Jobs labelled with the Deployment's name. */
    List<Job> jobsOf(Deployment deployment);

    /** The pods the Deployment's selector matches. */
    List<Pod> podsOf(Deployment deployment);

    /** The API server could not be reached, or refused the read: a message for a person, no stack trace. */
    final class Unreachable extends RuntimeException {
        public Unreachable(String message) {
            super(message, null, false, false);
        }
    }
}
