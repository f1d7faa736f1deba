package dev.captchagate.trustcaptcha.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shape of the library as rules, so that it stays true: a small public API, entry points as the only way from the
 * API into the internals, layers that depend one way, no circles between internal packages, nothing server-specific.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.captchagate.trustcaptcha";
    private static final String INTERNAL = ROOT + ".internal..";

    /** The compiled main classes, and nothing else: the jar's content. */
    private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

    /** The public API: what users call or implement. A change here is deliberate (see the API baseline check). */
    private static final Set<String> API = Set.of(
            "TrustCaptchaFilter", "TrustCaptchaVerifier", "CurrentVerification", "CaptchaProtected",
            "CaptchaProtectedFilter", "LoginRequests",
            "VerificationResult", "Verification", "Decision", "DecisionEvent", "Outcome", "Outcome$Status",
            "Policy", "Policy$Builder", "TrustCaptchaException",
            "replay.ReplayStore", "replay.MemoryReplayStore");

    /** The API types that may reach into the internals: the ones the container or the application creates. */
    private static final String[] ENTRY_POINTS = {ROOT + ".TrustCaptchaFilter", ROOT + ".TrustCaptchaVerifier",
        ROOT + ".CaptchaProtectedFilter"};

    @Test
    void theRulesSeeTheWholeJar() {
        assertTrue(MAIN.containPackage(ROOT + ".internal.filter") && MAIN.contain(ROOT + ".TrustCaptchaFilter")
                && MAIN.contain(ROOT + ".internal.bootstrap.TrustCaptchaExtension"), "no class imported: no rule can fail");
    }

    @Test
    void thePublicApiIsTheDeliberateSet() {
        Set<String> published = new TreeSet<>();
        for (JavaClass type : MAIN) {
            if (!type.getPackageName().startsWith(ROOT + ".internal") && isPublished(type)) {
                published.add(type.getName().substring(ROOT.length() + 1));
            }
        }
        assertEquals(new TreeSet<>(API), published);
    }

    /** Public, and every enclosing type too: what code outside the library can name. */
    private static boolean isPublished(JavaClass type) {
        for (JavaClass at = type; at != null; at = at.getEnclosingClass().orElse(null)) {
            if (!at.getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
        }
        return !type.isAnonymousClass();
    }

    @Test
    void onlyTheEntryPointsReachIntoTheInternals() {
        noClasses().that().resideOutsideOfPackage(INTERNAL)
                .and().doNotHaveFullyQualifiedName(ENTRY_POINTS[0])
                .and().doNotHaveFullyQualifiedName(ENTRY_POINTS[1])
                .and().doNotHaveFullyQualifiedName(ENTRY_POINTS[2])
                .and().doNotHaveFullyQualifiedName(ENTRY_POINTS[2] + "$Bound")
                .should().dependOnClassesThat().resideInAPackage(INTERNAL)
                .because("the value types and the SPI must stand on their own: only the classes the container or "
                        + "the application creates wire the internals in")
                .check(MAIN);
    }

    @Test
    void onlyStartUpNamesTheEntryPoints() {
        noClasses().that().resideInAPackage(INTERNAL)
                .and().resideOutsideOfPackage(ROOT + ".internal.bootstrap..")
                .and().resideOutsideOfPackage(ROOT + ".internal.login..")
                .should().dependOnClassesThat().haveFullyQualifiedName(ENTRY_POINTS[0])
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ENTRY_POINTS[1])
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ENTRY_POINTS[2])
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".CurrentVerification")
                .because("the internals depend on the value types, never back on the classes that use them")
                .check(MAIN);
    }

    @Test
    void theInternalPackagesHaveNoCircles() {
        slices().matching(ROOT + ".internal.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void dependenciesFlowOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("start-up").definedBy(ROOT + ".internal.bootstrap..")
                .layer("filter").definedBy(ROOT + ".internal.filter..")
                .layer("verifier").definedBy(ROOT + ".internal.verify..")
                .layer("client").definedBy(ROOT + ".internal.client..")
                .layer("replay").definedBy(ROOT + ".internal.replay..")
                .layer("API client").definedBy(ROOT + ".internal.api..")
                .layer("configuration").definedBy(ROOT + ".internal.config..")
                .layer("token").definedBy(ROOT + ".internal.token..")
                .layer("tools").definedBy(ROOT + ".internal.util..")
                .layer("operations").definedBy(ROOT + ".internal.ops..")
                .layer("metrics").definedBy(ROOT + ".internal.metrics..")
                .layer("login").definedBy(ROOT + ".internal.login..")
                .whereLayer("start-up").mayNotBeAccessedByAnyLayer()
                .whereLayer("login").mayOnlyBeAccessedByLayers("start-up")
                .whereLayer("filter").mayOnlyBeAccessedByLayers("start-up", "login")
                .whereLayer("verifier").mayNotBeAccessedByAnyLayer()
                .whereLayer("client").mayOnlyBeAccessedByLayers("start-up", "verifier", "operations", "login")
                .whereLayer("replay").mayOnlyBeAccessedByLayers("start-up", "operations")
                .whereLayer("API client").mayOnlyBeAccessedByLayers("start-up", "client", "configuration")
                .whereLayer("configuration").mayOnlyBeAccessedByLayers("start-up", "filter", "verifier", "client",
                        "replay", "operations", "login")
                .whereLayer("operations").mayOnlyBeAccessedByLayers("start-up")
                .whereLayer("metrics").mayOnlyBeAccessedByLayers("start-up", "filter", "verifier", "client",
                        "operations")
                .whereLayer("token").mayOnlyBeAccessedByLayers("filter", "verifier", "client")
                .check(MAIN);
    }

    @Test
    void nothingServerSpecific() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("fish.payara..", "org.glassfish..",
                        "org.jboss..", "org.wildfly..", "io.undertow..", "com.ibm..", "io.openliberty..",
                        "com.hazelcast..", "org.eclipse.yasson..", "org.glassfish.jersey..", "org.apache..")
                .because("the jar is portable by construction: where servers differ, it detects through standard "
                        + "APIs or the presence of a class")
                .check(MAIN);
    }

    @Test
    void theValueTypesAreImmutableFinalClasses() {
        classes().that().haveFullyQualifiedName(ROOT + ".Policy")
                .or().haveFullyQualifiedName(ROOT + ".DecisionEvent")
                .or().haveFullyQualifiedName(ROOT + ".Decision")
                .or().haveFullyQualifiedName(ROOT + ".Verification")
                .should().haveModifier(JavaModifier.FINAL)
                .andShould().haveOnlyFinalFields()
                .check(MAIN);
    }
}
