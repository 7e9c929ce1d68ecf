package app.router4ai.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToIntFunction;

/** A random order drawn by weight, without replacement; weight 0 comes after every weighted one. */
final class WeightedDraw {

    private WeightedDraw() {
    }

    static <T> List<T> draw(List<T> pool, ToIntFunction<T> weight) {
        List<T> left = new ArrayList<>(pool);
        List<T> drawn = new ArrayList<>(pool.size());
        while (!left.isEmpty()) {
            int total = left.stream().mapToInt(weight).sum();
            if (total == 0) {
                drawn.addAll(left);
                break;
            }
            int pick = ThreadLocalRandom.current().nextInt(total);
            for (int i = 0; i < left.size(); i++) {
                pick -= weight.applyAsInt(left.get(i));
                if (pick < 0) {
                    drawn.add(left.remove(i));
                    break;
                }
            }
        }
        return drawn;
    }
}
