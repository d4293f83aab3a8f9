package dev.hookwright.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The container images agree with the chart: the user, the JVM's memory inside the limit, a pinned base. */
class ImageTest {
    private static final Path JVM = Path.of("src", "main", "docker", "Dockerfile.jvm");
    private static final Path NATIVE = Path.of("src", "main", "docker", "Dockerfile.native");
    /** Thread stacks the budget allows for: Vert.x event loops and workers, the controller, JVM threads. */
    private static final int THREADS = 64;
    /** GC structures, symbol tables, class-loading and malloc arenas: what no flag caps. */
    private static final int OTHER_NATIVE_MIB = 48;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.native"})
    void pinsItsBaseImageByDigest(String file) throws IOException {
        String dockerfile = Files.readString(Path.of("src", "main", "docker", file));
        Matcher base = Pattern.compile("(?m)^ARG BASE_IMAGE=(\\S+)$").matcher(dockerfile);
        assertThat(base.find()).as("ARG BASE_IMAGE in %s", file).isTrue();
        assertThat(base.group(1)).matches("registry\\.access\\.redhat\\.com/ubi9/[a-z0-9-]+(:[\\w.-]+)?@sha256:[0-9a-f]{64}");
        assertThat(dockerfile).containsPattern("(?m)^FROM \\$\\{BASE_IMAGE}$");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.native"})
    void runsAsTheUserTheChartDeclares(String file) throws IOException {
        String dockerfile = Files.readString(Path.of("src", "main", "docker", file));
        JsonNode security = Chart.render().one("Deployment").path("spec").path("template").path("spec")
                .path("securityContext");
        Matcher user = Pattern.compile("(?m)^USER (\\d+)$").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        assertThat(Integer.parseInt(user.group(1))).isEqualTo(security.path("runAsUser").asInt())
                .isEqualTo(security.path("fsGroup").asInt());
    }

    @Test
    void theJvmExitsOnOutOfMemoryAndEveryPoolFitsTheChartsMemoryLimit() throws IOException {
        String options = javaOpts();
        assertThat(options).contains("-XX:+ExitOnOutOfMemoryError");
        long heap = mebibytes(options, "-Xmx(\\d+)([mMgG])");
        long metaspace = mebibytes(options, "-XX:MaxMetaspaceSize=(\\d+)([mMgG])");
        long codeCache = mebibytes(options, "-XX:ReservedCodeCacheSize=(\\d+)([mMgG])");
        long direct = mebibytes(options, "-XX:MaxDirectMemorySize=(\\d+)([mMgG])");
        Matcher stack = Pattern.compile("-Xss(\\d+)k").matcher(options);
        assertThat(stack.find()).isTrue();
        long stacks = THREADS * Long.parseLong(stack.group(1)) / 1024;
        long sum = heap + metaspace + codeCache + direct + stacks + OTHER_NATIVE_MIB;
        assertThat(sum).as("the sum shown in the Dockerfile's comment").isEqualTo(560);
        assertThat(sum).isLessThanOrEqualTo(limitMebibytes());
        assertThat(Files.readString(JVM)).contains("sum   " + sum + " MiB <= " + limitMebibytes() + " MiB");
    }

    @Test
    void honoursJavaOptsAndJavaOptsAppend() throws IOException {
        String dockerfile = Files.readString(JVM);
        assertThat(dockerfile).containsPattern("(?m)^ENV JAVA_OPTS=\"").containsPattern("(?m)^ENV JAVA_OPTS_APPEND=\"\"$")
                .contains("ENTRYPOINT [ \"/opt/jboss/container/java/run/run-java.sh\" ]");
    }

    @Test
    void makeRunUsesTheImagesMemoryFlags() throws IOException {
        Matcher make = Pattern.compile("(?m)^JAVA_OPTS \\?= (.+)$").matcher(Files.readString(Path.of("Makefile")));
        assertThat(make.find()).isTrue();
        assertThat(javaOpts()).startsWith(make.group(1));
    }

    private static String javaOpts() throws IOException {
        Matcher env = Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]+)\"$").matcher(Files.readString(JVM));
        assertThat(env.find()).isTrue();
        return env.group(1);
    }

    private static long limitMebibytes() {
        String limit = Chart.render().one("Deployment").path("spec").path("template").path("spec").path("containers")
                .get(0).path("resources").path("limits").path("memory").asText();
        assertThat(limit).matches("\\d+Mi");
        return Long.parseLong(limit.substring(0, limit.length() - 2));
    }

    private static long mebibytes(String options, String flag) {
        Matcher m = Pattern.compile(flag).matcher(options);
        assertThat(m.find()).as("%s in JAVA_OPTS", flag).isTrue();
        long value = Long.parseLong(m.group(1));
        return m.group(2).equalsIgnoreCase("g") ? value * 1024 : value;
    }
}
