import { describe, expect, it } from 'vitest';
import { consoleData } from '../src/observers/console';
import { CHUNK, redact, redactString } from '../src/redact';

describe('redaction inside text: URLs, fragments, cards among digits, JSON objects', () => {
  it('masks listed query parameters of URLs anywhere in a string', () => {
    expect(redactString('Failed to load <img> https://b.s3.amazonaws.com/a.png?X-Amz-Signature=dead&token=tok123')).toBe(
      'Failed to load <img> https://b.s3.amazonaws.com/a.png?X-Amz-Signature=[REDACTED:query]&token=[REDACTED:query]',
    );
    expect(redactString('at f (https://cdn.test/app.js?token=tok456:1:2)')).toBe('at f (https://cdn.test/app.js?token=[REDACTED:query]');
    const body = '{"download_url":"https://x.s3.amazonaws.com/f?X-Amz-Signature=abc&X-Amz-Security-Token=def&v=1","n":2}';
    expect(redactString(body)).toBe('{"download_url":"https://x.s3.amazonaws.com/f?X-Amz-Signature=[REDACTED:query]&X-Amz-Security-Token=[REDACTED:query]&v=1","n":2}');
    expect(redactString('go to WSS://h.test/s?Token=a and /x?code=1')).toBe('go to WSS://h.test/s?Token=[REDACTED:query] and /x?code=1');
    expect(redactString('/redirect?to=https://x.test/?code=abc')).toBe('/redirect?to=https://x.test/?code=[REDACTED:query]');
  });

  it('masks listed parameters of URLs as HTML and JSON encoders escape them', () => {
    expect(redactString('<a href="https://x.test/reset?u=1&amp;token=SECRET1">reset</a>')).toBe('<a href="https://x.test/reset?u=1&amp;token=[REDACTED:query]">reset</a>');
    // Go escapes '&' in JSON; PHP escapes '/'.
    expect(redactString('{"url":"https://x.test/cb?a=1\\u0026code=SECRET2","n":1}')).toBe('{"url":"https://x.test/cb?a=1\\u0026code=[REDACTED:query]","n":1}');
    expect(redactString('{"url":"https:\\/\\/x.test\\/reset?token=SECRET3&x=1"}')).toBe('{"url":"https:\\/\\/x.test\\/reset?token=[REDACTED:query]&x=1"}');
  });

  it('masks a query or a fragment that is the whole string, and listed parameters in fragments', () => {
    expect(redactString('?token=tok789&code=c0de&page=2')).toBe('?token=[REDACTED:query]&code=[REDACTED:query]&page=2');
    expect(redactString('#access_token=opaqueAT&state=ok')).toBe('#access_token=[REDACTED:query]&state=ok');
    expect(redactString('https://app.test/cb#access_token=opaqueAT&refresh_token=opaqueRT&state=ok')).toBe(
      'https://app.test/cb#access_token=[REDACTED:query]&refresh_token=[REDACTED:query]&state=ok',
    );
    expect(redactString('https://app.test/?lang=en#/callback?code=AUTHCODE123')).toBe('https://app.test/?lang=en#/callback?code=[REDACTED:query]');
    for (const plain of ['https://a.test/page#section-2', '#top', 'see https://a.test/x?page=2#h']) expect(redactString(plain)).toBe(plain);
  });

  it('never splits a URL in plain text between the chunks of a long body', () => {
    // A comma in the query is the last boundary character before the first cut.
    const url = 'https://h.test/p?a=1,2&token=' + 's'.repeat(3000);
    const text = 'x'.repeat(CHUNK - 1000) + ' ' + url + ' ' + 'y'.repeat(CHUNK);
    expect(redact({ response_body: text }).response_body).toBe('x'.repeat(CHUNK - 1000) + ' https://h.test/p?a=1,2&token=[REDACTED:query] ' + 'y'.repeat(CHUNK));
  });

  it('masks a card number followed or preceded by more digits, and only it', () => {
    expect(redactString('card 4242 4242 4242 4242 123')).toBe('card [REDACTED:card] 123');
    expect(redactString('4111111111111111 12')).toBe('[REDACTED:card] 12');
    expect(redactString('amex 3782 822463 10005 1234')).toBe('amex [REDACTED:card] 1234');
    expect(redactString('cvv 123 4242-4242-4242-4242')).toBe('cvv 123 [REDACTED:card]');
    // An unseparated run that fails is more likely an id.
    expect(redactString('order 4111111111111111123')).toBe('order 4111111111111111123');
    expect(redactString('ids 1234 5678 9012 3456 7')).toBe('ids 1234 5678 9012 3456 7');
  });

  it('masks objects and arrays under sensitive keys in JSON text whole, and looks inside others', () => {
    const body = '{"tokens":{"access":"opaque-AT-123","refresh":"x]}\\"{"},"secrets":["s3cr3t-1",{"a":[2]}],"user":{"name":"ann","password":"hunter2"},"n":1}';
    expect(redactString(body)).toBe('{"tokens":"[REDACTED:key]","secrets":"[REDACTED:key]","user":{"name":"ann","password":"[REDACTED:key]"},"n":1}');
    // Cut at a limit inside it: masked to the end.
    expect(redactString('{"a":1,"tokens":{"access":"opaque-AT-1…[truncated 35 bytes]')).toBe('{"a":1,"tokens":"[REDACTED:key]"');
    expect(redactString('{"password":"hunter2-correc…[truncated 35 bytes]')).toBe('{"password":"[REDACTED:key]"');
  });

  it('masks what a console call shows of a sensitive object in its message, and in an argument cut to its limit', () => {
    const state = { tokens: { access: 'opaque-AT-123', refresh: 'opaque-RT-456' }, user: 'ann' };
    const data = redact(consoleData(['auth state', state, JSON.stringify({ note: 'n'.repeat(1200), password: 'hunter2-correct-horse' })]));
    expect(JSON.stringify(data)).not.toMatch(/opaque|hunter2/);
    expect(data.message).toContain('auth state {"tokens":"[REDACTED:key]","user":"ann"}');
  });

  it('never cuts a long body inside an object under a sensitive key', () => {
    // 60 KB of it, from 100 characters before the first cut, with boundary characters and brackets in strings.
    const value = '{"k":"' + 'S,}'.repeat(10000) + '","list":[' + '"S",'.repeat(7500) + '1]}';
    const body = 'x'.repeat(CHUNK - 100) + '{"secrets":' + value + ',"ok":"S"}' + ',"y"'.repeat(CHUNK / 4);
    const out = redact({ response_body: body }).response_body as string;
    expect(out).toBe('x'.repeat(CHUNK - 100) + '{"secrets":"[REDACTED:key]","ok":"S"}' + ',"y"'.repeat(CHUNK / 4));
  });

  it('masks sensitive members of JSON held in a JSON string (a payload encoded twice)', () => {
    const body = JSON.stringify({ payload: JSON.stringify({ user: 'ann', password: 'hunter2', pin: 1234, api_key: 'k-9' }) });
    expect(redactString(body)).toBe(
      JSON.stringify({ payload: JSON.stringify({ user: 'ann', password: '[REDACTED:key]', pin: '[REDACTED:key]', api_key: '[REDACTED:key]' }) }),
    );
    // A quote or backslash inside the inner value does not end it early.
    const quoted = JSON.stringify({ payload: JSON.stringify({ password: 'a"SECRET\\b', n: 1 }) });
    expect(redactString(quoted)).toBe(JSON.stringify({ payload: JSON.stringify({ password: '[REDACTED:key]', n: 1 }) }));
    // Never cut inside one, in a payload longer than the window: the chunk would end at the comma inside the password.
    for (const pad of [CHUNK - 40, CHUNK - 50]) {
      const long = JSON.stringify({ payload: JSON.stringify({ pad: 'x'.repeat(pad), password: 'hunter2,SECRETTAIL', more: 'y,'.repeat(CHUNK) }) });
      const out = redact({ response_body: long }).response_body as string;
      expect(out, String(pad)).not.toMatch(/hunter2|SECRETTAIL/);
    }
  });

  it('follows nested objects under sensitive keys across a chunk cut in linear time', () => {
    // 20,000 levels: following each nested member to its end again would scan 10^8 characters.
    const depth = 20000;
    const body = ' '.repeat(CHUNK - 1000) + '{"token":'.repeat(depth) + '1' + '}'.repeat(depth) + ' '.repeat(CHUNK);
    expect(redact({ response_body: body }).response_body).toBe(' '.repeat(CHUNK - 1000) + '{"token":"[REDACTED:key]"}' + ' '.repeat(CHUNK));
  });
});
