// The upload page: our server creates each upload (its API key stays there) and the element
// sends the bytes straight to Reel; then the timeline follows the video until it plays.
const uploader = document.querySelector('reel-uploader');
const details = document.getElementById('details');
const timeline = document.getElementById('timeline');
const result = document.getElementById('result');
await customElements.whenDefined('reel-uploader');

uploader.createUpload = async (file) => {
  const form = new FormData(details);
  const response = await fetch('/api/uploads', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      filename: file.name,
      size: file.size,
      mime: file.type,
      lastModified: file.lastModified,
      title: form.get('title'),
      visibility: form.get('visibility'),
    }),
  });
  const body = await response.json();
  if (!response.ok) throw { status: response.status, ...body };
  return { uploadId: body.upload_id, uploadToken: body.upload_token };
};

const STEPS = { processing: 1, transcoded: 1, ready: 2, failed: 1 };
function mark(status) {
  const reached = STEPS[status] ?? 0;
  timeline.querySelectorAll('li').forEach((step, at) => {
    step.classList.toggle('done', at <= reached && status !== 'failed');
    step.classList.toggle('now', at === reached);
  });
}

uploader.addEventListener('complete', (event) => {
  const { videoId } = event.detail;
  timeline.hidden = false;
  timeline.dataset.videoId = videoId;
  mark('uploaded');
  // The page asks its server where the video is, about once a second, until it can be watched.
  const follow = async () => {
    const response = await fetch(`/api/videos/${encodeURIComponent(videoId)}/state`);
    const { status, error } = response.ok ? await response.json() : { status: 'processing' };
    mark(status);
    timeline.dataset.status = status;
    if (status === 'ready') {
      result.innerHTML = '';
      const link = document.createElement('a');
      link.href = `/watch/${encodeURIComponent(videoId)}`;
      link.textContent = 'Watch it now';
      link.id = 'watch-link';
      result.append('Your video is ready. ', link);
    } else if (status === 'failed') {
      result.textContent = `Processing failed: ${error ?? 'unknown reason'}`;
    } else {
      result.textContent = `Processing… (${status})`;
      setTimeout(follow, 1000);
    }
  };
  follow();
});
