package dev.hookwright.testing;

import dev.hookwright.cli.CheckCommand;
import dev.hookwright.core.dryrun.DryRun;
import dev.hookwright.core.inject.InjectionDecider;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.policy.HookPolicy;
import dev.hookwright.core.policy.PolicySettings;
import dev.hookwright.core.settings.MigrationDefaults;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code hookwright check} in-process with the shipped defaults and captures what it prints. */
public record CheckRun(int exit, String stdout, String stderr) {

    public static final DryRun SHIPPED = new DryRun(
            new InjectionDecider(new MigrationPlanner(MigrationDefaults.SHIPPED)), new HookPolicy(PolicySettings.SHIPPED));

    public static CheckRun of(String input, String... args) {
        return of(input.getBytes(StandardCharsets.UTF_8), args);
    }

    public static CheckRun of(byte[] input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CheckCommand.run(SHIPPED, args, new ByteArrayInputStream(input),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CheckRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
