package app.router4ai.routing.failover;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Models that refused an assistant prefill (a 400 to a continuation) although the routing file says they
 * {@code can_continue}: for a while, a broken stream restarts at them without one, rather than asking again and
 * being refused again. Providers change what they take, so this is forgotten after {@link #FOR_MS}.
 */
@Component
public class PrefillRefusals {

    static final long FOR_MS = 10 * 60_000;

    private final Map<String, Long> refusedUntil = new ConcurrentHashMap<>();

    /** Whether this model refused a prefill lately. */
    public boolean refused(String model) {
        Long until = refusedUntil.get(model);
        if (until == null) {
            return false;
        }
        if (until > System.currentTimeMillis()) {
            return true;
        }
        refusedUntil.remove(model, until);
        return false;
    }

    public void refusedBy(String model) {
        refusedUntil.put(model, System.currentTimeMillis() + FOR_MS);
    }

    /** Forgets every refusal (tests, an operator's "start afresh"). */
    public void reset() {
        refusedUntil.clear();
    }
}
