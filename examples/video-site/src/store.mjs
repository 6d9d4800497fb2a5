// The site's own data: its local accounts, their sessions, which user uploaded which video and
// the signing key it mints tokens with. One JSON file, written whole (write, then rename), which
// is plenty for an example; a real site keeps this in its database.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const EMPTY = {
  tenant: null,
  signingKey: null,
  users: {},
  sessions: {},
  uploads: {},
  seeded: false,
};

export class SiteStore {
  /** `tenant` names the Reel tenant (a hash of its key): a store kept for another one starts over. */
  constructor(folder, tenant) {
    mkdirSync(folder, { recursive: true });
    this.file = join(folder, 'site.json');
    const kept = existsSync(this.file) ? JSON.parse(readFileSync(this.file, 'utf8')) : undefined;
    this.data =
      kept?.tenant === tenant ? { ...EMPTY, ...kept } : { ...structuredClone(EMPTY), tenant };
    this.save();
  }

  save() {
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.data, null, 2));
    renameSync(`${this.file}.tmp`, this.file);
  }

  user(name) {
    return this.data.users[name];
  }

  addUser(name, user) {
    this.data.users[name] = user;
    this.save();
  }

  /** A new session for the user; the id goes in an HttpOnly cookie. */
  openSession(name) {
    const id = randomBytes(24).toString('base64url');
    this.data.sessions[id] = name;
    this.save();
    return id;
  }

  closeSession(id) {
    delete this.data.sessions[id];
    this.save();
  }

  sessionUser(id) {
    const name = id ? this.data.sessions[id] : undefined;
    return name ? { name, ...this.data.users[name] } : undefined;
  }

  recordUpload(videoId, name) {
    this.data.uploads[videoId] = name;
    this.save();
  }

  uploader(videoId) {
    return this.data.uploads[videoId];
  }

  uploadsOf(name) {
    return Object.entries(this.data.uploads)
      .filter(([, owner]) => owner === name)
      .map(([videoId]) => videoId);
  }
}
