package dev.loupe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Scratch directories for benchmarks, on the same disk as the working directory (not tmpfs). */
public final class TempDirs {
  private TempDirs() {}

  public static Path create(String prefix) throws IOException {
    Path base = Path.of(System.getProperty("loupe.bench.dir", "target"));
    Files.createDirectories(base);
    return Files.createTempDirectory(base.toAbsolutePath(), prefix);
  }

  public static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
