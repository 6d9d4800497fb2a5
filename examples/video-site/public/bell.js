// The bell: the site's server asks Reel for a one-time ticket (the browser holds no API key), the
// page opens the notification stream with it, and each new notification bumps the count.
const bell = document.getElementById('bell');
const counter = document.getElementById('bell-count');
const list = document.getElementById('bell-list');

const describe = (n) => {
  const title = n.data?.title ?? 'a video';
  if (n.kind === 'video_published') return `New video: ${title}`;
  if (n.kind === 'comment_reply') return `New reply on ${title}`;
  if (n.kind === 'channel_comment') return `New comment on ${title}`;
  return `Your comment on ${title} was approved`;
};

function show(notification) {
  const count = Number(counter.dataset.count) + 1;
  counter.dataset.count = String(count);
  counter.textContent = String(count);
  bell.classList.add('ringing');
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = `/watch/${encodeURIComponent(notification.data?.video_id ?? '')}`;
  link.textContent = describe(notification);
  item.append(link);
  list.prepend(item);
  list.hidden = false;
}

let retryMs = 1000;
async function listen() {
  const response = await fetch('/api/notifications/ticket', { method: 'POST' }).catch(() => null);
  if (!response?.ok) {
    retryMs = Math.min(retryMs * 2, 30_000);
    setTimeout(listen, retryMs);
    return;
  }
  const { url } = await response.json();
  const stream = new EventSource(url);
  stream.addEventListener('open', () => {
    retryMs = 1000;
    bell.dataset.live = 'true';
  });
  stream.addEventListener('notification', (event) => show(JSON.parse(event.data)));
  // A ticket opens the stream once: after a cut, come back with a new one.
  stream.addEventListener('error', () => {
    stream.close();
    bell.dataset.live = 'false';
    setTimeout(listen, retryMs);
  });
}
listen();
