package dev.loupe.pipeline;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * Opens the log's segment files for writing. The seam exists so that tests can inject a channel
 * that fails the way a full or broken disk does.
 */
@FunctionalInterface
public interface LogChannels {
  FileChannel open(Path path, OpenOption... options) throws IOException;

  static LogChannels standard() {
    return FileChannel::open;
  }
}
