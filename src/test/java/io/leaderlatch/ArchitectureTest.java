package io.leaderlatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The import arrows of docs/architecture.md, checked on the sources of every package. */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src", "main", "java", "io", "leaderlatch");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.[\\w*]+;", Pattern.MULTILINE);

    @ParameterizedTest(name = "{0} imports only {1}")
    @CsvSource(delimiter = '|', value = {
            "net            | ''",
            "config         | net",
            "store          | ''",
            "store.embedded | store",
            "store.riak     | store net",
            "election       | store",
            "protocol       | election",
            "metrics        | ''",
            "client         | ''",
    })
    void packagesImportOnlyWhatTheArchitectureAllows(String pkg, String allowed) {
        List<String> allowedPackages = Stream.concat(Stream.of(pkg), Stream.of(allowed.split(" ")))
                .filter(name -> !name.isBlank()).map(name -> "io.leaderlatch." + name).toList();
        List<String> violations = importsOf(pkg).stream()
                .filter(imported -> imported.startsWith("io.leaderlatch."))
                .filter(imported -> !allowedPackages.contains(imported))
                .toList();
        assertThat(violations).as("imports of io.leaderlatch.%s", pkg).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"election", "store", "store.embedded", "config", "net"})
    void theCoreNeverImportsNetty(String pkg) {
        assertThat(importsOf(pkg)).as("imports of io.leaderlatch.%s", pkg)
                .noneMatch(imported -> imported.startsWith("io.netty"));
    }

    @Test
    void theClientImportsNothingButTheJdk() {
        assertThat(importsOf("client")).as("imports of io.leaderlatch.client")
                .allMatch(imported -> imported.startsWith("java."));
    }

    @Test
    void noOtherPackageImportsTheClient() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<String> importers = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.getParent().equals(MAIN.resolve("client")))
                    .filter(file -> read(file).contains("io.leaderlatch.client"))
                    .map(Path::toString).toList();
            assertThat(importers).as("sources importing io.leaderlatch.client").isEmpty();
        }
    }

    private static List<String> importsOf(String pkg) {
        Path dir = MAIN.resolve(pkg.replace('.', '/'));
        assertThat(dir).isDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .flatMap(ArchitectureTest::imports).distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> imports(Path file) {
        Matcher matcher = IMPORT.matcher(read(file));
        return matcher.results().map(result -> result.group(1));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
