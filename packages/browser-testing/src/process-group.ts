import { type ChildProcess, spawn } from 'node:child_process';

export interface RunningProcess {
  /** Its pid, which is also its process group's id. */
  pid: number;
  /** Everything it printed so far. */
  output(): string;
  /** Ends its whole process group: SIGTERM, then SIGKILL after 15 s. */
  stop(): Promise<void>;
}

/**
 * Starts `node script args…` in its own process group (so stopping it also ends what it started,
 * such as Postgres) and resolves once it prints `readyText`; fails with its output otherwise.
 */
export async function startNodeProcess(options: {
  script: string;
  args?: string[];
  cwd: string;
  env: Record<string, string>;
  readyText: string;
  timeoutMs: number;
}): Promise<RunningProcess> {
  const child = spawn(process.execPath, [options.script, ...(options.args ?? [])], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const running = {
    pid: child.pid ?? 0,
    output: () => output,
    stop: () => stopProcessGroup(child),
  };
  try {
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`${options.script} not ready in ${options.timeoutMs} ms:\n${output}`)),
        options.timeoutMs,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(options.readyText)) {
          clearTimeout(timer);
          ready();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`${options.script} exited with ${code}:\n${output}`));
      });
    });
    return running;
  } catch (error) {
    await running.stop();
    throw error;
  }
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timeout = new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), 15_000));
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
