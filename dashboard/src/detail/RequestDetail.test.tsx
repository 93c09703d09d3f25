import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { RequestDetail } from './RequestDetail';
import { envelope } from '../test/fixtures';

describe('RequestDetail', () => {
  it('shows where a redirect ended and the timing the browser measured for the request', () => {
    const data = {
      method: 'GET',
      url: 'https://shop.example/api/cart',
      final_url: 'https://shop.example/login?next=%2Fapi%2Fcart',
      status: 200,
      duration_ms: 30,
      protocol: 'h2',
      transfer_size: 2048,
      timing: { dns_ms: 2, connect_ms: 6, tls_ms: 4, ttfb_ms: 15, download_ms: 5 },
    };
    render(<RequestDetail event={envelope('network.request', data).event} />);
    expect(screen.getByTestId('request-final-url').textContent).toBe('https://shop.example/login?next=%2Fapi%2Fcart');
    const facts = screen.getByTestId('request-facts').textContent!;
    expect(facts).toContain('Redirected to');
    expect(facts).toContain('h2');
    expect(facts).toContain('2.0 KB');
    expect(screen.getByTestId('request-timing').querySelectorAll('tr').length).toBeGreaterThanOrEqual(5);
  });

  it('has no redirect row for a request answered where it was sent, and renders a hostile URL as text', () => {
    render(<RequestDetail event={envelope('network.request', { method: 'GET', url: 'https://shop.example/<img src=x onerror=alert(1)>', status: 200 }).event} />);
    expect(screen.queryByTestId('request-final-url')).toBeNull();
    expect(screen.getByTestId('request-facts').textContent).not.toContain('Redirected to');
    expect(document.querySelector('img')).toBeNull();
  });
});
