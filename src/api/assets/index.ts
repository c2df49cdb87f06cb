// The asset resource: v1 /v1/asset (raw body upload, list, delete) and v3 /v3/assets (multipart).
import type { FastifyInstance } from 'fastify';
import type { AssetService } from '../../services/assets/asset-service.js';
import { v1AssetRoutes } from './v1-asset-routes.js';
import { v3AssetRoutes } from './v3-asset-routes.js';

export async function assetRoutes(app: FastifyInstance, { assets }: { assets: AssetService }): Promise<void> {
  v1AssetRoutes(app, assets);
  v3AssetRoutes(app, assets);
}
