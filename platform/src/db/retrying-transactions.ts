import { sqlStateOf } from './postgres-errors.js';

/** Deadlock and serialization failure: Postgres failed one transaction to let the other finish. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

// Any database handle's `transaction` (drizzle's is generic over what the work returns).
// biome-ignore lint/suspicious/noExplicitAny: the work's result type is the caller's
type Transaction = (work: (tx: any) => Promise<any>, config?: any) => Promise<any>;

/**
 * Makes `db.transaction` run its work again when Postgres picks it as a deadlock's victim, as
 * Postgres advises: the work was rolled back whole, and two requests that lock the same rows
 * in another order both finish instead of one answering 500.
 */
export function retryingTransactions<D extends { transaction: Transaction }>(db: D): D {
  const transaction = db.transaction.bind(db);
  db.transaction = (async (...args: Parameters<Transaction>) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await transaction(...args);
      } catch (error) {
        const state = sqlStateOf(error);
        if (attempt >= ATTEMPTS || !state || !RETRYABLE.has(state)) throw error;
      }
    }
  }) as D['transaction'];
  return db;
}
