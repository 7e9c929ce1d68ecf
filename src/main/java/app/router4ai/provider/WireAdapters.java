package app.router4ai.provider;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The adapter for each wire format, from the Spring beans that implement {@link WireAdapter}. */
@Component
public class WireAdapters {

    private final Map<Wire, WireAdapter> byWire = new EnumMap<>(Wire.class);

    public WireAdapters(List<WireAdapter> adapters) {
        adapters.forEach(a -> byWire.put(a.wire(), a));
    }

    public WireAdapter forWire(Wire wire) {
        WireAdapter adapter = byWire.get(wire);
        if (adapter == null) {
            throw new IllegalStateException("No adapter for wire format " + wire);
        }
        return adapter;
    }

    public boolean supports(Wire wire) {
        return byWire.containsKey(wire);
    }
}
