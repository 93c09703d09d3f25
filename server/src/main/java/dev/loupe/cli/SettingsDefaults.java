package dev.loupe.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where an option not given on the command line gets its value: the environment variable
 * {@code LOUPE_<NAME>} (for {@code --rate-limit}: {@code LOUPE_RATE_LIMIT}), then the config file
 * ({@code --config} or {@code LOUPE_CONFIG}; Java properties, keys as the option names without
 * dashes: {@code rate-limit = 100/60s}), then the built-in default. Flags win over all of them.
 */
final class SettingsDefaults implements IDefaultValueProvider {
  private final Map<String, String> env;
  private final Properties file;

  SettingsDefaults(Map<String, String> env, Path configFile) {
    this.env = env;
    this.file = new Properties();
    if (configFile != null) {
      try (Reader in = Files.newBufferedReader(configFile)) {
        file.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read config file " + configFile, e);
      }
    }
  }

  /** The config file named by {@code --config} in the arguments or by {@code LOUPE_CONFIG}, or null. */
  static Path configFile(String[] args, Map<String, String> env) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--config=")) {
        return Path.of(args[i].substring("--config=".length()));
      }
    }
    String fromEnv = env.get("LOUPE_CONFIG");
    return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
  }

  static String envName(String option) {
    return "LOUPE_" + option.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option)) {
      return null;
    }
    String name = option.longestName();
    String fromEnv = env.get(envName(name));
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv;
    }
    String key = name.replaceFirst("^-+", "");
    String fromFile = file.getProperty(key);
    if (fromFile == null) {
      fromFile = file.getProperty(key.replace('-', '_'));
    }
    return fromFile != null ? fromFile.trim() : option.defaultValue();
  }
}
