package dev.loupe.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A checkpoint in a small file, replaced atomically on every save: after a crash it holds either
 * the previous or the new seq, never a mix.
 */
public final class FileCheckpoint implements Checkpoint {
  private final Path file;

  public FileCheckpoint(Path file) {
    this.file = file;
  }

  @Override
  public long load() {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
      return text.isEmpty() ? 0 : Long.parseLong(text);
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("reading checkpoint " + file, e);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("checkpoint " + file + " does not hold a seq", e);
    }
  }

  @Override
  public void save(long seq) {
    try {
      Files.createDirectories(file.getParent());
      Fsync.writeAtomically(file, (seq + "\n").getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("writing checkpoint " + file, e);
    }
  }
}
