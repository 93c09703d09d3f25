import { framesOf } from '../format/stackFrames';
import { type Data, obj, str } from '../timeline/dataAccess';
import { Section } from './Section';
import { StackFramesView } from './StackFramesView';

/** At most this many linked errors are shown (the SDK sends at most nine). */
const MAX_LINKED = 20;

interface Linked {
  title: string;
  data: Data;
}

/**
 * The errors an error links to, in the order a reader follows them: an AggregateError's `errors`
 * (each followed by what it links to), then its `cause` chain. Producers other than the SDK may
 * nest without bound, so the walk stops at MAX_LINKED.
 */
export function linkedErrors(data: Data, out: Linked[] = []): Linked[] {
  const errors = Array.isArray(data.errors) ? data.errors.filter((e): e is Data => typeof e === 'object' && e !== null && !Array.isArray(e)) : [];
  errors.forEach((e, i) => {
    if (out.length >= MAX_LINKED) return;
    out.push({ title: `Aggregated error ${i + 1} of ${errors.length}`, data: e });
    linkedErrors(e, out);
  });
  const cause = obj(data, 'cause');
  if (cause && out.length < MAX_LINKED) {
    out.push({ title: 'Caused by', data: cause });
    linkedErrors(cause, out);
  }
  return out;
}

/** Each linked error as its message and its frames (text only: captured data is never HTML). */
export function LinkedErrors({ data }: { data: Data }) {
  return (
    <>
      {linkedErrors(data).map(({ title, data: e }, i) => (
        <Section key={i} title={title} testId="linked-error">
          <p class="error-message" data-testid="linked-error-message">
            {str(e, 'name') && <strong>{str(e, 'name')}: </strong>}
            {str(e, 'message') ?? ''}
          </p>
          {framesOf(e).length > 0 && <StackFramesView frames={framesOf(e)} />}
        </Section>
      ))}
    </>
  );
}
