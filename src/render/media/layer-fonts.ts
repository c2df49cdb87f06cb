// The font families text layers are drawn with, and the files behind them: Debian's fonts-dejavu-core
// and fonts-inter, installed with the platform. Registered from these paths rather than found by a
// system scan, so the same plan draws the same glyphs on every machine of a deployment.
// (services/templates/installed-fonts.ts lists the same families for template validation.)

const DEJAVU = '/usr/share/fonts/truetype/dejavu';
const INTER = '/usr/share/fonts/opentype/inter';
/** Inter's upright weights, Thin (100) to Black (900): a layer's numeric weight picks its own cut. */
const INTER_CUTS = ['Thin', 'ExtraLight', 'Light', 'Regular', 'Medium', 'SemiBold', 'Bold', 'ExtraBold', 'Black'];

export const LAYER_FONT_FILES: readonly string[] = [
  ...['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf', 'DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf'].map((f) => `${DEJAVU}/${f}`),
  ...INTER_CUTS.map((cut) => `${INTER}/Inter-${cut}.otf`),
];

export const LAYER_FONT_FAMILIES = ['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Mono', 'Inter'] as const;
