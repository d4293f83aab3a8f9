package dev.hookwright.core.helm;

/** A release name and where it was found. */
public record Release(String name, ReleaseSource source) {
}
