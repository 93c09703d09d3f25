// The whole chain once: a page on another origin loads the SDK from Loupe, logs, and the event
// arrives in Loupe's live stream.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLoupe, eventually, ADMIN_KEY, INGEST_KEY } from '../harness/loupe.mjs';
import { startSite } from '../harness/site.mjs';
import { launch } from '../harness/browser.mjs';

let loupe;
let site;
let browser;

before(async () => {
  loupe = await startLoupe();
  site = await startSite({ loupeUrl: loupe.baseUrl, ingestKey: INGEST_KEY });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.stop();
  await loupe?.stop();
});

test('a console.log on a page reaches Loupe', async () => {
  const seen = [];
  const controller = new AbortController();
  const stream = fetch(`${loupe.baseUrl}/v1/stream?category=console&after_seq=0`, {
    headers: { Authorization: `Bearer ${ADMIN_KEY}` }, signal: controller.signal,
  }).then(async (res) => {
    const decoder = new TextDecoder();
    for await (const chunk of res.body) {
      for (const line of decoder.decode(chunk, { stream: true }).split('\n')) {
        if (line.startsWith('data: ')) seen.push(JSON.parse(line.slice(6)));
      }
    }
  }).catch(() => {});
  const page = await browser.newPage();
  await page.goto(`${site.url}/smoke.html`);
  const event = await eventually(() => seen.find((e) => e.event.data?.message?.includes('hello from the smoke page')),
    { message: 'the console event in the stream' });
  assert.equal(event.event.type, 'console.log');
  assert.equal(event.event.source.kind, 'page');
  assert.match(event.event.source.name, /^loupe-sdk\//);
  controller.abort();
  await stream;
  await page.close();
});
