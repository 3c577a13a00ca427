package pe.centinela.alerts;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Reason;
import pe.centinela.core.domain.ScoreRecord;
import pe.centinela.core.domain.Transaction;

/** Alerts and history rows written straight to the database, as the alert and history stages store them. */
final class TestAlerts {

    private TestAlerts() {}

    /** An alert of an e-commerce payment in soles, scored now. */
    static Alert alert(String transactionId, String account, double score, String amount) {
        return alert(transactionId, account, score, amount, null, null);
    }

    /** As {@link #alert(String, String, double, String)}, made from {@code device} and paid to {@code counterparty}. */
    static Alert alert(
            String transactionId, String account, double score, String amount, String device, String counterparty) {
        return alert(transactionId, account, score, amount, device, counterparty, Channel.ECOMMERCE);
    }

    static Alert alert(
            String transactionId,
            String account,
            double score,
            String amount,
            String device,
            String counterparty,
            Channel channel) {
        Transaction tx = new Transaction(
                transactionId,
                account,
                new BigDecimal(amount),
                "PEN",
                new BigDecimal(amount),
                "PEN",
                Instant.parse("2026-11-20T07:40:00Z"),
                "m-9",
                "5732",
                channel,
                device,
                null,
                counterparty,
                "PE",
                null,
                null);
        return new Alert(
                Alert.idFor(transactionId),
                tx,
                score,
                0.9,
                "ae-test",
                List.of(new Reason("amount", 1.0, "amount", Map.of())),
                Instant.now());
    }

    /** A transfer of S/ 100 scored at {@code time}, from {@code device} to {@code counterparty}. */
    static ScoreRecord paid(String tx, String account, String device, String counterparty, String time) {
        return paid(tx, account, device, counterparty, time, Channel.TRANSFER);
    }

    static ScoreRecord paid(
            String tx, String account, String device, String counterparty, String time, Channel channel) {
        return new ScoreRecord(
                tx,
                account,
                0.5,
                "ae-test",
                0.9,
                false,
                Instant.parse(time),
                Instant.parse(time),
                new BigDecimal("100.00"),
                new BigDecimal("100.00"),
                "PEN",
                "m-9",
                "4829",
                channel,
                null,
                null,
                null,
                false,
                null,
                null,
                device,
                null,
                counterparty);
    }

    static void store(Pool pool, Alert... alerts) throws Exception {
        store(pool, PlatformConfig.Cases.defaults(), alerts);
    }

    /** Stores the alerts as one batch, as the alert stage does. */
    static void store(Pool pool, PlatformConfig.Cases cases, Alert... alerts) throws Exception {
        new AlertWrites(pool, cases, false).insert(List.of(alerts)).await(30, TimeUnit.SECONDS);
    }

    static void history(Pool pool, ScoreRecord... scores) throws Exception {
        pool.preparedQuery(HistoryQueries.INSERT)
                .execute(TransactionHistoryVerticle.parameters(List.of(scores)))
                .await(30, TimeUnit.SECONDS);
    }

    static String caseOf(Pool pool, String transactionId) throws Exception {
        return pool.preparedQuery("SELECT case_id FROM alerts WHERE transaction_id = $1")
                .execute(Tuple.of(transactionId))
                .await(30, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getString("case_id");
    }
}
