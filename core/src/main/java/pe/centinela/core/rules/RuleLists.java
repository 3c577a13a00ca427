package pe.centinela.core.rules;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The named lists in force, as one immutable snapshot that rules read. */
public final class RuleLists {

    public static final RuleLists NONE = new RuleLists(List.of());

    private final Map<String, NamedList> byName;

    public RuleLists(Collection<NamedList> lists) {
        Map<String, NamedList> map = new LinkedHashMap<>();
        lists.forEach(list -> map.put(list.name(), list));
        this.byName = Map.copyOf(map);
    }

    /** Whether the list holds the value; an unknown list holds nothing. */
    public boolean contains(String list, String value) {
        NamedList named = byName.get(list);
        return named != null && named.values().contains(value);
    }

    public Set<String> names() {
        return byName.keySet();
    }

    public Collection<NamedList> lists() {
        return byName.values();
    }
}
