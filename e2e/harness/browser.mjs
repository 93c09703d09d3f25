// Debian's Chromium driven by playwright-core. Never a downloaded browser.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export async function launch(extraArgs = []) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: scripts/install-test-deps installs Debian's chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, ...extraArgs] });
}

/**
 * Chromium that also serves its bundled DevTools front end on a loopback remote-debugging port;
 * `devtools` is that origin (its modules are under /devtools/).
 */
export async function launchWithDevToolsFrontend() {
  const port = await freePort();
  const browser = await launch([`--remote-debugging-address=127.0.0.1`, `--remote-debugging-port=${port}`]);
  return { browser, devtools: `http://127.0.0.1:${port}` };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
