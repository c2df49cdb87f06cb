// Stock photo avatars: portraits that ship with Orator, listed as talking photos and usable by id.
import { fileURLToPath } from 'node:url';

export interface StockPhoto {
  talking_photo_id: string;
  talking_photo_name: string;
  gender: 'male' | 'female' | 'unknown';
  /** A voice id from render/speech/voice-catalogue.ts. */
  default_voice_id: string;
  /** Absolute path of the portrait on this machine. */
  path: string;
}

/**
 * NASA portrait of astronaut Eileen Collins (public domain), taken from scikit-image's sample data as
 * packaged by Debian (python3-skimage, skimage/data/astronaut.png); 512x512, 0.8 MB. Same relative
 * location from src/ and dist/, so the path holds when running from either.
 */
export const ASTRONAUT_PHOTO = fileURLToPath(new URL('../../../../assets/photo-avatars/astronaut.png', import.meta.url));

/**
 * Official US Navy portrait of Rear Admiral Grace Hopper (public domain, a work of the US federal
 * government), from Matplotlib's sample data as packaged by Debian (python-matplotlib-data,
 * mpl-data/sample_data/grace_hopper.jpg); 512x600. Her lips are closed, where the astronaut smiles
 * with her teeth showing: the two cases the mouth shapes must handle.
 */
export const GRACE_HOPPER_PHOTO = fileURLToPath(new URL('../../../../assets/photo-avatars/grace-hopper.jpg', import.meta.url));

export const STOCK_PHOTOS: readonly StockPhoto[] = [
  { talking_photo_id: 'astronaut_photo', talking_photo_name: 'Astronaut (NASA portrait)', gender: 'female', default_voice_id: 'festival_slt_hts', path: ASTRONAUT_PHOTO },
  { talking_photo_id: 'grace_hopper_photo', talking_photo_name: 'Grace Hopper (US Navy portrait)', gender: 'female', default_voice_id: 'festival_slt_hts', path: GRACE_HOPPER_PHOTO },
];
