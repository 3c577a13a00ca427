package pe.centinela.app;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.GZIPInputStream;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.mapping.ColumnMapping;
import pe.centinela.core.quality.DuplicateIndex;
import pe.centinela.core.validation.DeadLetter;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;
import pe.centinela.ingest.IntakeFactory;
import pe.centinela.ingest.file.CsvImporter;

/**
 * A labelled history for training and backtests, streamed in time order: a CSV export read through a column
 * mapping and the same checks as an import (rejected rows are skipped and counted), or the demo's generator.
 */
public final class HistorySource {

    private static final Transaction END = new Transaction(
            "end",
            "end",
            java.math.BigDecimal.ONE,
            "PEN",
            null,
            null,
            Instant.EPOCH,
            "end",
            null,
            pe.centinela.core.domain.Channel.POS,
            null,
            null,
            null,
            null,
            null,
            null);

    private HistorySource() {}

    public static Iterator<Transaction> generated(long seed, int accounts, double fraudRate, Instant start) {
        TransactionGenerator generator = new TransactionGenerator(
                GeneratorSettings.defaults(seed, start).withAccounts(accounts).withFraudRate(fraudRate));
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Transaction next() {
                return generator.next().transaction();
            }
        };
    }

    /** Reads the file on a background thread; rejected rows are counted in {@code rejected}. */
    static Iterator<Transaction> csv(Path file, ColumnMapping mapping, long[] rejected) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(10_000);
        Thread reader = new Thread(
                () -> {
                    PlatformConfig.Ingest ingest = PlatformConfig.Ingest.from(
                            Settings.of(java.util.Map.of("ingest.max-future-skew", "3650d")));
                    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                        new CsvImporter(
                                        IntakeFactory.create(ingest, Clock.systemUTC()),
                                        new DuplicateIndex(Duration.ofDays(7)),
                                        Clock.systemUTC())
                                .run(
                                        in,
                                        mapping,
                                        file.getFileName().toString(),
                                        new CsvImporter.Output() {
                                            @Override
                                            public void accepted(Transaction transaction) {
                                                put(queue, transaction);
                                            }

                                            @Override
                                            public void rejected(DeadLetter letter) {
                                                rejected[0]++;
                                            }
                                        },
                                        rows -> {});
                        put(queue, END);
                    } catch (IOException | RuntimeException e) {
                        put(queue, e);
                    }
                },
                "history-reader");
        reader.setDaemon(true);
        reader.start();
        return new Iterator<>() {
            private Object next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = queue.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while reading " + file, e);
                    }
                }
                if (next instanceof Exception e) {
                    throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
                }
                return next != END;
            }

            @Override
            public Transaction next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Transaction t = (Transaction) next;
                next = null;
                return t;
            }
        };
    }

    static ColumnMapping mapping(Path mappingFile, List<String> maps) throws IOException {
        if (mappingFile == null && maps.isEmpty()) {
            throw new pe.centinela.core.mapping.MappingException(
                    "give a column mapping with --mapping FILE or --map canonical=column[:format]");
        }
        return mappingFile != null
                ? ColumnMapping.load(mappingFile, maps, ColumnMapping.Options.defaults())
                : ColumnMapping.parse(maps, ColumnMapping.Options.defaults());
    }

    private static void put(BlockingQueue<Object> queue, Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first {@code rows} transactions of {@code source}. */
    public static Iterator<Transaction> limited(Iterator<Transaction> source, int rows) {
        return new Iterator<>() {
            private int given;

            @Override
            public boolean hasNext() {
                return given < rows && source.hasNext();
            }

            @Override
            public Transaction next() {
                given++;
                return source.next();
            }
        };
    }
}
