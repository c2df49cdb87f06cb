// Invitation link tokens: `<invitation id>.<expiry, base 36>.<HMAC-SHA256 of both>`. The HMAC key is the
// install's own (generated at first start, kept in the database); the row keeps single use and revocation.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { InvitationSigner } from '../services/spaces/space-ports.js';

export function createInvitationSigner(key: string): InvitationSigner {
  const mac = (payload: string) => createHmac('sha256', key).update(`invitation:${payload}`).digest('base64url');
  return {
    sign(id, expiresAt) {
      const payload = `${id}.${expiresAt.toString(36)}`;
      return `${payload}.${mac(payload)}`;
    },
    verify(token) {
      const parts = token.split('.');
      if (parts.length !== 3 || !/^inv_[0-9a-f]{32}$/.test(parts[0]!) || !/^[0-9a-z]{1,12}$/.test(parts[1]!)) return null;
      const payload = `${parts[0]}.${parts[1]}`;
      const expected = Buffer.from(mac(payload));
      const given = Buffer.from(parts[2]!);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      return { id: parts[0]!, expiresAt: Number.parseInt(parts[1]!, 36) };
    },
  };
}
