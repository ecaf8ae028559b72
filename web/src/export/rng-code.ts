// Python source: the engine's random generator (engine/core/rng.cpp), for the two draws a
// script must reproduce exactly, the data split of the real sets and the batch order.

// The Rng streams of engine/data/make_data.hpp and engine/train/random_streams.hpp.
export const kSplitStream = 0xda7a0002;
export const kShuffleStream = 0x5eed;

export function pcg32Code(withUniform = false): string {
  const uniform = withUniform
    ? `

    def uniform(self):
        """Uniform in [0, 1) from 53 random bits (27 + 26), as the engine's Rng::uniform."""
        hi = self.next_u32() >> 5
        lo = self.next_u32() >> 6
        return ((hi << 26) | lo) * (1.0 / 9007199254740992.0)`
    : '';
  return `class Pcg32:
    """The engine's generator: PCG32 (O'Neill 2014) with its own bounded draws and shuffle,
    so a Python run draws the same permutations as the engine (engine/core/rng.cpp)."""

    MASK64 = (1 << 64) - 1

    def __init__(self, seed, stream):
        self.state = 0
        self.inc = ((stream << 1) | 1) & self.MASK64
        self.next_u32()
        self.state = (self.state + seed) & self.MASK64
        self.next_u32()

    def next_u32(self):
        old = self.state
        self.state = (old * 6364136223846793005 + self.inc) & self.MASK64
        xorshifted = (((old >> 18) ^ old) >> 27) & 0xFFFFFFFF
        rot = old >> 59
        return ((xorshifted >> rot) | (xorshifted << ((32 - rot) & 31))) & 0xFFFFFFFF

    def below(self, bound):
        """Uniform integer in [0, bound) without modulo bias (Lemire's method)."""
        m = self.next_u32() * bound
        low = m & 0xFFFFFFFF
        if low < bound:
            threshold = ((1 << 32) - bound) % bound
            while low < threshold:
                m = self.next_u32() * bound
                low = m & 0xFFFFFFFF
        return m >> 32

    def permutation(self, n):
        """Fisher-Yates shuffle of 0..n-1, from the last position down."""
        order = list(range(n))
        for i in range(n - 1, 0, -1):
            j = self.below(i + 1)
            order[i], order[j] = order[j], order[i]
        return order${uniform}`;
}
