import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { ErrorDetail } from './ErrorDetail';
import { envelope } from '../test/fixtures';

const at = (fn: string, line: number) => ({ function: fn, url: 'https://shop.example/app.js', line, column: 1 });

describe('ErrorDetail', () => {
  it('shows the errors an error links to: an AggregateError\'s errors, then its cause chain, each with its frames', () => {
    const data = {
      name: 'AggregateError',
      message: 'every retry failed',
      frames: [at('retry', 10)],
      errors: [{ name: 'RangeError', message: 'quota', frames: [at('store', 20)] }, { message: 'offline' }, 'not an object'],
      cause: { name: 'Error', message: 'could not save', frames: [at('save', 30)], cause: { name: 'TypeError', message: 'Failed to fetch' } },
    };
    render(<ErrorDetail event={envelope('error.unhandled_rejection', data).event} />);
    const linked = screen.getAllByTestId('linked-error').map((s) => [s.querySelector('h3')!.textContent, s.querySelector('[data-testid=linked-error-message]')!.textContent]);
    expect(linked).toEqual([
      ['Aggregated error 1 of 2', 'RangeError: quota'],
      ['Aggregated error 2 of 2', 'offline'],
      ['Caused by', 'Error: could not save'],
      ['Caused by', 'TypeError: Failed to fetch'],
    ]);
    expect(screen.getAllByTestId('stack-frame').map((f) => f.textContent)).toEqual([
      'retryhttps://shop.example/app.js:10:1',
      'storehttps://shop.example/app.js:20:1',
      'savehttps://shop.example/app.js:30:1',
    ]);
  });

  it('stops following a chain a producer nested without bound', () => {
    let data: Record<string, unknown> = { message: 'root' };
    for (let i = 0; i < 1000; i++) data = { message: `level ${i}`, cause: data };
    render(<ErrorDetail event={envelope('error.custom', data).event} />);
    expect(screen.getAllByTestId('linked-error')).toHaveLength(20);
  });

  it('renders linked errors as text, never as HTML', () => {
    const data = { message: 'outer', cause: { name: '<img src=x onerror=alert(1)>', message: '<script>alert(1)</script>' } };
    const { container } = render(<ErrorDetail event={envelope('error.uncaught', data).event} />);
    expect(container.querySelector('img, script')).toBeNull();
    expect(screen.getByTestId('linked-error-message').textContent).toBe('<img src=x onerror=alert(1)>: <script>alert(1)</script>');
  });
});
