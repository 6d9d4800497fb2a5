/** The SQLSTATE Postgres answered with, found on the error or on what caused it. */
export const sqlStateOf = (error: unknown): string | undefined => {
  for (let e = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
};

// Admin shutdown, crash shutdown, cannot connect now (class 57P: operator intervention).
const SERVER_GOING_AWAY = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET']);

/**
 * Whether the error is Postgres going away under a query (stopped, restarted, the socket cut)
 * rather than the query failing: the transaction rolled back whole and can run again.
 */
export function isConnectionLoss(error: unknown): boolean {
  const state = sqlStateOf(error);
  if (state && SERVER_GOING_AWAY.has(state)) return true;
  for (let e = error; e instanceof Error; e = e.cause) {
    if (/^Connection terminated/.test(e.message)) return true;
  }
  return false;
}

/** The innermost message: drizzle wraps the driver's error in one that quotes the whole query. */
export function rootMessage(error: unknown): string {
  let e = error;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}
