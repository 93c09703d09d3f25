// Starts the built Loupe server (server/target/loupe.jar) on a free port with known keys and a
// fresh data directory, and talks to its API. Tests use the real artifact a user would run.
import { spawn } from 'node:child_process';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const JAR = join(root, 'server', 'target', 'loupe.jar');
export const ADMIN_KEY = 'lp_admin_e2e';
export const INGEST_KEY = 'lp_ingest_e2e';

/**
 * Starts Loupe; resolves once it is listening. Extra CLI flags may be given; `dataDir` and `port`
 * start it again where a killed one was (see kill()).
 */
export async function startLoupe(extraArgs = [], { dataDir = mkdtempSync(join(tmpdir(), 'loupe-e2e-')), port = 0 } = {}) {
  if (!existsSync(JAR)) throw new Error(`${JAR} is missing: build the project first (mvn package)`);
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  // Tests send from one address as fast as they can: no rate limit, unless a test sets its own.
  const rateLimit = extraArgs.includes('--rate-limit') ? [] : ['--rate-limit', 'off'];
  const child = spawn(java, ['-Xmx512m', '-jar', JAR, 'serve', '--port', String(port), '--data-dir', dataDir,
    '--admin-key', ADMIN_KEY, '--ingest-key', INGEST_KEY, ...rateLimit, '--min-free-disk', '0',
    ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const baseUrl = await new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`Loupe did not start:\n${log}`)), 60_000);
    const onData = (chunk) => {
      log += chunk;
      const m = /listening on (http:\/\/[^\s]+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolvePromise(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`Loupe exited with ${code}:\n${log}`)));
  });
  return {
    baseUrl,
    /** The token of the sign-in link, printed on the line after "listening on" (so read lazily). */
    get loginToken() {
      return /#login=([^\s]+)/.exec(log)?.[1];
    },
    dataDir,
    log: () => log,
    /** As a crash: SIGKILL, nothing flushed or closed; the data directory stays for a restart. */
    async kill() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
    /** GET on the read API with the admin key; returns parsed JSON. */
    async get(path) {
      const res = await fetch(baseUrl + path, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    /** POSTs native events with the ingest key. */
    async ingest(events, session) {
      const res = await fetch(`${baseUrl}/v1/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Loupe-Key': INGEST_KEY },
        body: JSON.stringify(session ? { session, events } : events),
      });
      if (res.status !== 202) throw new Error(`ingest: ${res.status} ${await res.text()}`);
      return res.json();
    },
    /** All events matching the query, following cursors. */
    async events(query) {
      const out = [];
      let cursor = '';
      for (;;) {
        const page = await this.get(`/v1/events?${query}&limit=10000${cursor ? `&after_seq=${cursor}` : ''}`);
        out.push(...page.data);
        if (!page.next_cursor || page.data.length === 0) return out;
        cursor = page.next_cursor;
      }
    },
  };
}

/** Polls {@code probe} until it returns a truthy value or the time is up (no fixed sleeps). */
export async function eventually(probe, { timeoutMs = 15_000, intervalMs = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${message}; last: ${last instanceof Error ? last.stack : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
