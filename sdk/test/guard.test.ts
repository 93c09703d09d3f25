import { expect, it } from 'vitest';
import { wrap } from '../src/guard';

it('leaves a method that is missing missing, throwing before it changes anything', () => {
  const o: any = {};
  expect(() => wrap(o, 'absent', () => {})).toThrow(TypeError);
  expect('absent' in o).toBe(false);
});

it('still wraps where Function.prototype.toString cannot be replaced (a frozen realm)', () => {
  const fnToString = Function.prototype.toString;
  Object.defineProperty(Function.prototype, 'toString', { writable: false });
  try {
    const calls: unknown[] = [];
    const o = { greet: (name: string) => `hi ${name}` };
    wrap(o, 'greet', (_, [name]) => void calls.push(name));
    expect(o.greet('ada')).toBe('hi ada');
    expect(calls).toEqual(['ada']);
    expect(Function.prototype.toString).toBe(fnToString);
    expect(o.greet.length).toBe(1);
  } finally {
    Object.defineProperty(Function.prototype, 'toString', { writable: true });
  }
});
