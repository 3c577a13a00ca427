package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import pe.centinela.adapters.http.ApiOperations;
import pe.centinela.adapters.http.ApiRoutes;
import pe.centinela.adapters.http.Caller;
import pe.centinela.adapters.http.HttpErrors;
import pe.centinela.adapters.http.QueryParams;
import pe.centinela.adapters.rules.RuleConflict;
import pe.centinela.adapters.rules.RuleRegistry;
import pe.centinela.core.domain.RuleOutcome;
import pe.centinela.core.rules.NamedList;
import pe.centinela.core.rules.Rule;
import pe.centinela.core.rules.RuleBook;
import pe.centinela.core.rules.RuleCompiler;
import pe.centinela.core.rules.RuleLists;
import pe.centinela.core.rules.RuleStatus;
import pe.centinela.core.rules.RuleSyntaxException;
import pe.centinela.core.rules.RuleVariables;

/**
 * Business rules and lists through the API: analysts read them, supervisors and admins write them. Every expression is
 * checked against the lists there are before it is saved (a syntax or type error answers 400 with each problem's line
 * and column); every change is a new version or an entry in the lists' trail, and scoring replicas pick it up within
 * seconds. The contract checks roles and bodies.
 */
public final class RuleRoutes implements ApiRoutes {

    private final RuleCompiler compiler = new RuleCompiler();
    private RuleRegistry registry;
    private Vertx vertx;

    @Override
    public void mount(ApiOperations operations, Context context) {
        this.registry = new RuleRegistry(context.pool());
        this.vertx = context.vertx();
        operations
                .handle("listRules", this::list)
                .handle("ruleVariables", this::variables)
                .handle("checkRule", this::check)
                .handle("createRule", this::create)
                .handle("getRule", this::get)
                .handle("updateRule", this::update)
                .handle("rollbackRule", this::rollback)
                .handle("listLists", this::lists)
                .handle("createList", this::createList)
                .handle("getList", this::getList)
                .handle("deleteList", this::deleteList)
                .handle("addListEntries", this::addEntries)
                .handle("removeListEntry", this::removeEntry);
    }

    private void list(RoutingContext ctx) {
        registry.rules()
                .compose(rules -> registry.snapshot()
                        .compose(snapshot ->
                                vertx.executeBlocking(() -> RuleBook.of(snapshot.rules(), snapshot.lists(), compiler)
                                        .refused()))
                        .map(refused -> {
                            JsonArray all = new JsonArray();
                            rules.forEach(r -> all.add(toJson(r)));
                            JsonArray refusals = new JsonArray();
                            refused.forEach(r -> refusals.add(new JsonObject()
                                    .put("id", r.ruleId())
                                    .put("version", r.version())
                                    .put("reason", r.reason())));
                            return new JsonObject().put("rules", all).put("refused", refusals);
                        }))
                .onSuccess(body -> HttpErrors.json(ctx.response(), 200, body))
                .onFailure(failure -> answer(ctx, failure));
    }

    private void variables(RoutingContext ctx) {
        registry.lists()
                .onSuccess(lists -> {
                    JsonArray names = new JsonArray();
                    RuleVariables.all()
                            .forEach(v -> names.add(new JsonObject()
                                    .put("name", v.name())
                                    .put("type", v.type().name().toLowerCase(java.util.Locale.ROOT))
                                    .put("description", v.description())));
                    JsonArray listNames = new JsonArray();
                    lists.forEach(l -> listNames.add(new JsonObject()
                            .put("name", l.name())
                            .put("kind", l.kind().code())
                            .put("purpose", l.purpose().code())));
                    HttpErrors.json(
                            ctx.response(),
                            200,
                            new JsonObject()
                                    .put("variables", names)
                                    .put("functions", new JsonArray().add("in_list(\"name\", value)"))
                                    .put("lists", listNames));
                })
                .onFailure(failure -> answer(ctx, failure));
    }

    private void check(RoutingContext ctx) {
        String expression = ctx.body().asJsonObject().getString("expression");
        checked(expression)
                .onSuccess(compiled -> HttpErrors.json(
                        ctx.response(), 200, new JsonObject().put("valid", true).put("compiled", compiled)))
                .onFailure(failure -> answer(ctx, failure));
    }

    private void create(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        Rule rule = new Rule(
                body.getString("id"),
                1,
                body.getString("expression"),
                RuleOutcome.fromCode(body.getString("outcome")),
                RuleStatus.fromCode(body.getString("status", RuleStatus.DRAFT.code())),
                body.getString("description_es").strip(),
                body.getString("description_en").strip());
        Caller caller = Caller.of(ctx);
        validated(rule)
                .compose(v -> registry.create(rule, caller.username(), "api"))
                .onSuccess(saved -> HttpErrors.json(ctx.response(), 201, toJson(saved)))
                .onFailure(failure -> answer(ctx, failure));
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("ruleId");
        registry.rule(id)
                .compose(rule -> registry.versions(id).map(versions -> {
                    JsonArray history = new JsonArray();
                    versions.forEach(v -> history.add(ruleJson(v.rule())
                            .put("change", v.change())
                            .put("changed_by", v.changedBy())
                            .put("changed_at", v.changedAt().toString())));
                    return toJson(rule).put("versions", history);
                }))
                .onSuccess(body -> HttpErrors.json(ctx.response(), 200, body))
                .onFailure(failure -> answer(ctx, failure));
    }

    private void update(RoutingContext ctx) {
        String id = ctx.pathParam("ruleId");
        JsonObject body = ctx.body().asJsonObject();
        int replacing = body.getInteger("version");
        Caller caller = Caller.of(ctx);
        registry.rule(id)
                .compose(current -> {
                    Rule was = current.rule();
                    Rule next = new Rule(
                            id,
                            replacing,
                            body.getString("expression", was.expression()),
                            body.containsKey("outcome")
                                    ? RuleOutcome.fromCode(body.getString("outcome"))
                                    : was.outcome(),
                            body.containsKey("status") ? RuleStatus.fromCode(body.getString("status")) : was.status(),
                            body.getString("description_es", was.descriptionEs())
                                    .strip(),
                            body.getString("description_en", was.descriptionEn())
                                    .strip());
                    boolean onlyStatus = next.expression().equals(was.expression())
                            && next.outcome() == was.outcome()
                            && next.descriptionEs().equals(was.descriptionEs())
                            && next.descriptionEn().equals(was.descriptionEn());
                    String change = onlyStatus ? "status_" + next.status().code() : "edited";
                    return managedHere(current)
                            .compose(v -> validated(next))
                            .compose(v -> registry.update(next, replacing, change, caller.username()));
                })
                .onSuccess(saved -> HttpErrors.json(ctx.response(), 200, toJson(saved)))
                .onFailure(failure -> answer(ctx, failure));
    }

    private void rollback(RoutingContext ctx) {
        String id = ctx.pathParam("ruleId");
        JsonObject body = ctx.body().asJsonObject();
        int replacing = body.getInteger("version");
        int to = body.getInteger("to");
        Caller caller = Caller.of(ctx);
        registry.rule(id)
                .compose(current -> managedHere(current).compose(v -> registry.version(id, to)))
                .compose(earlier -> validated(earlier)
                        .compose(v -> registry.update(earlier, replacing, "rolled_back_to_" + to, caller.username())))
                .onSuccess(saved -> HttpErrors.json(ctx.response(), 200, toJson(saved)))
                .onFailure(failure -> answer(ctx, failure));
    }

    private void lists(RoutingContext ctx) {
        registry.lists()
                .onSuccess(lists -> {
                    JsonArray all = new JsonArray();
                    lists.forEach(l -> all.add(listJson(l)));
                    HttpErrors.json(ctx.response(), 200, new JsonObject().put("lists", all));
                })
                .onFailure(failure -> answer(ctx, failure));
    }

    private void createList(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        String name = body.getString("name");
        registry.createList(
                        name,
                        NamedList.Kind.fromCode(body.getString("kind")),
                        NamedList.Purpose.fromCode(body.getString("purpose")),
                        body.getString("description", "").strip(),
                        Caller.of(ctx).username())
                .compose(v -> registry.lists())
                .onSuccess(lists -> HttpErrors.json(
                        ctx.response(),
                        201,
                        listJson(lists.stream()
                                .filter(l -> l.name().equals(name))
                                .findFirst()
                                .orElseThrow())))
                .onFailure(failure -> answer(ctx, failure));
    }

    private void getList(RoutingContext ctx) {
        String name = ctx.pathParam("listName");
        String after = ctx.queryParams().get("after");
        int limit = QueryParams.integer(ctx, "limit", 200);
        registry.lists()
                .compose(lists -> {
                    var summary = lists.stream()
                            .filter(l -> l.name().equals(name))
                            .findFirst()
                            .orElseThrow(() -> new NoSuchElementException("no list " + name));
                    return registry.entries(name, after == null ? "" : after, limit)
                            .compose(entries -> registry.events("list", name, 50)
                                    .map(events -> {
                                        JsonArray values = new JsonArray();
                                        entries.forEach(e -> values.add(new JsonObject()
                                                .put("value", e.value())
                                                .put("note", e.note())
                                                .put("added_by", e.addedBy())
                                                .put("added_at", e.addedAt().toString())));
                                        JsonArray trail = new JsonArray();
                                        events.forEach(e -> trail.add(new JsonObject()
                                                .put("action", e.action())
                                                .put("actor", e.actor())
                                                .put("at", e.at().toString())
                                                .put("detail", new JsonObject(e.detail()))));
                                        return listJson(summary)
                                                .put("values", values)
                                                .put("events", trail);
                                    }));
                })
                .onSuccess(body -> HttpErrors.json(ctx.response(), 200, body))
                .onFailure(failure -> answer(ctx, failure));
    }

    private void deleteList(RoutingContext ctx) {
        String name = ctx.pathParam("listName");
        registry.rules()
                .compose(rules -> {
                    List<String> readers = new ArrayList<>();
                    String quoted = "\"" + name + "\"";
                    rules.stream()
                            .map(RuleRegistry.StoredRule::rule)
                            .filter(r -> r.status().runsLive() && r.expression().contains(quoted))
                            .forEach(r -> readers.add(r.id()));
                    return registry.deleteList(name, readers, Caller.of(ctx).username());
                })
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(failure -> answer(ctx, failure));
    }

    private void addEntries(RoutingContext ctx) {
        String name = ctx.pathParam("listName");
        JsonObject body = ctx.body().asJsonObject();
        List<String> values = new ArrayList<>();
        body.getJsonArray("values").forEach(v -> values.add(((String) v).strip()));
        registry.addEntries(
                        name,
                        values,
                        body.getString("note", "").strip(),
                        Caller.of(ctx).username())
                .onSuccess(added -> HttpErrors.json(
                        ctx.response(),
                        200,
                        new JsonObject().put("added", added).put("already_there", values.size() - added)))
                .onFailure(failure -> answer(ctx, failure));
    }

    private void removeEntry(RoutingContext ctx) {
        registry.removeEntry(
                        ctx.pathParam("listName"),
                        ctx.pathParam("value"),
                        Caller.of(ctx).username())
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(failure -> answer(ctx, failure));
    }

    /** Whether the expression compiles against the lists there are; fails with the problems when it does not. */
    private Future<Boolean> checked(String expression) {
        return registry.lists().compose(lists -> {
            RuleLists names = new RuleLists(lists.stream()
                    .map(l -> new NamedList(l.name(), l.kind(), l.purpose(), java.util.Set.of()))
                    .toList());
            return vertx.executeBlocking(
                    () -> compiler.compile(expression, names).compiled());
        });
    }

    private Future<Void> validated(Rule rule) {
        List<Rule.FieldProblem> problems = rule.problems();
        if (!problems.isEmpty()) {
            Rule.FieldProblem first = problems.get(0);
            return Future.failedFuture(
                    new Refusal(400, "invalid_rule", first.field() + " " + first.message(), first.field()));
        }
        return checked(rule.expression()).mapEmpty();
    }

    private static Future<Void> managedHere(RuleRegistry.StoredRule rule) {
        return rule.managedBy().equals("api")
                ? Future.succeededFuture()
                : Future.failedFuture(new Refusal(
                        409,
                        "managed_by_kubernetes",
                        "rule " + rule.rule().id() + " is declared by a FraudDetector; change it there",
                        null));
    }

    private static void answer(RoutingContext ctx, Throwable failure) {
        if (failure instanceof RuleSyntaxException syntax) {
            HttpErrors.invalidExpression(ctx.response(), syntax);
        } else if (failure instanceof RuleConflict conflict) {
            HttpErrors.error(ctx.response(), 409, conflict.code(), conflict.getMessage(), null);
        } else if (failure instanceof NoSuchElementException missing) {
            HttpErrors.error(ctx.response(), 404, "not_found", missing.getMessage(), null);
        } else {
            Refusal.answer(ctx, failure);
        }
    }

    private static JsonObject toJson(RuleRegistry.StoredRule stored) {
        return ruleJson(stored.rule())
                .put("managed_by", stored.managedBy())
                .put("updated_by", stored.updatedBy())
                .put("updated_at", stored.updatedAt().toString());
    }

    private static JsonObject ruleJson(Rule rule) {
        return new JsonObject()
                .put("id", rule.id())
                .put("version", rule.version())
                .put("expression", rule.expression())
                .put("outcome", rule.outcome().code())
                .put("status", rule.status().code())
                .put("description_es", rule.descriptionEs())
                .put("description_en", rule.descriptionEn());
    }

    private static JsonObject listJson(RuleRegistry.ListSummary list) {
        return new JsonObject()
                .put("name", list.name())
                .put("kind", list.kind().code())
                .put("purpose", list.purpose().code())
                .put("description", list.description())
                .put("entries", list.entries())
                .put("created_by", list.createdBy())
                .put("created_at", list.createdAt().toString());
    }
}
