package dev.productupload.entrypoint.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The hexagon's walls: what may depend on what. Every rule fails when it matches no class. */
@AnalyzeClasses(packages = "dev.productupload",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {

    /** Test jars of other modules (the test servers' launchers) are test code too. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    @ArchTest
    static final ArchRule domainDependsOnNothingButTheJdkAndJakartaValidation = classes()
            .that().resideInAPackage("dev.productupload.domain..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("dev.productupload.domain..", "java..", "jakarta.validation..");

    @ArchTest
    static final ArchRule awsAdaptersDoNotUseOtherAdaptersOrEntrypoints = noClasses()
            .that().resideInAPackage("dev.productupload.adapters.aws..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.productupload.adapters.local..", "dev.productupload.entrypoint..");

    @ArchTest
    static final ArchRule localAdaptersDoNotUseOtherAdaptersOrEntrypoints = noClasses()
            .that().resideInAPackage("dev.productupload.adapters.local..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.productupload.adapters.aws..", "dev.productupload.entrypoint..");

    @ArchTest
    static final ArchRule nothingOutsideTheEntrypointDependsOnIt = noClasses()
            .that().resideOutsideOfPackage("dev.productupload.entrypoint..")
            .should().dependOnClassesThat().resideInAPackage("dev.productupload.entrypoint..");

    @ArchTest
    static final ArchRule noPackageCycles = slices()
            .matching("dev.productupload.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule outgoingPortsAreInterfaces = classes()
            .that().resideInAPackage("dev.productupload.domain.port.out..")
            .and().areTopLevelClasses()
            .and().haveSimpleNameNotEndingWith("package-info")
            .should().beInterfaces();

    @ArchTest
    static final ArchRule useCasesAreInterfacesInIncomingPorts = classes()
            .that().haveSimpleNameEndingWith("UseCase")
            .should().beInterfaces()
            .andShould().resideInAPackage("dev.productupload.domain.port.in..");

    @ArchTest
    static final ArchRule lambdaHandlerDoesNotUseTheLocalAdapters = noClasses()
            .that().resideInAnyPackage("dev.productupload.entrypoint.lambda..", "dev.productupload.entrypoint.http..")
            .should().dependOnClassesThat().resideInAPackage("dev.productupload.adapters.local..");
}
