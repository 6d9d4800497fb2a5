// Local accounts: a username is all it takes. The first sign-in makes the user's channel, owned
// by their viewer id, the id the site signs into their viewer tokens.
import { page, redirect } from '../answers.mjs';
import { html } from '../html.mjs';
import { layout } from '../layout.mjs';

const USERNAME = /^[a-z0-9][a-z0-9_-]{2,23}$/;

/** Only a path on this site: `next=https://elsewhere` must not turn sign-in into a redirector. */
const safeNext = (next) => (typeof next === 'string' && /^\/(?!\/)/.test(next) ? next : '/');

export function signInPage(_site, request, problem) {
  const next = safeNext(request.url.searchParams.get('next') ?? request.form?.next);
  return page(
    layout({
      title: 'Sign in',
      body: html`<section class="narrow">
        <h1>Sign in</h1>
        <p>A local account: pick a username (3 to 24 letters, digits, <code>-</code> or <code>_</code>). New names get a channel.</p>
        ${problem ? html`<p class="problem" role="alert">${problem}</p>` : ''}
        <form method="post" action="/signin">
          <input type="hidden" name="next" value="${next}" />
          <label>Username <input name="username" autocomplete="username" required maxlength="24" /></label>
          <button>Sign in</button>
        </form>
      </section>`,
    }),
    problem ? 400 : 200,
  );
}

export async function ensureUser(site, name) {
  const known = site.store.user(name);
  if (known) return known;
  const viewerId = `site-${name}`;
  const channel = await site.connection.reel.channels
    .create({ handle: name, title: `${name}'s channel`, owner_viewer_id: viewerId })
    .catch(async (error) => {
      // Made by an earlier start whose store was lost: adopt it.
      if (error.code !== 'handle_taken') throw error;
      for await (const found of site.connection.reel.channels.search(name)) {
        if (found.handle.toLowerCase() === name) return found;
      }
      throw error;
    });
  const user = { viewerId, channelId: channel.channel_id };
  site.store.addUser(name, user);
  return user;
}

export async function signIn(site, request) {
  const name = String(request.form.username ?? '')
    .trim()
    .toLowerCase();
  if (!USERNAME.test(name)) {
    return signInPage(
      site,
      request,
      'That username is not allowed: use 3 to 24 letters, digits, - or _.',
    );
  }
  await ensureUser(site, name);
  const session = site.store.openSession(name);
  return {
    ...redirect(safeNext(request.form.next)),
    cookie: `sid=${session}; HttpOnly; SameSite=Lax; Path=/; Max-Age=2592000`,
  };
}

export function signOut(site, request) {
  if (request.sessionId) site.store.closeSession(request.sessionId);
  return { ...redirect('/'), cookie: 'sid=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0' };
}
