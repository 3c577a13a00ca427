package pe.centinela.generator;

import java.time.Instant;

/**
 * How to generate: the seed makes the stream reproducible.
 *
 * @param seed                        the only source of randomness
 * @param accounts                    number of customer accounts, at least 10
 * @param fraudRate                   wanted fraction of fraudulent transactions, 0 to 0.2
 * @param start                       simulated instant the stream starts at
 * @param transactionsPerAccountPerDay mean daily transactions per account, positive
 * @param usdShare                    share of ecommerce, travel and hotel payments paid in USD, 0 to 1
 */
public record GeneratorSettings(
        long seed,
        int accounts,
        double fraudRate,
        Instant start,
        double transactionsPerAccountPerDay,
        double usdShare) {

    public static final int DEFAULT_ACCOUNTS = 5000;
    public static final double DEFAULT_FRAUD_RATE = 0.005;
    public static final double DEFAULT_TRANSACTIONS_PER_ACCOUNT_PER_DAY = 3.0;
    public static final double DEFAULT_USD_SHARE = 0.03;

    public GeneratorSettings {
        if (accounts < 10) {
            throw new IllegalArgumentException("accounts must be at least 10, was " + accounts);
        }
        if (!(fraudRate >= 0 && fraudRate <= 0.2)) {
            throw new IllegalArgumentException("fraudRate must be between 0 and 0.2, was " + fraudRate);
        }
        if (start == null) {
            throw new IllegalArgumentException("start must not be null");
        }
        if (!(transactionsPerAccountPerDay > 0 && Double.isFinite(transactionsPerAccountPerDay))) {
            throw new IllegalArgumentException(
                    "transactionsPerAccountPerDay must be positive, was " + transactionsPerAccountPerDay);
        }
        if (!(usdShare >= 0 && usdShare <= 1)) {
            throw new IllegalArgumentException("usdShare must be between 0 and 1, was " + usdShare);
        }
    }

    /** 5000 accounts, fraud rate 0.005, 3 transactions per account per day, 3 % USD. */
    public static GeneratorSettings defaults(long seed, Instant start) {
        return new GeneratorSettings(
                seed,
                DEFAULT_ACCOUNTS,
                DEFAULT_FRAUD_RATE,
                start,
                DEFAULT_TRANSACTIONS_PER_ACCOUNT_PER_DAY,
                DEFAULT_USD_SHARE);
    }

    public GeneratorSettings withFraudRate(double rate) {
        return new GeneratorSettings(seed, accounts, rate, start, transactionsPerAccountPerDay, usdShare);
    }

    public GeneratorSettings withAccounts(int count) {
        return new GeneratorSettings(seed, count, fraudRate, start, transactionsPerAccountPerDay, usdShare);
    }

    public GeneratorSettings withUsdShare(double share) {
        return new GeneratorSettings(seed, accounts, fraudRate, start, transactionsPerAccountPerDay, share);
    }
}
