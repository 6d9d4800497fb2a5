/**
 * A tenant's request runs on a session under row-level security; the HTTP layer opens one per
 * request through here, since entry points do not reach into db/.
 */
export { openTenantSession } from '../db/tenant-session.js';
