import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionView } from './SessionView';
import { FakeClock } from '../replay/Clock';
import { T0, envelope, session } from '../test/fixtures';
import { renderWithApi } from '../test/renderWithApi';

const events = [
  envelope('session.start', { browser: 'Chrome' }, { seq: 1, tsMs: 0 }),
  envelope('page.view', { url: 'https://shop.example/cart', title: 'Cart' }, { seq: 2, tsMs: 100 }),
  envelope('action.click', { selectors: { css: 'button#buy' }, text: 'Buy' }, { seq: 3, tsMs: 2000 }),
  envelope(
    'network.request',
    {
      method: 'POST',
      url: 'https://api.example/checkout',
      status: 500,
      status_text: 'Internal Server Error',
      initiator: 'fetch',
      started_at: T0 + 2_100_000,
      duration_ms: 900,
      request_headers: { 'content-type': 'application/json', authorization: '[REDACTED:bearer]' },
      response_headers: { 'content-type': 'application/json' },
      request_body: '{"items":[{"sku":"A1","qty":2}]}',
      response_body: '{"error":"Insufficient stock"}',
      timing: { dns_ms: 5, connect_ms: 10, ttfb_ms: 800, download_ms: 85 },
    },
    { seq: 4, tsMs: 3000 },
  ),
  envelope(
    'error.uncaught',
    { name: 'TypeError', message: "Cannot read properties of undefined (reading 'total')", stack: 'TypeError: x\n    at renderTotal (https://shop.example/app.js:120:14)\n    at onCheckout (https://shop.example/app.js:88:3)' },
    { seq: 5, tsMs: 3100 },
  ),
  envelope('console.warn', { message: 'retrying checkout', args: ['retrying checkout'] }, { seq: 6, tsMs: 4000 }),
  envelope('websocket.message', { url: 'wss://shop.example/live', connection_id: 'c1', direction: 'received', size: 20, binary: false, preview: '{"stock":0}' }, { seq: 7, tsMs: 5000 }),
  envelope('performance.lcp', { value: 2400, unit: 'ms', rating: 'needs-improvement' }, { seq: 8, tsMs: 6000 }),
];

const screenshots = [
  { screenshot_id: 100, session_id: 's-1', ts: T0 + 500_000, page_url: 'https://shop.example/cart', format: 'png', width: 1280, height: 800, size: 1000 },
  { screenshot_id: 200, session_id: 's-1', ts: T0 + 4_500_000, page_url: 'https://shop.example/cart', format: 'png', width: 1280, height: 800, size: 1000 },
];

function routes() {
  return {
    'GET /v1/sessions/s-1': session({ last_activity_at: T0 + 10_000_000 }),
    'GET /v1/sessions/s-1/events': { data: events, total: events.length, next_cursor: null },
    'GET /v1/sessions/s-1/screenshots': { data: screenshots, total: 2 },
    'GET /v1/screenshots/100': () => new Response(new Blob(['png-100'], { type: 'image/png' })),
    'GET /v1/screenshots/200': () => new Response(new Blob(['png-200'], { type: 'image/png' })),
    'GET /v1/sessions/s-1/har': () => new Response('{"log":{"version":"1.2","entries":[]}}', { headers: { 'Content-Type': 'application/json' } }),
  };
}

let objectUrls: Blob[];
beforeEach(() => {
  objectUrls = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    objectUrls.push(blob as Blob);
    return `blob:test/${objectUrls.length}`;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
});

async function open(clock = new FakeClock()) {
  const rendered = renderWithApi(<SessionView sessionId="s-1" initialSeq={null} />, routes(), { clock });
  await screen.findByTestId('session-view');
  return { ...rendered, clock };
}

const row = (seq: number) => screen.getAllByTestId('timeline-row').find((r) => r.dataset.seq === String(seq))!;

describe('SessionView timeline', () => {
  it('shows every event in one timeline, in time order', async () => {
    await open();
    expect(screen.getAllByTestId('timeline-row').map((r) => r.dataset.type)).toEqual([
      'session.start',
      'page.view',
      'action.click',
      'network.request',
      'error.uncaught',
      'console.warn',
      'websocket.message',
      'performance.lcp',
    ]);
  });

  it('draws the request as a waterfall bar placed by its start and duration', async () => {
    await open();
    const bar = within(row(4)).getByTestId('waterfall-bar');
    // span: session start to last activity, 10 s; request 2.1 s + 0.9 s
    expect(bar.style.left).toBe('21%');
    expect(bar.style.width).toBe('9%');
    expect(row(4).textContent).toContain('500');
  });

  it('hides a category when its chip is switched off, and filters by text', async () => {
    await open();
    fireEvent.click(screen.getByTestId('chip-network'));
    expect(screen.getByTestId('chip-network').getAttribute('aria-pressed')).toBe('false');
    expect(screen.getAllByTestId('timeline-row').some((r) => r.dataset.category === 'network')).toBe(false);
    fireEvent.click(screen.getByTestId('chip-network'));
    fireEvent.input(screen.getByTestId('timeline-filter-text'), { target: { value: 'insufficient' } });
    expect(screen.getAllByTestId('timeline-row').map((r) => r.dataset.seq)).toEqual(['4']);
  });

  it('shows a request in the detail pane: method, url, status, headers, pretty JSON bodies, timing', async () => {
    await open();
    fireEvent.click(row(4));
    const pane = screen.getByTestId('detail-pane');
    expect(pane.dataset.seq).toBe('4');
    expect(within(pane).getByTestId('request-url').textContent).toBe('https://api.example/checkout');
    expect(within(pane).getByTestId('request-status').textContent).toBe('500 Internal Server Error');
    expect(within(pane).getByTestId('request-facts').textContent).toContain('POST');
    expect(within(pane).getByTestId('request-headers').textContent).toContain('[REDACTED:bearer]');
    expect(within(pane).getByTestId('response-headers').textContent).toContain('application/json');
    expect(within(pane).getByTestId('request-body').textContent).toBe('{\n  "items": [\n    {\n      "sku": "A1",\n      "qty": 2\n    }\n  ]\n}');
    expect(within(pane).getByTestId('response-body').textContent).toBe('{\n  "error": "Insufficient stock"\n}');
    expect(within(pane).getByTestId('request-timing').textContent).toContain('Waiting (TTFB)');
  });

  it('shows an error with its parsed stack frames', async () => {
    await open();
    fireEvent.click(row(5));
    expect(screen.getByTestId('error-message').textContent).toBe("TypeError: Cannot read properties of undefined (reading 'total')");
    const frames = screen.getAllByTestId('stack-frame').map((f) => f.textContent);
    expect(frames).toEqual(['renderTotalhttps://shop.example/app.js:120:14', 'onCheckouthttps://shop.example/app.js:88:3']);
  });

  it('downloads the HAR with the Bearer token through a Blob and an <a download>', async () => {
    const { server } = await open();
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    fireEvent.click(screen.getByTestId('har-download'));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0].download).toBe('loupe-s-1.har');
    expect(clicked[0].href).toMatch(/^blob:test\//);
    const har = server.calls.find((c) => c.path === '/v1/sessions/s-1/har')!;
    expect(har.headers.Authorization).toBe('Bearer test-token');
    expect(await objectUrls.at(-1)!.text()).toContain('"version":"1.2"');
  });

  it('says there is no such session on 404', async () => {
    renderWithApi(<SessionView sessionId="gone" initialSeq={null} />, {});
    expect((await screen.findByTestId('empty-state')).textContent).toContain('No such session');
  });
});

describe('SessionView replay', () => {
  it('loads screenshots with the Bearer token and shows them as blob: URLs', async () => {
    const { server } = await open();
    const img = (await screen.findByTestId('replay-screenshot')) as HTMLImageElement;
    expect(img.getAttribute('src')).toMatch(/^blob:test\//);
    expect(img.dataset.screenshotId).toBe('100');
    const shot = server.calls.find((c) => c.path === '/v1/screenshots/100')!;
    expect(shot.headers.Authorization).toBe('Bearer test-token');
    expect(screen.getAllByTestId('replay-screenshot-marker')).toHaveLength(2);
  });

  it('plays, highlights the current event and switches screenshots as time passes', async () => {
    const { clock } = await open();
    expect(row(1).dataset.current).toBe('true');
    fireEvent.click(screen.getByTestId('replay-play'));
    expect(screen.getByTestId('replay-play').dataset.playing).toBe('true');
    act(() => clock.advance(2050));
    expect(row(3).dataset.current).toBe('true');
    expect(row(1).dataset.current).toBeUndefined();
    fireEvent.click(screen.getByTestId('replay-speed-4'));
    expect(screen.getByTestId('replay-speed-4').getAttribute('aria-pressed')).toBe('true');
    act(() => clock.advance(1000)); // 4 s more at 4×: 6.05 s
    expect(row(8).dataset.current).toBe('true');
    await waitFor(() => expect(screen.getByTestId('replay-screenshot').dataset.screenshotId).toBe('200'));
    fireEvent.click(screen.getByTestId('replay-play'));
    expect(screen.getByTestId('replay-play').dataset.playing).toBe('false');
    expect(screen.getByTestId('replay-time').textContent).toBe('00:06.050 / 00:10.000');
  });

  it('seeks with the range input', async () => {
    await open();
    const seek = screen.getByTestId('replay-seek') as HTMLInputElement;
    expect(seek.max).toBe('10000');
    fireEvent.input(seek, { target: { value: '4000' } });
    expect(row(6).dataset.current).toBe('true');
    expect(screen.getByTestId('replay-time').textContent).toBe('00:04.000 / 00:10.000');
  });

  it('moves the playhead to a row that is clicked', async () => {
    await open();
    fireEvent.click(row(7));
    expect(screen.getByTestId('replay-time').textContent).toBe('00:05.000 / 00:10.000');
    expect(row(7).dataset.current).toBe('true');
  });

  it('opens on the event named in the link', async () => {
    renderWithApi(<SessionView sessionId="s-1" initialSeq={5} />, routes(), { clock: new FakeClock() });
    await screen.findByTestId('session-view');
    expect(screen.getByTestId('detail-pane').dataset.seq).toBe('5');
    expect(row(5).dataset.current).toBe('true');
  });
});
