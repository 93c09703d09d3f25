package dev.loupe.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Segment channels that fail the way disks do: writes that run out of space (after writing part
 * of the buffer, as a real short write does), fsyncs that fail, writes that hang until released.
 */
final class FaultyChannels implements LogChannels {
  volatile boolean diskFull;
  volatile boolean fsyncFails;
  volatile CountDownLatch writeGate;

  @Override
  public FileChannel open(Path path, OpenOption... options) throws IOException {
    return new Faulty(FileChannel.open(path, options));
  }

  private final class Faulty extends FileChannel {
    private final FileChannel inner;

    Faulty(FileChannel inner) {
      this.inner = inner;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      CountDownLatch gate = writeGate;
      if (gate != null) {
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted");
        }
      }
      if (diskFull) {
        if (src.remaining() > 10) {
          // A short write first: part of the group reaches the file, as on a real full disk.
          ByteBuffer part = src.duplicate();
          part.limit(part.position() + src.remaining() / 2);
          int n = inner.write(part, position);
          src.position(src.position() + n);
          return n;
        }
        throw new IOException("No space left on device");
      }
      return inner.write(src, position);
    }

    @Override
    public void force(boolean metaData) throws IOException {
      if (fsyncFails) {
        throw new IOException("Input/output error");
      }
      inner.force(metaData);
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      inner.truncate(size);
      return this;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return inner.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return inner.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      return inner.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      return inner.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
      return inner.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      inner.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return inner.size();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
      return inner.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
      return inner.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return inner.read(dst, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return inner.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return inner.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return inner.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      inner.close();
    }
  }
}
