package pe.centinela.core.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeatureCatalogue;

/** Transactions, feature rows and lists the rules' tests share. */
final class RuleFixtures {

    static final RuleLists LISTS = new RuleLists(List.of(
            new NamedList(
                    "blocked_devices", NamedList.Kind.DEVICE, NamedList.Purpose.BLOCK, Set.of("dev-bad", "dev-x")),
            new NamedList("trusted_accounts", NamedList.Kind.ACCOUNT, NamedList.Purpose.ALLOW, Set.of("acc-vip")),
            new NamedList("watched_ips", NamedList.Kind.IP, NamedList.Purpose.WATCH, Set.of("10.0.0.9"))));

    private RuleFixtures() {}

    static Transaction wallet(String account, double amountPen, String at, String device, String counterparty) {
        return new Transaction(
                "tx-" + account + "-" + at,
                account,
                BigDecimal.valueOf(amountPen),
                "PEN",
                BigDecimal.valueOf(amountPen),
                "PEN",
                Instant.parse(at),
                null,
                "4829",
                Channel.WALLET,
                device,
                "10.0.0.9",
                counterparty,
                "PE",
                null,
                null);
    }

    /** A feature row with the named features set: flags as 0/1, counts and amounts as the catalogue keeps them. */
    static double[] features(int count1h, boolean newCounterparty, boolean newDevice) {
        double[] row = new double[FeatureCatalogue.SIZE];
        row[FeatureCatalogue.COUNT_1H] = Math.log1p(count1h);
        row[FeatureCatalogue.NEW_COUNTERPARTY] = newCounterparty ? 1 : 0;
        row[FeatureCatalogue.NEW_DEVICE] = newDevice ? 1 : 0;
        return row;
    }
}
