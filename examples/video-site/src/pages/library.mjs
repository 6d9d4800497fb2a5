// The signed-in viewer's own things: history, playlists (watch later among them) and
// notifications, plus the one-time ticket the bell opens the notification stream with.
import { json, notFound, page, redirect, SiteError, signedIn } from '../answers.mjs';
import { ago, count, duration } from '../format.mjs';
import { html } from '../html.mjs';
import { layout } from '../layout.mjs';

const more = (path, cursor) =>
  cursor ? html`<a class="more" href="${path}?cursor=${encodeURIComponent(cursor)}">More</a>` : '';

export async function history(site, request) {
  const viewer = await site.connection.viewer(signedIn(request));
  const entries = await viewer.history
    .list({ limit: 20 })
    .page(request.url.searchParams.get('cursor') ?? undefined);
  return page(
    layout({
      title: 'History',
      ...request.frame,
      body: html`<h1>History</h1>
        <form method="post" action="/history/clear"><button>Clear all history</button></form>
        <ul class="list" id="history">${entries.data.map(
          (
            entry,
          ) => html`<li><a href="/watch/${entry.video_id}${entry.finished ? '' : `?t=${Math.floor(entry.position_sec)}`}">${entry.title}</a>
            <small>${entry.finished ? 'watched' : `stopped at ${duration(entry.position_sec)} of ${duration(entry.duration_sec)}`} · ${ago(entry.watched_at)}</small>
            <form method="post" action="/history/${entry.video_id}/remove"><button class="link">Remove</button></form></li>`,
        )}</ul>
        ${entries.data.length ? '' : html`<p class="empty">Nothing watched yet.</p>`}
        ${more('/history', entries.next_cursor)}`,
    }),
  );
}

export async function removeFromHistory(site, request) {
  const viewer = await site.connection.viewer(signedIn(request));
  await viewer.history.remove(request.params.id);
  return redirect('/history');
}

export async function clearHistory(site, request) {
  const viewer = await site.connection.viewer(signedIn(request));
  await viewer.history.clear();
  return redirect('/history');
}

export async function playlists(site, request) {
  const viewer = await site.connection.viewer(signedIn(request));
  const [later, mine] = await Promise.all([
    viewer.playlists.watchLater(),
    viewer.playlists.mine({ limit: 20 }).page(request.url.searchParams.get('cursor') ?? undefined),
  ]);
  const lists = [later, ...mine.data.filter((p) => !p.watch_later)];
  return page(
    layout({
      title: 'Playlists',
      ...request.frame,
      body: html`<h1>Playlists</h1>
        <ul class="list" id="playlists">${lists.map(
          (
            list,
          ) => html`<li><a href="/playlists/${list.playlist_id}">${list.watch_later ? 'Watch later' : list.title}</a>
            <small>${count(list.item_count, 'video')} · ${list.visibility}</small></li>`,
        )}</ul>
        ${more('/playlists', mine.next_cursor)}
        <form method="post" action="/playlists" class="inline">
          <input name="title" required maxlength="150" placeholder="New playlist" aria-label="Playlist title" />
          <button>Create</button>
        </form>`,
    }),
  );
}

export async function createPlaylist(site, request) {
  const viewer = await site.connection.viewer(signedIn(request));
  const title = String(request.form.title ?? '').trim();
  if (!title) throw new SiteError(400, 'empty_title', 'A playlist needs a title.');
  const list = await viewer.playlists.create({ title: title.slice(0, 150), visibility: 'private' });
  return redirect(`/playlists/${list.playlist_id}`);
}

export async function playlist(site, request) {
  const viewer = await site.connection.viewer(signedIn(request));
  const id = request.params.id;
  const [list, items] = await Promise.all([
    viewer.playlists.get(id),
    viewer.playlists
      .items(id, { limit: 50 })
      .page(request.url.searchParams.get('cursor') ?? undefined),
  ]).catch((error) => {
    throw error.status === 404 || error.status === 400 ? notFound('That playlist') : error;
  });
  return page(
    layout({
      title: list.title,
      ...request.frame,
      body: html`<h1>${list.watch_later ? 'Watch later' : list.title}</h1>
        <ol class="list" id="items">${items.data.map(
          (
            item,
          ) => html`<li><a href="/watch/${item.video_id}">${item.title}</a> <small>${duration(item.duration_sec)}</small>
            <form method="post" action="/playlists/${id}/items/${item.item_id}/remove"><button class="link">Remove</button></form></li>`,
        )}</ol>
        ${items.data.length ? '' : html`<p class="empty">No videos yet.</p>`}
        ${more(`/playlists/${id}`, items.next_cursor)}`,
    }),
  );
}

export async function addToPlaylist(site, request) {
  const viewer = await site.connection.viewer(signedIn(request));
  const { playlist_id: playlistId, video_id: videoId } = request.form;
  await viewer.playlists.add(String(playlistId), String(videoId)).catch((error) => {
    if (error.status !== 409) throw error;
  });
  return redirect(`/playlists/${playlistId}`);
}

export async function removeFromPlaylist(site, request) {
  const viewer = await site.connection.viewer(signedIn(request));
  await viewer.playlists.remove(request.params.id, request.params.item);
  return redirect(`/playlists/${request.params.id}`);
}

export function describeNotification(notification) {
  const title = notification.data.title ?? 'a video';
  switch (notification.kind) {
    case 'video_published':
      return `New video: ${title}`;
    case 'comment_reply':
      return `New reply on ${title}`;
    case 'channel_comment':
      return `New comment on ${title}`;
    default:
      return `Your comment on ${title} was approved`;
  }
}

export async function notifications(site, request) {
  const viewer = await site.connection.viewer(signedIn(request));
  const list = await viewer.notifications
    .list({ limit: 20 })
    .page(request.url.searchParams.get('cursor') ?? undefined);
  return page(
    layout({
      title: 'Notifications',
      ...request.frame,
      body: html`<h1>Notifications</h1>
        <form method="post" action="/notifications/read-all"><button>Mark all read</button></form>
        <ul class="list" id="notifications">${list.data.map(
          (n) =>
            html`<li class="${n.read_at ? '' : 'unread'}"><a href="/watch/${n.data.video_id}">${describeNotification(n)}</a> <small>${ago(n.created_at)}</small></li>`,
        )}</ul>
        ${list.data.length ? '' : html`<p class="empty">No notifications.</p>`}
        ${more('/notifications', list.next_cursor)}`,
    }),
  );
}

export async function readAll(site, request) {
  const viewer = await site.connection.viewer(signedIn(request));
  await viewer.notifications.readAll();
  return redirect('/notifications');
}

/** The bell's way in: EventSource cannot send a token, so it opens the stream with a ticket. */
export async function streamTicket(site, request) {
  const viewer = await site.connection.viewer(signedIn(request));
  const { ticket } = await viewer.notifications.streamTicket();
  return json({
    url: `${site.connection.apiUrl}/v1/viewer/notifications/stream?ticket=${encodeURIComponent(ticket)}`,
  });
}

/** How many are unread, for the bell on every page (the stream adds to it live). */
export async function unreadCount(site, user) {
  if (!user) return 0;
  const viewer = await site.connection.viewer(user);
  const { data } = await viewer.notifications.list({ unread: true, limit: 100 }).page();
  return data.length;
}
