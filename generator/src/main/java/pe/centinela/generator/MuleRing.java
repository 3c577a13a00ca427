package pe.centinela.generator;

import java.time.Instant;
import java.util.List;

/**
 * A scripted account takeover through a mule: {@code victims} taken over from one {@code device} each send their money
 * to the {@code mule}, a customer's account the ring controls, which passes it on to {@code cashOutTo}. Every
 * transaction of it is labelled {@link FraudScenario#ACCOUNT_TAKEOVER}; the first is due at {@code startsAt}.
 */
public record MuleRing(List<String> victims, String mule, String device, String cashOutTo, Instant startsAt) {

    public MuleRing {
        victims = List.copyOf(victims);
    }
}
