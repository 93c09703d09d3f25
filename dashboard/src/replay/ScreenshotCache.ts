/**
 * Object URLs for screenshot images. `<img src>` cannot send the Bearer header, so each image is
 * fetched with it, turned into a Blob and shown through `blob:` (allowed by img-src). One fetch
 * per screenshot however often the playhead crosses it; every URL is revoked on dispose.
 */
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

export class ScreenshotCache {
  private readonly urls = new Map<number, Promise<string>>();
  private readonly created: string[] = [];
  private readonly controller = new AbortController();
  private disposed = false;

  constructor(
    private readonly load: (id: number, signal: AbortSignal) => Promise<Blob>,
    private readonly createUrl: (blob: Blob) => string = (b) => URL.createObjectURL(b),
    private readonly revokeUrl: (url: string) => void = (u) => URL.revokeObjectURL(u),
  ) {}

  url(id: number): Promise<string> {
    let pending = this.urls.get(id);
    if (!pending) {
      pending = this.load(id, this.controller.signal).then((blob) => {
        // Only the formats the server stores are shown as what they claim to be.
        const typed = IMAGE_TYPES.has(blob.type) ? blob : new Blob([blob], { type: 'application/octet-stream' });
        const url = this.createUrl(typed);
        if (this.disposed) this.revokeUrl(url);
        else this.created.push(url);
        return url;
      });
      // A failed load may be retried later (the next time the playhead gets there).
      pending.catch(() => this.urls.delete(id));
      this.urls.set(id, pending);
    }
    return pending;
  }

  dispose(): void {
    this.disposed = true;
    this.controller.abort();
    for (const url of this.created) this.revokeUrl(url);
    this.created.length = 0;
    this.urls.clear();
  }
}
