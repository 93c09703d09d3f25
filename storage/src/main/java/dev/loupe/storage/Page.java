package dev.loupe.storage;

import java.util.List;

/**
 * One page of a list.
 *
 * @param data the items, in the list's order
 * @param total how many items match the filters in all (not only this page)
 * @param nextCursor pass it as the cursor to get the next page; null when this is the last page
 *     (and always with offset paging)
 */
public record Page<T>(List<T> data, long total, String nextCursor) {
  public Page {
    data = List.copyOf(data);
  }
}
