import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as compiled from 'loupe:rules';
import { compileRules, RULES_FILE } from '../scripts/rules.mjs';
import { luhn } from '../src/luhn';
import { CHUNK, redact, redactString, redactValue } from '../src/redact';

const text = readFileSync(RULES_FILE, 'utf8');
const onDisk = JSON.parse(text);
const flags = (f = '') => [...f].sort().join('');

describe('the rule set', () => {
  it('is compiled from rules/redaction.json, the file the server applies', () => {
    expect(RULES_FILE).toMatch(/[\\/]rules[\\/]redaction\.json$/);
    const names = (re: RegExp, list: string[]) => {
      for (const n of list) {
        expect(re.test(n), n).toBe(true);
        expect(re.test(n.toUpperCase()), n).toBe(true);
        expect(re.test(n + 'x') || re.test('x' + n), n).toBe(false);
      }
      expect(re.test('accept')).toBe(false);
    };
    names(compiled.headerNames, onDisk.headers.names);
    names(compiled.queryNames, onDisk.query_params.names);
    expect(compiled.headerRemove).toBe(+(onDisk.headers.action == 'remove'));
    expect(compiled.queryRemove).toBe(+(onDisk.query_params.action == 'remove'));
    expect(compiled.keyRemove).toBe(+(onDisk.json_keys.action == 'remove'));
    for (const p of onDisk.json_keys.patterns) expect(compiled.keyPattern.source).toContain(p);
    expect(compiled.keyPattern.flags).toBe(onDisk.json_keys.flags);
    // min_digits compiles to a test: the fewest digits (among other characters) that pass it.
    const digits = (min?: RegExp | 0) => (min ? Array.from({ length: 40 }, (_, k) => k).find((k) => min.test('x1 '.repeat(k))) : 0);
    // Zeros at the end of a rule are left out (absent reads as 0).
    expect(compiled.valueRules.map(([kind, re, , min, check, remove]) => [kind, re.source, flags(re.flags), digits(min), check || 0, remove || 0])).toEqual(
      onDisk.values.map((v: any) => [v.kind, new RegExp(v.pattern).source, flags((v.flags || '') + 'g'), v.min_digits || 0, +(v.check == 'luhn'), +(v.action == 'remove')]),
    );
    compiled.valueRules.forEach(([, , pre], i) => {
      const literals: string[] = onDisk.values[i].prefilter || [];
      expect(pre ? literals.length : 0).toBe(literals.length);
      for (const l of literals) expect(pre && pre.test('x' + l.toUpperCase() + 'y'), l).toBe(true);
      if (pre) expect(pre.test('zzz')).toBe(false);
    });
  });

  it('passes every string a value rule could apply to through its one first test, and few others', () => {
    const { anyValueRule } = compiled;
    onDisk.values.forEach((v: any) => {
      for (const l of v.prefilter || []) expect(anyValueRule.test('x' + l.toLowerCase() + 'y'), l).toBe(true);
      if (!v.prefilter?.length) expect(anyValueRule.test('n' + '1-'.repeat(v.min_digits || 0)), v.kind).toBe(true);
    });
    for (const plain of ['bench item', 'widget', 'application/json', 'https://shop.example/cart?id=42', '{"ok":true,"items":[1,2,3]}']) expect(anyValueRule.test(plain), plain).toBe(false);
  });

  it('is exactly what the build compiles, without the prose, and follows changes to the file', () => {
    const module = compileRules(text);
    expect(module).not.toContain(onDisk.about.slice(0, 40));
    for (const n of onDisk.headers.names) expect(module).toContain(n);
    const changed = JSON.parse(text);
    changed.headers.names.push('x-extra-secret');
    changed.query_params.action = 'remove';
    changed.values[0].action = 'hash';
    const next = compileRules(JSON.stringify(changed));
    expect(next).toContain('x-extra-secret');
    expect(next).toContain('queryRemove=1');
    expect(() => compileRules(JSON.stringify({ ...changed, json_keys: { ...changed.json_keys, flags: 'g' } }))).toThrow(/flag/);
    expect(() => compileRules(JSON.stringify({ ...changed, values: [{ ...changed.values[0], pattern: '(' }] }))).toThrow();
  });

  it('has a working value rule for every kind in the file', () => {
    const samples: Record<string, string> = {
      private_key: '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----',
      bearer: 'Bearer abc.def-ghi',
      jwt: 'eyJhbGciOi.eyJzdWIiOi.sig_nature',
      aws_access_key: 'AKIAIOSFODNN7EXAMPLE',
      github_token: 'ghp_' + 'a'.repeat(36),
      stripe_key: 'sk_live_' + 'a'.repeat(24),
      google_api_key: 'AIza' + 'b'.repeat(35),
      slack_token: 'xoxb-1234567890-abc',
      email: 'jane.doe@example.com',
      card: '4111 1111 1111 1111',
    };
    for (const rule of onDisk.values) {
      expect(redactString(`x ${samples[rule.kind]} y`), rule.kind).toBe(`x [REDACTED:${rule.kind}] y`);
    }
  });
});

describe('redact', () => {
  it('removes listed headers in any object under a key ending in headers, case-insensitively', () => {
    const data = redact({
      request_headers: { Authorization: 'Basic x', cookie: 'a=b', accept: 'text/html' },
      response_headers: { 'set-cookie': 's=1', 'content-type': 'text/plain' },
      other: { cookie: 'kept: not a headers object' },
    });
    expect(data).toEqual({
      request_headers: { accept: 'text/html' },
      response_headers: { 'content-type': 'text/plain' },
      other: { cookie: 'kept: not a headers object' },
    });
  });

  it('takes any object under a key ending in headers, in any case, as headers, and masks headers named like sensitive keys, as the server does', () => {
    const data = redact({
      headers: { Cookie: 'sid=1', Accept: 'text/html' },
      requestHeaders: { Authorization: 'Bearer x', 'X-CSRFToken': 'c1', 'x-access-token': 't1' },
    });
    expect(data).toEqual({
      headers: { Accept: 'text/html' },
      requestHeaders: { 'X-CSRFToken': '[REDACTED:key]', 'x-access-token': '[REDACTED:key]' },
    });
  });

  it('reads a form under any key ending in body, in any case, and JSON whose colons follow spaces', () => {
    const data = redact({
      requestBody: 'user=a&password=S1',
      Body: 'email=jane%40example.com',
      response_body: '{\n  "id" : 7,\n  "password" : "S2"\n}',
      message: 'sent {\\"token\\" : \\"S3\\"}',
    });
    expect(data).toEqual({
      requestBody: 'user=a&password=[REDACTED:query]',
      Body: 'email=%5BREDACTED%3Aemail%5D', // put back encoded, as it came
      response_body: '{\n  "id" : 7,\n  "password" : "[REDACTED:key]"\n}',
      message: 'sent {\\"token\\" : \\"[REDACTED:key]\\"}',
    });
  });

  it('masks values of sensitive keys anywhere, whatever the value', () => {
    const data = redact({ user: { password: 'hunter2', Api_Key: { nested: 1 }, name: 'ok' }, list: [{ token: 'abc', csrf_token: 'x' }], pin: 1234, pinned: true });
    expect(data).toEqual({
      user: { password: '[REDACTED:key]', Api_Key: '[REDACTED:key]', name: 'ok' },
      list: [{ token: '[REDACTED:key]', csrf_token: '[REDACTED:key]' }],
      pin: '[REDACTED:key]',
      pinned: true,
    });
  });

  it('masks sensitive members of JSON held as text, keeping the text as it was', () => {
    const body = '{"user":"ann", "password" : "hun\\"ter2", "n":{"token":5,"pin":null},"note":"password: x"}';
    expect(redact({ request_body: body }).request_body).toBe(
      '{"user":"ann", "password" : "[REDACTED:key]", "n":{"token":"[REDACTED:key]","pin":"[REDACTED:key]"},"note":"password: x"}',
    );
  });

  it('masks listed query parameters of URL-valued strings only', () => {
    expect(redactString('https://a.example/cb?code=123&state=ok&Access_Token=t#frag')).toBe(
      'https://a.example/cb?code=[REDACTED:query]&state=ok&Access_Token=[REDACTED:query]#frag',
    );
    expect(redactString('/api?key=k&page=2')).toBe('/api?key=[REDACTED:query]&page=2');
    expect(redactString('wss://ws.example/s?token=t')).toBe('wss://ws.example/s?token=[REDACTED:query]');
    expect(redactString('not a url ?token=t')).toBe('not a url ?token=t');
    // A listed name without a value has nothing to mask (the server leaves it too).
    expect(redactString('https://a.example/?x%3D=1&sig')).toBe('https://a.example/?x%3D=1&sig');
  });

  it('treats form-encoded bodies like query strings, also matching json_keys names', () => {
    const form = 'user=ann&password=hunter2&csrf_token=t1&note=jane%40example.com&api-key=k&mail=jane@example.com';
    expect(redact({ request_body: form, response_body: 'pin=1234&ok=1' })).toEqual({
      // An encoded email is masked once decoded, and the mask encoded as the value was.
      request_body: 'user=ann&password=[REDACTED:query]&csrf_token=[REDACTED:query]&note=%5BREDACTED%3Aemail%5D&api-key=[REDACTED:query]&mail=[REDACTED:email]',
      response_body: 'pin=[REDACTED:query]&ok=1',
    });
    // A pair may be a bare name, or empty (a trailing '&'); text without any '=' is no form.
    expect(redact({ request_body: 'user=bob&password=hunter2&', response_body: 'remember&password=hunter3', other_body: 'just&words' })).toEqual({
      request_body: 'user=bob&password=[REDACTED:query]&',
      response_body: 'remember&password=[REDACTED:query]',
      other_body: 'just&words',
    });
    // Only bodies look like forms; text with spaces or JSON is no form.
    expect(redact({ message: 'user=ann&password=hunter2' }).message).toBe('user=ann&password=hunter2');
    expect(redact({ request_body: 'user=ann & password=hunter2' }).request_body).toBe('user=ann & password=hunter2');
    expect(redact({ request_body: '{"a":"b=c&password=d"}' }).request_body).toBe('{"a":"b=c&password=d"}');
  });

  it('masks card numbers only when they pass Luhn', () => {
    expect(redactString('card 4111-1111-1111-1111 ok')).toBe('card [REDACTED:card] ok');
    expect(redactString('5500 0000 0000 0004')).toBe('[REDACTED:card]');
    expect(redactString('order 4111111111111112')).toBe('order 4111111111111112');
    expect(redactString('phone 1234 5678 9012')).toBe('phone 1234 5678 9012');
  });

  it('skips a rule whose prefilter literal is absent (case-insensitive match)', () => {
    expect(redactString('BEARER abc')).toBe('[REDACTED:bearer]');
    expect(redactString('eyj.not.a.jwt')).toBe('eyj.not.a.jwt');
  });

  it('redacts large strings chunk by chunk without missing a match near a boundary', () => {
    const filler = '"a",'.repeat(CHUNK / 4 - 3);
    const body = filler + '"jane@example.com",' + filler + '"4111111111111111"';
    const out = redact({ response_body: body }).response_body as string;
    expect(out).toContain('"[REDACTED:email]"');
    expect(out).toContain('"[REDACTED:card]"');
    expect(out).not.toContain('jane@');
  });

  it('redacts an event of small strings as one unit of work and a long body a chunk at a time', () => {
    const units = (v: unknown) => {
      const it = redactValue(v);
      let n = 1;
      while (!it.next().done) n++;
      return n;
    };
    expect(units({ message: 'a@b.co', args: ['x', 'y', { z: 'w' }], location: { url: 'https://a.b/c' } })).toBe(1);
    expect(units({ response_body: 'x'.repeat(4 * CHUNK), request_body: 'y'.repeat(CHUNK + 1) })).toBe(1 + 4 + 2);
  });

  it('never cuts a long body inside a JSON member whose key masks its value', () => {
    // The chunk would end at the comma inside the password, before its closing quote.
    for (const pad of [CHUNK - 20, CHUNK - 30, CHUNK - 2000, CHUNK + 5]) {
      const body = 'x'.repeat(pad) + '{"password":"hunter2,SECRETTAIL","pin":1234,"ok":"a,b"}' + ',"y"'.repeat(CHUNK / 4);
      const out = redact({ response_body: body }).response_body as string;
      expect(out, String(pad)).not.toMatch(/hunter2|SECRETTAIL|1234/);
      expect(out).toContain('{"password":"[REDACTED:key]","pin":"[REDACTED:key]","ok":"a,b"}');
      expect(out.length).toBe(body.length - 'hunter2,SECRETTAIL'.length - 4 + 2 * '[REDACTED:key]'.length + 2);
    }
  });

  it('masks a sensitive member whose value goes on past the window, and still chunks other long values', () => {
    // A value of 40 KB under a sensitive key, from just before the cut: no window sees its end.
    for (const value of ['S'.repeat(40000), 'S,'.repeat(20000), 'S\\"'.repeat(14000)]) {
      const body = 'x'.repeat(CHUNK - 100) + '{"password":"' + value + '","ok":"fine"}' + ',"y"'.repeat(CHUNK / 4);
      const out = redact({ response_body: body }).response_body as string;
      expect(out).not.toContain('SS');
      expect(out).toContain('x{"password":"[REDACTED:key]","ok":"fine"},"y"');
    }
    // The same in a body cut at its limit inside the value.
    expect(redactString('{"a":1,"token":"abc')).toBe('{"a":1,"token":"[REDACTED:key]"');
    expect(redactString('{"a":"abc')).toBe('{"a":"abc');
    // A long value under any other key is still redacted a chunk at a time.
    const it = redactValue({ response_body: '{"image":"' + 'A'.repeat(4 * CHUNK) + ' jane@example.com"}' });
    let units = 1;
    let r;
    while (!(r = it.next()).done) units++;
    expect(units).toBe(1 + 5);
    expect((r.value as any).response_body).toMatch(/A \[REDACTED:email\]"}$/);
  });

  it('never cuts a long body inside a value rule match, even with no boundary character near', () => {
    const key = '-----BEGIN RSA PRIVATE KEY-----\n' + 'MIIEowIBAAKCAQEA'.repeat(4).concat('\n').repeat(40) + '-----END RSA PRIVATE KEY-----';
    for (const pad of [CHUNK - 1000, CHUNK - 100, CHUNK - 20]) {
      const text = 'a'.repeat(pad) + ' ' + key + ' jane@example.com ' + 'b'.repeat(CHUNK);
      const out = redact({ response_body: text }).response_body as string;
      expect(out, String(pad)).not.toMatch(/MIIE|PRIVATE KEY|jane@|example\.com/);
      expect(out).toContain(' [REDACTED:private_key] [REDACTED:email] ');
    }
    // An email cut through by a hard cut (no boundary character in the last 2 KB before it).
    const email = 'x'.repeat(CHUNK - 8) + ' jane.doe@example.com ' + 'y'.repeat(CHUNK);
    expect(redact({ response_body: email }).response_body).toBe('x'.repeat(CHUNK - 8) + ' [REDACTED:email] ' + 'y'.repeat(CHUNK));
  });

  it('never cuts a long body inside a token member that starts kilobytes before the cut', () => {
    // An OpenID Connect token of 12 KB whose member starts 6 KB before the end of the first
    // chunk: no boundary character in its last 2 KB, so a hard cut would split the token.
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJ' + 'a'.repeat(12000) + '.' + 'sig'.repeat(100);
    const body = '{"a":"' + 'x'.repeat(CHUNK - 6000) + '","id_token":"' + jwt + '","b":"ok"}' + ',"y"'.repeat(CHUNK / 4);
    const out = redact({ response_body: body }).response_body as string;
    expect(out).not.toMatch(/eyJ|aaaa|sigsig/);
    expect(out).toContain('","id_token":"[REDACTED:key]","b":"ok"}');
  });

  it('never cuts a long body inside a private key block that starts kilobytes before the cut', () => {
    // An 8192-bit key block of 6.8 KB (lines of 64 characters, no boundary character) from 5 KB
    // before the end of the first chunk.
    const line = 'MIISQgIBADANBgkqhkiG9w0BAQEFAASCEiwwggkoAgEAAoICAQ' + 'C'.repeat(14);
    const key = '-----BEGIN PRIVATE KEY-----\n' + (line + '\n').repeat(104) + '-----END PRIVATE KEY-----';
    const text = 'a'.repeat(CHUNK - 5000) + ' ' + key + ' ' + 'b'.repeat(CHUNK);
    expect(redact({ response_body: text }).response_body).toBe('a'.repeat(CHUNK - 5000) + ' [REDACTED:private_key] ' + 'b'.repeat(CHUNK));
  });

  it('masks a private key block without its END line to the end of a long body, in linear time', () => {
    const start = 'a'.repeat(CHUNK - 100) + ' ';
    const open = start + '-----BEGIN PRIVATE KEY-----\n' + 'MIIE'.repeat(2 * CHUNK);
    expect(redact({ response_body: open }).response_body).toBe(start + '[REDACTED:private_key]');
  });

  it('redacts JSON held in a JSON string a chunk at a time as it would whole', () => {
    // Every quote of the inner JSON is escaped: no member starts at one (searching from each of
    // them made this quadratic in the chunk).
    const inner = JSON.stringify(Object.fromEntries(Array.from({ length: 10000 }, (_, i) => ['field' + i, `v${i}, jane${i}@example.com`])));
    const body = JSON.stringify({ payload: inner, token: 'abc' });
    const out = redact({ response_body: body }).response_body as string;
    expect(out).toBe(redactString(body));
    expect(out).not.toMatch(/@example|"abc"/);
    expect(redactString('"password":"x",["a\\\\","pin":"1"]')).toBe('"password":"[REDACTED:key]",["a\\\\","pin":"[REDACTED:key]"]');
  });

  it('redacts long strings anywhere, in place, and a long string alone', () => {
    const body = 'token=abc' + '&a=b'.repeat(CHUNK / 4);
    const v = redact({ nested: [{ response_body: 'x'.repeat(CHUNK) + ' jane@example.com' }], request_body: body });
    expect(v.nested[0].response_body.endsWith(' [REDACTED:email]')).toBe(true);
    expect(v.request_body.startsWith('token=[REDACTED:query]&a=b')).toBe(true);
    expect(redact('y'.repeat(CHUNK) + ' Bearer abc.def')).toBe('y'.repeat(CHUNK) + ' [REDACTED:bearer]');
  });
});

describe('luhn', () => {
  it('accepts valid card numbers and refuses the rest', () => {
    for (const ok of ['4111111111111111', '4012 8888 8888 1881', '378282246310005', '6011-1111-1111-1117']) expect(luhn(ok), ok).toBe(true);
    for (const bad of ['4111111111111112', '1234567812345678', '411111111111', '41111111111111111111']) expect(luhn(bad), bad).toBe(false);
    // Mastercard's 2-series passes; a timestamp in ms or µs (they start with 1) does not, though
    // these pass the checksum.
    expect(luhn('2223003122003222')).toBe(true);
    for (const time of ['1700000000004', '1700000000000001', '1600550648576']) expect(luhn(time), time).toBe(false);
    expect(redactString('/api/items?_=1700000000004 at 1600550648576')).toBe('/api/items?_=1700000000004 at 1600550648576');
  });
});

describe('a cut between chunks', () => {
  it('never splits a member of JSON held in a JSON string, whether or not spaces come before its colon', () => {
    for (const colon of ['\\":', '\\" :']) {
      // The member straddles the first 32 KB cut; its value holds a comma, where a cut may fall.
      const body = '{"p":"' + 'x'.repeat(32740) + '\\"password' + colon + ' \\"aa,bb\\"' + 'y'.repeat(40000) + '"}';
      const out = (redact({ request_body: body }) as any).request_body as string;
      expect(out, colon).not.toMatch(/aa|bb/);
      expect(out, colon).toContain('[REDACTED:key]');
    }
  });
});

