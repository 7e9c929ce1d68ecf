package app.router4ai.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Request ids: UUIDs of version 7 (time first), unique, and in time order across milliseconds. */
class RequestIdsTest {

    @Test
    void aRequestIdIsAVersion7UuidCarryingTheTimeItWasMade() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(RequestIds.next());
        long after = System.currentTimeMillis();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void idsMadeConcurrentlyAreUniqueAndLaterMillisecondsSortAfter() throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 200_000).parallel().forEach(i -> ids.add(RequestIds.next()));
        assertThat(ids).hasSize(200_000);

        String earlier = RequestIds.next();
        Thread.sleep(2);
        String later = RequestIds.next();
        assertThat(List.of(later, earlier).stream().sorted()).containsExactly(earlier, later);
    }
}
