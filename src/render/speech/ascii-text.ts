// flite and festival read bytes as Latin text: "é" arrives as two garbage words. Folding accents
// ("Café" → "Cafe") and typographic punctuation keeps English voices saying the word.

const REPLACEMENTS: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201C': '"', '\u201D': '"', '\u201E': '"',
  '\u2013': '-', '\u2014': ' - ', '\u2026': '...', '\u00A0': ' ', '\u00DF': 'ss', '\u00C6': 'AE', '\u00E6': 'ae',
  '\u0152': 'OE', '\u0153': 'oe', '\u00D8': 'O', '\u00F8': 'o', '\u0141': 'L', '\u0142': 'l',
};

/** The text with accents removed and anything else outside printable ASCII turned into a space. */
export function toAsciiText(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201C\u201D\u201E\u2013\u2014\u2026\u00A0\u00DF\u00C6\u00E6\u0152\u0153\u00D8\u00F8\u0141\u0142]/g, (c) => REPLACEMENTS[c] ?? ' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7E\n\t]/g, ' ');
}

/** A word reduced to lower-case letters and digits, for matching an engine's tokens with ours. */
export function wordKey(word: string): string {
  return toAsciiText(word).toLowerCase().replace(/[^a-z0-9]/g, '');
}
