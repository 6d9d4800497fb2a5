export type * from './generated/types.gen';
export { ReelConnectionError, ReelError } from './lib/errors';
export { Paginated } from './lib/pages';
export { Reel, type ReelOptions } from './lib/reel';
