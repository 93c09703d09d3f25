import type { LoupeEvent } from '../api/types';
import { formatBytes } from '../format/numbers';
import { compactJson, num, obj, str, type Data } from './dataAccess';

/**
 * One line of plain text that says what an event was, for timeline and live-tail rows. The
 * result is only ever rendered as text; it may contain anything the page sent.
 */
export function summarizeEvent(event: LoupeEvent): string {
  const data = event.data;
  if (data === null) return '(data dropped: the record was over the size limit)';
  const [category, name = ''] = splitType(event.type);
  switch (category) {
    case 'console':
      return str(data, 'message') ?? argsText(data);
    case 'log':
      return prefixed(str(data, 'scope'), str(data, 'message') ?? '');
    case 'error':
      return errorSummary(name, data);
    case 'network':
      return name === 'resource'
        ? `${str(data, 'initiator_type') ?? 'resource'} ${str(data, 'url') ?? ''}`.trim()
        : `${(str(data, 'method') ?? 'GET').toUpperCase()} ${str(data, 'url') ?? ''}`.trim();
    case 'websocket':
      return websocketSummary(name, data);
    case 'performance':
      return performanceSummary(name, data);
    case 'action':
      return actionSummary(name, data);
    case 'page':
      return pageSummary(name, data, event.url);
    case 'screenshot': {
      const w = num(data, 'width');
      const h = num(data, 'height');
      const size = w !== undefined && h !== undefined ? ` ${w}×${h}` : '';
      return `screenshot${size} ${str(data, 'format') ?? ''}`.trim();
    }
    case 'session':
      return sessionSummary(name, data);
    case 'system':
      return systemSummary(name, data);
    default:
      return Object.keys(data).length ? compactJson(data) : event.type;
  }
}

export function splitType(type: string): [string, string?] {
  const dot = type.indexOf('.');
  return dot < 0 ? [type] : [type.slice(0, dot), type.slice(dot + 1)];
}

function prefixed(prefix: string | undefined, text: string): string {
  return prefix ? `[${prefix}] ${text}` : text;
}

function argsText(data: Data): string {
  const args = data.args;
  if (!Array.isArray(args)) return '';
  return args.map((a) => (typeof a === 'string' ? a : compactJson(a, 120))).join(' ');
}

function errorSummary(name: string, data: Data): string {
  const message = str(data, 'message') ?? '';
  if (name === 'resource') {
    const target = obj(data, 'target');
    const tag = str(target, 'tag') ?? 'resource';
    const url = str(target, 'url') ?? str(data, 'source') ?? '';
    return `Failed to load <${tag}> ${url}`.trim();
  }
  const errorName = str(data, 'name');
  return errorName && !message.startsWith(errorName) ? `${errorName}: ${message}` : message;
}

function websocketSummary(name: string, data: Data): string {
  const url = str(data, 'url') ?? '';
  switch (name) {
    case 'message': {
      const arrow = str(data, 'direction') === 'sent' ? '↑ sent' : '↓ received';
      const size = num(data, 'size');
      const binary = data.binary === true ? ' binary' : '';
      const preview = str(data, 'preview');
      return `${arrow}${binary} ${size !== undefined ? formatBytes(size) : ''}${preview ? ` ${preview}` : ''}`.replace(/\s+/g, ' ').trim();
    }
    case 'close': {
      const code = num(data, 'code');
      const reason = str(data, 'reason');
      return `close ${code ?? ''}${reason ? ` ${reason}` : ''} ${url}`.replace(/\s+/g, ' ').trim();
    }
    default:
      return `${name} ${url}`.trim();
  }
}

const VITAL_NAMES: Record<string, string> = { lcp: 'LCP', fcp: 'FCP', cls: 'CLS', inp: 'INP', ttfb: 'TTFB' };

function performanceSummary(name: string, data: Data): string {
  if (name === 'navigation') {
    const load = num(data, 'load_ms') ?? num(data, 'duration_ms');
    const dcl = num(data, 'dom_content_loaded_ms');
    return `navigation${load !== undefined ? ` load ${Math.round(load)} ms` : ''}${dcl !== undefined ? ` · DOMContentLoaded ${Math.round(dcl)} ms` : ''}`;
  }
  if (name === 'long_task') {
    const d = num(data, 'duration_ms');
    return `long task${d !== undefined ? ` ${Math.round(d)} ms` : ''}`;
  }
  const value = num(data, 'value');
  const unit = str(data, 'unit');
  const rating = str(data, 'rating');
  const shown = value === undefined ? '' : unit === 'score' ? value.toFixed(3) : `${Math.round(value)} ms`;
  return `${VITAL_NAMES[name] ?? name} ${shown}${rating ? ` · ${rating}` : ''}`.trim();
}

function actionSummary(name: string, data: Data): string {
  const selectors = obj(data, 'selectors');
  const target = str(selectors, 'data_testid') ? `[data-testid=${str(selectors, 'data_testid')}]` : str(selectors, 'css') ?? str(data, 'tag') ?? '';
  switch (name) {
    case 'click': {
      const text = str(data, 'text') ?? str(selectors, 'text');
      return `click ${target}${text ? ` "${text}"` : ''}`.trim();
    }
    case 'input':
    case 'change': {
      const masked = data.masked === true;
      const value = str(data, 'value');
      return `${name} ${target}${masked ? ' (masked)' : value !== undefined ? ` = "${value}"` : ''}`.trim();
    }
    case 'submit':
      return `submit ${target}`.trim();
    case 'scroll':
      return `scroll to ${num(data, 'scroll_x') ?? 0}, ${num(data, 'scroll_y') ?? 0}`;
    case 'key': {
      const modifiers = Array.isArray(data.modifiers) ? data.modifiers.filter((m) => typeof m === 'string') : [];
      const key = [...modifiers, str(data, 'key') ?? '?'].join('+');
      return `key ${key}${target ? ` in ${target}` : ''}`;
    }
    default:
      return `${name} ${target}`.trim();
  }
}

function pageSummary(name: string, data: Data, eventUrl: string | undefined): string {
  switch (name) {
    case 'view': {
      const title = str(data, 'title');
      return `view ${str(data, 'url') ?? eventUrl ?? ''}${title ? ` — ${title}` : ''}`.trim();
    }
    case 'navigate':
      return `navigate ${str(data, 'from') ?? '?'} → ${str(data, 'to') ?? '?'}${str(data, 'kind') ? ` (${str(data, 'kind')})` : ''}`;
    case 'visibility':
      return `tab ${str(data, 'state') ?? 'changed'}`;
    case 'unload':
      return `unload ${eventUrl ?? ''}`.trim();
    default:
      return `${name} ${eventUrl ?? ''}`.trim();
  }
}

function sessionSummary(name: string, data: Data): string {
  switch (name) {
    case 'start': {
      const parts = [str(data, 'browser'), str(data, 'os'), str(data, 'device_type')].filter(Boolean);
      return `session started${parts.length ? ` · ${parts.join(' / ')}` : ''}${str(data, 'page_url') ? ` · ${str(data, 'page_url')}` : ''}`;
    }
    case 'identify':
      return `identified as ${str(data, 'user_id') ?? '?'}`;
    case 'end':
      return `session ended${str(data, 'reason') ? ` (${str(data, 'reason')})` : ''}`;
    default:
      return `${name} ${compactJson(data)}`;
  }
}

function systemSummary(name: string, data: Data): string {
  const drops = obj(data, 'drops');
  if (name === 'client_drops' && drops) {
    const parts = Object.entries(drops).map(([reason, n]) => `${reason} ${typeof n === 'number' ? n : '?'}`);
    return `client dropped ${parts.join(', ')}`;
  }
  return `${name} ${compactJson(data)}`;
}
