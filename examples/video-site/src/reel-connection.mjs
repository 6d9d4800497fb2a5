// Everything the site's server does with Reel goes through here: the API key (never sent to a
// browser), the signing key it mints viewer and playback tokens with, and the clients.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Reel, ReelViewer, signPlaybackToken, signViewerToken } from '@reel/sdk';

/** What a signed-in viewer may do from the site: everything viewers can. */
const VIEWER_SCOPES = [
  'comments',
  'history',
  'likes',
  'notifications',
  'playlists',
  'subscriptions',
];
const VIEWER_TOKEN_SECONDS = 3600;

/** REEL_API_KEY and REEL_API_URL, or the development tenant `reel dev` wrote to .reel/dev.json. */
export function credentials(repoRoot) {
  if (process.env.REEL_API_KEY) {
    return {
      apiKey: process.env.REEL_API_KEY,
      apiUrl: process.env.REEL_API_URL ?? 'http://127.0.0.1:4000',
    };
  }
  for (const folder of [process.cwd(), repoRoot]) {
    const file = join(folder, '.reel/dev.json');
    if (existsSync(file)) {
      const { apiKey, apiUrl } = JSON.parse(readFileSync(file, 'utf8'));
      return { apiKey, apiUrl: process.env.REEL_API_URL ?? apiUrl };
    }
  }
  return undefined;
}

export class ReelConnection {
  constructor({ apiKey, apiUrl }, store) {
    this.apiUrl = apiUrl;
    this.store = store;
    this.reel = new Reel({ apiKey, baseUrl: apiUrl });
    this.anonymous = new ReelViewer({ baseUrl: apiUrl });
    this.viewerTokens = new Map();
  }

  /** The site's signing key: made once with the API key; Reel keeps only its public half. */
  async signingKey() {
    if (!this.store.data.signingKey) {
      const key = await this.reel.signingKeys.create();
      this.store.data.signingKey = { keyId: key.key_id, privateKey: key.private_key };
      this.store.save();
    }
    return this.store.data.signingKey;
  }

  /** A viewer token for the signed-in user, reused until ten minutes before it expires. */
  async viewerToken(viewerId) {
    const cached = this.viewerTokens.get(viewerId);
    if (cached && cached.expiresAt - Date.now() > 600_000) return cached.token;
    const token = await signViewerToken(await this.signingKey(), {
      viewerId,
      scopes: VIEWER_SCOPES,
      expiresIn: VIEWER_TOKEN_SECONDS,
    });
    this.viewerTokens.set(viewerId, { token, expiresAt: Date.now() + VIEWER_TOKEN_SECONDS * 1000 });
    return token;
  }

  /** The client for a signed-in user's calls, or the anonymous one. */
  async viewer(user) {
    if (!user) return this.anonymous;
    return new ReelViewer({
      baseUrl: this.apiUrl,
      viewerToken: await this.viewerToken(user.viewerId),
    });
  }

  /** For a `signed` video: the token its player, thumbnail and storyboard need. */
  async playbackToken(videoId) {
    return signPlaybackToken(await this.signingKey(), { videoId, expiresIn: '2h' });
  }
}

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
