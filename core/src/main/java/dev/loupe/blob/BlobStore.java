package dev.loupe.blob;

import dev.loupe.pipeline.Fsync;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Content-addressed files beside the log for payloads too large for a log record (screenshots).
 * A blob is stored under its SHA-256 ({@code <dir>/<first two hex>/<64 hex>}) and fsynced before
 * {@link #put} returns, so an event that refers to it is only sequenced after the bytes are safe.
 *
 * <p>Paths are built only from hashes this class computed or validated, never from other input.
 */
public final class BlobStore {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private final Path dir;

  public BlobStore(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
  }

  /** Stores the bytes (if not already there) and returns their SHA-256 in lowercase hex. */
  public String put(byte[] bytes) throws IOException {
    String hash = sha256(bytes);
    Path target = path(hash);
    if (!Files.exists(target)) {
      Files.createDirectories(target.getParent());
      Fsync.writeAtomically(target, bytes);
    }
    return hash;
  }

  /** The bytes stored under {@code hash}, or empty when there are none (or the hash is malformed). */
  public Optional<byte[]> get(String hash) throws IOException {
    if (hash == null || !SHA256.matcher(hash).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(path(hash)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Deletes blobs last written before {@code cutoffMillis} (epoch ms); returns how many. */
  public int deleteOlderThan(long cutoffMillis) throws IOException {
    int deleted = 0;
    try (DirectoryStream<Path> shards = Files.newDirectoryStream(dir)) {
      for (Path shard : shards) {
        if (!Files.isDirectory(shard)) {
          continue;
        }
        try (DirectoryStream<Path> blobs = Files.newDirectoryStream(shard)) {
          for (Path blob : blobs) {
            FileTime modified = Files.getLastModifiedTime(blob);
            if (modified.toMillis() < cutoffMillis && Files.deleteIfExists(blob)) {
              deleted++;
            }
          }
        }
      }
    }
    return deleted;
  }

  private Path path(String hash) {
    return dir.resolve(hash.substring(0, 2)).resolve(hash);
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
