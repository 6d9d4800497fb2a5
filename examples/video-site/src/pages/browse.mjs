// The public pages: home, search and channels. Anyone may browse; a signed-in viewer also sees
// the newest videos of the channels they subscribe to.
import { notFound, page, redirect, signedIn } from '../answers.mjs';
import { count } from '../format.mjs';
import { html } from '../html.mjs';
import { cards, layout } from '../layout.mjs';

async function channelTitles(site) {
  const { data } = await site.connection.reel.channels.list({ limit: 50 }).page();
  return data;
}

export async function home(site, request) {
  const { reel } = site.connection;
  const channels = await channelTitles(site);
  const byId = new Map(channels.map((c) => [c.channel_id, c]));
  const shelf = { status: 'ready', visibility: 'public', limit: 12 };
  const [newest, mostViewed, feed] = await Promise.all([
    reel.videos.list(shelf).page(),
    reel.videos.list({ ...shelf, sort: 'most_viewed', limit: 8 }).page(),
    request.user
      ? (await site.connection.viewer(request.user)).feed({ limit: 8 }).page()
      : undefined,
  ]);
  const section = (id, title, videos) => html`<section id="${id}">
      <h2>${title}</h2>
      ${cards(videos, { channels: byId })}
    </section>`;
  return page(
    layout({
      title: 'Home',
      ...request.frame,
      body: html`${feed ? section('feed', 'From your subscriptions', feed.data) : ''}
        ${section('newest', 'Newest', newest.data)}
        ${section('most-viewed', 'Most viewed', mostViewed.data)}
        <section id="channels"><h2>Channels</h2><ul class="channels">${channels.map(
          (c) =>
            html`<li><a href="/channel/${c.channel_id}">${c.title}</a> <small>${count(c.subscriber_count, 'subscriber')}</small></li>`,
        )}</ul></section>`,
    }),
  );
}

const SORTS = { relevance: 'Relevance', newest: 'Newest', most_viewed: 'Most viewed' };
const LENGTHS = { any: 'Any length', short: 'Under 1 minute', long: '1 minute or more' };

export async function search(site, request) {
  const params = request.url.searchParams;
  const q = (params.get('q') ?? '').trim().slice(0, 200);
  if (!q) return redirect('/');
  const sort = Object.hasOwn(SORTS, params.get('sort') ?? '') ? params.get('sort') : 'relevance';
  const length = Object.hasOwn(LENGTHS, params.get('length') ?? '') ? params.get('length') : 'any';
  const cursor = params.get('cursor') ?? undefined;
  const filters = {
    sort,
    limit: 12,
    ...(length === 'short' && { max_duration_sec: 59 }),
    ...(length === 'long' && { min_duration_sec: 60 }),
  };
  const { reel } = site.connection;
  const [videos, channels] = await Promise.all([
    reel.videos.search(q, filters).page(cursor),
    cursor ? { data: [] } : reel.channels.search(q, { limit: 5 }).page(),
  ]);
  const choice = (name, options, chosen) =>
    html`<select name="${name}" aria-label="${name}">${Object.entries(options).map(
      ([value, label]) =>
        html`<option value="${value}" ${value === chosen ? 'selected' : ''}>${label}</option>`,
    )}</select>`;
  const more = videos.next_cursor
    ? `/search?${new URLSearchParams({ q, sort, length, cursor: videos.next_cursor })}`
    : undefined;
  return page(
    layout({
      title: `${q} - Search`,
      ...request.frame,
      body: html`<h1>Results for “${q}”</h1>
        <form class="filters" action="/search">
          <input type="hidden" name="q" value="${q}" />
          ${choice('sort', SORTS, sort)} ${choice('length', LENGTHS, length)}
          <button>Filter</button>
        </form>
        ${
          channels.data.length
            ? html`<ul class="channels">${channels.data.map(
                (c) =>
                  html`<li><a href="/channel/${c.channel_id}">${c.title}</a> <small>${count(c.subscriber_count, 'subscriber')}</small></li>`,
              )}</ul>`
            : ''
        }
        <section id="results">${cards(videos.data, {})}</section>
        ${more ? html`<a class="more" href="${more}">More results</a>` : ''}`,
    }),
  );
}

/** Whether the viewer subscribes to the channel (the list is theirs, and short on this site). */
export async function isSubscribed(viewer, channelId) {
  for await (const subscription of viewer.subscriptions({ limit: 100 })) {
    if (subscription.channel_id === channelId) return true;
  }
  return false;
}

export function subscribeButton(channel, subscribed, back) {
  return html`<form method="post" action="/channels/${channel.channel_id}/subscription" class="subscribe">
    <input type="hidden" name="back" value="${back}" />
    <input type="hidden" name="subscribed" value="${subscribed ? 'yes' : 'no'}" />
    <button class="${subscribed ? 'subscribed' : 'primary'}">${subscribed ? 'Subscribed' : 'Subscribe'}</button>
    <span class="subscribers">${count(channel.subscriber_count, 'subscriber')}</span>
  </form>`;
}

export async function channelPage(site, request) {
  const { reel } = site.connection;
  const channel = await reel.channels.get(request.params.id).catch((error) => {
    throw error.status === 404 || error.status === 400 ? notFound('That channel') : error;
  });
  const sort = request.url.searchParams.get('sort') === 'most_viewed' ? 'most_viewed' : 'newest';
  const cursor = request.url.searchParams.get('cursor') ?? undefined;
  const [videos, subscribed] = await Promise.all([
    reel.channels.videos(channel.channel_id, { sort, limit: 12 }).page(cursor),
    request.user
      ? isSubscribed(await site.connection.viewer(request.user), channel.channel_id)
      : false,
  ]);
  const mine = request.user?.channelId === channel.channel_id;
  const here = `/channel/${channel.channel_id}`;
  return page(
    layout({
      title: channel.title,
      ...request.frame,
      body: html`<section class="channel-head">
          <h1>${channel.title}</h1>
          <p class="handle">@${channel.handle}</p>
          ${mine ? html`<a href="/studio">Open your studio</a>` : subscribeButton(channel, subscribed, here)}
        </section>
        <nav class="tabs"><a href="${here}" class="${sort === 'newest' ? 'on' : ''}">Newest</a>
          <a href="${here}?sort=most_viewed" class="${sort === 'most_viewed' ? 'on' : ''}">Most viewed</a></nav>
        ${cards(videos.data, {})}
        ${videos.next_cursor ? html`<a class="more" href="${here}?${new URLSearchParams({ sort, cursor: videos.next_cursor })}">More videos</a>` : ''}`,
    }),
  );
}

export async function toggleSubscription(site, request) {
  const user = signedIn(request);
  const viewer = await site.connection.viewer(user);
  const channelId = request.params.id;
  if (channelId === user.channelId) return redirect(`/channel/${channelId}`);
  if (request.form.subscribed === 'yes') await viewer.unsubscribe(channelId);
  else await viewer.subscribe(channelId);
  const back = String(request.form.back ?? '');
  return redirect(/^\/(?!\/)/.test(back) ? back : `/channel/${channelId}`);
}
