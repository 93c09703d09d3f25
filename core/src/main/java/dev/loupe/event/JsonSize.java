package dev.loupe.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The length of a tree's compact JSON encoding, computed by walking it instead of writing it.
 * Exact for strings (Jackson's escaping rules), close for floating-point numbers.
 */
final class JsonSize {
  private JsonSize() {}

  static long of(JsonNode node) {
    if (node == null || node.isNull()) {
      return 4;
    }
    if (node.isTextual()) {
      return ofString(node.textValue());
    }
    if (node.isObject()) {
      long size = 2;
      int fields = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        size += ofString(e.getKey()) + 1 + of(e.getValue());
        fields++;
      }
      return size + Math.max(0, fields - 1);
    }
    if (node.isArray()) {
      long size = 2;
      for (JsonNode element : node) {
        size += of(element);
      }
      return size + Math.max(0, node.size() - 1);
    }
    if (node.isBoolean()) {
      return node.booleanValue() ? 4 : 5;
    }
    return node.asText().length();
  }

  static long ofString(String s) {
    long size = 2 + Utf8Cut.length(s);
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
        size += 1;
      } else if (c < 0x20) {
        size += 5;
      }
    }
    return size;
  }
}
