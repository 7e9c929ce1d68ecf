package app.router4ai.api;

import app.router4ai.call.Surface;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The {@link ApiFormat} of each surface, from the Spring beans that implement it. */
@Component
public class ApiFormats {

    private final Map<Surface, ApiFormat> bySurface = new EnumMap<>(Surface.class);

    public ApiFormats(List<ApiFormat> formats) {
        formats.forEach(f -> bySurface.put(f.surface(), f));
    }

    public ApiFormat of(Surface surface) {
        ApiFormat format = bySurface.get(surface);
        if (format == null) {
            throw new IllegalStateException("No format for surface " + surface);
        }
        return format;
    }
}
