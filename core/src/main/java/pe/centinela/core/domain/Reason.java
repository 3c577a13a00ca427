package pe.centinela.core.domain;

import java.util.Map;

/**
 * Why a transaction looks suspicious, in plain words.
 *
 * @param code    machine-readable reason, e.g. {@code amount_above_norm}
 * @param weight  share of the anomaly this reason accounts for, 0–1
 * @param message the explanation in plain English
 * @param params  the figures in the message, for translations
 */
public record Reason(String code, double weight, String message, Map<String, String> params) {}
