// The watch page: the player (resume, signed playback), like, subscribe, share at a time, save to
// a playlist, the comment thread with replies and paging, and related videos.
import { notFound, page, redirect, SiteError, signedIn } from '../answers.mjs';
import { ago, count } from '../format.mjs';
import { html } from '../html.mjs';
import { cards, layout } from '../layout.mjs';
import { isSubscribed, subscribeButton } from './browse.mjs';

const COMMENTS_PER_PAGE = 5;
const REPLIES_SHOWN = 10;

/** The video as the site's user may see it: a private one only by who uploaded it. */
export async function visibleVideo(site, user, videoId) {
  const video = await site.connection.reel.videos.get(videoId).catch((error) => {
    throw error.status === 404 || error.status === 400 ? notFound('That video') : error;
  });
  const owner = site.store.uploader(videoId);
  if (video.visibility === 'private' && (!user || owner !== user.name))
    throw notFound('That video');
  return { video, mine: Boolean(user && owner === user.name) };
}

const authorName = (viewerId) => viewerId.replace(/^site-/, '');

function commentView(comment, { videoId, user, replies = [] }) {
  const held = comment.state === 'held';
  return html`<li class="comment" data-comment-id="${comment.comment_id}">
    <p class="who"><strong>${authorName(comment.author_viewer_id)}</strong> <small>${ago(comment.created_at)}${held ? ' · held for review' : ''}</small></p>
    <p class="text">${comment.text}</p>
    ${replies.length ? html`<ul class="replies">${replies.map((reply) => commentView(reply, { videoId, user }))}</ul>` : ''}
    ${
      user && !comment.parent_id
        ? html`<details class="reply"><summary>Reply</summary>
        <form method="post" action="/videos/${videoId}/comments">
          <input type="hidden" name="parent_id" value="${comment.comment_id}" />
          <textarea name="text" required maxlength="10000" aria-label="Reply"></textarea>
          <button>Reply</button>
        </form></details>`
        : ''
    }
  </li>`;
}

async function commentSection(viewer, { video, user, cursor, posted }) {
  if (video.comments_policy === 'disabled') return html`<p class="empty">Comments are off.</p>`;
  const comments = await viewer.comments
    .list(video.video_id, { limit: COMMENTS_PER_PAGE })
    .page(cursor)
    .catch(() => ({ data: [], next_cursor: null }));
  const threads = await Promise.all(
    comments.data.map(async (comment) => ({
      comment,
      // Not only when reply_count says so: the count catches up a moment after a reply.
      replies: (await viewer.comments.replies(comment.comment_id, { limit: REPLIES_SHOWN }).page())
        .data,
    })),
  );
  return html`<h2>${count(video.comment_count, 'comment')}</h2>
    ${posted === 'held' ? html`<p class="notice" role="status">Thanks: your comment shows once the creator approves it.</p>` : ''}
    ${
      user
        ? html`<form method="post" action="/videos/${video.video_id}/comments" class="new-comment">
        <textarea name="text" required maxlength="10000" placeholder="Add a comment…" aria-label="Comment"></textarea>
        <button class="primary">Comment</button>
      </form>`
        : html`<p><a href="/signin?next=/watch/${video.video_id}">Sign in</a> to comment.</p>`
    }
    <ul class="comments">${threads.map(({ comment, replies }) => commentView(comment, { videoId: video.video_id, user, replies }))}</ul>
    ${comments.next_cursor ? html`<a class="more" href="/watch/${video.video_id}?comments=${encodeURIComponent(comments.next_cursor)}#comments">More comments</a>` : ''}`;
}

export async function watch(site, request) {
  const { user } = request;
  const { video, mine } = await visibleVideo(site, user, request.params.id);
  const viewer = await site.connection.viewer(user);
  const query = request.url.searchParams;
  const startAt = Number.parseInt(query.get('t') ?? '', 10);
  if (video.status !== 'ready') {
    return page(
      layout({
        title: video.title,
        ...request.frame,
        body: html`<h1>${video.title}</h1><p class="pending" id="state">This video is ${video.status.replaceAll('_', ' ')}.</p>`,
      }),
    );
  }
  const signed = video.playback_policy === 'signed';
  const [token, viewerToken, state, channel, related, playlists] = await Promise.all([
    signed ? site.connection.playbackToken(video.video_id) : undefined,
    user ? site.connection.viewerToken(user.viewerId) : undefined,
    user
      ? viewer.video(video.video_id).then(
          (v) => v.viewer,
          () => undefined,
        )
      : undefined,
    video.channel_id
      ? site.connection.reel.channels.get(video.channel_id).catch(() => undefined)
      : undefined,
    viewer
      .related(video.video_id, { limit: 6 })
      .page()
      .catch(() => ({ data: [] })),
    user ? viewer.playlists.mine({ limit: 50 }).page() : { data: [] },
  ]);
  const subscribed = channel && user ? await isSubscribed(viewer, channel.channel_id) : false;
  const here = `/watch/${video.video_id}`;
  const shareUrl = `${site.origin}${here}`;
  return page(
    layout({
      title: video.title,
      ...request.frame,
      scripts: ['/player/reel-player.js', '/assets/watch.js'],
      body: html`<div class="watch">
        <section class="main">
          <reel-player id="player" api-url="${site.connection.apiUrl}" video-id="${video.video_id}"
            ${token ? html`token="${token}"` : ''} ${viewerToken ? html`viewer-token="${viewerToken}"` : ''}
            ${Number.isFinite(startAt) && startAt >= 0 ? html`start-time="${startAt}"` : ''}></reel-player>
          <h1 id="title">${video.title}</h1>
          <div class="actions">
            ${channel ? html`<a class="channel-link" href="/channel/${channel.channel_id}">${channel.title}</a>` : ''}
            ${channel && user && !mine ? subscribeButton(channel, subscribed, here) : ''}
            <span class="views">${count(video.view_count, 'view')}</span>
            ${
              user
                ? html`<form method="post" action="/videos/${video.video_id}/like">
                <input type="hidden" name="liked" value="${state?.has_liked ? 'yes' : 'no'}" />
                <button id="like" class="${state?.has_liked ? 'liked' : ''}" aria-pressed="${state?.has_liked ? 'true' : 'false'}">${state?.has_liked ? 'Liked' : 'Like'} · ${video.like_count}</button>
              </form>
              <form method="post" action="/videos/${video.video_id}/watch-later"><button>Watch later</button></form>
              ${
                playlists.data.filter((p) => !p.watch_later).length
                  ? html`<form method="post" action="/playlists/items" class="save">
                <input type="hidden" name="video_id" value="${video.video_id}" />
                <select name="playlist_id" aria-label="Playlist">${playlists.data
                  .filter((p) => !p.watch_later)
                  .map((p) => html`<option value="${p.playlist_id}">${p.title}</option>`)}</select>
                <button>Save</button></form>`
                  : ''
              }`
                : html`<a href="/signin?next=${here}">Sign in to like and subscribe</a>`
            }
          </div>
          <div class="share">
            <input id="share-url" readonly value="${shareUrl}" aria-label="Share link" data-base="${shareUrl}" />
            <button id="share-at" type="button">Share at current time</button>
          </div>
          ${video.description ? html`<p class="description">${video.description}</p>` : ''}
          ${signed ? html`<p class="note">${video.visibility} video: played with a playback token from this site.</p>` : ''}
          <section id="comments">${await commentSection(viewer, { video, user, cursor: query.get('comments') ?? undefined, posted: query.get('posted') })}</section>
        </section>
        <aside class="related"><h2>Related</h2>${cards(related.data, {})}</aside>
      </div>`,
    }),
  );
}

export async function toggleLike(site, request) {
  const user = signedIn(request);
  await visibleVideo(site, user, request.params.id);
  const viewer = await site.connection.viewer(user);
  if (request.form.liked === 'yes') await viewer.unlike(request.params.id);
  else await viewer.like(request.params.id);
  return redirect(`/watch/${request.params.id}`);
}

export async function postComment(site, request) {
  const user = signedIn(request);
  await visibleVideo(site, user, request.params.id);
  const text = String(request.form.text ?? '').trim();
  if (!text) throw new SiteError(400, 'empty_comment', 'A comment needs some text.');
  const viewer = await site.connection.viewer(user);
  const parentId = request.form.parent_id ? String(request.form.parent_id) : undefined;
  const comment = await viewer.comments.create(request.params.id, text, { parentId });
  const posted = comment.state === 'held' ? '?posted=held' : '';
  return redirect(`/watch/${request.params.id}${posted}#comments`);
}

export async function watchLater(site, request) {
  const user = signedIn(request);
  await visibleVideo(site, user, request.params.id);
  const viewer = await site.connection.viewer(user);
  const list = await viewer.playlists.watchLater();
  await viewer.playlists.add(list.playlist_id, request.params.id).catch((error) => {
    // Already on the list: nothing to do.
    if (error.status !== 409) throw error;
  });
  return redirect(`/playlists/${list.playlist_id}`);
}
