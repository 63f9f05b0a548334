package io.gatesync.common;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import org.junit.jupiter.api.Test;

/** What the api and the worker share, kept below both and untangled. */
class CommonArchitectureTest {

    static {
        // the frozen violations live in the repository; a missing store fails instead of accepting a new baseline
        ArchConfiguration.get().setProperty("freeze.store.default.path", "src/test/resources/archunit_store");
        ArchConfiguration.get().setProperty("freeze.store.default.allowStoreCreation", "false");
    }

    private static final JavaClasses COMMON = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gatesync.common");

    @Test
    void commonDependsOnNoApplication() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.gatesync.api..", "io.gatesync.worker..", "io.gatesync.sim..", "io.gatesync.bench..")
                .check(COMMON);
    }

    /**
     * One cycle exists and is frozen (src/test/resources/archunit_store): {@code config} enables
     * {@code schedule.ScheduleSettings} ({@code RuntimeSettingsConfiguration}) while {@code schedule.Job} reads
     * {@code config.ZktecoProperties}. Any other cycle, or another edge of this one, fails.
     */
    @Test
    void packagesDependOnEachOtherWithoutNewCycles() {
        FreezingArchRule.freeze(
                        slices().matching("io.gatesync.common.(*)..").should().beFreeOfCycles())
                .check(COMMON);
    }
}
