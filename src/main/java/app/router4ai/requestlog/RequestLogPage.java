package app.router4ai.requestlog;

import java.util.List;

/** One page of the request log, newest first, and whether older rows follow. */
public record RequestLogPage(List<RequestLogEntry> entries, int page, boolean hasNext) {

    public boolean hasPrevious() {
        return page > 0;
    }
}
