// An illustrated presenter drawn by the engine's stock avatar artwork (POST /v2/photo_avatar/photo/generate
// has no image model here, so its "photos" are these drawings). The look mirrors the engine's own
// avatar look (render/avatars/avatar-look.ts) field for field; the engine adapter hands it over as is,
// so the compiler checks the two stay alike.

export type IllustratedHairStyle = 'side_part' | 'crop' | 'buzz' | 'receding' | 'long_straight' | 'curly_puff' | 'bob' | 'bun' | 'none';
export type IllustratedOutfit = 'blazer' | 'shirt' | 'sweater' | 'turtleneck' | 'blouse' | 'cardigan';

export interface IllustratedLook {
  gender: 'male' | 'female';
  age: 'young' | 'middle' | 'older';
  skin: string;
  lips: string;
  iris: string;
  hair: { style: IllustratedHairStyle; colour: string };
  brows: { colour: string; thickness: number };
  facialHair?: { style: 'beard' | 'stubble'; colour: string };
  glasses?: { colour: string };
  headCovering?: { kind: 'hijab'; colour: string; underband: string };
  outfit: { kind: IllustratedOutfit; colour: string; inner?: string; accent?: string };
  backdrop: string;
  face: { width: number; jaw: number };
}

export type PortraitOrientation = 'square' | 'horizontal' | 'vertical';
export type PortraitPose = 'close_up' | 'half_body' | 'full_body';

export interface IllustratedPortrait {
  look: IllustratedLook;
  orientation: PortraitOrientation;
  /** How much of the figure shows: the head and shoulders, or more of the chest with room around it. */
  pose: PortraitPose;
  /** A soft vertical gradient behind the figure. */
  background: { top: string; bottom: string };
}
