// The stock avatars: catalogue entries plus the look each one is drawn from. Ids are stable slugs;
// changing a look changes the rig's version hash, so caches refresh on their own.
import type { AvatarLook } from './avatar-look.js';

export interface StockAvatarData {
  avatar_id: string;
  avatar_name: string;
  gender: 'male' | 'female';
  default_voice_id: 'festival_slt_hts' | 'flite_slt' | 'flite_rms' | 'flite_awb' | 'flite_kal';
  tags: string[];
  look: AvatarLook;
}

export const STOCK_AVATARS: readonly StockAvatarData[] = [
  {
    avatar_id: 'amara_office_front',
    avatar_name: 'Amara (Office)',
    gender: 'female',
    default_voice_id: 'festival_slt_hts',
    tags: ['stock', 'illustrated', 'office', 'young_adult'],
    look: {
      gender: 'female', age: 'young',
      skin: '#7a4a32', lips: '#7d3f38', iris: '#3b2417',
      hair: { style: 'curly_puff', colour: '#231612' },
      brows: { colour: '#1f1411', thickness: 7 },
      outfit: { kind: 'blazer', colour: '#c98b2b', inner: '#fbf7f0' },
      backdrop: '#f3d9b1',
      face: { width: 142, jaw: 90 },
    },
  },
  {
    avatar_id: 'daniel_blazer_front',
    avatar_name: 'Daniel (Blazer)',
    gender: 'male',
    default_voice_id: 'flite_rms',
    tags: ['stock', 'illustrated', 'business', 'middle_aged'],
    look: {
      gender: 'male', age: 'middle',
      skin: '#eab99a', lips: '#c07c70', iris: '#4a6a8a',
      hair: { style: 'side_part', colour: '#5a3d2b' },
      brows: { colour: '#4a3224', thickness: 9 },
      facialHair: { style: 'stubble', colour: '#5a3d2b' },
      outfit: { kind: 'blazer', colour: '#27344f', inner: '#eef3f8', accent: '#f2f2f2' },
      backdrop: '#c9d8ec',
      face: { width: 150, jaw: 104 },
    },
  },
  {
    avatar_id: 'mei_casual_front',
    avatar_name: 'Mei (Casual)',
    gender: 'female',
    default_voice_id: 'flite_slt',
    tags: ['stock', 'illustrated', 'casual', 'young_adult'],
    look: {
      gender: 'female', age: 'young',
      skin: '#f1c9a5', lips: '#c8706c', iris: '#2e1f18',
      hair: { style: 'long_straight', colour: '#1c1716' },
      brows: { colour: '#241c19', thickness: 6 },
      outfit: { kind: 'sweater', colour: '#8fb8a8' },
      backdrop: '#d5ece2',
      face: { width: 140, jaw: 88 },
    },
  },
  {
    avatar_id: 'omar_shirt_front',
    avatar_name: 'Omar (Shirt)',
    gender: 'male',
    default_voice_id: 'flite_kal',
    tags: ['stock', 'illustrated', 'casual', 'beard'],
    look: {
      gender: 'male', age: 'young',
      skin: '#b57b55', lips: '#8e5245', iris: '#3a2619',
      hair: { style: 'crop', colour: '#1d1512' },
      brows: { colour: '#1d1512', thickness: 10 },
      facialHair: { style: 'beard', colour: '#231914' },
      outfit: { kind: 'shirt', colour: '#f2f4f7' },
      backdrop: '#e6dccd',
      face: { width: 148, jaw: 102 },
    },
  },
  {
    avatar_id: 'layla_hijab_front',
    avatar_name: 'Layla (Hijab)',
    gender: 'female',
    default_voice_id: 'festival_slt_hts',
    tags: ['stock', 'illustrated', 'office', 'hijab'],
    look: {
      gender: 'female', age: 'young',
      skin: '#d9a27c', lips: '#a85f5a', iris: '#4a3020',
      hair: { style: 'none', colour: '#2a1d18' },
      brows: { colour: '#2e211b', thickness: 7 },
      headCovering: { kind: 'hijab', colour: '#2f7f86', underband: '#1d4f54' },
      outfit: { kind: 'blazer', colour: '#e9e2d6', inner: '#2f7f86' },
      backdrop: '#cfe7e6',
      face: { width: 140, jaw: 90 },
    },
  },
  {
    avatar_id: 'george_senior_front',
    avatar_name: 'George (Senior)',
    gender: 'male',
    default_voice_id: 'flite_awb',
    tags: ['stock', 'illustrated', 'senior', 'glasses'],
    look: {
      gender: 'male', age: 'older',
      skin: '#efc2a4', lips: '#c28074', iris: '#5d7f6e',
      hair: { style: 'receding', colour: '#c9c6c2' },
      brows: { colour: '#a9a39d', thickness: 9 },
      glasses: { colour: '#3a2e2a' },
      outfit: { kind: 'sweater', colour: '#7a2f3a', inner: '#dfe8f1' },
      backdrop: '#ecd5d5',
      face: { width: 150, jaw: 106 },
    },
  },
  {
    avatar_id: 'helen_cardigan_front',
    avatar_name: 'Helen (Cardigan)',
    gender: 'female',
    default_voice_id: 'flite_slt',
    tags: ['stock', 'illustrated', 'senior', 'casual'],
    look: {
      gender: 'female', age: 'older',
      skin: '#c89074', lips: '#a0605a', iris: '#3f2a1e',
      hair: { style: 'bob', colour: '#d4d2cf' },
      brows: { colour: '#8f8780', thickness: 6 },
      outfit: { kind: 'cardigan', colour: '#4f6a8f', inner: '#f3ede4', accent: '#f3ede4' },
      backdrop: '#d6deee',
      face: { width: 144, jaw: 94 },
    },
  },
  {
    avatar_id: 'kwame_turtleneck_front',
    avatar_name: 'Kwame (Turtleneck)',
    gender: 'male',
    default_voice_id: 'flite_rms',
    tags: ['stock', 'illustrated', 'business', 'young_adult'],
    look: {
      gender: 'male', age: 'young',
      skin: '#5a3424', lips: '#5c2e27', iris: '#24150e',
      hair: { style: 'buzz', colour: '#141010' },
      brows: { colour: '#120d0c', thickness: 9 },
      outfit: { kind: 'turtleneck', colour: '#2b2b30' },
      backdrop: '#d9d4ea',
      face: { width: 148, jaw: 104 },
    },
  },
];
