package dev.loupe.storage.memory;

import dev.loupe.buffer.BufferSpec;
import dev.loupe.buffer.CategoryBuffers;
import dev.loupe.event.Category;
import dev.loupe.event.Envelope;
import dev.loupe.storage.EventFilter;
import dev.loupe.storage.EventQuery;
import dev.loupe.storage.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Event queries by scanning the category buffers (at most a few thousand entries each). */
final class MemoryEvents implements EventQuery {
  private final CategoryBuffers buffers;
  private final Predicate<Envelope> retained;

  MemoryEvents(CategoryBuffers buffers, Predicate<Envelope> retained) {
    this.buffers = buffers;
    this.retained = retained;
  }

  @Override
  public Page<Envelope> list(EventFilter f) {
    EventMatcher matcher = new EventMatcher(f, false);
    List<Envelope> all = buffers.select(bufferNames(f), e -> retained.test(e) && matcher.test(e), Integer.MAX_VALUE);
    long cursor = f.cursor() == null ? 0 : f.cursor();
    List<Envelope> rest = new ArrayList<>();
    for (Envelope e : all) {
      if (e.seq() > cursor) {
        rest.add(e);
      }
    }
    int from = Math.min(f.offset(), rest.size());
    int to = Math.min(from + f.limit(), rest.size());
    List<Envelope> page = rest.subList(from, to);
    String next = f.offset() == 0 && to < rest.size() && !page.isEmpty()
        ? Long.toString(page.get(page.size() - 1).seq()) : null;
    return new Page<>(page, all.size(), next);
  }

  private static List<String> bufferNames(EventFilter f) {
    List<String> names = new ArrayList<>();
    for (Category c : f.categories()) {
      names.add(c.wireName());
      if (c == Category.NETWORK) {
        names.add(BufferSpec.NETWORK_BODIES);
      }
    }
    return names;
  }
}
