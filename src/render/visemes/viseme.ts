// Rhubarb Lip Sync's mouth alphabet: A closed (P B M), B slightly open (most consonants, EE),
// C open (EH AE), D wide open (AA), E slightly rounded (AO ER), F puckered (UW OW W),
// G teeth on lip (F V), H tongue (L), X rest (silence).
export type Viseme = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'X';
export const VISEMES: readonly Viseme[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'X'];

export interface PhoneTiming {
  /** Engine-native phone symbol, kept for debugging. */
  phone: string;
  viseme: Viseme;
  /** Seconds from the start of this utterance's audio. */
  start: number;
  end: number;
}

/** One mouth shape per video frame, plus a 0–1 opening used for loudness scaling and quality figures. */
export interface VisemeTrack {
  fps: number;
  frames: Viseme[];
}
