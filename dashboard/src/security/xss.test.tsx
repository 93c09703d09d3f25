import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { LiveRowView } from '../live/LiveRowView';
import { SessionList } from '../pages/SessionList';
import { SessionView } from '../pages/SessionView';
import { FakeClock } from '../replay/Clock';
import { T0, envelope, session } from '../test/fixtures';
import { renderWithApi } from '../test/renderWithApi';

/**
 * Everything a page sends is hostile. These payloads go into every captured field the dashboard
 * shows; each must come out as the literal text it was, and nothing may become an element, an
 * attribute that runs code, or a link.
 */
const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(1)</script>';
const JS_URL = 'javascript:alert(1)';
const SVG = '"><svg onload=alert(1)>';
const PAYLOADS = [IMG, SCRIPT, JS_URL, SVG];

function assertInert(root: Element) {
  expect(root.querySelectorAll('script, iframe, object, embed, svg, img')).toHaveLength(0);
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      expect(attr.startsWith('on'), `${el.tagName} has ${attr}`).toBe(false);
    }
    if (el instanceof HTMLAnchorElement) {
      expect(el.getAttribute('href') ?? '', 'links are in-app fragments only').toMatch(/^#\//);
    }
  }
}

const hostileEvents = [
  envelope('console.log', { message: IMG, args: [IMG, { html: SCRIPT }] }, { seq: 1, tsMs: 100 }),
  envelope('console.error', { message: SCRIPT, args: [], stack: `Error: ${SCRIPT}\n    at ${IMG} (${JS_URL}:1:1)`, location: { url: JS_URL, line: 1, column: 2 } }, { seq: 2, tsMs: 200 }),
  envelope(
    'network.request',
    {
      method: SVG,
      url: JS_URL,
      status: 200,
      status_text: IMG,
      started_at: T0 + 300_000,
      duration_ms: 10,
      request_headers: { [IMG]: SCRIPT, 'x-evil': JS_URL },
      response_headers: { 'content-type': 'application/json', 'set-cookie': IMG },
      request_body: SCRIPT,
      response_body: JSON.stringify({ html: IMG, link: JS_URL }),
      error: SVG,
    },
    { seq: 3, tsMs: 310, url: JS_URL },
  ),
  envelope(
    'error.uncaught',
    { name: SVG, message: IMG, stack: `${SCRIPT}\n    at evil (${JS_URL}:1:2)`, frames: [{ function: IMG, url: JS_URL, line: 1, column: 2 }], context: { note: SCRIPT } },
    { seq: 4, tsMs: 400 },
  ),
  envelope('error.resource', { message: '', target: { tag: IMG, url: JS_URL, selector: SCRIPT } }, { seq: 5, tsMs: 500 }),
  envelope('action.click', { selectors: { css: IMG, xpath: SCRIPT, text: JS_URL }, tag: SVG, text: IMG, x: 1, y: 2 }, { seq: 6, tsMs: 600 }),
  envelope('action.input', { selectors: { css: SCRIPT, data_testid: IMG }, tag: 'input', value: SVG, masked: false }, { seq: 7, tsMs: 700 }),
  envelope('page.view', { url: JS_URL, title: IMG }, { seq: 8, tsMs: 800, url: JS_URL }),
  envelope('page.navigate', { from: JS_URL, to: SCRIPT, kind: IMG }, { seq: 9, tsMs: 900 }),
  envelope('websocket.message', { url: JS_URL, connection_id: IMG, direction: 'received', size: 5, binary: false, preview: SCRIPT }, { seq: 10, tsMs: 1000 }),
  envelope(`custom.evil`, { [IMG]: SCRIPT, link: JS_URL }, { seq: 11, tsMs: 1100 }),
  envelope('log.error', { message: SVG, scope: IMG, context: { x: JS_URL } }, { seq: 12, tsMs: 1200 }),
];

describe('captured strings are rendered as text only', () => {
  it('in the session list', async () => {
    const { container } = renderWithApi(<SessionList params={new URLSearchParams()} />, {
      'GET /v1/sessions': {
        data: [session({ user_id: IMG, page_url: JS_URL, browser: SCRIPT, os: SVG, device_type: IMG, user_agent: SCRIPT })],
        total: 1,
        next_cursor: null,
      },
    });
    await screen.findByTestId('session-row');
    assertInert(container);
    for (const p of PAYLOADS) expect(container.textContent).toContain(p);
  });

  it('in the timeline and in every detail pane', async () => {
    const { container } = renderWithApi(<SessionView sessionId="s-1" initialSeq={null} />, {
      'GET /v1/sessions/s-1': session({ user_id: IMG, page_url: JS_URL, browser: SCRIPT }),
      'GET /v1/sessions/s-1/events': { data: hostileEvents, total: hostileEvents.length, next_cursor: null },
      'GET /v1/sessions/s-1/screenshots': { data: [], total: 0 },
    }, { clock: new FakeClock() });
    await screen.findByTestId('session-view');
    assertInert(container);
    for (const p of PAYLOADS) expect(container.textContent).toContain(p);

    for (const row of screen.getAllByTestId('timeline-row')) {
      fireEvent.click(row);
      const pane = screen.getByTestId('detail-pane');
      expect(pane.dataset.seq).toBe(row.dataset.seq);
      for (const details of pane.querySelectorAll('details')) details.open = true;
      assertInert(container);
    }
  });

  it('shows the request detail literally: url, headers, bodies', async () => {
    renderWithApi(<SessionView sessionId="s-1" initialSeq={3} />, {
      'GET /v1/sessions/s-1': session(),
      'GET /v1/sessions/s-1/events': { data: hostileEvents, total: hostileEvents.length, next_cursor: null },
      'GET /v1/sessions/s-1/screenshots': { data: [], total: 0 },
    }, { clock: new FakeClock() });
    const pane = await screen.findByTestId('detail-pane');
    expect(screen.getByTestId('request-url').textContent).toBe(JS_URL);
    expect(screen.getByTestId('request-headers').textContent).toContain(IMG + SCRIPT);
    expect(screen.getByTestId('request-body').textContent).toBe(SCRIPT);
    expect(screen.getByTestId('response-body').textContent).toContain(`"html": "${IMG.replace(/"/g, '\\"')}"`);
    assertInert(pane);
  });

  it('shows the error detail literally: message and frames', async () => {
    renderWithApi(<SessionView sessionId="s-1" initialSeq={4} />, {
      'GET /v1/sessions/s-1': session(),
      'GET /v1/sessions/s-1/events': { data: hostileEvents, total: hostileEvents.length, next_cursor: null },
      'GET /v1/sessions/s-1/screenshots': { data: [], total: 0 },
    }, { clock: new FakeClock() });
    await screen.findByTestId('detail-pane');
    expect(screen.getByTestId('error-message').textContent).toBe(`${SVG}: ${IMG}`);
    expect(screen.getByTestId('stack-frame').textContent).toBe(`${IMG}${JS_URL}:1:2`);
  });

  it('in live rows, collapsed and expanded', () => {
    const { container } = render(
      <div>
        {hostileEvents.map((e, i) => (
          <LiveRowView key={e.seq} row={{ kind: 'event', key: `e${e.seq}`, envelope: e }} expanded={i % 2 === 0} onToggle={() => undefined} />
        ))}
        <LiveRowView row={{ kind: 'gap', key: 'g', gap: { from: 1, to: 2, count: 2, reason: IMG } }} expanded={false} onToggle={() => undefined} />
      </div>,
    );
    assertInert(container);
    for (const p of PAYLOADS) expect(container.textContent).toContain(p);
  });

  it('never lets a session id turn into a link to anything but a fragment', () => {
    const evil = envelope('console.log', { message: 'x' }, { seq: 99, sessionId: JS_URL });
    const { container } = render(<LiveRowView row={{ kind: 'event', key: 'e99', envelope: evil }} expanded onToggle={() => undefined} />);
    const link = container.querySelector('a')!;
    expect(link.getAttribute('href')).toBe(`#/sessions/${encodeURIComponent(JS_URL)}?seq=99`);
  });
});
