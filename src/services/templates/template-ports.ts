// Storage port for a space's own templates (POST /v3/templates); stock templates are data in
// stock-templates.ts and never stored.
import type { AspectRatio, TemplateDocument } from '../../domain/template.js';
import type { PageCursor } from '../page-token.js';

export interface TemplateRecord {
  id: string;
  spaceId: string;
  name: string;
  aspectRatio: AspectRatio;
  /** The validated document; name and aspect ratio are copied out of it for listing. */
  document: TemplateDocument;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
}

export interface TemplateStore {
  insert(template: TemplateRecord): Promise<void>;
  find(spaceId: string, id: string): Promise<TemplateRecord | undefined>;
  /** Newest first, after the cursor when given. */
  list(spaceId: string, limit: number, after?: PageCursor): Promise<TemplateRecord[]>;
  /** Swaps the document, name, aspect ratio and updatedAt; false when there was none in this space. */
  replace(template: TemplateRecord): Promise<boolean>;
  /** False when there was none in this space. */
  delete(spaceId: string, id: string): Promise<boolean>;
}
