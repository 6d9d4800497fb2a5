interface Stoppable {
  stop(): Promise<void>;
}

/**
 * Takes SIGINT and SIGTERM from the moment it is called, before anything has started: a Ctrl-C
 * during start-up would otherwise kill the process with Postgres half-used. The first signal stops
 * what `started` is given (at once, or as soon as it is given) and exits 0; a second one exits
 * at once, for an operator who will not wait.
 */
export function stopOnSignal(): { started(stoppable: Stoppable): void } {
  let running: Stoppable | undefined;
  let signalled = false;
  const stop = (stoppable: Stoppable) => void stoppable.stop().then(() => process.exit(0));
  const onSignal = () => {
    if (signalled) process.exit(130);
    signalled = true;
    if (running) stop(running);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    started(stoppable) {
      running = stoppable;
      if (signalled) stop(stoppable);
    },
  };
}
