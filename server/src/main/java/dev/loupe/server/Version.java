package dev.loupe.server;

import picocli.CommandLine.IVersionProvider;

/** Loupe's version, from the jar manifest the build writes ("dev" when run from classes). */
public final class Version implements IVersionProvider {
  public static String current() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"loupe " + current(), "Java " + Runtime.version()};
  }
}
