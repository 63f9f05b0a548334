package io.gatesync.api;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.gatesync.common.messaging.CommandGroups;
import io.gatesync.common.messaging.CommandTopology;

/** The api's package graph as it stands, so a change that tangles it fails the build instead of a review. */
class ApiArchitectureTest {

    private static final JavaClasses API = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gatesync.api");

    @Test
    void featurePackagesDependOnEachOtherWithoutCycles() {
        slices().matching("io.gatesync.api.(*)..").should().beFreeOfCycles().check(API);
    }

    /** The api asks BioTime only through a worker (BioTimeQueries), so every request passes the cluster's budget. */
    @Test
    void theApiNeverUsesTheWorkerTheSimulatorOrTheBench() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.gatesync.worker..", "io.gatesync.sim..", "io.gatesync.bench..")
                .check(API);
    }

    /** {@code web} (request checks, problems, paging, the blocking pool) serves every feature and knows none. */
    @Test
    void webDependsOnNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("io.gatesync.api.web..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("io.gatesync.api..").and(not(resideInAPackage("io.gatesync.api.web.."))))
                .check(API);
    }

    /**
     * A controller parses the request, calls its feature's service or reader and shapes the answer; the SQL stays in
     * those classes, one place per table, instead of being split between them and the routes.
     */
    @Test
    void controllersHoldNoSql() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Controller")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(JdbcClient.class, JdbcTemplate.class, NamedParameterJdbcTemplate.class)
                .check(API);
    }

    /** Every feature writes its commands through the outbox, which knows none of them. */
    @Test
    void theOutboxDependsOnNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("io.gatesync.api.outbox..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("io.gatesync.api..").and(not(resideInAPackage("io.gatesync.api.outbox.."))))
                .check(API);
    }

    /**
     * A command exists exactly when the change it announces does: it is written to the outbox in the change's
     * transaction and published by the relay after commit, never sent to the commands exchange from elsewhere.
     */
    @Test
    void commandsReachRabbitMqOnlyThroughTheOutbox() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.gatesync.api.outbox..")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(CommandGroups.class)
                .orShould()
                .callMethod(CommandTopology.class, "commandsExchange")
                .check(API);
    }
}
