package pe.centinela.core.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelSource;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Compiles rule expressions written in Google's Common Expression Language: parsed and type-checked against
 * {@link RuleVariables} and {@code in_list(name, value)}, refused with every problem's line and column, then run as
 * compiled Java where {@link CompiledConditions} covers the expression and in CEL's interpreter where it does not.
 * Thread-safe; build it once.
 */
public final class RuleCompiler {

    public static final String IN_LIST = "in_list";
    private static final String IN_LIST_OVERLOAD = "in_list_string_string";

    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .maxExpressionCodePointSize(Rule.MAX_EXPRESSION)
            .build();

    private final CelCompiler compiler;

    public RuleCompiler() {
        var builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setResultType(SimpleType.BOOL)
                .addFunctionDeclarations(CelFunctionDecl.newFunctionDeclaration(
                        IN_LIST,
                        CelOverloadDecl.newGlobalOverload(
                                IN_LIST_OVERLOAD,
                                "whether the named list holds the value",
                                SimpleType.BOOL,
                                SimpleType.STRING,
                                SimpleType.STRING)));
        for (RuleVariables.Variable v : RuleVariables.all()) {
            builder.addVar(v.name(), celType(v.type()));
        }
        this.compiler = builder.build();
    }

    private static CelType celType(RuleVariables.Type type) {
        return switch (type) {
            case BOOL -> SimpleType.BOOL;
            case INT -> SimpleType.INT;
            case DOUBLE -> SimpleType.DOUBLE;
            case STRING -> SimpleType.STRING;
        };
    }

    /**
     * Checks an expression: it must parse, type-check to a boolean, and name only lists that exist.
     *
     * @param expression the condition
     * @param lists      the lists in force: {@code in_list} must name one of them, in quotes
     * @throws RuleSyntaxException with every problem and its position
     */
    public CelAbstractSyntaxTree check(String expression, RuleLists lists) throws RuleSyntaxException {
        return check(expression, lists, true);
    }

    /**
     * As {@link #check}, where the lists are not known (the operator checks a {@code FraudDetector}'s rules without the
     * database): {@code in_list} must still name a list in quotes, whichever it is.
     */
    public void checkIgnoringLists(String expression) throws RuleSyntaxException {
        check(expression, RuleLists.NONE, false);
    }

    private CelAbstractSyntaxTree check(String expression, RuleLists lists, boolean listsKnown)
            throws RuleSyntaxException {
        if (expression == null || expression.isBlank()) {
            throw new RuleSyntaxException(List.of(new RuleSyntaxException.Problem(1, 1, "the expression is empty")));
        }
        CelValidationResult result = compiler.compile(expression);
        if (result.hasError()) {
            List<RuleSyntaxException.Problem> problems = new ArrayList<>();
            for (CelIssue issue : result.getErrors()) {
                CelSourceLocation at = issue.getSourceLocation();
                problems.add(new RuleSyntaxException.Problem(
                        Math.max(1, at.getLine()), Math.max(0, at.getColumn()) + 1, plain(issue.getMessage())));
            }
            throw new RuleSyntaxException(problems);
        }
        CelAbstractSyntaxTree ast;
        try {
            ast = result.getAst();
        } catch (CelValidationException e) {
            throw new IllegalStateException("CEL reported no error but gave no tree", e);
        }
        checkLists(ast, lists, listsKnown);
        return ast;
    }

    /** Compiles an expression that {@link #check} accepts into a condition over the given lists. */
    public Condition compile(String expression, RuleLists lists) throws RuleSyntaxException {
        CelAbstractSyntaxTree ast = check(expression, lists);
        try {
            return CompiledConditions.compile(ast, lists);
        } catch (CompiledConditions.Unsupported unsupported) {
            return interpreted(ast, lists);
        }
    }

    /** The expression in CEL's interpreter: what {@link CompiledConditions} is checked against, and its fallback. */
    // RuleLists is immutable (Map.copyOf of records holding Set.copyOf); Error Prone cannot see it
    @SuppressWarnings("Immutable")
    static Condition interpreted(CelAbstractSyntaxTree ast, RuleLists lists) {
        CelRuntime runtime = CelRuntimeFactory.plannerRuntimeBuilder()
                .setOptions(OPTIONS)
                .addFunctionBindings(CelFunctionBinding.from(
                        IN_LIST_OVERLOAD, String.class, String.class, (list, value) -> lists.contains(list, value)))
                .build();
        CelRuntime.Program program;
        try {
            program = runtime.createProgram(ast);
        } catch (CelEvaluationException e) {
            throw new IllegalStateException("a checked expression did not plan: " + e.getMessage(), e);
        }
        return new Condition() {
            @Override
            public boolean test(RuleInput input) {
                try {
                    return Boolean.TRUE.equals(
                            program.eval(name -> RuleVariables.named(name).map(input::value)));
                } catch (CelEvaluationException e) {
                    return false;
                }
            }

            @Override
            public boolean compiled() {
                return false;
            }
        };
    }

    private static void checkLists(CelAbstractSyntaxTree ast, RuleLists lists, boolean listsKnown)
            throws RuleSyntaxException {
        List<RuleSyntaxException.Problem> problems = new ArrayList<>();
        Deque<CelExpr> pending = new ArrayDeque<>(List.of(ast.getExpr()));
        while (!pending.isEmpty()) {
            CelExpr e = pending.pop();
            switch (e.getKind()) {
                case CALL -> {
                    e.call().target().ifPresent(pending::push);
                    e.call().args().forEach(pending::push);
                    if (e.call().function().equals(IN_LIST)) {
                        CelExpr name = e.call().args().get(0);
                        Optional<String> problem = listProblem(name, lists, listsKnown);
                        if (problem.isPresent()) {
                            problems.add(at(ast.getSource(), name, problem.get()));
                        }
                    }
                }
                case LIST -> e.list().elements().forEach(pending::push);
                case SELECT -> pending.push(e.select().operand());
                case MAP ->
                    e.map().entries().forEach(entry -> {
                        pending.push(entry.key());
                        pending.push(entry.value());
                    });
                case COMPREHENSION -> {
                    pending.push(e.comprehension().iterRange());
                    pending.push(e.comprehension().accuInit());
                    pending.push(e.comprehension().loopCondition());
                    pending.push(e.comprehension().loopStep());
                    pending.push(e.comprehension().result());
                }
                default -> {}
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparingInt(RuleSyntaxException.Problem::line)
                    .thenComparingInt(RuleSyntaxException.Problem::column));
            throw new RuleSyntaxException(problems);
        }
    }

    private static Optional<String> listProblem(CelExpr name, RuleLists lists, boolean listsKnown) {
        if (name.getKind() != CelExpr.ExprKind.Kind.CONSTANT
                || name.constant().getKind() != CelConstant.Kind.STRING_VALUE) {
            return Optional.of("in_list takes the list's name in quotes as its first argument");
        }
        String list = name.constant().stringValue();
        if (!listsKnown || lists.names().contains(list)) {
            return Optional.empty();
        }
        TreeSet<String> known = new TreeSet<>(lists.names());
        return Optional.of("no list is named '" + list + "'"
                + (known.isEmpty() ? "; there are no lists yet" : "; the lists are " + String.join(", ", known)));
    }

    private static RuleSyntaxException.Problem at(CelSource source, CelExpr e, String message) {
        Integer offset = source.getPositionsMap().get(e.id());
        Optional<CelSourceLocation> location = offset == null ? Optional.empty() : source.getOffsetLocation(offset);
        return new RuleSyntaxException.Problem(
                location.map(CelSourceLocation::getLine).orElse(1),
                location.map(l -> l.getColumn() + 1).orElse(1),
                message);
    }

    /** CEL's messages start with "ERROR: <input>:1:5: "; the position is given apart. */
    private static String plain(String message) {
        return message.replaceFirst("^ERROR: [^:]*:\\d+:\\d+: ", "");
    }
}
