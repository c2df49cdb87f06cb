// mulberry32: a tiny seeded PRNG. Blink and idle-motion timing must repeat exactly for the same seed
// (golden tests, caching), which Math.random cannot give.
export type RandomSource = () => number;

export function createSeededRandom(seed: number): RandomSource {
  let state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
