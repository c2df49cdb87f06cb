// A stock avatar's appearance as data. The SVG generator turns a look plus a mouth shape and eye state
// into one illustration; adding an avatar means adding a look, not drawing.

export type HairStyle =
  | 'side_part' // short, parted and swept (office men)
  | 'crop' // short textured crop with a little volume
  | 'buzz' // close-cropped fade
  | 'receding' // high hairline, sides kept (older men)
  | 'long_straight' // long hair falling in front of the shoulders, curtain fringe
  | 'curly_puff' // natural curls in a full rounded volume
  | 'bob' // chin-length bob with a side-swept fringe
  | 'bun' // hair pulled back into a top bun
  | 'none'; // hidden under a head covering

export type Outfit = 'blazer' | 'shirt' | 'sweater' | 'turtleneck' | 'blouse' | 'cardigan';

export interface AvatarLook {
  gender: 'male' | 'female';
  age: 'young' | 'middle' | 'older';
  skin: string;
  /** Lip colour; close to the skin for a natural look. */
  lips: string;
  iris: string;
  hair: { style: HairStyle; colour: string };
  brows: { colour: string; thickness: number };
  facialHair?: { style: 'beard' | 'stubble'; colour: string };
  glasses?: { colour: string };
  headCovering?: { kind: 'hijab'; colour: string; underband: string };
  outfit: {
    kind: Outfit;
    /** Main garment colour (jacket, sweater, shirt). */
    colour: string;
    /** Shirt or top worn underneath (blazer, cardigan, sweater collar). */
    inner?: string;
    accent?: string;
  };
  /** Soft colour of the disc behind the figure in the circle style. */
  backdrop: string;
  /** Face proportions in design units: half-width at the cheeks, at the jaw corners. */
  face: { width: number; jaw: number };
}
