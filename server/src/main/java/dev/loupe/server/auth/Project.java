package dev.loupe.server.auth;

import dev.loupe.redact.Redactor;
import java.util.List;
import java.util.Set;

/**
 * A project: the unit of ingest keys, CORS policy and redaction rules. Events carry their
 * project's name in the envelope.
 *
 * @param ingestKeyHashes SHA-256 of each accepted ingest key
 * @param corsOrigins origins allowed to post from browsers; empty means any
 */
public record Project(String name, List<byte[]> ingestKeyHashes, Set<String> corsOrigins, Redactor redactor) {

  /** Whether {@code key} is one of this project's ingest keys (constant time per key). */
  public boolean acceptsKey(String key) {
    boolean found = false;
    for (byte[] hash : ingestKeyHashes) {
      found |= Secrets.matches(key, hash);
    }
    return found;
  }
}
