// The built bundles themselves (npm run build first; Maven builds before it tests): property
// mangling, the rules plugin and terser act only there, so this checks what pages really get.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const dist = (f: string) => resolve(import.meta.dirname, '../dist', f);
const built = existsSync(dist('loupe.js')) && existsSync(dist('loupe.mjs'));
const rules = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../rules/redaction.json'), 'utf8'));

describe.skipIf(!built)('the built SDK', () => {
  it('has no eval, no Function constructor and none of the rules prose', () => {
    for (const f of ['loupe.js', 'loupe.mjs']) {
      const code = readFileSync(dist(f), 'utf8');
      expect(code, f).not.toMatch(/\beval\(|\bFunction\(/);
      expect(code, f).not.toContain(rules.about.slice(0, 30));
      for (const name of rules.headers.names) expect(code, f).toContain(name);
    }
  });

  it('puts its sources on DevTools\' ignore list, so that console messages show the page\'s own line', () => {
    for (const f of ['loupe.js', 'loupe.mjs']) {
      expect(readFileSync(dist(f), 'utf8').endsWith(`\n//# sourceMappingURL=${f}.map`), f).toBe(true);
      const map = JSON.parse(readFileSync(dist(f + '.map'), 'utf8'));
      expect(map.sources.some((s: string) => s.endsWith('observers/console.ts')), f).toBe(true);
      expect(map.x_google_ignoreList, f).toEqual(map.sources.map((_: string, i: number) => i));
    }
  });

  it('gives TypeScript its types under every module resolution of a current project', () => {
    // A project that depends on the package (a link to it, as npm makes for a local path).
    const project = mkdtempSync(join(tmpdir(), 'loupe-types-'));
    try {
      mkdirSync(join(project, 'node_modules'));
      symlinkSync(resolve(import.meta.dirname, '..'), join(project, 'node_modules', 'loupe-sdk'));
      writeFileSync(join(project, 'package.json'), '{"type": "module"}');
      // An error unless the API is typed: `any` would let the wrong call through.
      writeFileSync(join(project, 'app.ts'), "import { init, track, type Loupe } from 'loupe-sdk';\nconst l: Loupe = init({ key: 'k' });\nl.flush();\ntrack('signup', { plan: 'pro' });\n// @ts-expect-error key is required\ninit({});\n");
      for (const [module, moduleResolution] of [['nodenext', 'nodenext'], ['node16', 'node16'], ['esnext', 'bundler']]) {
        const compilerOptions = { module, moduleResolution, strict: true, skipLibCheck: false, noEmit: true, lib: ['ES2022', 'DOM'], types: [] };
        writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['app.ts'] }));
        const tsc = spawnSync(process.execPath, [resolve(import.meta.dirname, '../node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8' });
        expect(tsc.stdout + tsc.stderr, moduleResolution).toBe('');
        expect(tsc.status, moduleResolution).toBe(0);
      }
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 60_000);

  it('loupe.mjs exports the API', async () => {
    const m = await import(/* @vite-ignore */ dist('loupe.mjs'));
    expect(Object.keys(m).sort()).toEqual(['captureError', 'debug', 'error', 'flush', 'identify', 'info', 'init', 'track', 'warn']);
  });

  it('loupe.js starts from its tag and sends the wire format of docs/events.md', async () => {
    sessionStorage.clear();
    localStorage.clear();
    const sent: any[] = [];
    window.fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      sent.push({ url: String(url), body: JSON.parse(String(init!.body)) });
      return new Response(null, { status: 202 });
    }) as any;
    const script = document.createElement('script');
    script.src = 'https://loupe.test/sdk/loupe.js';
    Object.assign(script.dataset, { key: 'pk_dist', burst: '4', maxEventsPerSecond: '0.001', disable: 'performance' });
    Object.defineProperty(document, 'currentScript', { value: script, configurable: true });
    const NativeWebSocket = window.WebSocket;
    const fnToString = Function.prototype.toString;
    // What a page (or an anti-bot script) can see of them: length, toString() either way, own properties.
    const looks = () =>
      [console.info, history.pushState, XMLHttpRequest.prototype.open, window.WebSocket].map((f) => [f.length, f.toString(), Function.prototype.toString.call(f), Object.getOwnPropertyNames(f).sort()]);
    const before = looks();
    const toStringBefore = [fnToString.toString(), fnToString.call(fnToString), fnToString.name, fnToString.length];
    (0, eval)(readFileSync(dist('loupe.js'), 'utf8'));
    const loupe = (window as any).loupe;
    // The minifier renames functions: the wrappers keep the names of what they wrap.
    expect(window.WebSocket).not.toBe(NativeWebSocket);
    expect(window.WebSocket.name).toBe('WebSocket');
    expect([console.info.name, history.pushState.name, XMLHttpRequest.prototype.send.name]).toEqual(['info', 'pushState', 'send']);
    // … and their length and text: a check for a native function still holds, however it is made.
    expect(looks()).toEqual(before);
    expect(String(history.pushState)).toBe(before[1][1]);
    const patched = Function.prototype.toString;
    expect([patched.toString(), patched.call(patched), patched.name, patched.length]).toEqual(toStringBefore);
    expect(Object.getOwnPropertyNames(patched).sort()).toEqual(Object.getOwnPropertyNames(fnToString).sort());
    expect(() => patched.call({})).toThrow(TypeError);
    expect(() => new (patched as any)()).toThrow(TypeError);
    loupe.track('first', { password: 'hunter2', n: 1 });
    loupe.info('hello jane@example.com');
    console.info('from the test', { token: 't' });
    for (let i = 0; i < 5; i++) loupe.track('dropped'); // over the burst: rate limited
    loupe.flush();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    const [{ url, body }] = sent;
    expect(url).toBe('https://loupe.test/v1/events?key=pk_dist');
    expect(body.session).toMatchObject({ session_id: body.events[0].session_id, page_url: location.href, device_type: 'desktop', language: navigator.language });
    // Drops since the last batch lead it.
    expect(body.events.map((e: any) => e.type)).toEqual(['system.client_drops', 'page.view', 'custom.first', 'log.info', 'console.info']);
    const [drops, view, first, info, logged] = body.events;
    expect(drops).toMatchObject({ category: 'system', data: { drops: { rate_limited: 5 } } });
    expect(view).toMatchObject({ category: 'page', detail_level: 'standard', url: location.href, source: { kind: 'page', name: expect.stringMatching(/^loupe-sdk\//), event: 'load' } });
    expect(first.data).toEqual({ password: '[REDACTED:key]', n: 1 });
    expect(info.data).toEqual({ message: 'hello [REDACTED:email]' });
    // The call site is the caller of console.info, however the minifier shaped the wrapper.
    expect(logged.data).toMatchObject({ message: 'from the test {"token":"[REDACTED:key]"}', args: ['from the test', { token: '[REDACTED:key]' }] });
    expect(logged.data.location.url).toMatch(/dist\.test\.ts$/);
    loupe.track('later'); // the bucket has refilled by less than one token: dropped too
    const page = location.href;
    history.replaceState(null, '', '?token=s3cret&page=2'); // its navigation event is dropped too
    loupe.flush();
    history.replaceState(null, '', page);
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1].body.session).toBeUndefined();
    expect(sent[1].body.events).toEqual([expect.objectContaining({ type: 'system.client_drops', data: { drops: { rate_limited: 2 } } })]);
    // Made at flush time, not by the redacting job: its URL is redacted all the same.
    expect(sent[1].body.events[0].url).toMatch(/\?token=\[REDACTED:query\]&page=2$/);
  });
});
