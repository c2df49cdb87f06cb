// What the v3 routes (and the v3-style /v2/videos and /v1/audio routes) need, as functions.
import type { AvatarGroupView, AvatarLookView, getVoiceV3, Page, VoiceView } from '../services/catalogue-v3.js';
import type { CreatedVideoV2Flat, CreateVideoV2FlatInput } from '../services/create-video-v2-flat.js';
import type { CreatedVideoV3, CreateVideoV3Input } from '../services/create-video-v3.js';
import type { SpeechRequest, SpeechView } from '../services/generate-speech.js';
import type { VideoDetail, VideoDetailFilter, VideoDetailPage } from '../services/video-details.js';
import type { VideoStatusesPage } from '../services/video-statuses.js';

export interface V3AppDeps {
  createVideo(spaceId: string, input: CreateVideoV3Input): Promise<CreatedVideoV3>;
  /** POST /v2/videos: the flat body, translated onto createVideo. */
  createVideoFlat(spaceId: string, input: CreateVideoV2FlatInput): Promise<CreatedVideoV2Flat>;
  getVideo(spaceId: string, videoId: string): Promise<VideoDetail>;
  listVideos(spaceId: string, limit: number, token: string | undefined, filter: VideoDetailFilter): Promise<VideoDetailPage>;
  deleteVideo(spaceId: string, videoId: string): Promise<{ id: string; deleted: true }>;
  videoStatuses(spaceId: string, q: { video_ids?: string; batch_ids?: string }): Promise<VideoStatusesPage>;
  listAvatarGroups(q: { ownership?: string; limit: number; token?: string }): Page<AvatarGroupView>;
  getAvatarGroup(groupId: string): AvatarGroupView;
  listAvatarLooks(q: { group_id?: string; avatar_type?: string; ownership?: string; limit: number; token?: string }): Page<AvatarLookView>;
  getAvatarLook(lookId: string): AvatarLookView;
  listVoices(q: { type?: string; engine?: string; language?: string; gender?: string; limit: number; token?: string }): Page<VoiceView>;
  getVoice(voiceId: string): ReturnType<typeof getVoiceV3>;
  generateSpeech(spaceId: string, req: SpeechRequest): Promise<SpeechView>;
}
