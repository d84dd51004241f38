package io.leaderlatch.config;

import io.leaderlatch.config.ErlangTerms.Atom;
import io.leaderlatch.config.ErlangTerms.Fun;
import io.leaderlatch.config.ErlangTerms.ListTerm;
import io.leaderlatch.config.ErlangTerms.Str;
import io.leaderlatch.config.ErlangTerms.Term;
import io.leaderlatch.config.ErlangTerms.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code conf/leader_latch.schema}, the cuttlefish schema that lets Riak accept the service's
 * keys in riak.conf, checked without Erlang: its form, that it declares exactly the keys
 * {@link RiakConfLoader} reads, and the commented template Riak writes into a new riak.conf.
 * docs/operations.md shows how to check it with Riak's own tools.
 */
class CuttlefishSchemaTest {

    private static final Path SCHEMA = Path.of("conf", "leader_latch.schema");
    private static final Path SAMPLE_RIAK_CONF = Path.of("conf", "riak.conf");
    private static final String TEMPLATE = "listener.leader_latch.internal = 127.0.0.1:5323";

    private static List<Term> terms;

    @BeforeAll
    static void read() throws IOException {
        terms = ErlangTerms.parse(Files.readString(SCHEMA));
    }

    @Test
    void everyTermIsAMappingOrATranslation() {
        assertThat(terms).isNotEmpty().allSatisfy(term -> assertThat(term).isInstanceOfSatisfying(Tuple.class,
                tuple -> assertThat(tuple.tag()).hasValueSatisfying(tag -> assertThat(tag).isIn("mapping", "translation"))));
    }

    @Test
    void theOneMappingIsTheListenerKeyTheLoaderReads() {
        List<Tuple> mappings = tagged("mapping");
        assertThat(mappings).hasSize(1);
        Tuple mapping = mappings.get(0);
        assertThat(mapping.elements()).hasSize(4);
        assertThat(mapping.elements().get(1)).isEqualTo(new Str(RiakConfLoader.LEADER_LATCH_LISTENERS + ".$name"));
        assertThat(mapping.elements().get(2)).isEqualTo(new Str("leader_latch.listeners"));
        ListTerm properties = (ListTerm) mapping.elements().get(3);
        assertThat(properties.value("datatype")).contains(new Atom("ip"));
        // No default: the service stays off until an operator uncomments or writes a listener.
        assertThat(properties.value("default")).isEmpty();
    }

    @Test
    void aNewRiakConfGetsTheListenerCommentedOut() {
        ListTerm properties = (ListTerm) tagged("mapping").get(0).elements().get(3);
        String key = ((Str) tagged("mapping").get(0).elements().get(1)).value();
        String name = ((Str) properties.value("include_default").orElseThrow()).value();
        String value = ((Str) properties.value("commented").orElseThrow()).value();

        // cuttlefish writes "## <key with $name replaced> = <commented value>" for such a mapping.
        assertThat(key.replace("$name", name) + " = " + value).isEqualTo(TEMPLATE);
    }

    @Test
    void theTranslationCollectsEveryListenerBySamePrefix() {
        List<Tuple> translations = tagged("translation");
        assertThat(translations).hasSize(1);
        Tuple translation = translations.get(0);
        assertThat(translation.elements()).hasSize(3);
        assertThat(translation.elements().get(1)).isEqualTo(tagged("mapping").get(0).elements().get(2));
        assertThat(translation.elements().get(2)).isInstanceOfSatisfying(Fun.class, fun -> assertThat(fun.containsInOrder(
                "cuttlefish_variable", ":", "filter_by_prefix", "(", RiakConfLoader.LEADER_LATCH_LISTENERS)).isTrue());
    }

    @Test
    void theSampleRiakConfHasTheTemplateLineUncommented() throws IOException {
        List<String> listenerLines = Files.readAllLines(SAMPLE_RIAK_CONF).stream().map(String::trim)
                .filter(line -> line.startsWith(RiakConfLoader.LEADER_LATCH_LISTENERS + "."))
                .toList();
        assertThat(listenerLines).containsExactly(TEMPLATE);

        RiakConf conf = RiakConfLoader.load(SAMPLE_RIAK_CONF);
        assertThat(conf.leaderLatchListeners()).singleElement()
                .satisfies(spec -> assertThat(RiakConfLoader.LEADER_LATCH_LISTENERS + "." + spec.name() + " = "
                        + spec.hostAndPort()).isEqualTo(TEMPLATE));
    }

    private static List<Tuple> tagged(String tag) {
        return terms.stream().map(Tuple.class::cast).filter(tuple -> tuple.tag().filter(tag::equals).isPresent()).toList();
    }
}
