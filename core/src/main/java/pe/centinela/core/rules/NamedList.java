package pe.centinela.core.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import pe.centinela.core.domain.RuleOutcome;

/**
 * A named list of accounts, devices, IPs, merchants or counterparties. A {@code block} list declines what it holds and
 * an {@code allow} list approves it, each through a rule of its own ({@code list_<name>}); a {@code watch} list acts
 * only through the rules that name it: {@code in_list("watched_ips", ip)}.
 *
 * @param name    stable name, lower case
 * @param kind    what its values are
 * @param purpose block, allow or watch
 * @param values  its entries
 */
public record NamedList(String name, Kind kind, Purpose purpose, Set<String> values) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public NamedList {
        values = Set.copyOf(values);
    }

    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** What a list holds, and the rule variable its entries are compared with. */
    public enum Kind {
        ACCOUNT("account_id"),
        DEVICE("device_id"),
        IP("ip"),
        MERCHANT("merchant_id"),
        COUNTERPARTY("counterparty");

        private final String variable;

        Kind(String variable) {
            this.variable = variable;
        }

        public String variable() {
            return variable;
        }

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Kind fromCode(String code) {
            for (Kind kind : values()) {
                if (kind.code().equals(code)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException(
                    "unknown kind '" + code + "', expected account, device, ip, merchant or counterparty");
        }
    }

    /** What the list does by itself. */
    public enum Purpose {
        BLOCK,
        ALLOW,
        WATCH;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Purpose fromCode(String code) {
            for (Purpose purpose : values()) {
                if (purpose.code().equals(code)) {
                    return purpose;
                }
            }
            throw new IllegalArgumentException("unknown purpose '" + code + "', expected block, allow or watch");
        }
    }

    /** The rule through which a block or allow list acts; null for a watch list. */
    public Rule impliedRule() {
        if (purpose == Purpose.WATCH) {
            return null;
        }
        boolean block = purpose == Purpose.BLOCK;
        return new Rule(
                "list_" + name,
                1,
                "in_list(\"" + name + "\", " + kind.variable() + ")",
                block ? RuleOutcome.DECLINE : RuleOutcome.ALLOW,
                RuleStatus.ACTIVE,
                (block ? "En la lista de bloqueo " : "En la lista de confianza ") + name,
                (block ? "On the block list " : "On the allow list ") + name);
    }
}
