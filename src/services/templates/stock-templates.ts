// The stock templates every space lists (read-only): three 16:9 designs and one 9:16 social variant,
// drawn from one design system so they look like one company's set: a palette of five colours, a
// type scale of five steps (×1.25 each, in fractions of the frame height) and fixed margins. Their
// pictures and music are bundled (stock-media.ts); defaults name them by URLs under the public URL, so
// the documents are built per public URL.
import type { Box, TemplateDocument, TemplateLayer, TemplateScene, TemplateVariable, TextLayer } from '../../domain/template.js';
import { stockMediaBase, type StockMediaFile } from './stock-media.js';

/** Ink on paper with one blue accent and one warm highlight; muted for secondary text. */
export const PALETTE = { ink: '#0F172A', paper: '#F8FAFC', accent: '#2563EB', highlight: '#F59E0B', muted: '#64748B', surface: '#E2E8F0' } as const;

/** 16:9 sizes; the 9:16 variant scales them by its narrower width (see SOCIAL_SCALE). */
export const TYPE_SCALE = { display: 0.1, title: 0.08, heading: 0.064, body: 0.051, caption: 0.041 } as const;
const SOCIAL_SCALE = 0.6;
/** Outer margins: 6 % of the width left and right, 8 % of the height top and bottom. */
export const MARGIN = { x: 0.06, y: 0.08 } as const;
/** One family, Inter (installed-fonts.ts), with weight for hierarchy: 700 for headlines, names and figures, 400 for the rest. */
const SANS = 'Inter';

/** Stock rows sort after every space's own templates (older than any of them). */
const STOCK_CREATED_AT = Date.UTC(2026, 0, 1);

export interface StockTemplate {
  id: string;
  createdAt: number;
  document: TemplateDocument;
}

/** The URL of a bundled file, for this deployment's public URL. */
type MediaUrl = (file: StockMediaFile) => string;

function box(x: number, y: number, width: number, height: number): Box {
  return { x, y, width, height };
}

const FULL = box(0, 0, 1, 1);
const CONTENT_WIDTH = 1 - 2 * MARGIN.x;

function text(id: string, content: string, at: Box, size: number, extra: Partial<TextLayer> = {}): TextLayer {
  return { id, type: 'text', content, box: at, font_family: SANS, font_size: size, font_weight: 400, color: PALETTE.ink, align: 'left', entrance: 'fade', exit: 'fade', ...extra };
}

function shape(id: string, at: Box, color: string, extra: Partial<TemplateLayer> = {}): TemplateLayer {
  return { id, type: 'shape', box: at, color, ...extra } as TemplateLayer;
}

/**
 * A presenter box: `normal` boxes reach the frame's bottom edge, so the bust is cut by the frame like a
 * presenter's and not floating above it; its height is the figure's height (the width follows the rig).
 */
function presenter(id: string, at: Box, script: string, style: 'normal' | 'circle' = 'normal'): TemplateLayer {
  return { id, type: 'avatar', box: at, avatar: '{{presenter}}', avatar_style: style, script, voice: '{{voice}}', entrance: 'fade' };
}

/** A bust standing on the frame's bottom edge, `height` tall, centred on `centreX`. */
function bust(centreX: number, height: number, width: number): Box {
  return box(+(centreX - width / 2).toFixed(4), +(1 - height).toFixed(4), width, height);
}

/** A presenter and voice every template lets the caller swap. */
function castVariables(characterId: string, voiceId: string): TemplateVariable[] {
  return [
    { name: 'presenter', type: 'character', default: { character_id: characterId, type: 'avatar' } },
    { name: 'voice', type: 'voice', default: { voice_id: voiceId } },
  ];
}

function textVariable(name: string, content: string): TemplateVariable {
  return { name, type: 'text', default: { content } };
}

/** Title card on the bundled backdrop: a highlight rule above the headline, secondary line below, text kept to the quiet left. */
function titleCard(media: MediaUrl, id: string, name: string, headline: string, subline: string, seconds: number, sound: TemplateLayer[] = []): TemplateScene {
  const width = 0.62;
  return {
    id,
    name,
    duration: { type: 'fixed', seconds },
    // Ignored where the card opens the video; a closing card fades in.
    transition: { type: 'fade', seconds: 0.5 },
    layers: [
      shape('background', FULL, PALETTE.paper),
      { id: 'backdrop', type: 'image', box: FULL, src: media('backdrop.jpg'), fit: 'cover' },
      shape('rule', box(MARGIN.x, 0.3, 0.08, 0.012), PALETTE.highlight, { entrance: 'slide' }),
      text('headline', headline, box(MARGIN.x, 0.34, width, 0.26), TYPE_SCALE.display, { font_weight: 700, entrance: 'slide' }),
      text('subline', subline, box(MARGIN.x, 0.62, width, 0.1), TYPE_SCALE.heading, { color: PALETTE.muted, start: 0.4 }),
      ...sound,
    ],
  };
}

/** The music bed under every scene of an announcement, lowered while the presenter speaks. */
const MUSIC: TemplateLayer = { id: 'music', type: 'audio', src: '{{music}}', volume: 0.5, ducking: 0.25 };

function productAnnouncement(media: MediaUrl): TemplateDocument {
  return {
    name: 'Product announcement',
    aspect_ratio: '16:9',
    variables: [
      textVariable('product_name', 'Aurora Desk Lamp'),
      textVariable('tagline', 'Light that follows your day'),
      textVariable('price', '$129'),
      textVariable('website', 'example.com/aurora'),
      { name: 'product_image', type: 'image', default: { url: media('product.png'), fit: 'contain' } },
      { name: 'music', type: 'audio', default: { url: media('music-bed.mp3') } },
      ...castVariables('amara_office_front', 'festival_slt_hts'),
    ],
    scenes: [
      titleCard(media, 'intro', 'Introducing', 'Introducing {{product_name}}', '{{tagline}}', 4, [MUSIC]),
      {
        id: 'showcase',
        name: 'Showcase',
        duration: { type: 'speech' },
        transition: { type: 'fade', seconds: 0.5 },
        // A product card on the left (picture, name, price), the presenter on the right.
        layers: [
          shape('background', FULL, PALETTE.paper),
          shape('stage', box(0, 0, 0.55, 1), PALETTE.surface),
          { id: 'product', type: 'image', box: box(MARGIN.x, MARGIN.y, 0.43, 0.6), src: '{{product_image}}', fit: 'contain', entrance: 'scale' },
          text('name', '{{product_name}}', box(MARGIN.x, 0.7, 0.43, 0.1), TYPE_SCALE.heading, { font_weight: 700 }),
          text('price', '{{price}}', box(MARGIN.x, 0.81, 0.14, 0.11), TYPE_SCALE.title, { font_weight: 700, color: PALETTE.paper, align: 'center', background: { color: PALETTE.accent, padding: 0.015, corner_radius: 0.02 }, start: 1 }),
          presenter('presenter', bust(0.775, 0.84, 0.39), 'Meet {{product_name}}. {{tagline}}. It is available today for just {{price}}.'),
          MUSIC,
        ],
      },
      {
        id: 'call_to_action',
        name: 'Call to action',
        duration: { type: 'fixed', seconds: 4 },
        transition: { type: 'fade', seconds: 0.5 },
        layers: [
          shape('background', FULL, PALETTE.accent),
          text('price', 'Only {{price}}', box(MARGIN.x, 0.3, CONTENT_WIDTH, 0.2), TYPE_SCALE.display, { font_weight: 700, color: PALETTE.paper, align: 'center', entrance: 'scale' }),
          text('website', 'Order now at {{website}}', box(MARGIN.x, 0.55, CONTENT_WIDTH, 0.1), TYPE_SCALE.heading, { color: PALETTE.paper, align: 'center', start: 0.5 }),
          MUSIC,
        ],
      },
    ],
  };
}

function bulletScene(n: 1 | 2 | 3): TemplateScene {
  return {
    id: `point_${n}`,
    name: `Point ${n}`,
    duration: { type: 'speech' },
    transition: { type: 'slide', seconds: 0.4 },
    layers: [
      shape('background', FULL, PALETTE.paper),
      shape('sidebar', box(0, 0, 0.012, 1), PALETTE.accent),
      text('counter', `${n} / 3`, box(MARGIN.x, MARGIN.y, 0.3, 0.08), TYPE_SCALE.caption, { color: PALETTE.accent, font_weight: 700 }),
      text('team', '{{team_name}} · {{week_label}}', box(0.4, MARGIN.y, 0.54, 0.08), TYPE_SCALE.caption, { color: PALETTE.muted, align: 'right' }),
      text('point', `{{point_${n}}}`, box(MARGIN.x, 0.3, 0.5, 0.4), TYPE_SCALE.title, { font_weight: 700, entrance: 'slide' }),
      presenter('presenter', bust(0.78, 0.8, 0.37), `{{point_${n}_script}}`),
    ],
  };
}

function weeklyUpdate(media: MediaUrl): TemplateDocument {
  return {
    name: 'Weekly team update',
    aspect_ratio: '16:9',
    variables: [
      textVariable('team_name', 'Platform team'),
      textVariable('week_label', 'Week 14'),
      textVariable('point_1', 'Shipped the new billing page'),
      textVariable('point_1_script', 'First, we shipped the new billing page, and support tickets about invoices are already down.'),
      textVariable('point_2', 'Latency down 30 %'),
      textVariable('point_2_script', 'Second, the caching work landed: median latency is down by thirty percent.'),
      textVariable('point_3', 'Next: mobile onboarding'),
      textVariable('point_3_script', 'Next week we start on mobile onboarding. Send us your ideas.'),
      ...castVariables('daniel_blazer_front', 'flite_rms'),
    ],
    scenes: [titleCard(media, 'title', 'Title', '{{team_name}} weekly update', '{{week_label}}', 3), bulletScene(1), bulletScene(2), bulletScene(3)],
  };
}

function personalWelcome(media: MediaUrl): TemplateDocument {
  return {
    name: 'Personalised welcome',
    aspect_ratio: '16:9',
    variables: [
      textVariable('recipient_name', 'Alex'),
      textVariable('company', 'Northwind'),
      textVariable('sender_name', 'Amara, Customer Success'),
      { name: 'logo', type: 'image', default: { url: media('logo.png'), fit: 'contain' } },
      ...castVariables('amara_office_front', 'festival_slt_hts'),
    ],
    scenes: [
      {
        id: 'greeting',
        name: 'Greeting',
        duration: { type: 'speech' },
        // The sender's logo top left, the greeting beside the presenter, the sender's name on a band she stands in front of.
        layers: [
          shape('background', FULL, PALETTE.paper),
          shape('band', box(0, 0.8, 1, 0.2), PALETTE.ink),
          { id: 'logo', type: 'image', box: box(MARGIN.x, MARGIN.y, 0.18, 0.1), src: '{{logo}}', fit: 'contain' },
          text('hello', 'Welcome, {{recipient_name}}', box(MARGIN.x, 0.3, 0.5, 0.24), TYPE_SCALE.display, { font_weight: 700, entrance: 'slide' }),
          text('company', 'We are glad {{company}} is on board.', box(MARGIN.x, 0.55, 0.5, 0.17), TYPE_SCALE.heading, { color: PALETTE.muted, start: 0.6 }),
          presenter('presenter', bust(0.77, 0.84, 0.39), 'Hi {{recipient_name}}! Welcome to the team at {{company}}. I will be your contact from here on, so reach out any time.'),
          text('sender', '{{sender_name}}', box(MARGIN.x, 0.85, 0.48, 0.1), TYPE_SCALE.body, { color: PALETTE.paper }),
        ],
      },
      titleCard(media, 'closing', 'Closing', 'See you soon, {{recipient_name}}', '{{sender_name}}', 3),
    ],
  };
}

const S = (size: number) => +(size * SOCIAL_SCALE).toFixed(4);

function socialAnnouncement(media: MediaUrl): TemplateDocument {
  return {
    name: 'Product announcement (social, 9:16)',
    aspect_ratio: '9:16',
    variables: productAnnouncement(media).variables.filter((v) => v.name !== 'website'),
    scenes: [
      {
        id: 'story',
        name: 'Story',
        duration: { type: 'speech' },
        layers: [
          shape('background', FULL, PALETTE.paper),
          text('headline', 'New: {{product_name}}', box(0.08, 0.06, 0.84, 0.13), S(TYPE_SCALE.display), { font_weight: 700, align: 'center', entrance: 'slide' }),
          text('tagline', '{{tagline}}', box(0.08, 0.195, 0.84, 0.05), S(TYPE_SCALE.heading), { color: PALETTE.muted, align: 'center' }),
          { id: 'product', type: 'image', box: box(0.08, 0.26, 0.84, 0.32), src: '{{product_image}}', fit: 'contain', entrance: 'scale' },
          presenter('presenter', box(0.3, 0.6, 0.4, 0.24), 'Say hello to {{product_name}}. {{tagline}}. Yours for {{price}}.', 'circle'),
          text('price', '{{price}}', box(0.25, 0.86, 0.5, 0.07), S(TYPE_SCALE.display), { font_weight: 700, color: PALETTE.paper, align: 'center', background: { color: PALETTE.accent, padding: 0.015, corner_radius: 0.02 }, start: 1 }),
          MUSIC,
        ],
      },
    ],
  };
}

const DESIGNS: readonly [string, (media: MediaUrl) => TemplateDocument][] = [
  ['stock_product_announcement', productAnnouncement],
  ['stock_weekly_team_update', weeklyUpdate],
  ['stock_personalised_welcome', personalWelcome],
  ['stock_product_announcement_social', socialAnnouncement],
];

const built = new Map<string, readonly StockTemplate[]>();

/** The stock templates with their media URLs under `publicUrl` (config.publicUrl); built once per URL. */
export function stockTemplates(publicUrl: string): readonly StockTemplate[] {
  let templates = built.get(publicUrl);
  if (!templates) {
    const base = stockMediaBase(publicUrl);
    const media: MediaUrl = (file) => `${base}${file}`;
    templates = DESIGNS.map(([id, design], i) => ({ id, document: design(media), createdAt: STOCK_CREATED_AT - i }));
    built.set(publicUrl, templates);
  }
  return templates;
}
