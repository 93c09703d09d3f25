package dev.loupe.server.http;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which address a request comes from. {@code X-Forwarded-For} is believed only when the
 * connection comes from a configured proxy (an address or CIDR block); then the right-most address
 * in the header that is not itself a trusted proxy is the client. Without that rule any client
 * could pick its own rate-limit bucket by sending the header.
 */
public final class TrustedProxies {
  private record Block(byte[] network, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xFF << (8 - rest) & 0xFF;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  private final List<Block> blocks;

  private TrustedProxies(List<Block> blocks) {
    this.blocks = blocks;
  }

  public static TrustedProxies none() {
    return new TrustedProxies(List.of());
  }

  /**
   * Parses addresses and CIDR blocks such as {@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code ::1}.
   *
   * @throws IllegalArgumentException naming the entry that is not an IP literal or block
   */
  public static TrustedProxies parse(List<String> entries) {
    List<Block> blocks = new ArrayList<>();
    for (String raw : entries) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      String[] parts = entry.split("/", 2);
      byte[] address = literal(parts[0]);
      if (address == null) {
        throw new IllegalArgumentException("trusted proxy '" + entry + "' is not an IP address or CIDR block");
      }
      int prefix = address.length * 8;
      if (parts.length == 2) {
        try {
          prefix = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > address.length * 8) {
          throw new IllegalArgumentException("trusted proxy '" + entry + "' has an invalid prefix length");
        }
      }
      blocks.add(new Block(address, prefix));
    }
    return new TrustedProxies(List.copyOf(blocks));
  }

  /** The client's address for this request. */
  public String clientAddress(Context ctx) {
    String remote = ctx.req().getRemoteAddr();
    if (blocks.isEmpty() || !isTrusted(remote)) {
      return remote;
    }
    String forwarded = ctx.header("X-Forwarded-For");
    if (forwarded == null || forwarded.isBlank()) {
      return remote;
    }
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (literal(hop) == null) {
        return remote;
      }
      if (!isTrusted(hop)) {
        return hop;
      }
    }
    return hops[0].trim();
  }

  private boolean isTrusted(String address) {
    byte[] a = literal(address);
    if (a == null) {
      return false;
    }
    for (Block b : blocks) {
      if (b.contains(a)) {
        return true;
      }
    }
    return false;
  }

  /** The bytes of an IP literal, or null; never resolves names. */
  static byte[] literal(String s) {
    if (s == null || s.isEmpty() || s.length() > 45) {
      return null;
    }
    String host = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    boolean v4 = host.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
    boolean v6 = host.indexOf(':') >= 0 && host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
    if (!v4 && !v6) {
      return null;
    }
    if (v4 && host.split("\\.", -1).length != 4) {
      return null;
    }
    try {
      return InetAddress.getByName(host).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
