const REPLAY_PAGE = 500;

/**
 * Feeds an event stream that catches up, then follows: it subscribes to the hub first and holds
 * back what arrives while `replay` reads what the store has after the client's last id, so nothing
 * made between the two is lost; then it sends the held and the live events, dropping those the
 * catch-up already sent. Answers the stop.
 */
export async function replayThenFollow<Event>(stream: {
  subscribe: (deliver: (event: Event) => void) => Promise<() => void>;
  replay: () => AsyncIterable<Event>;
  /** The id a repeat of a replayed event carries; undefined for an event that repeats none. */
  replayedId: (event: Event) => string | undefined;
  send: (event: Event) => void;
}): Promise<() => void> {
  // What the catch-up sent, which the hub may bring again; live events come once by themselves,
  // so the set stays as small as the catch-up.
  const sent = new Set<string>();
  const isRepeat = (event: Event) => {
    const id = stream.replayedId(event);
    return id !== undefined && sent.has(id);
  };
  let held: Event[] | undefined = [];
  const stop = await stream.subscribe((event) => {
    if (held) held.push(event);
    else if (!isRepeat(event)) stream.send(event);
  });
  const sendOnce = (event: Event) => {
    if (isRepeat(event)) return;
    const id = stream.replayedId(event);
    if (id !== undefined) sent.add(id);
    stream.send(event);
  };
  try {
    for await (const event of stream.replay()) sendOnce(event);
  } catch (error) {
    stop();
    throw error;
  }
  const waiting = held;
  held = undefined;
  for (const event of waiting) sendOnce(event);
  return stop;
}

/**
 * The rows a keyset query finds after `start`, oldest first, read a page at a time so a long
 * absence does not load at once; none where there is no start.
 */
export async function* rowsInPagesAfter<Key, Row>(
  start: Key | undefined,
  fetchPage: (after: Key, limit: number) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
): AsyncGenerator<Row> {
  let after = start;
  while (after !== undefined) {
    const rows = await fetchPage(after, REPLAY_PAGE);
    yield* rows;
    const last = rows.at(-1);
    after = rows.length === REPLAY_PAGE && last ? keyOf(last) : undefined;
  }
}
