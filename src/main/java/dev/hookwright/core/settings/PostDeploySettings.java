package dev.hookwright.core.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The second (contract) phase of an expand / contract migration: a Job that runs only after
 * the rollout of its revision is complete, so no pod of the old code is left to read what it
 * removes.
 *
 * @param command its command ({@code hookwright.dev/post-deploy-command})
 * @param args    its arguments ({@code hookwright.dev/post-deploy-args})
 * @param env     variables added to its container ({@code hookwright.dev/post-deploy-env}), in the
 *                order written
 */
public record PostDeploySettings(List<String> command, List<String> args, Map<String, String> env) {

    public PostDeploySettings {
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }
}
