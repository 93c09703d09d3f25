package dev.loupe.storage.memory;

import dev.loupe.event.Envelope;
import dev.loupe.storage.Page;
import dev.loupe.storage.ScreenshotImage;
import dev.loupe.storage.ScreenshotInfo;
import dev.loupe.storage.ScreenshotQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The most recent screenshots (as many as the screenshot buffer holds), with their bytes. */
final class MemoryScreenshots implements ScreenshotQuery {
  private record Stored(ScreenshotInfo info, byte[] bytes) {}

  private final LinkedHashMap<Long, Stored> shots;

  MemoryScreenshots(int capacity) {
    this.shots = new LinkedHashMap<>(64, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Stored> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized void add(Envelope e, byte[] bytes) {
    shots.put(e.seq(), new Stored(ScreenshotInfo.from(e, bytes), bytes));
  }

  synchronized long removeBefore(long cutoffMicros) {
    int before = shots.size();
    shots.values().removeIf(s -> s.info().ts() < cutoffMicros);
    return before - shots.size();
  }

  synchronized void clear() {
    shots.clear();
  }

  @Override
  public Page<ScreenshotInfo> bySession(String sessionId, int limit, int offset) {
    List<ScreenshotInfo> all = new ArrayList<>();
    synchronized (this) {
      for (Stored s : shots.values()) {
        if (sessionId.equals(s.info().sessionId())) {
          all.add(s.info());
        }
      }
    }
    all.sort(Comparator.comparingLong(ScreenshotInfo::ts).thenComparingLong(ScreenshotInfo::screenshotId));
    int from = Math.min(offset, all.size());
    return new Page<>(all.subList(from, Math.min(all.size(), from + limit)), all.size(), null);
  }

  @Override
  public synchronized Optional<ScreenshotImage> image(long screenshotId) {
    Stored s = shots.get(screenshotId);
    return s == null || s.bytes() == null ? Optional.empty()
        : Optional.of(new ScreenshotImage(s.bytes(), s.info().format()));
  }
}
