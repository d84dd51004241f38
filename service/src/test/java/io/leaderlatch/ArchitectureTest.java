package io.leaderlatch;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arrows between the packages of the service, as the table in docs/architecture.md draws
 * them, checked on the compiled classes (every reference, not only imports). The arrows between
 * modules (the client, the test kit) need no test: a module sees only what its pom names.
 */
@AnalyzeClasses(locations = ArchitectureTest.MainClasses.class)
class ArchitectureTest {

    private static final String OURS = "io.leaderlatch.";

    /** Each package of ours (under {@code io.leaderlatch}) and the packages of ours it may depend on. */
    private static final Map<String, Set<String>> ARROWS = arrows(
            "net            |",
            "config         | net",
            "store          |",
            "store.embedded | store",
            "store.riak     | store net",
            "election       | store",
            "protocol       | election",
            "metrics        |",
            "hints          | net config election protocol",
            "server         | net config store store.embedded store.riak election protocol metrics hints",
            "admin          | net config store.riak server");

    /** What the admin tool may use of {@code server}: start-up's own code, and the instance MBean's name. */
    private static final String SERVER_FOR_ADMIN = "io\\.leaderlatch\\.server\\.(Main|InstanceRegistration|StoreFactory)(\\$.*)?";

    @ArchTest
    static final ArchRule packagesDependOnlyOnWhatTheArchitectureAllows = layers();

    @ArchTest
    static final ArchRule everyPackageHasItsArrows = classes().should().resideInAnyPackage(
            ARROWS.keySet().stream().map(pkg -> OURS + pkg).toArray(String[]::new))
            .because("a new package needs its row in docs/architecture.md and in ARROWS");

    @ArchTest
    static final ArchRule noCycles = slices().matching("io.leaderlatch.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theCoreNeverUsesNetty = noClasses().that().resideInAnyPackage(
                    OURS + "election", OURS + "store", OURS + "store.embedded", OURS + "config")
            .should().dependOnClassesThat().resideInAPackage("io.netty..")
            .because("the election rules, the store SPI and the settings are plain Java; Netty is the server's");

    @ArchTest
    static final ArchRule theAdminToolSeesLittleOfTheServer = noClasses().that().resideInAPackage(OURS + "admin")
            .should().dependOnClassesThat(resideInAPackage(OURS + "server").and(not(nameMatching(SERVER_FOR_ADMIN))))
            .because("check-config runs start-up's own command line and store options, and the other commands"
                    + " find the instance MBean by the name the service registers it under; nothing else");

    @ArchTest
    static void theDocsTableShowsTheseArrows(JavaClasses classes) throws IOException {
        Map<String, Set<String>> documented = documented();
        for (Map.Entry<String, Set<String>> arrow : ARROWS.entrySet()) {
            assertThat(documented).as("docs/architecture.md, the row of %s", arrow.getKey())
                    .containsEntry(arrow.getKey(), arrow.getValue());
        }
        assertThat(documented.keySet()).as("docs/architecture.md, the packages of the table")
                .containsAll(classes.stream().map(JavaClass::getPackageName)
                        .map(pkg -> pkg.substring(OURS.length())).collect(Collectors.toSet()));
    }

    /**
     * Where the service's classes were compiled to ({@code target/classes}), read as a whole: faster
     * than searching every jar of the test class path for the package.
     */
    static final class MainClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            return Set.of(Location.of(io.leaderlatch.server.Main.class.getProtectionDomain().getCodeSource().getLocation()));
        }
    }

    private static LayeredArchitecture layers() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String pkg : ARROWS.keySet()) {
            layers = layers.layer(pkg).definedBy(OURS + pkg);
        }
        for (Map.Entry<String, Set<String>> arrow : ARROWS.entrySet()) {
            layers = arrow.getValue().isEmpty()
                    ? layers.whereLayer(arrow.getKey()).mayNotAccessAnyLayer()
                    : layers.whereLayer(arrow.getKey()).mayOnlyAccessLayers(arrow.getValue().toArray(String[]::new));
        }
        return layers;
    }

    private static Map<String, Set<String>> arrows(String... rows) {
        Map<String, Set<String>> arrows = new LinkedHashMap<>();
        for (String row : rows) {
            String[] cells = row.split("\\|", -1);
            arrows.put(cells[0].trim(), Arrays.stream(cells[1].trim().split(" "))
                    .filter(pkg -> !pkg.isEmpty()).collect(Collectors.toCollection(TreeSet::new)));
        }
        return arrows;
    }

    /**
     * The rows of the package table in docs/architecture.md: the package in the first cell, what it
     * may depend on in the last ({@code `pkg`} names, or "nothing").
     */
    private static Map<String, Set<String>> documented() throws IOException {
        String text = Files.readString(Path.of("docs", "architecture.md"));
        int start = text.indexOf("\n## Packages\n");
        assertThat(start).as("a \"Packages\" section in docs/architecture.md").isNotNegative();
        int end = text.indexOf("\n## ", start + 1);
        Map<String, Set<String>> rows = new LinkedHashMap<>();
        Pattern name = Pattern.compile("`([a-z.]+)`");
        for (String line : text.substring(start, end < 0 ? text.length() : end).split("\n")) {
            List<String> cells = Arrays.stream(line.split("\\|")).map(String::trim).toList();
            if (!line.startsWith("| `") || cells.size() < 4) {
                continue;
            }
            Matcher first = name.matcher(cells.get(1));
            if (!first.matches()) {
                continue;
            }
            Set<String> allowed = new TreeSet<>();
            Matcher last = name.matcher(cells.get(cells.size() - 1));
            while (last.find()) {
                allowed.add(last.group(1));
            }
            rows.put(first.group(1), allowed);
        }
        return rows;
    }
}
