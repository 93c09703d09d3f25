package dev.loupe.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Shrinks a JSON object in place until its encoding fits a byte budget, keeping as much meaning
 * as it can: first the longest strings are cut (each with a marker), longest first, but never
 * below {@value #MIN_KEEP} bytes; if that is not enough, the largest top-level fields are removed
 * and named in a {@code _truncated} field.
 */
final class JsonFit {
  static final int MIN_KEEP = 64;

  private record Leaf(ContainerNode<?> parent, String key, int index, String text, long size) {
    void replace(String value) {
      if (parent instanceof ObjectNode o) {
        o.put(key, value);
      } else {
        ((ArrayNode) parent).set(index, TextNode.valueOf(value));
      }
    }
  }

  private JsonFit() {}

  /** Returns true when the node was changed. */
  static boolean fit(ObjectNode node, int maxBytes) {
    long size = JsonSize.of(node);
    if (size <= maxBytes) {
      return false;
    }
    List<Leaf> leaves = new ArrayList<>();
    collect(node, leaves);
    leaves.sort(Comparator.comparingLong(Leaf::size).reversed());
    for (Leaf leaf : leaves) {
      if (size <= maxBytes || leaf.size() <= MIN_KEEP) {
        break;
      }
      long target = Math.max(MIN_KEEP, leaf.size() - (size - maxBytes));
      String cut = Utf8Cut.cut(leaf.text(), (int) Math.min(Integer.MAX_VALUE, target));
      leaf.replace(cut);
      size += JsonSize.ofString(cut) - leaf.size();
    }
    if (size > maxBytes) {
      dropLargestFields(node, maxBytes);
    }
    return true;
  }

  private static void dropLargestFields(ObjectNode node, int maxBytes) {
    List<Map.Entry<String, Long>> fields = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      fields.add(Map.entry(e.getKey(), JsonSize.of(e.getValue())));
    }
    fields.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    List<String> removed = new ArrayList<>();
    for (Map.Entry<String, Long> field : fields) {
      node.remove(field.getKey());
      removed.add(field.getKey());
      node.put("_truncated", "removed " + String.join(", ", removed) + " to fit " + maxBytes + " bytes");
      if (JsonSize.of(node) <= maxBytes) {
        return;
      }
    }
    node.removeAll();
    node.put("_truncated", "removed everything to fit " + maxBytes + " bytes");
  }

  private static void collect(JsonNode node, List<Leaf> out) {
    if (node instanceof ObjectNode o) {
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (v.isTextual()) {
          out.add(new Leaf(o, e.getKey(), -1, v.textValue(), JsonSize.ofString(v.textValue())));
        } else {
          collect(v, out);
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        JsonNode v = a.get(i);
        if (v.isTextual()) {
          out.add(new Leaf(a, null, i, v.textValue(), JsonSize.ofString(v.textValue())));
        } else {
          collect(v, out);
        }
      }
    }
  }
}
