/**
 * Runs `runBatch` until stopped: again at once while it returns a full batch (there is more),
 * otherwise after `idleMs` or an earlier `wake()`. A failing batch is reported and retried.
 */
export function startBatchLoop(options: {
  runBatch: () => Promise<number>;
  batchSize: number;
  idleMs: number;
  onError: (error: unknown) => void;
}) {
  let stopped = false;
  let wake = () => {};
  const loop = async () => {
    while (!stopped) {
      let done = 0;
      try {
        done = await options.runBatch();
      } catch (error) {
        options.onError(error);
      }
      if (done < options.batchSize && !stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.idleMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  };
  const running = loop();
  return {
    wake: () => wake(),
    async stop() {
      stopped = true;
      wake();
      await running;
    },
  };
}
