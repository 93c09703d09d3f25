import { expect, it } from 'vitest';
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
