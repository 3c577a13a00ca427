package pe.centinela.core.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a checked CEL expression into plain Java closures over a {@link RuleInput}: the operators rules are written
 * with (logic, comparisons, arithmetic on doubles, {@code in} a literal list, {@code startsWith}, {@code endsWith},
 * {@code contains}, {@code in_list}) run with no interpretation and no boxing. What falls outside that set, or could
 * raise an error in CEL (integer arithmetic overflows), is refused with {@link Unsupported} and left to CEL's own
 * interpreter. {@code CompiledConditionsTest} checks both agree on random expressions and inputs.
 */
final class CompiledConditions {

    /** The expression uses something this compiler leaves to CEL's interpreter. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    interface Bool {
        boolean eval(RuleInput in);
    }

    interface Num {
        double eval(RuleInput in);
    }

    interface Int {
        long eval(RuleInput in);
    }

    interface Str {
        String eval(RuleInput in);
    }

    private final CelAbstractSyntaxTree ast;
    private final RuleLists lists;

    private CompiledConditions(CelAbstractSyntaxTree ast, RuleLists lists) {
        this.ast = ast;
        this.lists = lists;
    }

    /** The whole expression as a condition, or {@link Unsupported}. */
    static Condition compile(CelAbstractSyntaxTree ast, RuleLists lists) throws Unsupported {
        Bool root = new CompiledConditions(ast, lists).bool(ast.getExpr());
        return new Condition() {
            @Override
            public boolean test(RuleInput input) {
                return root.eval(input);
            }

            @Override
            public boolean compiled() {
                return true;
            }
        };
    }

    private CelType type(CelExpr e) {
        return ast.getTypeOrThrow(e.id());
    }

    private Bool bool(CelExpr e) throws Unsupported {
        switch (e.getKind()) {
            case CONSTANT -> {
                CelConstant c = e.constant();
                if (c.getKind() != CelConstant.Kind.BOOLEAN_VALUE) {
                    throw new Unsupported("constant " + c.getKind());
                }
                boolean value = c.booleanValue();
                return in -> value;
            }
            case IDENT -> {
                RuleVariables.Variable v = variable(e);
                return in -> in.flag(v);
            }
            case CALL -> {
                return call(e);
            }
            default -> throw new Unsupported(e.getKind().toString());
        }
    }

    private Bool call(CelExpr e) throws Unsupported {
        CelExpr.CelCall call = e.call();
        List<CelExpr> args = call.args();
        String fn = call.function();
        if (call.target().isPresent()) {
            return member(fn, call.target().get(), args);
        }
        switch (fn) {
            case "_&&_" -> {
                Bool a = bool(args.get(0));
                Bool b = bool(args.get(1));
                return in -> a.eval(in) && b.eval(in);
            }
            case "_||_" -> {
                Bool a = bool(args.get(0));
                Bool b = bool(args.get(1));
                return in -> a.eval(in) || b.eval(in);
            }
            case "!_" -> {
                Bool a = bool(args.get(0));
                return in -> !a.eval(in);
            }
            case "_?_:_" -> {
                Bool c = bool(args.get(0));
                Bool a = bool(args.get(1));
                Bool b = bool(args.get(2));
                return in -> c.eval(in) ? a.eval(in) : b.eval(in);
            }
            case "_==_", "_!=_" -> {
                Bool eq = equal(args.get(0), args.get(1));
                return fn.equals("_==_") ? eq : in -> !eq.eval(in);
            }
            case "_<_", "_<=_", "_>_", "_>=_" -> {
                return compare(fn, args.get(0), args.get(1));
            }
            case "@in" -> {
                return in(args.get(0), args.get(1));
            }
            case "in_list" -> {
                String list = args.get(0).constant().stringValue();
                Str value = str(args.get(1));
                RuleLists lists = this.lists;
                return in -> lists.contains(list, value.eval(in));
            }
            default -> throw new Unsupported(fn);
        }
    }

    private Bool member(String fn, CelExpr target, List<CelExpr> args) throws Unsupported {
        if (!type(target).equals(SimpleType.STRING) || args.size() != 1) {
            throw new Unsupported(fn);
        }
        Str s = str(target);
        Str arg = str(args.get(0));
        return switch (fn) {
            case "startsWith" -> in -> s.eval(in).startsWith(arg.eval(in));
            case "endsWith" -> in -> s.eval(in).endsWith(arg.eval(in));
            case "contains" -> in -> s.eval(in).contains(arg.eval(in));
            default -> throw new Unsupported(fn);
        };
    }

    private Bool equal(CelExpr left, CelExpr right) throws Unsupported {
        CelType lt = type(left);
        CelType rt = type(right);
        if (lt.equals(SimpleType.STRING) && rt.equals(SimpleType.STRING)) {
            Str a = str(left);
            Str b = str(right);
            return in -> a.eval(in).equals(b.eval(in));
        }
        if (lt.equals(SimpleType.BOOL) && rt.equals(SimpleType.BOOL)) {
            Bool a = bool(left);
            Bool b = bool(right);
            return in -> a.eval(in) == b.eval(in);
        }
        if (lt.equals(SimpleType.INT) && rt.equals(SimpleType.INT)) {
            Int a = integer(left);
            Int b = integer(right);
            return in -> a.eval(in) == b.eval(in);
        }
        if (numeric(lt) && numeric(rt)) {
            Num a = number(left);
            Num b = number(right);
            return in -> a.eval(in) == b.eval(in);
        }
        throw new Unsupported("== on " + lt + " and " + rt);
    }

    private Bool compare(String fn, CelExpr left, CelExpr right) throws Unsupported {
        CelType lt = type(left);
        CelType rt = type(right);
        if (lt.equals(SimpleType.INT) && rt.equals(SimpleType.INT)) {
            Int a = integer(left);
            Int b = integer(right);
            return switch (fn) {
                case "_<_" -> in -> a.eval(in) < b.eval(in);
                case "_<=_" -> in -> a.eval(in) <= b.eval(in);
                case "_>_" -> in -> a.eval(in) > b.eval(in);
                default -> in -> a.eval(in) >= b.eval(in);
            };
        }
        if (!numeric(lt) || !numeric(rt)) {
            throw new Unsupported(fn + " on " + lt + " and " + rt);
        }
        Num a = number(left);
        Num b = number(right);
        if (!lt.equals(rt)) {
            // CEL orders an int against a double as Double.compare does: -0.0 below 0, NaN above everything
            return switch (fn) {
                case "_<_" -> in -> Double.compare(a.eval(in), b.eval(in)) < 0;
                case "_<=_" -> in -> Double.compare(a.eval(in), b.eval(in)) <= 0;
                case "_>_" -> in -> Double.compare(a.eval(in), b.eval(in)) > 0;
                default -> in -> Double.compare(a.eval(in), b.eval(in)) >= 0;
            };
        }
        return switch (fn) {
            case "_<_" -> in -> a.eval(in) < b.eval(in);
            case "_<=_" -> in -> a.eval(in) <= b.eval(in);
            case "_>_" -> in -> a.eval(in) > b.eval(in);
            default -> in -> a.eval(in) >= b.eval(in);
        };
    }

    private Bool in(CelExpr element, CelExpr list) throws Unsupported {
        if (list.getKind() != CelExpr.ExprKind.Kind.LIST) {
            throw new Unsupported("in on a non-literal list");
        }
        CelType elementType = type(element);
        if (elementType.equals(SimpleType.STRING)) {
            Set<String> values = new HashSet<>();
            for (CelExpr item : list.list().elements()) {
                values.add(constant(item, CelConstant.Kind.STRING_VALUE).stringValue());
            }
            Set<String> frozen = Set.copyOf(values);
            Str s = str(element);
            return in -> frozen.contains(s.eval(in));
        }
        if (elementType.equals(SimpleType.INT)) {
            long[] values = new long[list.list().elements().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = constant(list.list().elements().get(i), CelConstant.Kind.INT64_VALUE)
                        .int64Value();
            }
            Int x = integer(element);
            return in -> {
                long v = x.eval(in);
                for (long candidate : values) {
                    if (candidate == v) {
                        return true;
                    }
                }
                return false;
            };
        }
        throw new Unsupported("in on " + elementType);
    }

    private static CelConstant constant(CelExpr e, CelConstant.Kind kind) throws Unsupported {
        if (e.getKind() != CelExpr.ExprKind.Kind.CONSTANT || e.constant().getKind() != kind) {
            throw new Unsupported("list element that is not a " + kind);
        }
        return e.constant();
    }

    private static boolean numeric(CelType t) {
        return t.equals(SimpleType.INT) || t.equals(SimpleType.DOUBLE);
    }

    /** An int or double expression as a double: exact for every int a rule meets (below 2^53). */
    private Num number(CelExpr e) throws Unsupported {
        CelType t = type(e);
        if (t.equals(SimpleType.INT)) {
            Int i = integer(e);
            return in -> (double) i.eval(in);
        }
        if (!t.equals(SimpleType.DOUBLE)) {
            throw new Unsupported("number of type " + t);
        }
        switch (e.getKind()) {
            case CONSTANT -> {
                double value = constant(e, CelConstant.Kind.DOUBLE_VALUE).doubleValue();
                return in -> value;
            }
            case IDENT -> {
                RuleVariables.Variable v = variable(e);
                return in -> in.number(v);
            }
            case CALL -> {
                return arithmetic(e);
            }
            default -> throw new Unsupported(e.getKind().toString());
        }
    }

    private Num arithmetic(CelExpr e) throws Unsupported {
        CelExpr.CelCall call = e.call();
        List<CelExpr> args = call.args();
        if (call.target().isPresent()) {
            throw new Unsupported(call.function());
        }
        switch (call.function()) {
            case "-_" -> {
                Num a = number(args.get(0));
                return in -> -a.eval(in);
            }
            case "_?_:_" -> {
                Bool c = bool(args.get(0));
                Num a = number(args.get(1));
                Num b = number(args.get(2));
                return in -> c.eval(in) ? a.eval(in) : b.eval(in);
            }
            case "double" -> {
                if (!type(args.get(0)).equals(SimpleType.INT)) {
                    throw new Unsupported("double() of " + type(args.get(0)));
                }
                return number(args.get(0));
            }
            default -> {
                // binary arithmetic: CEL checks both sides are doubles
                if (args.size() != 2) {
                    throw new Unsupported(call.function());
                }
                Num a = number(args.get(0));
                Num b = number(args.get(1));
                return switch (call.function()) {
                    case "_+_" -> in -> a.eval(in) + b.eval(in);
                    case "_-_" -> in -> a.eval(in) - b.eval(in);
                    case "_*_" -> in -> a.eval(in) * b.eval(in);
                    case "_/_" -> in -> a.eval(in) / b.eval(in);
                    default -> throw new Unsupported(call.function());
                };
            }
        }
    }

    /** Int values: constants and variables only; arithmetic on ints may overflow, which CEL reports as an error. */
    private Int integer(CelExpr e) throws Unsupported {
        switch (e.getKind()) {
            case CONSTANT -> {
                long value = constant(e, CelConstant.Kind.INT64_VALUE).int64Value();
                return in -> value;
            }
            case IDENT -> {
                RuleVariables.Variable v = variable(e);
                return in -> in.integer(v);
            }
            default -> throw new Unsupported("int expression " + e.getKind());
        }
    }

    private Str str(CelExpr e) throws Unsupported {
        switch (e.getKind()) {
            case CONSTANT -> {
                String value = constant(e, CelConstant.Kind.STRING_VALUE).stringValue();
                return in -> value;
            }
            case IDENT -> {
                RuleVariables.Variable v = variable(e);
                return in -> in.text(v);
            }
            default -> throw new Unsupported("string expression " + e.getKind());
        }
    }

    private static RuleVariables.Variable variable(CelExpr e) throws Unsupported {
        String name = e.ident().name();
        return RuleVariables.named(name).orElseThrow(() -> new Unsupported("unknown name " + name));
    }
}
