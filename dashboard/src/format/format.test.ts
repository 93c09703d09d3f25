import { describe, expect, it } from 'vitest';
import { prettyBody } from './prettyBody';
import { framesOf, parseStack } from './stackFrames';
import { formatDuration, formatOffset } from './time';
import { formatBytes } from './numbers';

describe('prettyBody', () => {
  it('pretty-prints a JSON body', () => {
    expect(prettyBody('{"a":1,"b":[true,null]}')).toEqual({ text: '{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ]\n}', isJson: true });
  });

  it('pretty-prints JSON with a JSON content type even when it is a bare value', () => {
    expect(prettyBody('42', 'application/json; charset=utf-8')).toEqual({ text: '42', isJson: true });
  });

  it('leaves text that is not JSON as it was', () => {
    expect(prettyBody('name=a&b=c', 'application/x-www-form-urlencoded')).toEqual({ text: 'name=a&b=c', isJson: false });
  });

  it('shows a body cut by the server raw, marker included', () => {
    const cut = '{"items":[1,2,3…[truncated 1200 bytes]';
    expect(prettyBody(cut)).toEqual({ text: cut, isJson: false });
  });

  it('does not pretty-print HTML that happens to be labelled JSON', () => {
    expect(prettyBody('<html></html>', 'application/json').isJson).toBe(false);
  });
});

describe('stack frames', () => {
  it('parses V8 stacks', () => {
    const frames = parseStack(
      'TypeError: x is undefined\n    at checkout (https://shop.example/app.js:10:5)\n    at https://shop.example/vendor.js:1:200\n    at async Promise.all (index 0)',
    );
    expect(frames.slice(0, 2)).toEqual([
      { function: 'checkout', url: 'https://shop.example/app.js', line: 10, column: 5, raw: 'at checkout (https://shop.example/app.js:10:5)' },
      { function: null, url: 'https://shop.example/vendor.js', line: 1, column: 200, raw: 'at https://shop.example/vendor.js:1:200' },
    ]);
    expect(frames[2]).toMatchObject({ function: 'Promise.all', url: 'index 0' });
  });

  it('parses Firefox and Safari stacks', () => {
    expect(parseStack('checkout@https://shop.example/app.js:10:5\n@https://shop.example/app.js:2:1')).toEqual([
      { function: 'checkout', url: 'https://shop.example/app.js', line: 10, column: 5, raw: 'checkout@https://shop.example/app.js:10:5' },
      { function: null, url: 'https://shop.example/app.js', line: 2, column: 1, raw: '@https://shop.example/app.js:2:1' },
    ]);
  });

  it('prefers the frames the producer sent', () => {
    expect(framesOf({ frames: [{ function: 'f', url: 'u', line: 1, column: 2 }, 'junk'], stack: 'at g (v:3:4)' })).toEqual([
      { function: 'f', url: 'u', line: 1, column: 2, raw: null },
    ]);
  });

  it('keeps lines it cannot parse as raw text', () => {
    expect(parseStack('something odd')).toEqual([{ function: null, url: null, line: null, column: null, raw: 'something odd' }]);
  });
});

describe('formatting', () => {
  it('durations', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
    expect(formatDuration(245_000)).toBe('4m 05s');
    expect(formatDuration(7_380_000)).toBe('2h 03m');
    expect(formatDuration(null)).toBe('—');
  });

  it('offsets', () => {
    expect(formatOffset(62_345)).toBe('01:02.345');
    expect(formatOffset(3_662_000)).toBe('1:01:02.000');
  });

  it('bytes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(500 * 1024 * 1024)).toBe('500 MB');
  });
});
