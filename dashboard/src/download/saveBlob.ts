/**
 * Saves a fetched Blob as a file. The HAR route needs the Bearer header, so a plain
 * `<a href download>` cannot fetch it; we fetch, then hand the browser an object URL.
 */
export function saveBlob(blob: Blob, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.hidden = true;
  doc.body.appendChild(link); // Firefox only follows links that are in the document
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; give it time to start.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** A file name made only of safe characters from a session id. */
export function harFilename(sessionId: string): string {
  const safe = sessionId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100) || 'session';
  return `loupe-${safe}.har`;
}
