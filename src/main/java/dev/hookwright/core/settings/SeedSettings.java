package dev.hookwright.core.settings;

import java.util.List;

/**
 * The data-seeding Job ({@code hookwright.dev/seed-*}): its command, and whether it runs only on the first
 * revision hookwright sees ({@code install}) or on every one ({@code always}).
 */
public record SeedSettings(List<String> command, List<String> args, When when) {

    public enum When {
        INSTALL, ALWAYS
    }

    public SeedSettings {
        command = List.copyOf(command);
        args = List.copyOf(args);
    }
}
