// A page that stays open while its session times out, and the next session is sampled out.
import { describe, expect, it, vi } from 'vitest';
import { init } from '../src/index';
import { uploadedEvents } from './capture';

describe('sampling', () => {
  it('stops capturing when a session that starts while the page is open is sampled out', async () => {
    const sent = uploadedEvents();
    let draw = 0.1;
    vi.spyOn(Math, 'random').mockImplementation(() => draw);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const loupe = init({ key: 'pk_s', endpoint: 'https://loupe.test', sampleRate: 0.5, sessionTimeout: 60_000, disable: ['performance', 'navigation'] })!;
      loupe.info('kept');
      // An hour without events: the next one starts a new session, drawn out of the sample.
      draw = 0.9;
      vi.setSystemTime(Date.now() + 3600_000);
      loupe.info('sampled out');
      console.log('sampled out too');
      loupe.flush();
      await vi.waitFor(() => expect(sent.length).toBeGreaterThan(0));
      expect(sent.map((e) => e.data.message)).toEqual(['kept']);
    } finally {
      vi.useRealTimers();
    }
  });
});
