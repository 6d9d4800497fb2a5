// Uploading: the page sends the file with <reel-uploader>; this server creates the upload with the
// API key, on the user's channel, and hands the browser only the upload's id and token.
import { createHash } from 'node:crypto';
import { json, page, SiteError, signedIn } from '../answers.mjs';
import { html } from '../html.mjs';
import { layout } from '../layout.mjs';
import { visibleVideo } from './watch.mjs';

const VISIBILITIES = ['public', 'unlisted', 'private'];

export function uploadPage(site, request) {
  signedIn(request);
  return page(
    layout({
      title: 'Upload',
      ...request.frame,
      scripts: ['/uploader/reel-uploader.js', '/assets/upload.js'],
      body: html`<section class="narrow">
        <h1>Upload a video</h1>
        <form id="details">
          <label>Title <input name="title" maxlength="200" placeholder="From the file name if empty" /></label>
          <label>Visibility <select name="visibility">${VISIBILITIES.map((v) => html`<option>${v}</option>`)}</select></label>
        </form>
        <reel-uploader accept="video/*" api-url="${site.connection.apiUrl}"></reel-uploader>
        <ol id="timeline" class="timeline" hidden>
          <li data-step="uploaded">Uploaded</li>
          <li data-step="processing">Processing</li>
          <li data-step="ready">Ready to watch</li>
        </ol>
        <p id="result" role="status"></p>
      </section>`,
    }),
  );
}

/**
 * Creates the upload the page describes. The Idempotency-Key comes from the user and the file, so
 * picking the same file again resumes the same upload. Unlisted and private videos play only with
 * a playback token from this site.
 */
export async function createUpload(site, request) {
  const user = signedIn(request);
  const body = request.form;
  const size = Number(body.size);
  if (!Number.isSafeInteger(size) || size <= 0) {
    throw new SiteError(400, 'bad_size', 'The file size must be a positive whole number.');
  }
  const visibility = VISIBILITIES.includes(body.visibility) ? body.visibility : 'public';
  const filename = String(body.filename ?? 'video').slice(0, 255);
  const title = String(body.title || filename.replace(/\.[^.]+$/, '')).slice(0, 200);
  const key = createHash('sha256')
    .update(JSON.stringify([user.name, filename, size, body.lastModified, title, visibility]))
    .digest('hex');
  const upload = await site.connection.reel.uploads.create(
    {
      filename,
      size_bytes: size,
      mime: String(body.mime || 'application/octet-stream'),
      title,
      visibility,
      playback_policy: visibility === 'public' ? 'public' : 'signed',
      channel_id: user.channelId,
      cors_origin: site.origin,
    },
    { idempotencyKey: key },
  );
  site.store.recordUpload(upload.video_id, user.name);
  return json(
    { upload_id: upload.upload_id, upload_token: upload.upload_token, video_id: upload.video_id },
    201,
  );
}

/** Where a video is on its way to playable, for the upload page's timeline. */
export async function videoState(site, request) {
  const { video } = await visibleVideo(site, request.user, request.params.id);
  return json({ status: video.status, error: video.error?.message ?? null });
}
