// What a page handler returns: a page, a redirect or JSON; and the refusals it throws.
export const page = (text, status = 200) => ({ status, html: text });
export const redirect = (location) => ({ status: 303, location });
export const json = (body, status = 200) => ({ status, json: body });

/** A refusal the server shows as a page (or as `{code, message}` on the JSON routes). */
export class SiteError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const notFound = (what = 'That page') =>
  new SiteError(404, 'not_found', `${what} does not exist or is not yours to see.`);

/** The signed-in user, or a redirect to the sign-in page that comes back here. */
export function signedIn(request) {
  if (request.user) return request.user;
  const next = request.url.pathname + request.url.search;
  throw Object.assign(new Error('sign in first'), {
    answer: redirect(`/signin?next=${encodeURIComponent(next)}`),
  });
}
