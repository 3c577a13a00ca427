package pe.centinela.core.cases;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Transaction;

/**
 * Splits a batch of alerts into waves stored one after another, so that an alert linked to another account's alert
 * earlier in the same batch (a shared own device, a shared beneficiary or one paying the other, a shared IP; each
 * when switched on) is stored after it and finds its case, as it would had they come in separate batches. A batch
 * with no such link is one wave, in its order.
 */
public final class LinkWaves {

    private LinkWaves() {}

    /** The waves of {@code alerts}, by the kinds of link switched on ({@code device}, {@code counterparty}, {@code ip}). */
    public static List<List<Alert>> of(List<Alert> alerts, List<String> linkBy) {
        Map<String, Integer> keyWave = new HashMap<>();
        Map<String, String> keyAccount = new HashMap<>();
        List<List<Alert>> waves = new ArrayList<>();
        for (Alert alert : alerts) {
            String account = alert.transaction().accountId();
            List<String> keys = keys(alert.transaction(), linkBy);
            int wave = 0;
            for (String key : keys) {
                String holder = keyAccount.get(key);
                if (holder != null && !holder.equals(account)) {
                    wave = Math.max(wave, keyWave.get(key) + 1);
                }
            }
            for (String key : keys) {
                keyAccount.putIfAbsent(key, account);
                keyWave.merge(key, wave, Math::min);
            }
            while (waves.size() <= wave) {
                waves.add(new ArrayList<>());
            }
            waves.get(wave).add(alert);
        }
        return waves;
    }

    /** What links the alert's transaction to others, as the alert store's statement compares them. */
    static List<String> keys(Transaction tx, List<String> linkBy) {
        List<String> keys = new ArrayList<>(4);
        boolean ownDevice = tx.channel() != Channel.POS && tx.channel() != Channel.ATM;
        if (linkBy.contains("device") && ownDevice && tx.deviceId() != null) {
            keys.add("device:" + tx.deviceId());
        }
        if (linkBy.contains("counterparty")) {
            keys.add("account:" + tx.accountId());
            if (tx.counterpartyAccount() != null) {
                keys.add("account:" + tx.counterpartyAccount());
            }
        }
        if (linkBy.contains("ip") && tx.ip() != null) {
            keys.add("ip:" + tx.ip());
        }
        return keys;
    }
}
