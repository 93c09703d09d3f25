import type { LoupeEvent } from '../api/types';
import { CodeBlock } from '../components/CodeBlock';
import { prettyJson } from '../format/prettyBody';
import { framesOf } from '../format/stackFrames';
import { num, obj, str } from '../timeline/dataAccess';
import { Facts, Section } from './Section';
import { StackFramesView } from './StackFramesView';

/** A `console.*` or `log.*` call: its text, its arguments' structure, where it came from. */
export function ConsoleDetail({ event }: { event: LoupeEvent }) {
  const data = event.data ?? {};
  const location = obj(data, 'location');
  const args = Array.isArray(data.args) ? data.args : null;
  const context = obj(data, 'context');
  return (
    <div data-testid="console-detail">
      <Section title="Message">
        <CodeBlock text={str(data, 'message') ?? ''} testId="console-message" />
        <Facts
          rows={[
            ['Scope', str(data, 'scope')],
            ['Request id', str(data, 'request_id')],
            [
              'Location',
              location ? <span class="mono break">{`${str(location, 'url') ?? ''}:${num(location, 'line') ?? '?'}:${num(location, 'column') ?? '?'}`}</span> : undefined,
            ],
          ]}
        />
      </Section>
      {args && args.length > 0 && (
        <Section title={`Arguments (${args.length})`}>
          <CodeBlock text={prettyJson(args)} testId="console-args" />
        </Section>
      )}
      {context && (
        <Section title="Context">
          <CodeBlock text={prettyJson(context)} />
        </Section>
      )}
      {str(data, 'stack') && (
        <Section title="Stack">
          <StackFramesView frames={framesOf(data)} />
        </Section>
      )}
    </div>
  );
}
