const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A lower-case UUID, as Postgres prints them: ids from outside are checked before a query casts them. */
export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID.test(value);
