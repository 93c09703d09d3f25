// The two walls behind the dashboard's text-only rendering: the dashboard is served with a strict
// Content-Security-Policy (no inline or eval'd script, no plugins, no framing), and the read API
// answers nothing without the admin key or a session token made from it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLoupe, INGEST_KEY } from '../harness/loupe.mjs';
import { launch } from '../harness/browser.mjs';
import { DASHBOARD_VIEWPORT } from '../harness/dashboard.mjs';
import { IMG, seedHostileSession } from '../fixtures/hostile-session.mjs';

let loupe;
let browser;
let hostile;

before(async () => {
  loupe = await startLoupe();
  browser = await launch();
  hostile = await seedHostileSession(loupe, browser);
});

after(async () => {
  await browser?.close();
  await loupe?.stop();
});

/** The policy's directives as a map from name to its list of sources. */
function parsePolicy(header) {
  return new Map(header.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...sources] = d.split(/\s+/);
    return [name.toLowerCase(), sources];
  }));
}

test('the dashboard is served with a strict Content-Security-Policy', async () => {
  const context = await browser.newContext({ viewport: DASHBOARD_VIEWPORT });
  const page = await context.newPage();
  const response = await page.goto(`${loupe.baseUrl}/`);
  assert.equal(response.status(), 200);
  const header = response.headers()['content-security-policy'];
  assert.ok(header, 'the page carries a Content-Security-Policy header');
  const policy = parsePolicy(header);
  assert.deepEqual(policy.get('default-src'), ["'self'"]);
  assert.deepEqual(policy.get('script-src'), ["'self'"], 'scripts only from the dashboard itself: no inline, no eval');
  assert.deepEqual(policy.get('object-src'), ["'none'"]);
  assert.deepEqual(policy.get('base-uri'), ["'none'"]);
  assert.deepEqual(policy.get('frame-ancestors'), ["'none'"]);
  assert.deepEqual(policy.get('connect-src'), ["'self'"]);
  for (const [name, sources] of policy) {
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", '*', 'http:', 'https:']) {
      assert.ok(!sources.includes(bad), `${name} allows ${bad}`);
    }
  }
  assert.equal(response.headers()['x-content-type-options'], 'nosniff');

  // The browser enforces it: an inline script added to the page does not run.
  await page.getByTestId('login-form').waitFor();
  const ran = await page.evaluate(() => {
    window.__inline = false;
    const s = document.createElement('script');
    s.textContent = 'window.__inline = true';
    document.body.append(s);
    return window.__inline;
  });
  assert.equal(ran, false, 'an inline script is blocked by the policy');
  await context.close();
});

test('the read API refuses every request without the admin key (401) and leaks nothing', async () => {
  const id = encodeURIComponent(hostile.sessionId);
  const screenshots = await loupe.get(`/v1/sessions/${id}/screenshots`);
  const screenshotId = screenshots.data[0].screenshot_id;
  const reads = [
    ['GET', '/v1/sessions'], ['GET', `/v1/sessions/${id}`], ['GET', `/v1/sessions/${id}/events`],
    ['GET', `/v1/events?session_id=${id}`], ['GET', `/v1/sessions/${id}/screenshots`], ['GET', `/v1/screenshots/${screenshotId}`],
    ['GET', `/v1/sessions/${id}/har`], ['GET', '/v1/har?from=0&to=4102444800000000'], ['GET', '/v1/stats'],
    ['GET', '/api/v1/sessions'], ['GET', `/api/v1/sessions/${id}`], ['GET', `/api/v1/sessions/${id}/events`],
    ['GET', `/api/v1/sessions/${id}/screenshots`], ['GET', '/v1/stream?after_seq=0'], ['POST', '/v1/stream/token'],
  ];
  const credentials = [
    ['no credential', {}],
    ['the ingest key as bearer', { Authorization: `Bearer ${INGEST_KEY}` }],
    ['the ingest key header', { 'X-Loupe-Key': INGEST_KEY }],
    ['a wrong bearer', { Authorization: 'Bearer lp_admin_guess' }],
    ['a non-bearer scheme', { Authorization: `Basic ${Buffer.from('admin:lp_admin_e2e').toString('base64')}` }],
  ];
  for (const [method, path] of reads) {
    for (const [label, headers] of credentials) {
      const res = await fetch(loupe.baseUrl + path, { method, headers, signal: AbortSignal.timeout(10_000) });
      const body = await res.text();
      assert.equal(res.status, 401, `${method} ${path} with ${label}: ${res.status} ${body.slice(0, 200)}`);
      assert.equal(JSON.parse(body).error, 'unauthorized');
      assert.ok(!body.includes(IMG) && !body.includes(hostile.sessionId), `${method} ${path} leaks data`);
    }
  }
  // A stream token that is not one is refused too.
  const stream = await fetch(`${loupe.baseUrl}/v1/stream?token=not-a-token&after_seq=0`);
  assert.equal(stream.status, 401);
  await stream.body?.cancel();
});
