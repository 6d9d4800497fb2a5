// The frame around every page: the header with search, the menu, and the bell for a signed-in
// viewer, which public/bell.js keeps live from the notification stream.
import { ago, count, duration } from './format.mjs';
import { html, raw } from './html.mjs';

// Drawn, not an emoji: a page cannot count on an emoji font being there.
const BELL_ICON = raw(
  '<svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"/></svg>',
);

export function layout({ title, user, unread = 0, body, scripts = [] }) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} · ReelTube</title>
    <link rel="stylesheet" href="/assets/site.css" />
    ${scripts.map((src) => html`<script type="module" src="${src}"></script>`)}
    ${user ? html`<script type="module" src="/assets/bell.js"></script>` : ''}
  </head>
  <body>
    <header class="top">
      <a class="logo" href="/">▶ ReelTube</a>
      <form class="search" action="/search" role="search">
        <input name="q" type="search" placeholder="Search" aria-label="Search" maxlength="200" />
        <button>Search</button>
      </form>
      <nav>
        <a href="/upload">Upload</a>
        ${
          user
            ? html`<a href="/studio">Studio</a>
        <a href="/history">History</a>
        <a href="/playlists">Playlists</a>
        <span class="bell">
          <a id="bell" href="/notifications" aria-label="Notifications">${BELL_ICON} <span id="bell-count" data-count="${unread}">${unread || ''}</span></a>
          <ul id="bell-list" hidden></ul>
        </span>
        <a href="/channel/${user.channelId}" class="me">${user.name}</a>
        <form method="post" action="/signout"><button class="link">Sign out</button></form>`
            : html`<a href="/signin">Sign in</a>`
        }
      </nav>
    </header>
    <main>${body}</main>
  </body>
</html>`.text;
}

/** A thumbnail, title and counts linking to the watch page; `token` for a signed video's image. */
export function videoCard(video, { token, channels } = {}) {
  const channel = channels?.get(video.channel_id);
  const thumbnail = video.playback?.thumbnail_url;
  const src =
    thumbnail && token
      ? `${thumbnail}${thumbnail.includes('?') ? '&' : '?'}token=${token}`
      : thumbnail;
  return html`<a class="card" href="/watch/${video.video_id}">
    <span class="thumb">${src ? html`<img src="${src}" alt="" loading="lazy" />` : html`<span class="pending">${video.status}</span>`}
      <span class="length">${duration(video.duration_sec)}</span></span>
    <span class="title">${video.title || 'Untitled'}</span>
    <span class="meta">${channel ? html`${channel.title} · ` : ''}${count(video.view_count, 'view')} · ${ago(video.published_at ?? video.created_at)}</span>
  </a>`;
}

export const cards = (videos, options) =>
  videos.length
    ? html`<div class="grid">${videos.map((video) => videoCard(video, options))}</div>`
    : html`<p class="empty">Nothing here yet.</p>`;
