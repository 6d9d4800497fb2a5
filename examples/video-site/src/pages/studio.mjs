// The creator's studio: their videos with status and counts, editing title, visibility and
// policies, and the comments held for their approval.
import { notFound, page, redirect, SiteError, signedIn } from '../answers.mjs';
import { ago, count } from '../format.mjs';
import { html } from '../html.mjs';
import { layout, videoCard } from '../layout.mjs';

const VISIBILITIES = ['public', 'unlisted', 'private'];
const COMMENT_POLICIES = ['enabled', 'held', 'disabled'];

const choice = (name, options, chosen) =>
  html`<select name="${name}" aria-label="${name}">${options.map(
    (value) => html`<option ${value === chosen ? 'selected' : ''}>${value}</option>`,
  )}</select>`;

async function myVideos(site, user) {
  const ids = site.store.uploadsOf(user.name);
  const videos = await Promise.all(
    ids.map((id) => site.connection.reel.videos.get(id).catch(() => undefined)),
  );
  return videos.filter(Boolean).sort((a, b) => b.created_at.localeCompare(a.created_at));
}

export async function studio(site, request) {
  const user = signedIn(request);
  const videos = await myVideos(site, user);
  const mine = new Set(videos.map((v) => v.video_id));
  const titles = new Map(videos.map((v) => [v.video_id, v.title]));
  // The tenant's approval queue, narrowed to this creator's videos.
  const held = (
    await site.connection.reel.comments.list({ state: 'held', limit: 100 }).page()
  ).data.filter((comment) => mine.has(comment.video_id));
  const tokens = new Map(
    await Promise.all(
      videos
        .filter((v) => v.playback_policy === 'signed')
        .map(async (v) => [v.video_id, await site.connection.playbackToken(v.video_id)]),
    ),
  );
  return page(
    layout({
      title: 'Studio',
      ...request.frame,
      body: html`<h1>Your studio</h1>
        <section id="studio-videos">
          <h2>Videos</h2>
          ${videos.length ? '' : html`<p class="empty">No videos yet: <a href="/upload">upload one</a>.</p>`}
          ${videos.map(
            (
              video,
            ) => html`<form class="studio-row" method="post" action="/studio/videos/${video.video_id}">
              ${videoCard(video, { token: tokens.get(video.video_id) })}
              <div class="fields">
                <label>Title <input name="title" value="${video.title}" maxlength="200" required /></label>
                <label>Visibility ${choice('visibility', VISIBILITIES, video.visibility)}</label>
                <label>Comments ${choice('comments_policy', COMMENT_POLICIES, video.comments_policy)}</label>
                <p class="figures"><span class="status">${video.status}</span> · ${count(video.view_count, 'view')} · ${count(video.like_count, 'like')} · ${count(video.comment_count, 'comment')}</p>
                <button>Save</button>
              </div>
            </form>`,
          )}
        </section>
        <section id="held">
          <h2>Held comments</h2>
          ${held.length ? '' : html`<p class="empty">Nothing waiting.</p>`}
          <ul class="comments">${held.map(
            (comment) => html`<li class="comment" data-comment-id="${comment.comment_id}">
              <p class="who"><strong>${comment.author_viewer_id.replace(/^site-/, '')}</strong> on <a href="/watch/${comment.video_id}">${titles.get(comment.video_id)}</a> <small>${ago(comment.created_at)}</small></p>
              <p class="text">${comment.text}</p>
              <form method="post" action="/studio/comments/${comment.comment_id}/approve"><button class="primary">Approve</button></form>
              <form method="post" action="/studio/comments/${comment.comment_id}/reject"><button>Reject</button></form>
            </li>`,
          )}</ul>
        </section>`,
    }),
  );
}

export async function editVideo(site, request) {
  const user = signedIn(request);
  const videoId = request.params.id;
  if (site.store.uploader(videoId) !== user.name) throw notFound('That video');
  const { title, visibility, comments_policy: commentsPolicy } = request.form;
  if (!VISIBILITIES.includes(visibility) || !COMMENT_POLICIES.includes(commentsPolicy)) {
    throw new SiteError(
      400,
      'bad_choice',
      'Pick a visibility and a comments policy from the lists.',
    );
  }
  const cleanTitle = String(title ?? '').trim();
  if (!cleanTitle) throw new SiteError(400, 'empty_title', 'A video needs a title.');
  await site.connection.reel.videos.update(videoId, {
    title: cleanTitle.slice(0, 200),
    visibility,
    comments_policy: commentsPolicy,
    // Unlisted and private videos play only with a token this site signs.
    playback_policy: visibility === 'public' ? 'public' : 'signed',
  });
  return redirect('/studio');
}

export async function moderate(site, request) {
  const user = signedIn(request);
  const { reel } = site.connection;
  const held = (await reel.comments.list({ state: 'held', limit: 100 }).page()).data.find(
    (comment) => comment.comment_id === request.params.id,
  );
  if (!held || site.store.uploader(held.video_id) !== user.name) throw notFound('That comment');
  if (request.params.action === 'approve') await reel.comments.approve(held.comment_id);
  else await reel.comments.reject(held.comment_id);
  return redirect('/studio#held');
}
