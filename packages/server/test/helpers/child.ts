import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { AnyJson } from './harness.js';

/** A service running in a child process (the built package). */
export interface ChildServer {
  readonly url: string;
  readonly actors: AnyJson;
  /** The last event seq when it started listening. */
  readonly head: number;
  readonly process: ChildProcess;
  /** SIGTERM and wait for the exit (graceful close). */
  stop(): Promise<void>;
  /** SIGKILL: no chance to finish anything. */
  kill(): Promise<void>;
}

const script = fileURLToPath(new URL('./child-server.mjs', import.meta.url));

/** Starts `startServer(options)` in a child process and waits until it listens. */
export async function startChildServer(options: Record<string, unknown>): Promise<ChildServer> {
  const child = spawn(process.execPath, [script, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const started = await new Promise<{ url: string; head: number; actors: AnyJson }>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`the child server exited with ${code} before listening`)));
  });
  const exited = once(child, 'exit');
  return {
    ...started,
    process: child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
