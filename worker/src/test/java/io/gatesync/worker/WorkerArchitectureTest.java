package io.gatesync.worker;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.implement;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.TrustManager;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The worker's package graph as it stands, so a change that tangles it fails the build instead of a review.
 * Main code only: the BioTime client's contract tests run the simulator.
 */
class WorkerArchitectureTest {

    private static final JavaClasses WORKER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gatesync.worker");

    @Test
    void featurePackagesDependOnEachOtherWithoutCycles() {
        slices().matching("io.gatesync.worker.(*)..").should().beFreeOfCycles().check(WORKER);
    }

    @Test
    void theWorkerNeverUsesTheApiTheSimulatorOrTheBench() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.gatesync.api..", "io.gatesync.sim..", "io.gatesync.bench..")
                .check(WORKER);
    }

    /** So the client can be built and tested without Spring and without the rest of the worker (BioTimeFixture). */
    @Test
    void theBioTimeClientDependsOnNoOtherWorkerPackage() {
        noClasses()
                .that()
                .resideInAPackage("io.gatesync.worker.biotime..")
                .should()
                .dependOnClassesThat(resideInAPackage("io.gatesync.worker..")
                        .and(not(resideInAPackage("io.gatesync.worker.biotime.."))))
                .check(WORKER);
    }

    /**
     * One BioTime client, one door: HTTP is spoken only inside {@code biotime}, every request passes its
     * RequestGate (breaker, in-flight share, rate budget), and the punch channel is the one ZKTECO_PUNCH_CHANNEL
     * chose, so nothing outside names a channel implementation or a guard.
     */
    @Test
    void biotimeIsUsedOnlyThroughItsClientReadersAndChannelInterface() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.gatesync.worker.biotime..")
                .should()
                .dependOnClassesThat(resideInAnyPackage(
                        "org.springframework.web.reactive.function.client..",
                        "org.springframework.web.client..",
                        "java.net.http.."))
                .orShould()
                .dependOnClassesThat(nameMatching("io\\.gatesync\\.worker\\.biotime\\."
                        + "(RequestGate|RateBudget|LoginGuard|GateSyncTerminal)(\\$.*)?"))
                .orShould()
                .dependOnClassesThat(implement("io.gatesync.worker.biotime.PunchChannel"))
                .check(WORKER);
    }

    /** The command framework (runner, failure router, publisher, locks) knows no feature that uses it. */
    @Test
    void theCommandFrameworkDependsOnNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("io.gatesync.worker.command..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.gatesync.worker.attendance..",
                        "io.gatesync.worker.entrylog..",
                        "io.gatesync.worker.people..",
                        "io.gatesync.worker.query..",
                        "io.gatesync.worker.schedule..",
                        "io.gatesync.worker.deadletter..",
                        "io.gatesync.worker.cluster..")
                .check(WORKER);
    }

    /** Commands are published with confirms and mandatory routing, by {@code CommandPublisher} alone. */
    @Test
    void onlyTheCommandFrameworkPublishesToRabbitMq() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.gatesync.worker.command..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.amqp.rabbit.core.RabbitTemplate")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.amqp.core.AmqpTemplate")
                .check(WORKER);
    }

    /**
     * BioTime's certificate is always checked (issue 22): no class accepts what the {@code biotime} SSL bundle refuses.
     * No trust-all factory, no host name verifier of our own, and the one trust manager is NamingTrustManager, which
     * only delegates (NamingTrustManagerTest).
     */
    @Test
    void noCodePathAcceptsAnUncheckedCertificate() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.netty.handler.ssl.util.InsecureTrustManagerFactory")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.netty.handler.ssl.util.FingerprintTrustManagerFactory")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("javax.net.ssl.HostnameVerifier")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("javax.net.ssl.HttpsURLConnection")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("javax.net.ssl.TrustManagerFactorySpi")
                .check(WORKER);
        classes()
                .that()
                .areAssignableTo(TrustManager.class)
                .should()
                .haveFullyQualifiedName("io.gatesync.worker.biotime.NamingTrustManager")
                .allowEmptyShould(false)
                .check(WORKER);
    }

    /**
     * The same, as text, over every module's main sources (the api, the simulator and the bench included): none of
     * the usual ways to switch certificate checks off appears anywhere.
     */
    @Test
    void noSourceSwitchesCertificateChecksOff() throws IOException {
        Pattern blind = Pattern.compile("InsecureTrustManagerFactory|trustAll|TrustAll|setHostnameVerifier"
                + "|ALLOW_ALL_HOSTNAME|NoopHostnameVerifier|rejectUnauthorized|verify\\s*=\\s*False"
                + "|[eE]ndpointIdentificationAlgorithm\\(\\s*(null|\"\")");
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> found = new ArrayList<>();
        for (String module : List.of("common", "api", "worker", "biotime-sim", "bench")) {
            Path sources = root.resolve(module).resolve("src/main");
            assertThat(sources)
                    .as("module sources (run from the worker module)")
                    .isDirectory();
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(file);
                    Matcher matcher = blind.matcher(text);
                    while (matcher.find()) {
                        found.add(root.relativize(file) + ": " + matcher.group());
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
