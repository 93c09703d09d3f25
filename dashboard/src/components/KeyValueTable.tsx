/** Name/value pairs (headers, context) as a two-column table of plain text. */
export function KeyValueTable({ entries, testId, empty = 'None' }: { entries: [string, unknown][]; testId?: string; empty?: string }) {
  if (entries.length === 0) return <p class="muted">{empty}</p>;
  return (
    <table class="kv" data-testid={testId}>
      <tbody>
        {entries.map(([name, value], i) => (
          <tr key={`${name}-${i}`}>
            <th scope="row">{name}</th>
            <td>{typeof value === 'string' ? value : JSON.stringify(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function objectEntries(value: unknown): [string, unknown][] {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
}
