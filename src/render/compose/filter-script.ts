// A filter graph too long for one command-line argument goes to a file: Linux refuses any single
// argument over 128 KiB, which the overlay path's frame selection reaches in a long video.

/** Graphs up to this many bytes stay inline, where a failure's argv shows them. */
export const MAX_INLINE_GRAPH_BYTES = 64 * 1024;

/**
 * `args` with a long `-filter_complex` graph swapped for `-filter_complex_script scriptPath`, and the
 * text to write there (null when it stays inline).
 */
export function moveLongGraphToScript(args: readonly string[], scriptPath: string, maxInline = MAX_INLINE_GRAPH_BYTES): { args: string[]; script: string | null } {
  const at = args.indexOf('-filter_complex');
  const graph = at >= 0 ? args[at + 1] : undefined;
  if (graph === undefined || Buffer.byteLength(graph) <= maxInline) return { args: [...args], script: null };
  return { args: [...args.slice(0, at), '-filter_complex_script', scriptPath, ...args.slice(at + 2)], script: graph };
}
