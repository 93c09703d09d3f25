package dev.loupe.server;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Reads a Server-Sent Events response frame by frame, on demand (so a test can stop reading). */
final class SseClient implements AutoCloseable {
  /** One frame: its id, event name (null for messages), data, or a comment. */
  record Frame(String id, String event, String data, String comment) {}

  final HttpResponse<InputStream> response;
  private final BufferedReader reader;

  SseClient(TestServer server, String pathAndQuery, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(pathAndQuery)))
        .header("Authorization", "Bearer " + TestServer.ADMIN_KEY).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    response = server.http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
  }

  /** The next frame that is not a comment (comments are skipped). */
  Frame next() throws Exception {
    while (true) {
      Frame f = nextIncludingComments();
      if (f.comment() == null) {
        return f;
      }
    }
  }

  Frame nextIncludingComments() throws Exception {
    String id = null;
    String event = null;
    StringBuilder data = null;
    String comment = null;
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isEmpty()) {
        if (id != null || event != null || data != null || comment != null) {
          return new Frame(id, event, data == null ? null : data.toString(), comment);
        }
        continue;
      }
      if (line.startsWith(":")) {
        comment = line.substring(1).trim();
      } else if (line.startsWith("id: ")) {
        id = line.substring(4);
      } else if (line.startsWith("event: ")) {
        event = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
      }
    }
    throw new IllegalStateException("stream ended");
  }

  /** The next {@code n} frames, with a deadline. */
  List<Frame> take(int n, Duration within) throws Exception {
    LinkedBlockingQueue<Object> q = new LinkedBlockingQueue<>();
    Thread t = new Thread(() -> {
      try {
        for (int i = 0; i < n; i++) {
          q.add(next());
        }
      } catch (Exception e) {
        q.add(e);
      }
    });
    t.setDaemon(true);
    t.start();
    List<Frame> out = new ArrayList<>();
    long deadline = System.nanoTime() + within.toNanos();
    while (out.size() < n) {
      Object o = q.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (o == null) {
        throw new AssertionError("got only " + out.size() + " of " + n + " frames: " + out);
      }
      if (o instanceof Exception e) {
        throw e;
      }
      out.add((Frame) o);
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    response.body().close();
  }
}
