// Starts `fittrack dev` on a free port with a fresh FITTRACK_HOME, for browser runs
// (benchmarks, journeys). Nothing here touches the developer's own ~/.fittrack.
//
//   const server = await startDevServer({ seed: true });
//   ... server.base, server.home ...
//   await server.stop();        (stops the server and removes the home)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fittrackBin = process.env.FITTRACK_BIN ?? path.join(repo, '.venv', 'bin', 'fittrack');

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForHealth(base, server, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`fittrack dev exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`fittrack dev did not answer on ${base} within ${timeoutMs / 1000}s`);
}

function stopProcess(server) {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGINT'); // what Ctrl-C does: a clean shutdown
  const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
  return exited.finally(() => clearTimeout(timer));
}

/**
 * @param {{ seed?: boolean, env?: Record<string, string>, timeoutMs?: number,
 *           beforeStart?: (env: Record<string, string>) => void }} options
 *   seed: load the demo data (members, drawings) as `make dev` does; env: extra variables;
 *   beforeStart: runs with the server's environment (its fresh home) before it starts.
 */
export async function startDevServer({ seed = false, env = {}, timeoutMs = 180_000, beforeStart } = {}) {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const home = mkdtempSync(path.join(tmpdir(), 'fittrack-dev-home-'));
  const output = [];
  const args = ['dev', '--port', String(port), ...(seed ? [] : ['--no-seed'])];
  const serverEnv = { FITTRACK_HOME: home, PORT: String(port), ...env };
  beforeStart?.(serverEnv);
  const server = spawn(fittrackBin, args, {
    cwd: repo,
    env: { ...process.env, ...serverEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [server.stdout, server.stderr]) {
    stream.on('data', (chunk) => {
      output.push(chunk.toString());
      if (output.length > 400) output.shift();
    });
  }
  const stop = async () => {
    await stopProcess(server);
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await waitForHealth(base, server, timeoutMs);
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n${output.join('').split('\n').slice(-30).join('\n')}`);
  }
  return { base, home, port, stop, lastOutput: () => output.join('').split('\n').slice(-40).join('\n') };
}
