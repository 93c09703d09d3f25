// Privacy in real Chromium: secrets a page handles (typed passwords and card numbers, bearer
// tokens in headers and console text, a JWT in a query, a password in a JSON body, an email, a
// token in the page URL) never appear in what the SDK sends nor in what Loupe keeps, and the
// redaction markers are where the secrets were.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoDuplicates, assertSameBehaviour, flushSdk, rawSessionEvents, sessionEvents, sessionIdOf, startStack, waitForEvents } from '../harness/sdk-page.mjs';

let stack;
before(async () => (stack = await startStack()));
after(async () => stack?.stop());

const PASSWORD = 'Hunter2-Pw-Secret';
const CARD = '4111 1111 1111 1111';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0.c2lnbmF0dXJlLXNlY3JldA';
const SECRETS = [
  PASSWORD,
  CARD,
  CARD.replaceAll(' ', ''),
  'sk-bearer-SECRET-0123456789',
  'xhr-bearer-SECRET-987654',
  JWT,
  'c2lnbmF0dXJlLXNlY3JldA', // the JWT's signature alone
  'BodyPw-Secret-55',
  'alice.secret@example.com',
  'abc.DEF-consoleBearer42',
  'PageUrlSecret77',
];

test('no secret leaves the page or reaches Loupe, and redaction markers stand in for them', async () => {
  const run = await assertSameBehaviour(stack.browser, `${stack.site.url}/sdk-privacy.html?token=PageUrlSecret77`);
  try {
    const { page } = run;
    // Real key presses: the SDK sees keydown, input and change as it would from a user.
    await page.locator('#pw').pressSequentially(PASSWORD);
    await page.locator('#note').pressSequentially(CARD);
    await page.locator('#nick').pressSequentially('ann-the-cat');
    await page.locator('#nick').press('Tab');
    assert.equal(await page.locator('#pw').inputValue(), PASSWORD, 'the page keeps what was typed');
    assert.equal(await page.locator('#note').inputValue(), CARD);
    await flushSdk(page);

    const sessionId = await sessionIdOf(page);
    const changeOf = (evs, id) => evs.find((e) => e.type === 'action.change' && e.data.selectors.css === `#${id}`);
    const events = await waitForEvents(
      stack.loupe,
      sessionId,
      (evs) =>
        ['pw', 'note', 'nick'].every((id) => changeOf(evs, id)) &&
        evs.filter((e) => e.type === 'network.request').length >= 4 &&
        evs.filter((e) => e.category === 'console').length >= 2 &&
        evs.some((e) => e.type === 'session.start')
          ? evs
          : undefined,
      'the form changes, four requests, two console messages and the session start',
    );

    // Nothing secret anywhere in what Loupe answers, nor in any body the SDK sent.
    const raw = await rawSessionEvents(stack.loupe, sessionId);
    for (const secret of SECRETS) assert.ok(!raw.includes(secret), `Loupe holds the secret ${secret}`);
    const readable = run.uploads.filter((u) => u.body != null);
    assert.ok(readable.length > 0, 'at least one upload body could be inspected');
    for (const { body } of readable) for (const secret of SECRETS) assert.ok(!body.includes(secret), `the SDK sent the secret ${secret}`);

    // Form fields: sensitive values masked, an ordinary one kept.
    for (const id of ['pw', 'note']) {
      const change = changeOf(events, id).data;
      assert.equal(change.masked, true, `#${id} is masked`);
      assert.equal('value' in change, false, `#${id} has no value`);
      for (const input of events.filter((e) => e.type === 'action.input' && e.data.selectors.css === `#${id}`)) assert.equal(input.data.masked, true);
    }
    assert.equal(changeOf(events, 'nick').data.value, 'ann-the-cat');
    assert.equal(changeOf(events, 'nick').data.masked, false);
    // Keys typed into fields are not recorded (the input events carry the, masked, values).
    assert.deepEqual(events.filter((e) => e.type === 'action.key' && e.data.key.length === 1), []);

    // Headers: Authorization removed, the others kept.
    const request = (c) => events.find((e) => e.type === 'network.request' && new URL(e.data.url).searchParams.get('case') === c).data;
    for (const c of ['auth-fetch', 'auth-xhr']) {
      assert.equal(request(c).request_headers['x-trace'], 'visible-trace', c);
      assert.equal('authorization' in request(c).request_headers, false, `${c}: no authorization header`);
    }
    assert.equal(request('jwt').url, `${stack.site.url}/api/json?case=jwt&state=[REDACTED:jwt]`);
    assert.equal(request('body').request_body, '{"user":"ann","password":"[REDACTED:key]"}');

    const messages = events.filter((e) => e.category === 'console').map((e) => e.data.message);
    assert.ok(messages.includes('contact [REDACTED:email] for help'), JSON.stringify(messages));
    assert.ok(messages.includes('retrying with Authorization: [REDACTED:bearer]'), JSON.stringify(messages));

    // The page URL's token query parameter, in every event and in the session metadata.
    const pageUrl = `${stack.site.url}/sdk-privacy.html?token=[REDACTED:query]`;
    for (const e of events.filter((e) => e.type !== 'session.start')) assert.equal(e.url, pageUrl, e.type);
    assert.equal(events.find((e) => e.type === 'session.start').data.page_url, pageUrl);
    assert.equal(events.find((e) => e.type === 'page.view').data.url, pageUrl);

    assertNoDuplicates(await sessionEvents(stack.loupe, sessionId));
  } finally {
    await run.close();
  }
});
