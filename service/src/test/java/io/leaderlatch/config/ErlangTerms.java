package io.leaderlatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a file of Erlang terms, such as a cuttlefish schema, as far as a build without Erlang
 * can: every term is a tuple, list, string, atom or {@code fun ... end}, brackets balance, strings
 * close, and every term ends with a full stop. A {@code fun} is kept as its tokens, unevaluated.
 * Anything else is an {@link IllegalArgumentException} naming the line.
 */
final class ErlangTerms {

    /** One term of the file. */
    sealed interface Term {
    }

    record Tuple(List<Term> elements) implements Term {

        /** The first element, when it is an atom: the tag of a tagged tuple such as {@code {mapping, ...}}. */
        Optional<String> tag() {
            return !elements.isEmpty() && elements.get(0) instanceof Atom atom ? Optional.of(atom.name()) : Optional.empty();
        }
    }

    record ListTerm(List<Term> elements) implements Term {

        /** The second element of the {@code {key, value}} pair with this key, as in {@code proplists:get_value/2}. */
        Optional<Term> value(String key) {
            return elements.stream()
                    .filter(e -> e instanceof Tuple t && t.elements().size() == 2 && t.tag().filter(key::equals).isPresent())
                    .map(e -> ((Tuple) e).elements().get(1))
                    .findFirst();
        }
    }

    record Str(String value) implements Term {
    }

    record Atom(String name) implements Term {
    }

    /** A {@code fun ... end}, as tokens from {@code fun} to {@code end}. */
    record Fun(List<Token> tokens) implements Term {

        /** Whether the tokens contain {@code texts}, one token each, in a row. */
        boolean containsInOrder(String... texts) {
            for (int i = 0; i + texts.length <= tokens.size(); i++) {
                boolean match = true;
                for (int j = 0; j < texts.length && match; j++) {
                    match = tokens.get(i + j).text().equals(texts[j]);
                }
                if (match) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A number or a variable: not needed beyond its text. */
    record Other(String text) implements Term {
    }

    enum Kind { STRING, ATOM, VARIABLE, NUMBER, CHAR, PUNCTUATION, DOT }

    /** @param text a string's or quoted atom's content without quotes; otherwise as written */
    record Token(Kind kind, String text, int line) {
    }

    // Keywords that open a block closed by 'end'; 'fun' only when followed by '('.
    private static final Set<String> BLOCKS = Set.of("case", "begin", "if", "receive", "try");
    private static final List<String> OPERATORS = List.of(
            "=:=", "=/=", "...", "->", "<-", "++", "--", "||", "=<", ">=", "==", "/=", "::", "=>", ":=", "<=");

    private final List<Token> tokens;
    private int next;

    private ErlangTerms(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Every top-level term of {@code text}, in order. */
    static List<Term> parse(String text) {
        ErlangTerms parser = new ErlangTerms(tokenize(text));
        List<Term> terms = new ArrayList<>();
        while (parser.next < parser.tokens.size()) {
            terms.add(parser.term());
            Token end = parser.take();
            if (end == null || end.kind() != Kind.DOT) {
                int line = end != null ? end.line() : parser.tokens.get(parser.tokens.size() - 1).line();
                throw new IllegalArgumentException("line " + line + ": a term must end with '.'"
                        + (end != null ? ", found '" + end.text() + "'" : ""));
            }
        }
        return terms;
    }

    private Term term() {
        Token token = take();
        if (token == null) {
            throw new IllegalArgumentException("unexpected end of file inside a term");
        }
        return switch (token.kind()) {
            case STRING -> {
                StringBuilder value = new StringBuilder(token.text());
                // Adjacent strings are one string in Erlang.
                while (peek(Kind.STRING)) {
                    value.append(take().text());
                }
                yield new Str(value.toString());
            }
            case ATOM -> token.text().equals("fun") ? fun(token) : new Atom(token.text());
            case VARIABLE, NUMBER, CHAR -> new Other(token.text());
            case PUNCTUATION -> switch (token.text()) {
                case "{" -> new Tuple(elements("}"));
                case "[" -> new ListTerm(elements("]"));
                default -> throw unexpected(token);
            };
            case DOT -> throw unexpected(token);
        };
    }

    private List<Term> elements(String close) {
        List<Term> elements = new ArrayList<>();
        if (peekText(close)) {
            take();
            return elements;
        }
        while (true) {
            elements.add(term());
            Token separator = take();
            if (separator == null) {
                throw new IllegalArgumentException("unexpected end of file: missing '" + close + "'");
            }
            if (separator.text().equals(close)) {
                return elements;
            }
            if (!separator.text().equals(",")) {
                throw new IllegalArgumentException("line " + separator.line() + ": expected ',' or '" + close
                        + "' but found '" + separator.text() + "'");
            }
        }
    }

    /** From {@code fun} to its {@code end}: nested blocks and brackets must balance on the way. */
    private Fun fun(Token start) {
        List<Token> body = new ArrayList<>(List.of(start));
        List<String> open = new ArrayList<>(List.of("end"));
        while (!open.isEmpty()) {
            Token token = take();
            if (token == null) {
                throw new IllegalArgumentException("line " + start.line() + ": 'fun' without 'end'");
            }
            if (token.kind() == Kind.DOT) {
                throw new IllegalArgumentException("line " + token.line() + ": '.' inside a fun");
            }
            body.add(token);
            String text = token.text();
            String expected = open.get(open.size() - 1);
            if (token.kind() == Kind.ATOM && (BLOCKS.contains(text) || text.equals("fun") && peekText("("))) {
                open.add("end");
            } else if (token.kind() == Kind.PUNCTUATION && (text.equals("(") || text.equals("[") || text.equals("{"))) {
                open.add(text.equals("(") ? ")" : text.equals("[") ? "]" : "}");
            } else if (token.kind() == Kind.ATOM && text.equals("end")
                    || token.kind() == Kind.PUNCTUATION && (text.equals(")") || text.equals("]") || text.equals("}"))) {
                if (!text.equals(expected)) {
                    throw new IllegalArgumentException("line " + token.line() + ": expected '" + expected
                            + "' but found '" + text + "'");
                }
                open.remove(open.size() - 1);
            }
        }
        return new Fun(body);
    }

    private Token take() {
        return next < tokens.size() ? tokens.get(next++) : null;
    }

    private boolean peek(Kind kind) {
        return next < tokens.size() && tokens.get(next).kind() == kind;
    }

    private boolean peekText(String text) {
        return next < tokens.size() && tokens.get(next).kind() == Kind.PUNCTUATION && tokens.get(next).text().equals(text);
    }

    private static IllegalArgumentException unexpected(Token token) {
        return new IllegalArgumentException("line " + token.line() + ": unexpected '" + token.text() + "'");
    }

    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '%') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'') {
                int startLine = line;
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("line " + startLine + ": " + (c == '"' ? "string" : "quoted atom")
                                + " not closed");
                    }
                    char d = text.charAt(i);
                    if (d == c) {
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < text.length()) {
                        d = text.charAt(++i);
                    }
                    if (d == '\n') {
                        line++;
                    }
                    value.append(d);
                    i++;
                }
                tokens.add(new Token(c == '"' ? Kind.STRING : Kind.ATOM, value.toString(), startLine));
            } else if (c == '$') {
                // A character literal such as $. or $\n: never a full stop or a bracket.
                int end = Math.min(text.length(), i + (i + 1 < text.length() && text.charAt(i + 1) == '\\' ? 3 : 2));
                tokens.add(new Token(Kind.CHAR, text.substring(i, end), line));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '@')) {
                    i++;
                }
                String word = text.substring(start, i);
                tokens.add(new Token(Character.isUpperCase(c) || c == '_' ? Kind.VARIABLE : Kind.ATOM, word, line));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '#'
                        || text.charAt(i) == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), line));
            } else if (c == '.' && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)) || text.charAt(i + 1) == '%')) {
                tokens.add(new Token(Kind.DOT, ".", line));
                i++;
            } else {
                int at = i;
                String operator = OPERATORS.stream().filter(op -> text.startsWith(op, at)).findFirst().orElse(String.valueOf(c));
                tokens.add(new Token(Kind.PUNCTUATION, operator, line));
                i += operator.length();
            }
        }
        return tokens;
    }
}
