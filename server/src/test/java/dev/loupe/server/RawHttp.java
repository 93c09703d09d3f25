package dev.loupe.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Hand-written HTTP/1.1 requests for what a well-behaved client library will not send: lying
 * Content-Length headers and chunked bodies of any size.
 */
final class RawHttp {
  private RawHttp() {}

  /** Sends the head and then streams {@code bodyBytes} bytes of {@code fill}; returns the status line. */
  static String post(int port, String path, String extraHeaders, long bodyBytes, byte fill) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "X-Loupe-Key: " + TestServer.INGEST_KEY + "\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, fill);
      boolean chunked = extraHeaders.contains("chunked");
      long sent = 0;
      try {
        while (sent < bodyBytes) {
          int n = (int) Math.min(chunk.length, bodyBytes - sent);
          if (chunked) {
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          }
          out.write(chunk, 0, n);
          if (chunked) {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
          sent += n;
        }
        if (chunked) {
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
      } catch (IOException serverClosedEarly) {
        // The server may answer and close before the whole body is sent: read its answer.
      }
      return statusLine(s.getInputStream());
    }
  }

  private static String statusLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      line.write(b);
    }
    return line.toString(StandardCharsets.US_ASCII).trim();
  }
}
