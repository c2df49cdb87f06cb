// Small statistics for the lip-sync figures.

export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  if (n < 2) return 0;
  let sumA = 0;
  let sumB = 0;
  for (let i = 0; i < n; i++) {
    sumA += a[i]!;
    sumB += b[i]!;
  }
  const meanA = sumA / n;
  const meanB = sumB / n;
  let cov = 0;
  let varA = 0;
  let varB = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - meanA;
    const db = b[i]! - meanB;
    cov += da * db;
    varA += da * da;
    varB += db * db;
  }
  if (varA === 0 || varB === 0) return 0;
  return cov / Math.sqrt(varA * varB);
}

/**
 * Correlation of `video[k]` with `audio[k - lag]` for lag in [-maxLag, maxLag]; a positive peak lag
 * means the picture trails the sound. The peak is refined with a parabola through its neighbours.
 */
export function crossCorrelationPeak(video: ArrayLike<number>, audio: ArrayLike<number>, maxLag: number): { lag: number; correlation: number } {
  const n = Math.min(video.length, audio.length);
  const scores: number[] = [];
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    const v: number[] = [];
    const a: number[] = [];
    for (let k = 0; k < n; k++) {
      const j = k - lag;
      if (j < 0 || j >= n) continue;
      v.push(video[k]!);
      a.push(audio[j]!);
    }
    scores.push(pearson(v, a));
  }
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[best]!) best = i;
  let lag = best - maxLag;
  if (best > 0 && best < scores.length - 1) {
    const [l, c, r] = [scores[best - 1]!, scores[best]!, scores[best + 1]!];
    const denominator = l - 2 * c + r;
    if (denominator < 0) lag += (0.5 * (l - r)) / denominator;
  }
  return { lag, correlation: scores[best] ?? 0 };
}

/** RMS of 16-bit PCM over consecutive windows of `samplesPerWindow` samples. */
export function rmsEnvelope(pcm: Int16Array, samplesPerWindow: number, windows: number): Float64Array {
  const out = new Float64Array(windows);
  for (let w = 0; w < windows; w++) {
    const start = Math.round(w * samplesPerWindow);
    const end = Math.min(pcm.length, Math.round((w + 1) * samplesPerWindow));
    let sum = 0;
    for (let i = start; i < end; i++) sum += pcm[i]! * pcm[i]!;
    out[w] = end > start ? Math.sqrt(sum / (end - start)) / 32768 : 0;
  }
  return out;
}
