import type { ComponentChildren } from 'preact';

/** A titled block of the detail pane. */
export function Section({ title, aside, children, testId }: { title: string; aside?: ComponentChildren; children: ComponentChildren; testId?: string }) {
  return (
    <section class="detail-section" data-testid={testId}>
      <h3 class="detail-section__title">
        {title}
        {aside && <span class="detail-section__aside">{aside}</span>}
      </h3>
      {children}
    </section>
  );
}

/** A definition list of label/value pairs; values are text. Rows with no value are left out. */
export function Facts({ rows, testId }: { rows: [string, ComponentChildren | string | number | null | undefined][]; testId?: string }) {
  const shown = rows.filter(([, v]) => v !== null && v !== undefined && v !== '');
  return (
    <dl class="facts" data-testid={testId}>
      {shown.map(([label, value]) => (
        <div class="facts__row" key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
