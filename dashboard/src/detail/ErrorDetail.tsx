import type { LoupeEvent } from '../api/types';
import { CodeBlock } from '../components/CodeBlock';
import { prettyJson } from '../format/prettyBody';
import { framesOf } from '../format/stackFrames';
import { bool, num, obj, str } from '../timeline/dataAccess';
import { LinkedErrors } from './LinkedErrors';
import { Facts, Section } from './Section';
import { StackFramesView } from './StackFramesView';

/** An `error.*` event (and a console call that carried a stack): message, frames, the errors it links to, context. */
export function ErrorDetail({ event }: { event: LoupeEvent }) {
  const data = event.data ?? {};
  const target = obj(data, 'target');
  const stack = str(data, 'stack');
  const line = num(data, 'line');
  const column = num(data, 'column');
  const source = str(data, 'source');
  const context = obj(data, 'context');
  return (
    <div data-testid="error-detail">
      <Section title="Error">
        <p class="error-message" data-testid="error-message">
          {str(data, 'name') && <strong>{str(data, 'name')}: </strong>}
          {str(data, 'message') ?? ''}
        </p>
        <Facts
          rows={[
            ['Handled', bool(data, 'handled') === undefined ? undefined : bool(data, 'handled') ? 'yes' : 'no'],
            ['Source', source ? <span class="mono break">{`${source}${line !== undefined ? `:${line}` : ''}${column !== undefined ? `:${column}` : ''}`}</span> : undefined],
            ['Element', target ? <span class="mono break">{`<${str(target, 'tag') ?? '?'}> ${str(target, 'selector') ?? ''}`}</span> : undefined],
            ['Failed URL', target && str(target, 'url') ? <span class="mono break">{str(target, 'url')}</span> : undefined],
          ]}
        />
      </Section>
      <Section title="Stack">
        <StackFramesView frames={framesOf(data)} />
      </Section>
      {stack && (
        <details class="detail-raw">
          <summary>Raw stack</summary>
          <CodeBlock text={stack} testId="error-stack-raw" />
        </details>
      )}
      <LinkedErrors data={data} />
      {context && (
        <Section title="Context">
          <CodeBlock text={prettyJson(context)} />
        </Section>
      )}
    </div>
  );
}
