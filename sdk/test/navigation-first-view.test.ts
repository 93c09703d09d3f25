import { expect, it } from 'vitest';
import { nowUs } from '../src/clock';
import { observeNavigation } from '../src/observers/navigation';
import { captureEvents, ofType } from './capture';

const events = captureEvents();

it('makes the first page view once the document has its title, when the SDK came before <title>', () => {
  // The script tag first in <head>, as the README advises: the parser has not reached <title>.
  Object.defineProperty(document, 'readyState', { value: 'loading', configurable: true });
  document.title = '';
  const views: string[] = [];
  observeNavigation(() => views.push(document.title));
  expect(ofType(events, 'page.view')).toEqual([]);
  document.title = 'Shop';
  Object.defineProperty(document, 'readyState', { value: 'interactive', configurable: true });
  document.dispatchEvent(new Event('DOMContentLoaded'));
  expect(ofType(events, 'page.view')).toEqual([{ url: location.href, title: 'Shop' }]);
  expect(views).toEqual(['Shop']);
});

it('times that page view when the page loaded, and gives it the URL it loaded at, though it is sent later', () => {
  Object.defineProperty(document, 'readyState', { value: 'loading', configurable: true });
  events.length = 0;
  const loaded = location.href;
  const before = nowUs();
  observeNavigation(() => {});
  const after = nowUs();
  // A router pushes its first route before DOMContentLoaded: the load's page view goes first.
  history.pushState(null, '', '/start');
  const [first] = events.filter((e) => e.type == 'page.view');
  expect(first.data).toMatchObject({ url: loaded });
  expect(first.url).toBe(loaded);
  expect(first.ts).toBeGreaterThanOrEqual(before);
  expect(first.ts).toBeLessThanOrEqual(after);
});
