package dev.loupe.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Durable small-file writes: the new content is either wholly there after a crash or not at all. */
public final class Fsync {
  private Fsync() {}

  /** Writes {@code content} to {@code target} through a fsynced temporary file and an atomic rename. */
  public static void writeAtomically(Path target, byte[] content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(content);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    directory(target.getParent());
  }

  /** Makes a directory's entries (created, renamed, deleted files) durable. */
  public static void directory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open directories; their renames are durable by other means.
      if (!isUnsupported(e)) {
        throw e;
      }
    }
  }

  private static boolean isUnsupported(IOException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("Is a directory") || m.contains("Operation not permitted") || m.contains("Invalid argument");
  }
}
