package dev.hookwright.render;

import dev.hookwright.cli.RenderCommand;
import dev.hookwright.core.render.Renderer;
import dev.hookwright.testing.CheckRun;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code hookwright render} in-process with the shipped defaults and captures what it prints. */
public record RenderRun(int exit, String stdout, String stderr) {

    public static final Renderer SHIPPED = new Renderer(CheckRun.SHIPPED);

    public static RenderRun of(String input, String... args) {
        return of(input.getBytes(StandardCharsets.UTF_8), args);
    }

    public static RenderRun of(byte[] input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = RenderCommand.run(SHIPPED, args, new ByteArrayInputStream(input),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new RenderRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
