import { describe, expect, it } from 'vitest';
import { redact, redactString } from '../src/redact';

// The same inputs and outputs are in the server's RedactorTest: the two must agree.
const masked = '[REDACTED:query]';
const enc = encodeURIComponent;

describe('redaction of URLs held in parameters of other URLs', () => {
  it('masks listed parameters of a percent-encoded URL in a parameter, and encodes it back', () => {
    expect(redactString('https://app.example/login?next=%2Freset%3Ftoken%3Dsecret123')).toBe(
      'https://app.example/login?next=%2Freset%3Ftoken%3D%5BREDACTED%3Aquery%5D',
    );
    expect(redactString('https://a.example/?redirect=https%3A%2F%2Fb.example%2Fcb%3Fcode%3Dabc%26x%3D1&lang=en')).toBe(
      `https://a.example/?redirect=${enc(`https://b.example/cb?code=${masked}&x=1`)}&lang=en`,
    );
    // In a fragment, as a bare query (location.search), in a hash route's query, and in a fragment of the nested URL.
    expect(redactString('https://a.example/#next=%2Fcb%3Fcode%3Dabc')).toBe(`https://a.example/#next=${enc(`/cb?code=${masked}`)}`);
    expect(redactString('?next=%2Freset%3Ftoken%3Dsecret123')).toBe(`?next=${enc(`/reset?token=${masked}`)}`);
    expect(redactString('/app#/login?next=%2Fcb%23access_token%3Dxyz%26state%3Dok')).toBe(`/app#/login?next=${enc(`/cb#access_token=${masked}&state=ok`)}`);
    // '+' is a space, as in the names.
    expect(redactString('https://a.example/?next=%2Fcb%3Fcode%3Dabc+def%26q%3Da+b')).toBe(`https://a.example/?next=${enc(`/cb?code=${masked}&q=a b`)}`);
  });

  it('masks listed parameters of an unencoded URL in a parameter of an absolute URL, leaving it unencoded', () => {
    expect(redactString('see https://a.example/?redirect=https://b.example/cb?code=abc&x=1 now')).toBe(
      `see https://a.example/?redirect=https://b.example/cb?code=${masked}&x=1 now`,
    );
    expect(redactString('https://a.example/?u=/cb?x=1#/r?token=t')).toBe(`https://a.example/?u=/cb?x=1#/r?token=${masked}`);
  });

  it('follows URLs three levels down, and no further', () => {
    let url = '/cb?code=SECRET';
    for (const level of [1, 2, 3]) {
      url = `/l${level}?next=${enc(url)}`;
      expect(redactString('https://a.example' + url), String(level)).not.toContain('SECRET');
    }
    expect(redactString('https://a.example' + url)).toBe('https://a.example/l3?next=' + enc(`/l2?next=${enc(`/l1?next=${enc(`/cb?code=${masked}`)}`)}`));
    const deeper = `https://a.example/l4?next=${enc(url)}`;
    expect(redactString(deeper)).toBe(deeper);
  });

  it('leaves a value holding nothing to mask byte for byte, however it is encoded', () => {
    for (const plain of [
      'https://a.example/?next=%2fcart%3fitem%3d1&q=a+b',
      'https://a.example/?next=/cart?item=1&page=2',
      '?next=%2Fsearch%3Fq%3Dshoes%20%26%20socks',
      'https://a.example/?q=%3F%3D&r=%23%3D',
      'https://a.example/?q=what%3F+that%3D',
      // What is masked already (as the SDK sends it on), however it was encoded.
      'https://a.example/?next=%2fcb%3fcode%3d%5bREDACTED%3aquery%5d',
    ])
      expect(redactString(plain), plain).toBe(plain);
  });

  it('still looks into a value with a malformed escape, and never throws', () => {
    for (const bad of [
      'https://a.example/?next=%2Fcb%3Ftoken%3Dx%',
      'https://a.example/?next=%2Fcb%3Ftoken%3Dx%zz',
      'https://a.example/?next=%2Fcb%3Ftoken%3Dx%FF',
      'https://a.example/?next=%2Fcb%3Ftoken%3Dx%ED%A0%80',
      'https://a.example/?next=%2Fcb%3Ftoken%3Dx%C0%AF',
      'https://a.example/?next=%2Fcb%3Ftoken%3Dx%\u0663\u0663',
    ])
      expect(redactString(bad), bad).toBe(`https://a.example/?next=${enc(`/cb?token=${masked}`)}`);
    expect(redactString('https://a.example/?n%zz=%2Fcb%3Ftoken%3Dx')).toBe(`https://a.example/?n%zz=${enc(`/cb?token=${masked}`)}`);
    // What does not decode stays as it was around what is masked (and is encoded with it).
    expect(redactString('https://a.example/?u=%E9t%E9%3Fcode%3Dabc')).toBe(`https://a.example/?u=${enc(`%E9t%E9?code=${masked}`)}`);
    // With nothing to mask, the value is left byte for byte.
    for (const plain of ['https://a.example/?q=caf%E9+au+lait', 'https://a.example/?q=50%+off%3F'])
      expect(redactString(plain), plain).toBe(plain);
    // A lone surrogate cannot be encoded back: the value is left as it is too, unless it was masked.
    const lone = 'https://a.example/?next=%2Fcb\ud800%3Ftoken%3Dx';
    expect(redactString(lone)).toBe(lone);
    expect(redactString('https://a.example/?next=%2Fcb%3Ftoken%3Dx\ud800')).toBe(`https://a.example/?next=${enc(`/cb?token=${masked}`)}`);
  });

  it('masks nested URLs in form-encoded bodies too', () => {
    expect(redact({ request_body: 'user=ann&next=%2Fcb%3Fcode%3Dabc' }).request_body).toBe(`user=ann&next=${enc(`/cb?code=${masked}`)}`);
  });

  it('reads the pairs after every # of a fragment', () => {
    expect(redactString('https://x.example/#a=1#token=secret')).toBe(`https://x.example/#a=1#token=${masked}`);
    expect(redactString('#/cb?x=1#code=abc')).toBe(`#/cb?x=1#code=${masked}`);
    expect(redactString('https://x.example/#token=1#/cb?x=2')).toBe(`https://x.example/#token=${masked}#/cb?x=2`);
    expect(redactString('https://x.example/#a=1#b=2#c=3#d=4#token=5')).toBe(`https://x.example/#a=1#b=2#c=3#d=4#token=${masked}`);
  });

  // Quadratic time would run past the test's timeout, and unbounded depth overflow the stack.
  it('takes linear time and bounded depth on hostile input', () => {
    const n = 200000;
    // Unencoded nesting as deep as the input is long; a long run of '?' with no '='.
    expect(redactString('https://a.example/' + '?a='.repeat(n))).toBe('https://a.example/' + '?a='.repeat(n));
    expect(redactString('https://a.example/?a=' + '?'.repeat(n))).toBe('https://a.example/?a=' + '?'.repeat(n));
    // Escaped nesting; an escape of an escape of…; many fragment parts, and one long one.
    for (const s of ['https://a.example/?a=' + '%3F%3D'.repeat(n), 'https://a.example/?a=%' + '25'.repeat(n) + '3F%3D', 'https://a.example/' + '#a=1'.repeat(n), 'https://a.example/' + '#a'.repeat(n) + '=1'])
      expect(redactString(s)).toBe(s);
    // A nested URL in every one of many pairs, each masked and encoded back.
    const many = redactString('https://a.example/?a=' + '?token=1%26a='.repeat(n / 10));
    expect(many).not.toMatch(/token(=|%3D)1/);
    expect(many.length).toBeLessThan(100 * n);
  });
});

describe('nested URLs with escaped separators', () => {
  it('masks a parameter after an &amp; inside a nested URL, as the server does', () => {
    expect(redactString('https://a.example/?next=%2Fcb%3Fa%3D1%26amp%3Btoken%3Dsecret')).toBe('https://a.example/?next=' + enc('/cb?a=1&amp;token=[REDACTED:query]'));
  });
});

describe('URLs encoded twice', () => {
  it('decodes a value once more when it held no URL, as the server does', () => {
    expect(redactString('https://a.example/?next=%252Fcb%253Fcode%253Dsecret&x=%2541')).toBe('https://a.example/?next=' + enc(enc('/cb?code=[REDACTED:query]')) + '&x=%2541');
    // Three levels at most: encoded four times, left as it is.
    const deep = 'https://a.example/?next=' + enc(enc(enc(enc('/cb?code=secret'))));
    expect(redactString(deep)).toBe(deep);
  });
});

describe('values the escapes of a URL hid', () => {
  it('applies the value rules to a decoded parameter, as the server does', () => {
    expect(redactString('https://a.example/reset?email=jane%40example.com&lang=en')).toBe('https://a.example/reset?email=' + enc('[REDACTED:email]') + '&lang=en');
    expect(redactString('https://a.example/pay?c=4242+4242+4242+4242')).toBe('https://a.example/pay?c=' + enc('[REDACTED:card]'));
    // Inside a nested URL too; and a value with nothing in it stays byte for byte.
    expect(redactString('/login?next=%2Finvite%3Fto%3Djane%2540example.com')).toBe('/login?next=' + enc('/invite?to=' + enc('[REDACTED:email]')));
    expect(redactString('https://a.example/?q=a+b%20c&n=%41')).toBe('https://a.example/?q=a+b%20c&n=%41');
  });

  it('masks JSON members in a decoded value, beyond the server', () => {
    expect(redactString('https://a.example/cb?state=' + enc('{"password":"hunter2","to":"/"}'))).toBe('https://a.example/cb?state=' + enc('{"password":"[REDACTED:key]","to":"/"}'));
  });
});
