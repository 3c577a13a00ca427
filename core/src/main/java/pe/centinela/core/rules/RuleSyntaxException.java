package pe.centinela.core.rules;

import java.util.List;
import java.util.stream.Collectors;

/** An expression that does not compile: every problem with its line and column (both from 1). */
public final class RuleSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    /** One problem at a position of the expression. */
    public record Problem(int line, int column, String message) {
        @Override
        public String toString() {
            return "line " + line + ", column " + column + ": " + message;
        }
    }

    @SuppressWarnings("serial") // an immutable List.copyOf, never serialised in practice
    private final List<Problem> problems;

    public RuleSyntaxException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
