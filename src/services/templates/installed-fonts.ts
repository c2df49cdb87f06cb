// The font families a text layer may name: those of Debian's fonts-dejavu-core and fonts-inter, installed
// with the platform (fc-list shows them; the engine rasterises text with these files, see
// render/media/layer-fonts.ts). A fixed list rather than a startup fc-list read, so a template valid on one
// machine is valid on every machine of the deployment.
export const INSTALLED_FONTS = ['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Mono', 'Inter'] as const;
