package pe.centinela.adapters.rules;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import pe.centinela.core.domain.RuleOutcome;
import pe.centinela.core.rules.NamedList;
import pe.centinela.core.rules.Rule;
import pe.centinela.core.rules.RuleLists;
import pe.centinela.core.rules.RuleStatus;

/**
 * Rules and lists in PostgreSQL, shared by every replica: each saved version of a rule with who saved it, each list's
 * entries, an event for every change, and a revision that moves with each change (in the same transaction) so that
 * scoring reloads only when something changed. Checking a rule's expression is the caller's job; the registry keeps
 * versions consistent: a change names the version it replaces and is refused when that is no longer the current one.
 */
public final class RuleRegistry {

    /** A rule as stored: its version in force and who saved it. */
    public record StoredRule(Rule rule, String managedBy, String updatedBy, Instant updatedAt) {}

    /** One saved version of a rule. */
    public record RuleVersion(Rule rule, String change, String changedBy, Instant changedAt) {}

    /** A list without its entries. */
    public record ListSummary(
            String name,
            NamedList.Kind kind,
            NamedList.Purpose purpose,
            String description,
            long entries,
            String createdBy,
            Instant createdAt) {}

    /** One entry of a list. */
    public record ListEntry(String value, String note, String addedBy, Instant addedAt) {}

    /** One change to a rule or a list. */
    public record Event(
            long id, String subjectKind, String subject, String action, String actor, Instant at, String detail) {}

    /** What scoring puts in force: the rules and every list, as of one revision. */
    public record Snapshot(long revision, List<Rule> rules, RuleLists lists) {}

    private static final String RULE_COLUMNS =
            "rule_id, version, expression, outcome, status, description_es, description_en";

    private final Pool pool;

    public RuleRegistry(Pool pool) {
        this.pool = pool;
    }

    /** The revision: it moves with every change to a rule or a list. */
    public Future<Long> revision() {
        return pool.query("SELECT revision FROM rules_revision WHERE id = 1")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Every rule and every list with its entries, read in one transaction. */
    public Future<Snapshot> snapshot() {
        return pool.withTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                .execute()
                .compose(v -> conn.query("SELECT revision FROM rules_revision WHERE id = 1")
                        .execute())
                .compose(revision -> conn.query("SELECT " + RULE_COLUMNS + " FROM rules ORDER BY rule_id")
                        .execute()
                        .compose(ruleRows -> conn.query("SELECT name, kind, purpose FROM rule_lists")
                                .execute()
                                .compose(listRows -> conn.query("SELECT list_name, value FROM rule_list_entries")
                                        .execute()
                                        .map(entryRows -> {
                                            List<Rule> rules = new ArrayList<>();
                                            ruleRows.forEach(r -> rules.add(rule(r)));
                                            Map<String, Set<String>> values = new HashMap<>();
                                            entryRows.forEach(e -> values.computeIfAbsent(
                                                            e.getString("list_name"), k -> new HashSet<>())
                                                    .add(e.getString("value")));
                                            List<NamedList> lists = new ArrayList<>();
                                            listRows.forEach(l -> lists.add(new NamedList(
                                                    l.getString("name"),
                                                    NamedList.Kind.fromCode(l.getString("kind")),
                                                    NamedList.Purpose.fromCode(l.getString("purpose")),
                                                    values.getOrDefault(l.getString("name"), Set.of()))));
                                            return new Snapshot(
                                                    revision.iterator().next().getLong(0), rules, new RuleLists(lists));
                                        })))));
    }

    public Future<List<StoredRule>> rules() {
        return pool.query("SELECT " + RULE_COLUMNS + ", managed_by, updated_by, updated_at FROM rules ORDER BY rule_id")
                .execute()
                .map(rows -> {
                    List<StoredRule> rules = new ArrayList<>();
                    rows.forEach(r -> rules.add(stored(r)));
                    return rules;
                });
    }

    /** A rule; fails with {@link NoSuchElementException} when there is none. */
    public Future<StoredRule> rule(String id) {
        return pool.preparedQuery(
                        "SELECT " + RULE_COLUMNS + ", managed_by, updated_by, updated_at FROM rules WHERE rule_id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new NoSuchElementException("no rule " + id);
                    }
                    return stored(rows.iterator().next());
                });
    }

    /** Every saved version of a rule, newest first. */
    public Future<List<RuleVersion>> versions(String id) {
        return pool.preparedQuery(
                        "SELECT " + RULE_COLUMNS
                                + ", change, changed_by, changed_at FROM rule_versions WHERE rule_id = $1 ORDER BY version DESC")
                .execute(Tuple.of(id))
                .map(rows -> {
                    List<RuleVersion> versions = new ArrayList<>();
                    rows.forEach(r -> versions.add(new RuleVersion(
                            rule(r),
                            r.getString("change"),
                            r.getString("changed_by"),
                            r.getOffsetDateTime("changed_at").toInstant())));
                    return versions;
                });
    }

    /**
     * Saves a new rule as version 1; refused with {@link RuleConflict} ({@code exists}) when the id is taken.
     *
     * @param managedBy {@code api}, or {@code kubernetes} for a rule a {@code FraudDetector} declares
     */
    public Future<StoredRule> create(Rule rule, String actor, String managedBy) {
        Rule first = withVersion(rule, 1);
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        INSERT INTO rules (rule_id, version, expression, outcome, status, description_es, description_en,
                                           managed_by, updated_by)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (rule_id) DO NOTHING""")
                        .execute(ruleTuple(first).addString(managedBy).addString(actor))
                        .compose(inserted -> {
                            if (inserted.rowCount() == 0) {
                                return Future.failedFuture(
                                        new RuleConflict("exists", "a rule named " + rule.id() + " exists already"));
                            }
                            return recordVersion(conn, first, "created", actor);
                        }))
                .compose(v -> rule(rule.id()));
    }

    /**
     * Saves a change as the next version, when {@code replacing} is still the version in force; otherwise refused with
     * {@link RuleConflict} ({@code version_changed}). {@code change} says what changed: {@code edited},
     * {@code status}, {@code rolled_back_to_3} …
     */
    public Future<StoredRule> update(Rule rule, int replacing, String change, String actor) {
        Rule next = withVersion(rule, replacing + 1);
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        UPDATE rules SET version = $2, expression = $3, outcome = $4, status = $5, description_es = $6,
                                         description_en = $7, updated_by = $8, updated_at = now()
                        WHERE rule_id = $1 AND version = $9""")
                        .execute(ruleTuple(next).addString(actor).addInteger(replacing))
                        .compose(updated -> {
                            if (updated.rowCount() == 0) {
                                return rule(rule.id())
                                        .compose(current -> Future.failedFuture(new RuleConflict(
                                                "version_changed",
                                                "rule " + rule.id() + " is at version "
                                                        + current.rule().version() + ", not " + replacing
                                                        + ": someone changed it meanwhile; reload it and try again")));
                            }
                            return recordVersion(conn, next, change, actor);
                        }))
                .compose(v -> rule(rule.id()));
    }

    /** One saved version; fails with {@link NoSuchElementException} when there is no such version. */
    public Future<Rule> version(String id, int version) {
        return pool.preparedQuery("SELECT " + RULE_COLUMNS + " FROM rule_versions WHERE rule_id = $1 AND version = $2")
                .execute(Tuple.of(id, version))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new NoSuchElementException("rule " + id + " has no version " + version);
                    }
                    return rule(rows.iterator().next());
                });
    }

    public Future<List<ListSummary>> lists() {
        return pool.query("""
                        SELECT l.name, l.kind, l.purpose, l.description, l.created_by, l.created_at,
                               (SELECT count(*) FROM rule_list_entries e WHERE e.list_name = l.name) AS entries
                        FROM rule_lists l ORDER BY l.name""").execute().map(rows -> {
            List<ListSummary> lists = new ArrayList<>();
            rows.forEach(r -> lists.add(summary(r)));
            return lists;
        });
    }

    /** Creates an empty list; refused with {@link RuleConflict} ({@code exists}) when the name is taken. */
    public Future<Void> createList(
            String name, NamedList.Kind kind, NamedList.Purpose purpose, String description, String actor) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        INSERT INTO rule_lists (name, kind, purpose, description, created_by) VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (name) DO NOTHING""")
                .execute(Tuple.of(name, kind.code(), purpose.code(), description, actor))
                .compose(inserted -> inserted.rowCount() == 0
                        ? Future.failedFuture(new RuleConflict("exists", "a list named " + name + " exists already"))
                        : event(
                                conn,
                                "list",
                                name,
                                "created",
                                actor,
                                new JsonObject()
                                        .put("kind", kind.code())
                                        .put("purpose", purpose.code())
                                        .put("description", description))));
    }

    /** Deletes a list and its entries; {@code stillNamedBy} lists the live rules that read it, which refuse it. */
    public Future<Void> deleteList(String name, List<String> stillNamedBy, String actor) {
        if (!stillNamedBy.isEmpty()) {
            return Future.failedFuture(new RuleConflict(
                    "in_use",
                    "list " + name + " is read by " + String.join(", ", stillNamedBy)
                            + "; retire or change those rules first"));
        }
        return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM rule_lists WHERE name = $1")
                .execute(Tuple.of(name))
                .compose(deleted -> deleted.rowCount() == 0
                        ? Future.failedFuture(new NoSuchElementException("no list " + name))
                        : event(conn, "list", name, "deleted", actor, new JsonObject())));
    }

    /** Adds entries (those already there keep their note); answers how many were new. */
    public Future<Integer> addEntries(String name, List<String> values, String note, String actor) {
        return pool.withTransaction(conn -> exists(conn, name)
                .compose(v ->
                        conn.preparedQuery("""
                                INSERT INTO rule_list_entries (list_name, value, note, added_by)
                                SELECT $1, v, $3, $4 FROM unnest($2::text[]) AS v
                                ON CONFLICT (list_name, value) DO NOTHING""").execute(Tuple.of(name, values.toArray(new String[0]), note, actor)))
                .compose(inserted -> event(
                                conn,
                                "list",
                                name,
                                "entries_added",
                                actor,
                                new JsonObject()
                                        .put("values", values)
                                        .put("note", note)
                                        .put("new", inserted.rowCount()))
                        .map(inserted.rowCount())));
    }

    /** Removes one entry; fails with {@link NoSuchElementException} when the list does not hold it. */
    public Future<Void> removeEntry(String name, String value, String actor) {
        return pool.withTransaction(conn -> conn.preparedQuery(
                        "DELETE FROM rule_list_entries WHERE list_name = $1 AND value = $2")
                .execute(Tuple.of(name, value))
                .compose(deleted -> deleted.rowCount() == 0
                        ? Future.failedFuture(new NoSuchElementException("list " + name + " does not hold " + value))
                        : event(conn, "list", name, "entry_removed", actor, new JsonObject().put("value", value))));
    }

    /** A list's entries in value order, after {@code after} (empty for the first page). */
    public Future<List<ListEntry>> entries(String name, String after, int limit) {
        return pool.preparedQuery("""
                        SELECT value, note, added_by, added_at FROM rule_list_entries
                        WHERE list_name = $1 AND value > $2 ORDER BY value LIMIT $3""").execute(Tuple.of(name, after, limit)).map(rows -> {
            List<ListEntry> entries = new ArrayList<>();
            rows.forEach(r -> entries.add(new ListEntry(
                    r.getString("value"),
                    r.getString("note"),
                    r.getString("added_by"),
                    r.getOffsetDateTime("added_at").toInstant())));
            return entries;
        });
    }

    /** The changes to one rule or list (or to all, when {@code subject} is null), newest first. */
    public Future<List<Event>> events(String subjectKind, String subject, int limit) {
        return pool.preparedQuery("""
                        SELECT id, subject_kind, subject, action, actor, at, detail::text AS detail FROM rule_events
                        WHERE ($1::text IS NULL OR subject_kind = $1) AND ($2::text IS NULL OR subject = $2)
                        ORDER BY at DESC, id DESC LIMIT $3""")
                .execute(Tuple.of(subjectKind, subject, limit))
                .map(rows -> {
                    List<Event> events = new ArrayList<>();
                    rows.forEach(r -> events.add(new Event(
                            r.getLong("id"),
                            r.getString("subject_kind"),
                            r.getString("subject"),
                            r.getString("action"),
                            r.getString("actor"),
                            r.getOffsetDateTime("at").toInstant(),
                            r.getString("detail"))));
                    return events;
                });
    }

    private static Future<Void> exists(SqlConnection conn, String list) {
        return conn.preparedQuery("SELECT 1 FROM rule_lists WHERE name = $1 FOR SHARE")
                .execute(Tuple.of(list))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(new NoSuchElementException("no list " + list))
                        : Future.succeededFuture());
    }

    private static Future<Void> recordVersion(SqlConnection conn, Rule rule, String change, String actor) {
        return conn.preparedQuery("""
                        INSERT INTO rule_versions (rule_id, version, expression, outcome, status, description_es,
                                                   description_en, change, changed_by)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                .execute(ruleTuple(rule).addString(change).addString(actor))
                .compose(v -> event(
                        conn,
                        "rule",
                        rule.id(),
                        change,
                        actor,
                        new JsonObject()
                                .put("version", rule.version())
                                .put("status", rule.status().code())
                                .put("outcome", rule.outcome().code())
                                .put("expression", rule.expression())));
    }

    private static Future<Void> event(
            SqlConnection conn, String kind, String subject, String action, String actor, JsonObject detail) {
        return conn.preparedQuery(
                        "INSERT INTO rule_events (subject_kind, subject, action, actor, detail) VALUES ($1, $2, $3, $4, $5::jsonb)")
                .execute(Tuple.of(kind, subject, action, actor, detail))
                .compose(v -> conn.query("UPDATE rules_revision SET revision = revision + 1 WHERE id = 1")
                        .execute())
                .mapEmpty();
    }

    private static Tuple ruleTuple(Rule rule) {
        return Tuple.of(
                rule.id(),
                rule.version(),
                rule.expression(),
                rule.outcome().code(),
                rule.status().code(),
                rule.descriptionEs(),
                rule.descriptionEn());
    }

    private static Rule withVersion(Rule rule, int version) {
        return new Rule(
                rule.id(),
                version,
                rule.expression(),
                rule.outcome(),
                rule.status(),
                rule.descriptionEs(),
                rule.descriptionEn());
    }

    private static Rule rule(Row r) {
        return new Rule(
                r.getString("rule_id"),
                r.getInteger("version"),
                r.getString("expression"),
                RuleOutcome.fromCode(r.getString("outcome")),
                RuleStatus.fromCode(r.getString("status")),
                r.getString("description_es"),
                r.getString("description_en"));
    }

    private static StoredRule stored(Row r) {
        return new StoredRule(
                rule(r),
                r.getString("managed_by"),
                r.getString("updated_by"),
                r.getOffsetDateTime("updated_at").toInstant());
    }

    private static ListSummary summary(Row r) {
        return new ListSummary(
                r.getString("name"),
                NamedList.Kind.fromCode(r.getString("kind")),
                NamedList.Purpose.fromCode(r.getString("purpose")),
                r.getString("description"),
                r.getLong("entries"),
                r.getString("created_by"),
                r.getOffsetDateTime("created_at").toInstant());
    }
}
