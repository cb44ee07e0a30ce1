package org.sealbook.toolkit.sweep;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The random stream for one proposal, made from the sampler's seed, how many trials the history holds, and how many
 * proposals this sampler already made for a history of that size. So a sweep picked up again with a fresh sampler
 * and its ledger proposes what the first one would have next, and trials started side by side from the same history
 * still get different settings.
 */
final class Draws {
    private final long seed;
    private final Map<Integer, Integer> proposalsAt = new HashMap<>();

    Draws(long seed) {
        this.seed = seed;
    }

    synchronized SplittableRandom next(int historySize) {
        int earlier = proposalsAt.merge(historySize, 1, Integer::sum) - 1;
        // Mixed, not summed: SplittableRandom's streams for seeds a fixed step apart would be shifted copies.
        return new SplittableRandom(mix(mix(mix(seed) ^ historySize) ^ ((long) earlier << 32)));
    }

    /** The finaliser of MurmurHash3: every input bit moves about half the output bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
