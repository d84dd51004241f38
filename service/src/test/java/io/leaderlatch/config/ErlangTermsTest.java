package io.leaderlatch.config;

import io.leaderlatch.config.ErlangTerms.Atom;
import io.leaderlatch.config.ErlangTerms.Fun;
import io.leaderlatch.config.ErlangTerms.ListTerm;
import io.leaderlatch.config.ErlangTerms.Other;
import io.leaderlatch.config.ErlangTerms.Str;
import io.leaderlatch.config.ErlangTerms.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schema reader of {@link CuttlefishSchemaTest} finds the mistakes it is there to find. */
class ErlangTermsTest {

    @Test
    void readsTuplesListsStringsAtomsAndFuns() {
        String text = """
                %% a comment with a { and a "
                {mapping, "a.$name", 'b.c', [{default, 8}, {datatype, ip}]}.
                {translation, "b" "c", fun(Conf) -> case Conf of [] -> $.; _ -> {Conf} end end}.
                """;

        assertThat(ErlangTerms.parse(text)).hasSize(2).satisfiesExactly(
                mapping -> assertThat(mapping).isEqualTo(new Tuple(List.of(new Atom("mapping"), new Str("a.$name"),
                        new Atom("b.c"), new ListTerm(List.of(new Tuple(List.of(new Atom("default"), new Other("8"))),
                                new Tuple(List.of(new Atom("datatype"), new Atom("ip")))))))),
                translation -> assertThat(translation).isInstanceOfSatisfying(Tuple.class, tuple -> {
                    assertThat(tuple.elements().get(1)).isEqualTo(new Str("bc"));
                    assertThat(((Fun) tuple.elements().get(2)).containsInOrder("case", "Conf", "of")).isTrue();
                }));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{a, [b}.                          | line 1: expected ',' or ']' but found '}'",
            "{a, \"b}.                         | line 1: string not closed",
            "{a, b}                            | a term must end with '.'",
            "{a, b} {c}.                       | line 1: a term must end with '.', found '{'",
            "{a, fun(X) -> X}.                 | line 1: expected 'end' but found '}'",
            "{a, fun(X) -> case X of _ -> 1 end}. | line 1: expected 'end' but found '}'",
            "{a, b}}.                          | line 1: a term must end with '.', found '}'",
            "{a, 'b}.                          | line 1: quoted atom not closed",
    })
    void rejectsBrokenTerms(String text, String message) {
        assertThatThrownBy(() -> ErlangTerms.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
