// HMAC-signed expiring URLs for blobs served by this process (`GET /files/<key>`), the local
// counterpart of S3 presigned URLs. Keys are stored; URLs are minted on every read.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { BlobUrlCheck } from '../services/ports.js';

export const SEVEN_DAYS_SEC = 7 * 24 * 3600;

export class BlobUrlSigner {
  constructor(
    private readonly secret: string,
    private readonly publicUrl: string,
  ) {}

  private mac(key: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${key}\n${expires}`).digest('base64url');
  }

  /** `${publicUrl}/files/<key>?Expires=<unix>&Signature=<hmac>`. */
  signBlobUrl(key: string, expiresInSec = SEVEN_DAYS_SEC, nowMs = Date.now()): string {
    const expires = Math.floor(nowMs / 1000) + expiresInSec;
    const path = key.split('/').map(encodeURIComponent).join('/');
    return `${this.publicUrl}/files/${path}?Expires=${expires}&Signature=${this.mac(key, expires)}`;
  }

  verify(key: string, expiresParam: string | undefined, signature: string | undefined, nowMs = Date.now()): BlobUrlCheck {
    if (!expiresParam || !signature || !/^\d+$/.test(expiresParam)) return { ok: false, reason: 'missing' };
    const expires = Number(expiresParam);
    const expected = Buffer.from(this.mac(key, expires));
    const given = Buffer.from(signature);
    // Check the signature before the expiry so a tampered Expires reads as tampered, not expired.
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
    if (expires * 1000 < nowMs) return { ok: false, reason: 'expired' };
    return { ok: true };
  }
}
