import type { LoupeEvent, NetworkTiming } from '../api/types';
import { KeyValueTable, objectEntries } from '../components/KeyValueTable';
import { formatBytes } from '../format/numbers';
import { formatDateTime, formatDuration } from '../format/time';
import { networkStatusClass } from '../timeline/buildTimeline';
import { bool, num, obj, str } from '../timeline/dataAccess';
import { BodyView } from './BodyView';
import { Facts, Section } from './Section';

const TIMING_PHASES: [keyof NetworkTiming, string][] = [
  ['dns_ms', 'DNS'],
  ['connect_ms', 'Connect'],
  ['tls_ms', 'TLS'],
  ['ttfb_ms', 'Waiting (TTFB)'],
  ['download_ms', 'Download'],
];

/** A `network.request` or `network.resource`: what was asked, what came back, and when. */
export function RequestDetail({ event }: { event: LoupeEvent }) {
  const data = event.data ?? {};
  const isResource = event.type === 'network.resource';
  const status = num(data, 'status');
  const statusClass = networkStatusClass(event);
  const startedAt = num(data, 'started_at');
  const timing = obj(data, 'timing');
  return (
    <div data-testid="request-detail">
      <Section title="Request">
        <Facts
          testId="request-facts"
          rows={[
            ['Method', isResource ? undefined : (str(data, 'method') ?? 'GET').toUpperCase()],
            ['URL', <span class="mono break" data-testid="request-url">{str(data, 'url') ?? ''}</span>],
            ['Redirected to', str(data, 'final_url') !== undefined ? <span class="mono break" data-testid="request-final-url">{str(data, 'final_url')}</span> : undefined],
            [
              'Status',
              status !== undefined || !isResource ? (
                <span class={`status status--${statusClass}`} data-testid="request-status">
                  {status ?? 'no response'}
                  {str(data, 'status_text') ? ` ${str(data, 'status_text')}` : ''}
                </span>
              ) : undefined,
            ],
            ['Error', str(data, 'error')],
            ['Aborted', bool(data, 'aborted') ? 'yes' : undefined],
            ['Initiator', str(data, 'initiator') ?? str(data, 'initiator_type')],
            ['Protocol', str(data, 'protocol')],
            ['Content type', str(data, 'content_type')],
            ['Started', startedAt !== undefined ? formatDateTime(startedAt) : undefined],
            ['Duration', num(data, 'duration_ms') !== undefined ? formatDuration(num(data, 'duration_ms')) : undefined],
            ['Transferred', num(data, 'transfer_size') !== undefined ? formatBytes(num(data, 'transfer_size')) : undefined],
          ]}
        />
      </Section>
      <Section title="Timing" testId="request-timing">
        <TimingBars timing={timing} total={num(data, 'duration_ms')} />
      </Section>
      {!isResource && (
        <>
          <Section title="Request headers">
            <KeyValueTable entries={objectEntries(data.request_headers)} testId="request-headers" empty="Not captured" />
          </Section>
          <BodyView title="Request body" body={str(data, 'request_body')} size={num(data, 'request_body_size')} testId="request-body" />
          <Section title="Response headers">
            <KeyValueTable entries={objectEntries(data.response_headers)} testId="response-headers" empty="Not captured" />
          </Section>
          <BodyView
            title="Response body"
            body={str(data, 'response_body')}
            size={num(data, 'response_body_size')}
            contentType={str(data, 'content_type') ?? headerValue(data.response_headers, 'content-type')}
            testId="response-body"
          />
        </>
      )}
    </div>
  );
}

function TimingBars({ timing, total }: { timing: Record<string, unknown> | undefined; total: number | undefined }) {
  const phases = TIMING_PHASES.map(([key, label]) => [label, num(timing, key)] as const).filter((p): p is readonly [string, number] => p[1] !== undefined && p[1] >= 0);
  if (phases.length === 0) {
    return <p class="muted">{total !== undefined ? `Total ${formatDuration(total)}; no phase breakdown was captured.` : 'No timing was captured.'}</p>;
  }
  const sum = Math.max(total ?? 0, phases.reduce((s, [, v]) => s + v, 0), 1);
  let offset = 0;
  return (
    <table class="timing">
      <tbody>
        {phases.map(([label, ms]) => {
          const left = (offset / sum) * 100;
          offset += ms;
          return (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td class="timing__track">
                <span class="timing__bar" style={{ left: `${left}%`, width: `${Math.max((ms / sum) * 100, 0.5)}%` }} />
              </td>
              <td class="num">{formatDuration(ms)}</td>
            </tr>
          );
        })}
        {total !== undefined && (
          <tr class="timing__total">
            <th scope="row">Total</th>
            <td />
            <td class="num">{formatDuration(total)}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function headerValue(headers: unknown, name: string): string | undefined {
  const value = objectEntries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
  return typeof value === 'string' ? value : undefined;
}
