/**
 * Closes what the process runs when it is told to stop (SIGTERM from an orchestrator, Ctrl-C),
 * letting in-flight requests and jobs finish, but never waiting longer than `timeoutMs`:
 * a job stuck on a dead network must not keep a deploy waiting for ever. Anything cut short is
 * left in a state the reconciler finishes (DESIGN.md: nothing is lost).
 */
export function closeOnSignals(
  close: () => Promise<void>,
  timeoutMs: number,
  log: (message: string) => void = (m) => console.log(m),
): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal} received: finishing in-flight work (at most ${timeoutMs} ms)`);
    const timer = setTimeout(() => {
      log(`Shutdown took longer than ${timeoutMs} ms; exiting anyway`);
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`Error while shutting down: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
