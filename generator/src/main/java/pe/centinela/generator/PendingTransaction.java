package pe.centinela.generator;

import java.util.Comparator;
import pe.centinela.core.domain.Channel;

/** A fraudulent transaction scheduled for a later simulated instant. */
final class PendingTransaction {

    static final Comparator<PendingTransaction> BY_TIME = Comparator.comparingLong(
                    (PendingTransaction pending) -> pending.time)
            .thenComparingLong(pending -> pending.order);

    final long time;
    final long order;
    final Account account;
    final int merchant;
    final Channel channel;
    final long cents;
    final String deviceId;
    final String ip;
    final String counterparty;
    final FraudScenario scenario;
    /** For a skimmed card: the merchant whose terminal was compromised; otherwise -1. */
    final int skimmedAt;

    PendingTransaction(
            long time,
            long order,
            Account account,
            int merchant,
            Channel channel,
            long cents,
            String deviceId,
            String ip,
            String counterparty,
            FraudScenario scenario,
            int skimmedAt) {
        this.time = time;
        this.order = order;
        this.account = account;
        this.merchant = merchant;
        this.channel = channel;
        this.cents = cents;
        this.deviceId = deviceId;
        this.ip = ip;
        this.counterparty = counterparty;
        this.scenario = scenario;
        this.skimmedAt = skimmedAt;
    }
}
