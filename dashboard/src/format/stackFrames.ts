/**
 * Stack frames of a captured error: the producer's `frames` when it sent them, otherwise parsed
 * from the `stack` text, which comes in V8's `    at fn (url:line:col)` or Firefox/Safari's
 * `fn@url:line:col` form. Lines that match neither are kept as raw text so nothing is hidden.
 */
import type { StackFrameData } from '../api/types';

export interface StackFrame {
  function: string | null;
  url: string | null;
  line: number | null;
  column: number | null;
  /** The line of text it came from, when parsed from a stack string. */
  raw: string | null;
}

const V8_WITH_FUNCTION = /^\s*at (?:async )?(.*?) \((.*?)(?::(\d+))?(?::(\d+))?\)\s*$/;
const V8_BARE = /^\s*at (?:async )?(.*?)(?::(\d+))?(?::(\d+))?\s*$/;
const GECKO = /^\s*(.*?)@(.*?)(?::(\d+))?(?::(\d+))?\s*$/;

export function parseStack(stack: string): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const line of stack.split('\n')) {
    if (!line.trim()) continue;
    const frame = parseLine(line);
    if (frame) frames.push(frame);
  }
  return frames;
}

function parseLine(line: string): StackFrame | null {
  let m = V8_WITH_FUNCTION.exec(line);
  if (m) return frame(m[1], m[2], m[3], m[4], line);
  m = V8_BARE.exec(line);
  if (m) return frame(null, m[1], m[2], m[3], line);
  m = GECKO.exec(line);
  if (m) return frame(m[1], m[2], m[3], m[4], line);
  // The first line of a V8 stack repeats "Name: message"; it is not a frame.
  if (/^\w*(Error|Exception)\b.*:/.test(line.trim())) return null;
  return { function: null, url: null, line: null, column: null, raw: line.trim() };
}

function frame(fn: string | null | undefined, url: string | undefined, line?: string, column?: string, raw?: string): StackFrame {
  return {
    function: fn ? fn.trim() || null : null,
    url: url ? url.trim() || null : null,
    line: line ? Number(line) : null,
    column: column ? Number(column) : null,
    raw: raw?.trim() ?? null,
  };
}

export function framesOf(data: { frames?: unknown; stack?: unknown }): StackFrame[] {
  if (Array.isArray(data.frames) && data.frames.length > 0) {
    return data.frames
      .filter((f): f is StackFrameData => typeof f === 'object' && f !== null)
      .map((f) => ({
        function: typeof f.function === 'string' ? f.function : null,
        url: typeof f.url === 'string' ? f.url : null,
        line: typeof f.line === 'number' ? f.line : null,
        column: typeof f.column === 'number' ? f.column : null,
        raw: null,
      }));
  }
  return typeof data.stack === 'string' ? parseStack(data.stack) : [];
}
