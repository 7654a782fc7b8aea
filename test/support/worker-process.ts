import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

export interface WorkerProcess {
  pid: number;
  /** Kills the process at once, as a crash or an OOM killer would; resolves when it is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * A real worker in its own process (the TypeScript sources compiled on the fly by @swc/core), so a test can kill
 * it with SIGKILL in the middle of a job. `env` overrides the configuration (DATABASE_URL, REDIS_URL,
 * QUEUE_PREFIX...). Resolves once the worker is processing jobs.
 */
export async function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  const child: ChildProcess = fork(join(__dirname, 'worker-process', 'worker-child.js'), [], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The worker process did not start in 60 s: ${stderr}`)),
      60_000,
    );
    child.once('message', () => {
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The worker process exited (${code}) before it was ready: ${stderr}`));
    });
  });
  return {
    pid: child.pid!,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
