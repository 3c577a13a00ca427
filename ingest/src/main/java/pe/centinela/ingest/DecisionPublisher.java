package pe.centinela.ingest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pe.centinela.core.domain.SourceMetadata;
import pe.centinela.core.quality.Intake;

/**
 * Publishes the decision API's transactions, one per call, in groups: a call that arrives while a group is on its way
 * to PostgreSQL and the broker waits for it and leaves with the next group, so a busy API pays one duplicate check and
 * one produce request per group instead of per call, and an idle one sends each call at once. Used from the API
 * verticle's event loop only.
 */
final class DecisionPublisher {

    static final int MAX_GROUP = 500;

    private record Waiting(SourceMetadata source, IngestSink.Item item, Promise<Intake.Decision> published) {}

    private final IngestSink sink;
    private final Intake intake;
    private final String replyTo;
    private final List<Waiting> queue = new ArrayList<>();
    private boolean sending;

    DecisionPublisher(IngestSink sink, Intake intake, String replyTo) {
        this.sink = sink;
        this.intake = intake;
        this.replyTo = replyTo;
    }

    /** Completes with the item as published (accepted, or refused as a duplicate) once the broker acknowledged it. */
    Future<Intake.Decision> publish(SourceMetadata source, IngestSink.Item item) {
        Promise<Intake.Decision> published = Promise.promise();
        queue.add(new Waiting(source, item, published));
        if (!sending) {
            sendNext();
        }
        return published.future();
    }

    private void sendNext() {
        if (queue.isEmpty()) {
            sending = false;
            return;
        }
        sending = true;
        List<Waiting> group = new ArrayList<>(queue.subList(0, Math.min(MAX_GROUP, queue.size())));
        queue.subList(0, group.size()).clear();
        // one publish per caller, as the quality counts and metrics are kept per source
        Map<String, List<Waiting>> bySource = new LinkedHashMap<>();
        group.forEach(w -> bySource.computeIfAbsent(w.source().name(), k -> new ArrayList<>())
                .add(w));
        List<Future<?>> sent = new ArrayList<>(bySource.size());
        for (List<Waiting> callers : bySource.values()) {
            List<IngestSink.Item> items = callers.stream().map(Waiting::item).toList();
            sent.add(sink.publish(intake, callers.get(0).source(), items, replyTo)
                    .onSuccess(published -> {
                        for (int i = 0; i < callers.size(); i++) {
                            callers.get(i)
                                    .published()
                                    .complete(published.decisions().get(i));
                        }
                    })
                    .onFailure(e -> callers.forEach(w -> w.published().fail(e))));
        }
        Future.join(sent).onComplete(done -> sendNext());
    }
}
