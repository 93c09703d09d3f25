import { CodeBlock } from '../components/CodeBlock';
import { formatBytes } from '../format/numbers';
import { prettyBody } from '../format/prettyBody';
import { Section } from './Section';

/** A request or response body: pretty JSON when it parses, raw text otherwise. */
export function BodyView({ title, body, size, contentType, testId }: { title: string; body: string | undefined; size?: number; contentType?: string; testId: string }) {
  if (body === undefined) {
    return (
      <Section title={title} aside={size !== undefined ? formatBytes(size) : undefined}>
        <p class="muted">Not captured (bodies are kept only at detail level “verbose”).</p>
      </Section>
    );
  }
  const pretty = prettyBody(body, contentType);
  return (
    <Section
      title={title}
      aside={
        <>
          {pretty.isJson && <span class="tag">JSON</span>}
          {size !== undefined && <span>{formatBytes(size)}</span>}
        </>
      }
    >
      {body === '' ? <p class="muted">Empty</p> : <CodeBlock text={pretty.text} testId={testId} />}
    </Section>
  );
}
