package pe.centinela.core.cases;

import java.util.List;
import java.util.Optional;

/**
 * A team's SLA bands: a case whose severity reaches a band's threshold (and no higher band's) must be decided within
 * the band's time. Thresholds fall and times grow from {@code critical} to {@code low}, which starts at 0 so that every
 * case has a band; {@link #problem} says what a proposed set gets wrong, naming the field.
 */
public final class SlaBands {

    /** The bands from the most to the least severe. */
    public static final List<String> NAMES = List.of("critical", "high", "medium", "low");

    /** The longest time a band may allow: a year. */
    public static final double MAX_HOURS = 24 * 365;

    /** One band: from which severity it holds a case, and within how many hours its cases are due. */
    public record Band(String name, double minSeverity, double slaHours) {}

    /** What is wrong with a proposed set of bands, and where. */
    public record Problem(String field, String message) {}

    private SlaBands() {}

    /**
     * The first thing wrong with {@code bands} (given in the order of {@link #NAMES}), or empty when they can be saved.
     */
    public static Optional<Problem> problem(List<Band> bands) {
        if (bands.size() != NAMES.size()) {
            return Optional.of(new Problem("bands", "give all four bands: " + String.join(", ", NAMES)));
        }
        for (int i = 0; i < bands.size(); i++) {
            Band band = bands.get(i);
            String name = NAMES.get(i);
            if (!name.equals(band.name())) {
                return Optional.of(new Problem("bands", "band " + (i + 1) + " must be " + name));
            }
            if (!(band.slaHours() > 0 && band.slaHours() <= MAX_HOURS)) {
                return Optional.of(new Problem(
                        name + ".sla_hours", "the time allowed must be more than 0 and at most 8760 hours (a year)"));
            }
            boolean last = i == bands.size() - 1;
            if (last && band.minSeverity() != 0) {
                return Optional.of(
                        new Problem(name + ".min_severity", "the low band starts at 0, so every case has one"));
            }
            if (!last && !(band.minSeverity() > 0 && band.minSeverity() <= 1)) {
                return Optional.of(new Problem(name + ".min_severity", "a threshold lies above 0 and at most 1"));
            }
            if (i > 0) {
                Band above = bands.get(i - 1);
                if (!last && band.minSeverity() >= above.minSeverity()) {
                    return Optional.of(new Problem(
                            name + ".min_severity",
                            "the " + name + " band must start below the " + above.name() + " band ("
                                    + above.minSeverity() + ")"));
                }
                if (band.slaHours() < above.slaHours()) {
                    return Optional.of(new Problem(
                            name + ".sla_hours",
                            "a less severe band cannot allow less time than the " + above.name() + " band ("
                                    + above.slaHours() + " h)"));
                }
            }
        }
        return Optional.empty();
    }
}
