// Every route of the site: method, path pattern (`:name` captures a segment) and handler.
import { signIn, signInPage, signOut } from './pages/account.mjs';
import { channelPage, home, search, toggleSubscription } from './pages/browse.mjs';
import {
  addToPlaylist,
  clearHistory,
  createPlaylist,
  history,
  notifications,
  playlist,
  playlists,
  readAll,
  removeFromHistory,
  removeFromPlaylist,
  streamTicket,
} from './pages/library.mjs';
import { editVideo, moderate, studio } from './pages/studio.mjs';
import { createUpload, uploadPage, videoState } from './pages/upload.mjs';
import { postComment, toggleLike, watch, watchLater } from './pages/watch.mjs';

const TABLE = [
  ['GET', '/', home],
  ['GET', '/search', search],
  ['GET', '/channel/:id', channelPage],
  ['POST', '/channels/:id/subscription', toggleSubscription],
  ['GET', '/watch/:id', watch],
  ['POST', '/videos/:id/like', toggleLike],
  ['POST', '/videos/:id/comments', postComment],
  ['POST', '/videos/:id/watch-later', watchLater],
  ['GET', '/upload', uploadPage],
  ['POST', '/api/uploads', createUpload],
  ['GET', '/api/videos/:id/state', videoState],
  ['GET', '/studio', studio],
  ['POST', '/studio/videos/:id', editVideo],
  ['POST', '/studio/comments/:id/:action(approve|reject)', moderate],
  ['GET', '/history', history],
  ['POST', '/history/clear', clearHistory],
  ['POST', '/history/:id/remove', removeFromHistory],
  ['GET', '/playlists', playlists],
  ['POST', '/playlists', createPlaylist],
  ['POST', '/playlists/items', addToPlaylist],
  ['GET', '/playlists/:id', playlist],
  ['POST', '/playlists/:id/items/:item/remove', removeFromPlaylist],
  ['GET', '/notifications', notifications],
  ['POST', '/notifications/read-all', readAll],
  ['POST', '/api/notifications/ticket', streamTicket],
  ['GET', '/signin', signInPage],
  ['POST', '/signin', signIn],
  ['POST', '/signout', signOut],
];

const compile = (pattern) =>
  new RegExp(
    `^${pattern.replace(/:(\w+)(\([^)]*\))?/g, (_, name, choices) => `(?<${name}>${choices ? choices.slice(1, -1) : '[^/]+'})`)}$`,
  );

const ROUTES = TABLE.map(([method, pattern, handler]) => ({
  method,
  path: compile(pattern),
  handler,
}));

/** The handler and its path parameters, or undefined. */
export function route(method, pathname) {
  for (const candidate of ROUTES) {
    if (candidate.method !== method) continue;
    const match = candidate.path.exec(pathname);
    if (match) {
      const params = Object.fromEntries(
        Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
      );
      return { handler: candidate.handler, params };
    }
  }
  return undefined;
}
