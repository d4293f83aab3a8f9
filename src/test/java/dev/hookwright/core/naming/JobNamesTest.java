package dev.hookwright.core.naming;

import dev.hookwright.core.naming.JobNames.Purpose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden examples of the one name function (docs/reference.md, Job names). The expected hashes were computed
 * independently (Python's hashlib over the canonical JSON), not by this code.
 */
class JobNamesTest {

    @Test
    void hashesTheCanonicalJsonOfImageCommandArgsAndRerun() {
        // sha256('{"image":"registry.example.com/shop/web:1.4.2","command":["node","db/migrate.mjs"],"args":[],"rerun":""}')
        assertThat(JobNames.hashRevision("registry.example.com/shop/web:1.4.2", List.of("node", "db/migrate.mjs"),
                List.of(), "")).isEqualTo("72f8bdd166");
    }

    @Test
    void aNewImageCommandArgsOrRerunTokenMakesANewRevision() {
        String base = JobNames.hashRevision("shop:1", List.of("migrate"), List.of(), "");
        assertThat(JobNames.hashRevision("shop:2", List.of("migrate"), List.of(), "")).isNotEqualTo(base);
        assertThat(JobNames.hashRevision("shop:1", List.of("migrate", "up"), List.of(), "")).isNotEqualTo(base);
        assertThat(JobNames.hashRevision("shop:1", List.of("migrate"), List.of("up"), "")).isNotEqualTo(base);
        assertThat(JobNames.hashRevision("shop:1", List.of("migrate"), List.of(), "2026-11-24")).isNotEqualTo(base);
        // Moving a word between command and args is a different migration too.
        assertThat(JobNames.hashRevision("shop:1", List.of("migrate", "up"), List.of(), ""))
                .isNotEqualTo(JobNames.hashRevision("shop:1", List.of("migrate"), List.of("up"), ""));
    }

    @Test
    void escapesStringsAsJsonSoQuotesCannotForgeAnotherCanonicalForm() {
        // sha256('{"image":"a\\"b","command":["x"],"args":[],"rerun":""}')
        assertThat(JobNames.hashRevision("a\"b", List.of("x"), List.of(), "")).isEqualTo("a9f227064b");
    }

    @Test
    void suffixesAnExplicitRevisionWithTheRerunTokensHash() {
        // sha256('again')[:5] = b4c9e
        assertThat(JobNames.explicitRevision("42", Optional.of("again"))).isEqualTo("42-b4c9e");
        assertThat(JobNames.explicitRevision("42", Optional.empty())).isEqualTo("42");
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource({
        "shop, 72f8bdd166, shop-migrate-72f8bdd166",
        "shop.eu, 3, shop-eu-migrate-3",
        // 53 characters: cut, then -<sha256(release)[:5]> so distinct long releases stay distinct.
        "payments-eu-west-1-production-ledger-reconciliation-x, 12, payments-eu-west-1-production-ledger-reconcili-23457-migrate-12",
        "payments-eu-west-1-production-ledger-reconciliation-y, 12, payments-eu-west-1-production-ledger-reconcili-3c14f-migrate-12",
        // A cut that would end in '-' drops it rather than writing '--'.
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-bbbbbbb, 12, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-2547b-migrate-12",
        "a.b.c, 0123456789abcdefghij, a-b-c-migrate-0123456789abcdefghij",
    })
    void namesTheJobReleaseMigrateRevisionWithinSixtyThreeCharacters(String release, String revision, String name) {
        String actual = JobNames.jobName(release, Purpose.MIGRATE, revision);
        assertThat(actual).isEqualTo(name).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    }

    @Test
    void theLongestRevisionWithARerunSuffixStillFits() {
        String release = "x".repeat(53);
        String revision = JobNames.explicitRevision("r".repeat(20), Optional.of("token"));
        assertThat(JobNames.jobName(release, Purpose.SEED, revision)).hasSize(63).endsWith("-seed-" + revision);
    }

    @Test
    void namesThePostDeployJobWithTheSameFunctionAndTheSame63CharacterRule() {
        assertThat(JobNames.jobName("shop", Purpose.POST_DEPLOY, "12")).isEqualTo("shop-postdeploy-12");
        assertThat(JobNames.jobName("shop.eu", Purpose.POST_DEPLOY, "12")).isEqualTo("shop-eu-postdeploy-12");
        // Computed independently: sha256("payments-eu-west-1-production-ledger-reconciliation-x")[:5] = 23457.
        assertThat(JobNames.jobName("payments-eu-west-1-production-ledger-reconciliation-x", Purpose.POST_DEPLOY, "12"))
                .isEqualTo("payments-eu-west-1-production-ledger-reconc-23457-postdeploy-12").hasSize(63);
        String revision = JobNames.explicitRevision("r".repeat(20), Optional.of("token"));
        assertThat(JobNames.jobName("x".repeat(53), Purpose.POST_DEPLOY, revision))
                .isEqualTo("x".repeat(19) + "-8a04a-postdeploy-" + "r".repeat(20) + "-3c469");
        assertThat(JobNames.revisionOf("shop-postdeploy-12", "shop", Purpose.POST_DEPLOY)).contains("12");
        assertThat(JobNames.revisionOf("shop-postdeploy-12", "shop", Purpose.MIGRATE)).isEmpty();
        assertThat(Purpose.POST_DEPLOY.containerName()).isEqualTo("postdeploy");
    }

    @Test
    void recognisesExactlyItsOwnNames() {
        String release = "payments-eu-west-1-production-ledger-reconciliation-x";
        String name = JobNames.jobName(release, Purpose.MIGRATE, "12");
        assertThat(JobNames.revisionOf(name, release, Purpose.MIGRATE)).contains("12");
        assertThat(JobNames.revisionOf("shop-migrate-7", "shop", Purpose.MIGRATE)).contains("7");
        assertThat(JobNames.revisionOf("shop-eu-migrate-7", "shop.eu", Purpose.MIGRATE)).contains("7");
        assertThat(JobNames.revisionOf("shop-migrate-7", "shop", Purpose.SEED)).isEmpty();
        assertThat(JobNames.revisionOf("shop-db-migrate", "shop", Purpose.MIGRATE)).isEmpty();
        assertThat(JobNames.revisionOf("shop-migrate-", "shop", Purpose.MIGRATE)).isEmpty();
        assertThat(JobNames.revisionOf("shop-migrate-Seven", "shop", Purpose.MIGRATE)).isEmpty();
        assertThat(JobNames.revisionOf("other-migrate-7", "shop", Purpose.MIGRATE)).isEmpty();
        // Un-cut long name: not what the function produces, so not accepted.
        assertThat(JobNames.revisionOf(release.replace('.', '-') + "-migrate-12", release, Purpose.MIGRATE)).isEmpty();
    }

    @Test
    void cutsLongLabelValuesWithAHashLikeNames() {
        String deployment = "d".repeat(100);
        assertThat(JobNames.labelValue(deployment)).hasSize(63).startsWith("d".repeat(57) + "-");
        assertThat(JobNames.labelValue("shop-web")).isEqualTo("shop-web");
        assertThat(JobNames.labelValue("a".repeat(57) + "." + "b".repeat(40)))
                .matches("[a-z0-9A-Z]([-_.a-z0-9A-Z]*[a-z0-9A-Z])?").hasSizeLessThanOrEqualTo(63);
    }
}
