package org.orderplatform.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency rules between modules, checked on the compiled classes of all of them. */
@AnalyzeClasses(packages = "org.orderplatform", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {

    /** The shared messages stay plain: no Spring, no Jackson, no persistence; Axon's targeting annotations only. */
    @ArchTest
    static final ArchRule apiIsPlainRecords = classes()
            .that()
            .resideInAPackage("org.orderplatform.api..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.orderplatform.api..", "org.axonframework.modelling.command..");

    /** Features contribute their access rules and problem types; web-support names none of them. */
    @ArchTest
    static final ArchRule webSupportKnowsNoFeature = noClasses()
            .that()
            .resideInAPackage("org.orderplatform.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.orderplatform.api..",
                    "org.orderplatform.command..",
                    "org.orderplatform.query..",
                    "org.orderplatform.sagas..",
                    "org.orderplatform.webhooks..",
                    "org.orderplatform.cluster..",
                    "org.orderplatform.app..");

    @ArchTest
    static final ArchRule commandSideDoesNotReachIntoTheApplication = noClasses()
            .that()
            .resideInAPackage("org.orderplatform.command..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.orderplatform.app..", "org.orderplatform.embedded..");

    /** The saga knows the aggregates by their commands and events only, so either can change alone. */
    @ArchTest
    static final ArchRule theSagaTalksInMessagesOnly = noClasses()
            .that()
            .resideInAPackage("org.orderplatform.sagas..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.orderplatform.command..",
                    "org.orderplatform.query..",
                    "org.orderplatform.app..",
                    "org.orderplatform.webhooks..");

    @ArchTest
    static final ArchRule featureModulesDoNotKnowEachOther = noClasses()
            .that()
            .resideInAnyPackage("org.orderplatform.command..", "org.orderplatform.query..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.orderplatform.sagas..")
            .orShould()
            .dependOnClassesThat()
            .resideInAPackage("org.orderplatform.sandbox..")
            .orShould()
            .dependOnClassesThat()
            .resideInAPackage("org.orderplatform.webhooks..");

    /** Outbound events are built from the shared messages only: the aggregates and read models stay private. */
    @ArchTest
    static final ArchRule webhooksSeeTheDomainThroughItsEventsOnly = noClasses()
            .that()
            .resideInAPackage("org.orderplatform.webhooks..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.orderplatform.command..",
                    "org.orderplatform.query..",
                    "org.orderplatform.sagas..",
                    "org.orderplatform.app..",
                    "org.orderplatform.sandbox..");

    @ArchTest
    static final ArchRule onlyTheApplicationKnowsTheEmbeddedServers = noClasses()
            .that()
            .resideOutsideOfPackages("org.orderplatform.embedded..", "org.orderplatform.app..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.orderplatform.embedded..");
}
