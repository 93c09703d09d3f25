package dev.loupe.storage;

/**
 * The result of {@link Storage#check()}.
 *
 * @param healthy whether reads and writes work right now
 * @param detail what failed, or a short description of the backend when healthy
 */
public record Health(boolean healthy, String detail) {
  public static Health ok(String detail) {
    return new Health(true, detail);
  }

  public static Health failed(String detail) {
    return new Health(false, detail);
  }
}
