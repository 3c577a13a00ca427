package pe.centinela.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.PersonalData;
import pe.centinela.core.domain.Reason;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.features.FeatureContext;
import pe.centinela.core.features.FeaturePipeline;
import pe.centinela.core.features.MccGroup;
import pe.centinela.core.time.LimaTime;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;

/**
 * Every reason must be true of the transaction and the history it describes. Histories (generated with a high fraud
 * rate, hand-made card-testing, mule-beneficiary, skimmed-merchant, device-farm and long-lived ones, and random ones) run
 * through a pipeline with their labels; each transaction is explained under contributions that put all the weight on one
 * reason's features in turn (and on each key window's two features alone), and every figure of every reason given is recomputed
 * here from the raw history with plain loops over the transactions before it. Times are taken to the second, as the
 * platform keeps them.
 */
class ReasonClaimsTest {

    private static final Duration LABEL_DELAY = Duration.ofDays(2);
    private static final long DELAY = LABEL_DELAY.toSeconds();
    private static final long HOUR = 3_600;
    private static final long DAY = 86_400;
    private static final ZoneId LIMA = LimaTime.ZONE;
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm").withZone(LIMA);
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(LIMA);
    private static final String MONEY = "(S/ [\\d,]+\\.\\d\\d)";
    private static final String[] KEY_KINDS = {"merchant", "counterparty", "device"};
    private static final Map<String, String> HISTORY_CODES =
            Map.of("merchant", "merchant_history", "counterparty", "beneficiary_history", "device", "device_history");
    private static final Pattern KEY_WINDOW_FEATURE =
            Pattern.compile("(merchant|counterparty|device)_(?:fraud_share|count)_(\\d+)d");
    private static final Set<String> EVERY_CODE = Set.of(
            "amount",
            "small_payments",
            "time_of_day",
            "velocity",
            "spent_last_hour",
            "new_merchant",
            "new_beneficiary",
            "new_device",
            "shared_device",
            "risky_merchant",
            "abroad",
            "category",
            "new_account",
            "merchant_history",
            "beneficiary_history",
            "device_history");

    private static final Map<String, Pattern> SENTENCES = new ConcurrentHashMap<>();

    private final ReasonWriter writer = new ReasonWriter();

    /** Contributions with all the weight on the features of one reason, or on the two features of one key window alone. */
    record Weighting(String name, String code, int keyWindowDays, double[] contributions) {}

    private static final List<Weighting> WEIGHTINGS = weightings();

    /** The reason each feature is about, named here independently of the writer's own mapping. */
    static String codeOf(String feature) {
        Matcher key = KEY_WINDOW_FEATURE.matcher(feature);
        if (key.matches()) {
            return HISTORY_CODES.get(key.group(1));
        }
        if (feature.startsWith("channel_") || feature.startsWith("mcc_")) {
            return "category";
        }
        if (feature.matches("count_(1h|1d|7d|30d)")) {
            return "velocity";
        }
        if (feature.matches("(mean|max|std|sum)_(1h|1d|7d|30d)")) {
            return "amount";
        }
        return switch (feature) {
            case "log_amount", "amount_vs_account_mean", "amount_zscore_account", "amount_vs_30d_max" -> "amount";
            case "small_amount", "small_count_1h" -> "small_payments";
            case "hour_sin", "hour_cos", "night", "weekend", "hour_unusual" -> "time_of_day";
            case "log_seconds_since_previous" -> "velocity";
            case "amount_1h_vs_mean" -> "spent_last_hour";
            case "new_merchant" -> "new_merchant";
            case "new_counterparty" -> "new_beneficiary";
            case "new_device" -> "new_device";
            case "device_count_1h", "ip_count_1h" -> "shared_device";
            case "merchant_risk" -> "risky_merchant";
            case "foreign", "foreign_currency" -> "abroad";
            case "log_history" -> "new_account";
            default -> throw new IllegalArgumentException("a feature this test does not know: " + feature);
        };
    }

    private static List<Weighting> weightings() {
        List<String> names = FeatureCatalogue.names();
        Map<String, double[]> byCode = new TreeMap<>();
        Map<String, Weighting> byKeyWindow = new TreeMap<>();
        List<Weighting> weightings = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            String code = codeOf(names.get(j));
            byCode.computeIfAbsent(code, c -> new double[names.size()])[j] = 1;
            Matcher key = KEY_WINDOW_FEATURE.matcher(names.get(j));
            if (key.matches()) {
                String window = key.group(1) + "_" + key.group(2) + "d";
                byKeyWindow.computeIfAbsent(
                                window,
                                w -> new Weighting(w, code, Integer.parseInt(key.group(2)), new double[names.size()]))
                        .contributions()[j] = 1;
            }
        }
        byCode.forEach((code, contributions) -> weightings.add(new Weighting(code, code, 0, contributions)));
        weightings.addAll(byKeyWindow.values());
        return weightings;
    }

    // ---------------------------------------------------------------- the properties

    @Test
    void everyReasonIsTrueOfGeneratedAndHandMadeHistories() {
        Replay replay = new Replay();
        for (long seed : new long[] {7, 19, 2026}) {
            replay.run("generated seed " + seed, generated(seed));
        }
        replay.run("card testing", cardTesting());
        replay.run("mule beneficiary", muleBeneficiary());
        replay.run("skimmed merchant", skimmedMerchant());
        replay.run("device farm", deviceFarm());
        replay.run("long-lived account", longLivedAccount());
        replay.assertAllTrue();
        assertThat(replay.codesGiven)
                .as("every reason is given somewhere, so that every sentence is checked")
                .containsAll(EVERY_CODE);
    }

    @Property(tries = 60)
    void everyReasonIsTrueOfRandomHistories(@ForAll("randomHistories") List<Transaction> history) {
        Replay replay = new Replay();
        replay.run("random", history);
        replay.assertAllTrue();
    }

    @Test
    void aSmallPaymentBeforeThisOneIsNotCalledThisOne() {
        Replay replay = new Replay();
        replay.run("card testing", cardTesting());
        assertThat(replay.reasonsOf("demo-43", "small_payments"))
                .extracting(Reason::message, Reason::params)
                .containsExactly(tuple(
                        "a payment under S/ 10.00 in the hour before this one of S/ 43.50, as in card testing",
                        Map.of("count", "1", "amount", "S/ 43.50")));
        assertThat(replay.reasonsOf("demo-4", "small_payments"))
                .extracting(Reason::message)
                .containsExactly("a payment of S/ 4.00, under S/ 10.00, as card testers make");
    }

    @Test
    void aMuleBeneficiarysRecordIsStatedForTheWindowThatWeighs() {
        Replay replay = new Replay();
        replay.run("mule beneficiary", muleBeneficiary());
        assertThat(replay.reasonsOf("to-mule-late-0", "beneficiary_history"))
                .extracting(Reason::message)
                .contains(
                        "beneficiary ****0917 received 16 payments, 7 of them confirmed fraud, in the 30 days up to 2026-03-15 09:00",
                        "beneficiary ****0917 received 10 payments, 4 of them confirmed fraud, in the 7 days up to 2026-03-15 09:00",
                        "beneficiary ****0917 received 4 payments, 2 of them confirmed fraud, in the 24 hours up to 2026-03-15 09:00");
    }

    @Test
    void whatTheAccountsStateForgotIsNotCalledNewAndAFloorIsSaidToBeOne() {
        Replay replay = new Replay();
        replay.run("long-lived account", longLivedAccount());
        replay.run("device farm", deviceFarm());
        for (int d = 1; d < 80; d++) {
            assertThat(replay.reasonsOf("fav-" + d, "new_merchant"))
                    .as("the favourite merchant, paid every day")
                    .isEmpty();
        }
        assertThat(replay.reasonsOf("night-late", "time_of_day"))
                .extracting(Reason::message)
                .containsExactly("03:20 in Lima; only <1 % of this account's payments happen near this hour");
        assertThat(replay.reasonsOf("farm-79", "shared_device"))
                .extracting(Reason::message)
                .containsExactly("the device made at least 64 other transactions in the last hour");
    }

    // ---------------------------------------------------------------- replaying a history and checking its reasons

    /** Replays histories through a pipeline and checks every reason given against the raw history. */
    private final class Replay {
        final Set<String> codesGiven = new TreeSet<>();
        final Map<String, List<String>> failures = new TreeMap<>();
        final Map<String, List<Reason>> reasonsByTransaction = new HashMap<>();
        int reasonsChecked;

        void run(String name, List<Transaction> history) {
            FeaturePipeline pipeline = new FeaturePipeline(LABEL_DELAY, 1);
            Earlier earlier = new Earlier();
            double[] row = new double[FeatureCatalogue.SIZE];
            for (Transaction tx : history) {
                FeatureContext ctx = pipeline.next(tx, row);
                List<Reason> all = new ArrayList<>();
                for (Weighting weighting : WEIGHTINGS) {
                    for (Reason reason : writer.explain(tx, ctx, weighting.contributions())) {
                        if (reason.code().equals("unusual_combination")) {
                            continue;
                        }
                        all.add(reason);
                        reasonsChecked++;
                        codesGiven.add(reason.code());
                        try {
                            new Claim(tx, earlier, reason, weighting).check();
                        } catch (AssertionError e) {
                            String message = e.getMessage();
                            String kind = message.substring(0, message.indexOf(':'));
                            failures.computeIfAbsent(kind, k -> new ArrayList<>())
                                    .add(name + ", " + message);
                        }
                    }
                }
                reasonsByTransaction.put(tx.transactionId(), all);
                earlier.add(tx);
            }
        }

        List<Reason> reasonsOf(String transactionId, String code) {
            return reasonsByTransaction.getOrDefault(transactionId, List.of()).stream()
                    .filter(r -> r.code().equals(code))
                    .distinct()
                    .toList();
        }

        void assertAllTrue() {
            if (failures.isEmpty()) {
                return;
            }
            StringBuilder report = new StringBuilder("of " + reasonsChecked + " reasons checked, these were false:");
            failures.forEach((kind, examples) -> {
                report.append("\n")
                        .append(examples.size())
                        .append(" × ")
                        .append(kind)
                        .append(", e.g.");
                examples.stream()
                        .limit(2)
                        .forEach(e -> report.append("\n    ").append(e.substring(e.indexOf(": ") + 2)));
            });
            throw new AssertionError(report.toString());
        }
    }

    /** The transactions before the one explained, in time order, grouped by account and by merchant, beneficiary and device. */
    private static final class Earlier {
        final List<Transaction> all = new ArrayList<>();
        final Map<String, List<Transaction>> byAccount = new HashMap<>();
        final Map<String, Map<String, List<Transaction>>> byKey =
                Map.of("merchant", new HashMap<>(), "counterparty", new HashMap<>(), "device", new HashMap<>());

        void add(Transaction tx) {
            all.add(tx);
            byAccount.computeIfAbsent(tx.accountId(), a -> new ArrayList<>()).add(tx);
            for (String kind : KEY_KINDS) {
                String key = keyOf(tx, kind);
                if (key != null) {
                    byKey.get(kind).computeIfAbsent(key, k -> new ArrayList<>()).add(tx);
                }
            }
        }

        List<Transaction> ofAccount(String account) {
            return byAccount.getOrDefault(account, List.of());
        }

        List<Transaction> ofKey(String kind, String key) {
            return key == null ? List.of() : byKey.get(kind).getOrDefault(key, List.of());
        }
    }

    static String keyOf(Transaction tx, String kind) {
        return switch (kind) {
            case "merchant" -> tx.merchantId();
            case "counterparty" -> tx.counterpartyAccount();
            default -> tx.deviceId();
        };
    }

    static long second(Transaction tx) {
        return tx.timestamp().getEpochSecond();
    }

    /** One reason's sentence and figures, checked against what the history before its transaction says. */
    private static final class Claim {
        final Transaction tx;
        final Earlier earlier;
        final Reason reason;
        final Weighting weighting;
        final List<Transaction> own;
        final long now;
        final String message;

        Claim(Transaction tx, Earlier earlier, Reason reason, Weighting weighting) {
            this.tx = tx;
            this.earlier = earlier;
            this.reason = reason;
            this.weighting = weighting;
            this.own = earlier.ofAccount(tx.accountId());
            this.now = second(tx);
            this.message = reason.message();
        }

        void check() {
            expect("the reason for the weight on " + weighting.name(), reason.code(), weighting.code());
            switch (reason.code()) {
                case "amount" -> amount();
                case "small_payments" -> smallPayments();
                case "time_of_day" -> timeOfDay();
                case "velocity" -> velocity();
                case "spent_last_hour" -> spentLastHour();
                case "new_merchant" ->
                    firstUse(
                            "merchant",
                            "first payment at merchant (\\S+)",
                            tx.merchantId(),
                            "merchant",
                            tx.merchantId());
                case "new_beneficiary" ->
                    firstUse(
                            "counterparty",
                            "first payment to beneficiary (\\S+)",
                            PersonalData.mask(tx.counterpartyAccount()),
                            "beneficiary",
                            PersonalData.mask(tx.counterpartyAccount()));
                case "new_device" -> firstUse("device", "from a device this account never used", null, null, null);
                case "shared_device" -> sharedDevice();
                case "risky_merchant" -> riskyMerchant();
                case "abroad" -> abroad();
                case "category" -> category();
                case "new_account" -> newAccount();
                case "merchant_history", "beneficiary_history", "device_history" -> keyHistory();
                default -> fail("a reason code this test does not know");
            }
        }

        // ---- the claims of each reason

        private void amount() {
            String amount = Money.pen(tx.amountPen());
            Matcher m;
            if ((m = match("amount " + MONEY + " on an account with no history")) != null) {
                expect("the amount", m.group(1), amount);
                expect("earlier transactions of the account", 0, own.size());
                expectParams(Map.of("amount", amount));
                return;
            }
            double mean = meanAmount();
            boolean above =
                    (m = match("amount " + MONEY + " is ([\\d.]+)× this account's average of " + MONEY)) != null;
            if (!above
                    && (m = match("amount " + MONEY + " is unusually small for this account \\(average " + MONEY
                                    + "\\)"))
                            == null) {
                fail("a sentence this test does not understand");
            }
            expect("the amount", m.group(1), amount);
            expect("the account's average", m.group(above ? 3 : 2), Money.pen(mean));
            double ratio = tx.amountPen() / mean;
            String statedRatio = reason.params().get("ratio");
            expectClose(
                    "the ratio to the average",
                    Double.parseDouble(statedRatio),
                    ratio,
                    Double.parseDouble(statedRatio) >= 10 ? 0.5 : 0.05);
            if (above) {
                expect("the ratio in the sentence", m.group(2), statedRatio);
            } else {
                expectTrue("an amount at most half the average is unusually small", ratio <= 0.5);
            }
            expectParams(Map.of("amount", amount, "mean", Money.pen(mean), "ratio", statedRatio));
        }

        private void smallPayments() {
            int before = 0;
            for (Transaction t : own) {
                if (second(t) > now - HOUR && t.amountPen() < 10) {
                    before++;
                }
            }
            String amount = Money.pen(tx.amountPen());
            Matcher m;
            if ((m = match("(\\d+) payments under S/ 10\\.00 in the hour before this one of " + MONEY
                            + ", as in card testing"))
                    != null) {
                expect("payments under S/ 10.00 in the hour before", Integer.parseInt(m.group(1)), before);
                expect("this payment's amount", m.group(2), amount);
                expectTrue("several payments", before >= 2);
            } else if ((m = match("a payment under S/ 10\\.00 in the hour before this one of " + MONEY
                            + ", as in card testing"))
                    != null) {
                expect("payments under S/ 10.00 in the hour before", 1, before);
                expect("this payment's amount", m.group(1), amount);
            } else if ((m = match("a payment of " + MONEY + ", under S/ 10\\.00, as card testers make")) != null) {
                expect("this payment's amount", m.group(1), amount);
                expectTrue("this payment is under S/ 10.00", tx.amountPen() < 10);
            } else if (match("a payment under S/ 10\\.00, as card testers make") != null) {
                // an earlier phrasing, read by what it claims so that a return to it is judged on its truth
                expectTrue(
                        "this payment is under S/ 10.00 (" + amount + ", " + before + " earlier in the hour)",
                        tx.amountPen() < 10);
            } else if ((m = match("(\\d+) payments under S/ 10\\.00 within an hour, as in card testing")) != null) {
                expect(
                        "payments under S/ 10.00 within the hour, this one included",
                        Integer.parseInt(m.group(1)),
                        before + (tx.amountPen() < 10 ? 1 : 0));
            } else {
                fail("a sentence this test does not understand (this payment " + amount + ", " + before
                        + " payments under S/ 10.00 in the hour before it)");
            }
            expectParams(Map.of("count", Integer.toString(before), "amount", amount));
        }

        private void timeOfDay() {
            String time = CLOCK.format(tx.timestamp());
            int hour = tx.timestamp().atZone(LIMA).getHour();
            int near = 0;
            for (Transaction t : own) {
                int distance = Math.abs(t.timestamp().atZone(LIMA).getHour() - hour);
                if (Math.min(distance, 24 - distance) <= 1) {
                    near++;
                }
            }
            double share = own.isEmpty() ? 0 : (double) near / own.size();
            Matcher m;
            if ((m = match("(\\d\\d:\\d\\d) in Lima, at night")) != null) {
                expectTrue("before 06:00", hour < 6);
            } else if ((m = match("(\\d\\d:\\d\\d) in Lima; this account never pays near this hour")) != null) {
                expectTrue("the account has paid before", !own.isEmpty());
                expect("payments within an hour of this hour", 0, near);
            } else if ((m = match(
                            "(\\d\\d:\\d\\d) in Lima; only (\\S+ %) of this account's payments happen near this hour"))
                    != null) {
                expect("the share near this hour", m.group(2), percent(share));
                expectTrue("a small share (" + near + " of " + own.size() + ")", share < 0.2);
            } else {
                fail("a sentence this test does not understand");
            }
            expect("the time in Lima", m.group(1), time);
            expectParams(Map.of("time", time, "share", percent(share)));
        }

        private void velocity() {
            int inHour = 0;
            long latest = Long.MIN_VALUE;
            for (Transaction t : own) {
                inHour += second(t) > now - HOUR ? 1 : 0;
                latest = Math.max(latest, second(t));
            }
            long gap = own.isEmpty() ? -1 : now - latest;
            Matcher m;
            if ((m = match(
                            "(\\d+) transactions within an hour, the last (\\d+) (seconds?|minutes|hours|days) after the one before"))
                    != null) {
                expect("transactions within the hour, this one included", Integer.parseInt(m.group(1)), inHour + 1);
                expectGap(m.group(2), m.group(3), gap);
            } else if (match("first transaction seen for this account") != null) {
                expect("earlier transactions of the account", 0, own.size());
            } else if ((m = match("first transaction in (\\d+) (seconds?|minutes|hours|days)")) != null) {
                expect("earlier transactions within the hour", 0, inHour);
                expectGap(m.group(1), m.group(2), gap);
            } else {
                fail("a sentence this test does not understand");
            }
            Map<String, String> params = new HashMap<>(Map.of("count", Integer.toString(inHour + 1)));
            if (gap >= 0) {
                params.put("seconds", Long.toString(gap));
            }
            expectParams(params);
        }

        private void spentLastHour() {
            double spent = tx.amountPen();
            for (Transaction t : own) {
                spent += second(t) > now - HOUR ? t.amountPen() : 0;
            }
            Matcher m = match(MONEY + " spent within an hour, against an average payment of " + MONEY);
            if (m == null) {
                fail("a sentence this test does not understand");
            }
            expect("spent within the hour, this payment included", m.group(1), Money.pen(spent));
            expect("the account's average", m.group(2), Money.pen(meanAmount()));
            expectParams(Map.of("spent", Money.pen(spent), "mean", Money.pen(meanAmount())));
        }

        private void firstUse(String kind, String sentence, String named, String param, String paramValue) {
            Matcher m = match(sentence);
            if (m == null) {
                fail("a sentence this test does not understand");
            }
            if (named != null) {
                expect("the " + kind + " named", m.group(1), named);
            }
            String key = keyOf(tx, kind);
            expectTrue("the transaction names a " + kind, key != null);
            int uses = 0;
            for (Transaction t : own) {
                uses += key.equals(keyOf(t, kind)) ? 1 : 0;
            }
            expect("earlier transactions of the account with this " + kind, 0, uses);
            expectParams(param == null ? Map.of() : Map.of(param, paramValue));
        }

        private void sharedDevice() {
            int inHour = 0;
            for (Transaction t : earlier.ofKey("device", tx.deviceId())) {
                inHour += second(t) > now - HOUR ? 1 : 0;
            }
            Matcher m;
            if ((m = match("the device made (\\d+) other transactions in the last hour")) != null) {
                expect("other transactions of the device in the last hour", Integer.parseInt(m.group(1)), inHour);
            } else if ((m = match("the device made at least (\\d+) other transactions in the last hour")) != null) {
                expectTrue(
                        "at least " + m.group(1) + " other transactions of the device in the last hour (" + inHour
                                + ")",
                        inHour >= Integer.parseInt(m.group(1)));
            } else {
                fail("a sentence this test does not understand");
            }
            expectParams(
                    message.contains("at least")
                            ? Map.of("count", m.group(1), "at_least", "true")
                            : Map.of("count", m.group(1)));
        }

        private void riskyMerchant() {
            Matcher m = match(
                    "merchant (\\S+) has (\\d+) confirmed frauds among (\\d+) payments old enough to be reviewed");
            if (m == null) {
                fail("a sentence this test does not understand");
            }
            expect("the merchant", m.group(1), tx.merchantId());
            long transactions = 0;
            long frauds = 0;
            for (Transaction t : earlier.ofKey("merchant", tx.merchantId())) {
                if (second(t) <= now - DELAY) {
                    transactions++;
                    frauds += Boolean.TRUE.equals(t.fraudLabel()) ? 1 : 0;
                }
            }
            expect("the merchant's payments one label delay ago", Long.parseLong(m.group(3)), transactions);
            expect("the merchant's confirmed frauds one label delay ago", Long.parseLong(m.group(2)), frauds);
            expectParams(Map.of("frauds", Long.toString(frauds), "labelled", Long.toString(transactions)));
        }

        private void keyHistory() {
            Matcher m = match(
                    "(merchant|beneficiary|device) (\\S+) (received|made) (\\d+) (payments?|transactions?), (none of them |\\d+ of them |not |)"
                            + "confirmed fraud, in the (24 hours|\\d+ days) up to (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d)");
            if (m == null) {
                fail("a sentence this test does not understand");
            }
            String noun = m.group(1);
            String kind = noun.equals("beneficiary") ? "counterparty" : noun;
            expect("the kind of key", HISTORY_CODES.get(kind), reason.code());
            String key = keyOf(tx, kind);
            String named = kind.equals("merchant") ? key : PersonalData.mask(key);
            expect("the " + noun + " named", m.group(2), named);
            int days = m.group(7).equals("24 hours")
                    ? 1
                    : Integer.parseInt(m.group(7).split(" ", -1)[0]);
            if (weighting.keyWindowDays() > 0) {
                expect("the window of the feature that weighs", days, weighting.keyWindowDays());
            }
            long end = now - DELAY;
            expect(
                    "the end of the window, one label delay before",
                    m.group(8),
                    MINUTE.format(Instant.ofEpochSecond(end)));
            long transactions = 0;
            long frauds = 0;
            List<Transaction> ofKey = earlier.ofKey(kind, key);
            for (int i = ofKey.size() - 1; i >= 0 && second(ofKey.get(i)) > end - days * DAY; i--) {
                if (second(ofKey.get(i)) <= end) {
                    transactions++;
                    frauds += Boolean.TRUE.equals(ofKey.get(i).fraudLabel()) ? 1 : 0;
                }
            }
            expect("the " + noun + "'s transactions in the window", Long.parseLong(m.group(4)), transactions);
            String confirmed = m.group(6).trim();
            long statedFrauds = confirmed.isEmpty()
                    ? 1
                    : confirmed.startsWith("no") ? 0 : Long.parseLong(confirmed.split(" ", -1)[0]);
            expect("its confirmed frauds in the window", statedFrauds, frauds);
            expectTrue(
                    "one transaction when its fraud is told without a count",
                    (!confirmed.isEmpty() && !confirmed.equals("not")) || transactions == 1);
            expectParams(Map.of(
                    noun,
                    named,
                    "transactions",
                    Long.toString(transactions),
                    "frauds",
                    Long.toString(frauds),
                    "days",
                    Integer.toString(days),
                    "until",
                    m.group(8)));
        }

        private void abroad() {
            Matcher m = match("paid abroad or in a foreign currency \\((\\S+), (\\S+)\\)");
            if (m == null) {
                fail("a sentence this test does not understand");
            }
            expect("the country", m.group(1), String.valueOf(tx.country()));
            expect("the currency", m.group(2), String.valueOf(tx.originalCurrency()));
            expectTrue(
                    "abroad or in a foreign currency",
                    (tx.country() != null && !tx.country().equalsIgnoreCase("PE"))
                            || (tx.originalCurrency() != null
                                    && !tx.originalCurrency().equals("PEN")));
            expectParams(
                    Map.of("country", String.valueOf(tx.country()), "currency", String.valueOf(tx.originalCurrency())));
        }

        private void category() {
            MccGroup group = MccGroup.of(tx.merchantCategoryCode());
            int same = 0;
            for (Transaction t : earlier.all) {
                same += t.channel() == tx.channel() && MccGroup.of(t.merchantCategoryCode()) == group ? 1 : 0;
            }
            double share = earlier.all.isEmpty() ? 0 : (double) same / earlier.all.size();
            Matcher m = match(
                    "a kind of payment rare in the traffic seen: (\\S+) at (.+) \\(MCC (\\S+)\\), (\\S+ %) of (\\d+) transactions");
            if (m == null) {
                fail("a sentence this test does not understand (" + tx.channel().code() + " at " + group.description()
                        + " is " + percent(share) + " of the " + earlier.all.size() + " transactions seen)");
            }
            expect("the channel", m.group(1), tx.channel().code());
            expect("the kind of merchant", m.group(2), group.description());
            expect("the MCC", m.group(3), tx.merchantCategoryCode());
            expect("the share of the payments seen", m.group(4), percent(share));
            expect("the transactions seen", Long.parseLong(m.group(5)), (long) earlier.all.size());
            expectTrue("rare: under 5 %", share < 0.05);
            expectParams(Map.of(
                    "channel",
                    tx.channel().code(),
                    "category",
                    group.description(),
                    "category_code",
                    group.name().toLowerCase(java.util.Locale.ROOT),
                    "share",
                    percent(share),
                    "seen",
                    Integer.toString(earlier.all.size())));
        }

        private void newAccount() {
            Matcher m = match("account with little history \\((\\d+) earlier transactions?\\)");
            if (m == null) {
                fail("a sentence this test does not understand");
            }
            expect("earlier transactions of the account", Integer.parseInt(m.group(1)), own.size());
            expectTrue("little history", own.size() < 5);
            expectParams(Map.of("history", Integer.toString(own.size())));
        }

        // ---- helpers

        private double meanAmount() {
            double sum = 0;
            for (Transaction t : own) {
                sum += t.amountPen();
            }
            return sum / own.size();
        }

        private Matcher match(String sentence) {
            Matcher m = SENTENCES.computeIfAbsent(sentence, Pattern::compile).matcher(message);
            return m.matches() ? m : null;
        }

        private void expectGap(String number, String unit, long gap) {
            long seconds = switch (unit) {
                case "second", "seconds" -> 1;
                case "minutes" -> 60;
                case "hours" -> HOUR;
                default -> DAY;
            };
            expect(
                    "the gap since the account's previous transaction (" + gap + " s)",
                    Long.parseLong(number),
                    gap / seconds);
        }

        private void expect(String what, Object stated, Object recomputed) {
            if (!stated.equals(recomputed)) {
                fail(what + ": stated " + stated + ", recomputed " + recomputed);
            }
        }

        private void expectClose(String what, double stated, double recomputed, double tolerance) {
            if (Math.abs(stated - recomputed) > tolerance + 1e-9) {
                fail(what + ": stated " + stated + ", recomputed " + recomputed);
            }
        }

        private void expectTrue(String what, boolean holds) {
            if (!holds) {
                fail("not true that " + what);
            }
        }

        private void expectParams(Map<String, String> recomputed) {
            if (!reason.params().equals(recomputed)) {
                fail("params: stated " + new TreeMap<>(reason.params()) + ", recomputed " + new TreeMap<>(recomputed));
            }
        }

        private void fail(String what) {
            String claim = what.split(":| \\(", -1)[0].replaceAll("\\d+", "#");
            throw new AssertionError(reason.code() + " / " + claim + ": " + what + " — \"" + message + "\" on "
                    + tx.transactionId() + " (" + Money.pen(tx.amountPen()) + " "
                    + tx.channel().code() + " at " + tx.timestamp() + ", weight on " + weighting.name() + ")");
        }
    }

    /** A share as reasons print it: whole percent, "<1 %" for a share above zero that rounds to 0. */
    static String percent(double share) {
        long whole = Math.round(share * 100);
        return whole == 0 && share > 0 ? "<1 %" : whole + " %";
    }

    // ---------------------------------------------------------------- histories

    private static final Instant START = Instant.parse("2026-03-01T05:00:00Z");

    /** 35 days of generated traffic of 20 accounts, a fifth of it fraud, each transaction carrying its label. */
    static List<Transaction> generated(long seed) {
        TransactionGenerator generator = new TransactionGenerator(new GeneratorSettings(seed, 20, 0.2, START, 8, 0.05));
        List<Transaction> history = new ArrayList<>();
        Instant end = START.plus(Duration.ofDays(35));
        while (true) {
            Transaction tx = generator.next().transaction();
            if (tx.timestamp().isAfter(end)) {
                return history;
            }
            history.add(tx);
        }
    }

    /** The issue's demo (an earlier S/ 4.00 payment, then a wallet payment of S/ 43.50) and a burst of tiny charges. */
    static List<Transaction> cardTesting() {
        Script s = new Script();
        for (int d = 0; d < 12; d++) {
            s.at(day(d, 12, 0))
                    .tx(
                            "demo-h" + d,
                            "acc-demo-5120",
                            30 + 4 * d,
                            "m-yape",
                            "4829",
                            Channel.WALLET,
                            "phone-demo",
                            "acc-mom-" + (d % 3),
                            false);
        }
        s.at(day(12, 20, 0))
                .tx("demo-4", "acc-demo-5120", 4.00, "m-games-3", "5816", Channel.ECOMMERCE, "phone-demo", null, false);
        s.at(day(12, 20, 20))
                .tx(
                        "demo-43",
                        "acc-demo-5120",
                        43.50,
                        "m-yape",
                        "4829",
                        Channel.WALLET,
                        "phone-demo",
                        "acc-mom-1",
                        false);
        for (int d = 0; d < 5; d++) {
            s.at(day(d, 9, 0))
                    .tx(
                            "tester-h" + d,
                            "acc-test-7788",
                            120,
                            "m-plaza",
                            "5411",
                            Channel.POS,
                            "term-plaza-1",
                            null,
                            false);
        }
        for (int i = 0; i < 14; i++) {
            s.at(day(6, 3, 0).plusSeconds(90L * i))
                    .tx(
                            "tester-" + i,
                            "acc-test-7788",
                            1 + (i % 9),
                            "m-shop-online",
                            "5999",
                            Channel.ECOMMERCE,
                            "dev-bot",
                            null,
                            true);
        }
        s.at(day(6, 3, 25))
                .tx("tester-big", "acc-test-7788", 350, "m-electro", "5732", Channel.ECOMMERCE, "dev-bot", null, true);
        s.at(day(6, 3, 40))
                .tx(
                        "tester-usd",
                        "acc-test-7788",
                        187.50,
                        "m-abroad",
                        "5732",
                        Channel.ECOMMERCE,
                        "dev-bot",
                        null,
                        true,
                        "US",
                        "USD");
        return s.history;
    }

    /** Sixteen accounts pay a mule account (seven of them in confirmed frauds), and later four more pay it for the first time. */
    static List<Transaction> muleBeneficiary() {
        Script s = new Script();
        for (int a = 0; a < 16; a++) {
            for (int d = 0; d < 3; d++) {
                s.at(day(d, 10, a))
                        .tx(
                                "own-" + a + "-" + d,
                                "acc-" + (4000 + a),
                                200 + a,
                                "m-bank",
                                "4829",
                                Channel.TRANSFER,
                                "phone-" + a,
                                "acc-family-" + a,
                                false);
            }
        }
        for (int a = 0; a < 16; a++) {
            Instant at = a < 12 ? day(4 + a / 2, 15, a) : day(13, 20, a);
            s.at(at)
                    .tx(
                            "to-mule-" + a,
                            "acc-" + (4000 + a),
                            900 + 10 * a,
                            "m-bank",
                            "4829",
                            Channel.TRANSFER,
                            "phone-" + a,
                            "acc-mule-000917",
                            a % 2 == 0 && a != 6);
        }
        for (int a = 0; a < 4; a++) {
            s.at(day(16, 9, a))
                    .tx(
                            "to-mule-late-" + a,
                            "acc-" + (4100 + a),
                            1500,
                            "m-bank",
                            "4829",
                            Channel.TRANSFER,
                            "phone-late-" + a,
                            "acc-mule-000917",
                            null);
        }
        return s.history;
    }

    /** A terminal skims cards for twenty days: nine of the fifty payments there are confirmed fraud; the payments go on after. */
    static List<Transaction> skimmedMerchant() {
        Script s = new Script();
        for (int i = 0; i < 50; i++) {
            s.at(day(i * 20 / 50, 11 + i % 8, i))
                    .tx(
                            "skim-" + i,
                            "acc-" + (5000 + i % 25),
                            60 + i,
                            "m-skim",
                            "5411",
                            Channel.POS,
                            "term-skim-1",
                            null,
                            i % 6 == 1);
            s.at(day(i * 20 / 50, 19, i))
                    .tx(
                            "else-" + i,
                            "acc-" + (5000 + i % 25),
                            35,
                            "m-bodega-" + (i % 3),
                            "5411",
                            Channel.POS,
                            "term-bodega-" + (i % 3),
                            null,
                            false);
        }
        for (int i = 0; i < 10; i++) {
            s.at(day(23, 12, 3 * i))
                    .tx(
                            "skim-late-" + i,
                            "acc-" + (5100 + i),
                            75,
                            "m-skim",
                            "5411",
                            Channel.POS,
                            "term-skim-1",
                            null,
                            null);
        }
        return s.history;
    }

    /** One phone drives eighty transactions of forty accounts within an hour, all fraud; it comes back days later. */
    static List<Transaction> deviceFarm() {
        Script s = new Script();
        for (int a = 0; a < 40; a++) {
            s.at(day(0, 9, a))
                    .tx(
                            "farm-own-" + a,
                            "acc-" + (6000 + a),
                            80,
                            "m-yape",
                            "4829",
                            Channel.WALLET,
                            "phone-own-" + a,
                            "acc-friend-" + a,
                            false);
        }
        for (int i = 0; i < 80; i++) {
            s.at(day(2, 1, 0).plusSeconds(37L * i))
                    .tx(
                            "farm-" + i,
                            "acc-" + (6000 + i % 40),
                            250 + i,
                            "m-yape",
                            "4829",
                            Channel.WALLET,
                            "phone-farm-31337",
                            "acc-mule-" + (i % 5),
                            true);
        }
        for (int i = 0; i < 6; i++) {
            s.at(day(6, 14, 10 * i))
                    .tx(
                            "farm-back-" + i,
                            "acc-" + (6100 + i),
                            300,
                            "m-yape",
                            "4829",
                            Channel.WALLET,
                            "phone-farm-31337",
                            "acc-mule-" + i,
                            null);
        }
        return s.history;
    }

    /**
     * An account with a long history: a favourite merchant every day for months, and over time more other merchants, phones and
     * wallet contacts than the account's state remembers; then a night payment, its second ever near that hour.
     */
    static List<Transaction> longLivedAccount() {
        Script s = new Script();
        for (int d = 0; d < 80; d++) {
            s.at(day(d, 8, 5))
                    .tx("fav-" + d, "acc-long-2201", 25, "m-fav", "5812", Channel.POS, "term-fav", null, false);
            s.at(day(d, 12, 30))
                    .tx(
                            "new-" + d,
                            "acc-long-2201",
                            40 + d,
                            "m-other-" + d,
                            "5411",
                            Channel.POS,
                            "term-other-" + d,
                            null,
                            false);
            s.at(day(d, 18, 45))
                    .tx(
                            "wallet-" + d,
                            "acc-long-2201",
                            30,
                            "m-yape",
                            "4829",
                            Channel.WALLET,
                            "phone-" + (d % 12),
                            "acc-contact-" + (d % 40),
                            false);
            if (d == 30) {
                s.at(day(d, 3, 10))
                        .tx("night-early", "acc-long-2201", 60, "m-fav", "5812", Channel.POS, "term-fav", null, false);
            }
        }
        s.at(day(80, 3, 20))
                .tx("night-late", "acc-long-2201", 700, "m-fav", "5812", Channel.POS, "term-fav", null, false);
        return s.history;
    }

    static Instant day(int day, int limaHour, int minute) {
        return START.plus(Duration.ofDays(day)).plus(Duration.ofHours(limaHour)).plus(Duration.ofMinutes(minute));
    }

    /** Hand-made transactions, kept in time order. */
    static final class Script {
        final List<Transaction> history = new ArrayList<>();
        private Instant at;

        Script at(Instant time) {
            this.at = time;
            return this;
        }

        void tx(
                String id,
                String account,
                double amount,
                String merchant,
                String mcc,
                Channel channel,
                String device,
                String counterparty,
                Boolean fraud) {
            tx(id, account, amount, merchant, mcc, channel, device, counterparty, fraud, "PE", "PEN");
        }

        void tx(
                String id,
                String account,
                double amount,
                String merchant,
                String mcc,
                Channel channel,
                String device,
                String counterparty,
                Boolean fraud,
                String country,
                String currency) {
            BigDecimal pen = BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
            history.add(new Transaction(
                    id,
                    account,
                    pen,
                    "PEN",
                    pen,
                    currency,
                    at,
                    merchant,
                    mcc,
                    channel,
                    device,
                    null,
                    counterparty,
                    country,
                    fraud,
                    null));
            history.sort(Comparator.comparing(Transaction::timestamp));
        }
    }

    // ---------------------------------------------------------------- random histories

    record Step(int account, int merchant, int device, int counterparty, double amount, long gap, boolean fraud) {}

    @Provide
    Arbitrary<List<Transaction>> randomHistories() {
        Arbitrary<Double> amounts = Arbitraries.oneOf(
                Arbitraries.integers().between(100, 999).map(c -> c / 100.0),
                Arbitraries.integers().between(1_000, 50_000).map(c -> c / 100.0),
                Arbitraries.integers().between(50_000, 900_000).map(c -> c / 100.0));
        Arbitrary<Long> gaps = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 120),
                Arbitraries.longs().between(60, 7_200),
                Arbitraries.longs().between(3_600, 4 * DAY));
        Arbitrary<Step> steps = Combinators.combine(
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(-1, 4),
                        Arbitraries.integers().between(-1, 3),
                        amounts,
                        gaps,
                        Arbitraries.of(true, false, false))
                .as(Step::new);
        return steps.list().ofMinSize(10).ofMaxSize(140).map(ReasonClaimsTest::toHistory);
    }

    private static final String[] MCCS = {"5411", "5732", "6011", "4829", "7995", "5816"};
    private static final Channel[] CHANNELS = {
        Channel.POS, Channel.ECOMMERCE, Channel.ATM, Channel.WALLET, Channel.ECOMMERCE, Channel.TRANSFER
    };

    static List<Transaction> toHistory(List<Step> steps) {
        List<Transaction> history = new ArrayList<>();
        Instant at = START;
        int n = 0;
        for (Step step : steps) {
            at = at.plusSeconds(step.gap());
            BigDecimal pen = BigDecimal.valueOf(step.amount()).setScale(2, RoundingMode.HALF_UP);
            boolean foreign = step.merchant() == 4;
            history.add(new Transaction(
                    "r-" + n++,
                    "acc-r-" + step.account(),
                    pen,
                    "PEN",
                    pen,
                    foreign ? "USD" : "PEN",
                    at,
                    "m-r-" + step.merchant(),
                    MCCS[step.merchant()],
                    CHANNELS[step.merchant()],
                    step.device() < 0 ? null : "dev-r-" + step.device(),
                    null,
                    step.counterparty() < 0 ? null : "acc-benef-" + step.counterparty(),
                    foreign ? "US" : "PE",
                    step.fraud(),
                    null));
        }
        return history;
    }
}
