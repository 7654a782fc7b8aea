import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** Runs closeOnSignals in a child process (it calls process.exit), sends SIGTERM, and reports how it ended. */
function runChild(
  closeBody: string,
  timeoutMs: number,
): Promise<{ code: number | null; output: string; ms: number }> {
  const module = join(__dirname, 'graceful-shutdown.ts');
  // The child runs the real helper, transpiled on the fly with swc (it has no imports of its own).
  const code = `
    const swc = require('@swc/core');
    const fs = require('fs');
    const m = { exports: {} };
    const out = swc.transformSync(fs.readFileSync(${JSON.stringify(module)}, 'utf8'), { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code;
    new Function('module', 'exports', 'require', out)(m, m.exports, require);
    m.exports.closeOnSignals(() => ${closeBody}, ${timeoutMs}, (line) => console.log(line));
    console.log('ready');
    setInterval(() => {}, 1000);
  `;
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['-e', code], { cwd: join(__dirname, '../../../..') });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready') && !child.killed) child.kill('SIGTERM');
    });
    child.on('exit', (exitCode) => resolve({ code: exitCode, output, ms: Date.now() - started }));
  });
}

describe('closeOnSignals', () => {
  it('exits 0 once in-flight work has finished', async () => {
    const result = await runChild('new Promise((r) => setTimeout(r, 100))', 5000);
    expect(result.code).toBe(0);
    expect(result.output).toContain('SIGTERM received: finishing in-flight work (at most 5000 ms)');
  });

  it('gives up after the bounded wait when work never finishes', async () => {
    const result = await runChild('new Promise(() => {})', 300);
    expect(result.code).toBe(1);
    expect(result.output).toContain('Shutdown took longer than 300 ms; exiting anyway');
  });
});
