package dev.hookwright.cli;

import java.time.Duration;

/** A duration as {@code kubectl get} prints ages: two units at most, coarser as it grows. */
final class Age {
    private Age() {
    }

    static String of(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        long minutes = seconds / 60;
        long hours = minutes / 60;
        long days = hours / 24;
        if (seconds < 120) {
            return seconds + "s";
        }
        if (minutes < 10) {
            return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + seconds % 60 + "s";
        }
        if (hours < 3) {
            return minutes + "m";
        }
        if (hours < 8) {
            return minutes % 60 == 0 ? hours + "h" : hours + "h" + minutes % 60 + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (days < 8) {
            return hours % 24 == 0 ? days + "d" : days + "d" + hours % 24 + "h";
        }
        return days < 730 ? days + "d" : days / 365 + "y";
    }
}
