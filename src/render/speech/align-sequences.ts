// Edit-distance alignment of two symbol sequences, banded around the diagonal so a 5000-character
// text (a few thousand phones) aligns in a few hundred thousand cells. Used to carry word boundaries
// from a dictionary lookup onto the phones an engine actually spoke, and to pair an engine's tokens
// with ours, where the two differ only here and there (abbreviations, numbers, post-lexical rules).

const DIAG = 1;
const UP = 2; // a[i] has no partner in b
const LEFT = 3; // b[j] has no partner in a

/** For each element of `a`, the index of its partner in `b`, or -1. Monotone: partners never cross. */
export function alignSequences(a: readonly string[], b: readonly string[]): number[] {
  const n = a.length;
  const m = b.length;
  const result = new Array<number>(n).fill(-1);
  if (n === 0 || m === 0) return result;
  const halfWidth = 40 + Math.abs(n - m);
  const width = 2 * halfWidth + 1;
  const center = (i: number): number => Math.round((i * m) / n);
  const lo = (i: number): number => center(i) - halfWidth;
  const cost = new Float64Array((n + 1) * width).fill(Infinity);
  const trace = new Uint8Array((n + 1) * width);
  const at = (i: number, j: number): number => {
    const k = j - lo(i);
    return k >= 0 && k < width && j >= 0 && j <= m ? i * width + k : -1;
  };
  const get = (i: number, j: number): number => {
    const idx = at(i, j);
    return idx < 0 ? Infinity : cost[idx]!;
  };
  for (let i = 0; i <= n; i++) {
    for (let j = Math.max(0, lo(i)); j <= Math.min(m, lo(i) + width - 1); j++) {
      const idx = i * width + (j - lo(i));
      if (i === 0 && j === 0) {
        cost[idx] = 0;
        continue;
      }
      let best = Infinity;
      let move = 0;
      if (i > 0 && j > 0) {
        const c = get(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1);
        if (c < best) { best = c; move = DIAG; }
      }
      if (i > 0) {
        const c = get(i - 1, j) + 1;
        if (c < best) { best = c; move = UP; }
      }
      if (j > 0) {
        const c = get(i, j - 1) + 1;
        if (c < best) { best = c; move = LEFT; }
      }
      cost[idx] = best;
      trace[idx] = move;
    }
  }
  let i = n;
  let j = m;
  // The band always contains (n, m): center(n) = m.
  while (i > 0 || j > 0) {
    const idx = at(i, j);
    const move = idx < 0 ? (i > 0 ? UP : LEFT) : trace[idx];
    if (move === DIAG) {
      result[i - 1] = j - 1;
      i--;
      j--;
    } else if (move === UP) i--;
    else j--;
  }
  return result;
}
