package dev.loupe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code loupe} command line. */
@Command(
    name = "loupe",
    mixinStandardHelpOptions = true,
    versionProvider = dev.loupe.server.Version.class,
    description = "Loupe: a self-hosted browser telemetry pipeline.",
    subcommands = {ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(commandLine(args).execute(args));
  }

  /** The command line with defaults from LOUPE_* variables and the config file. */
  static CommandLine commandLine(String[] args) {
    return commandLine(args, System.getenv());
  }

  /** As {@link #commandLine(String[])} with the given environment. */
  static CommandLine commandLine(String[] args, java.util.Map<String, String> env) {
    CommandLine cli = new CommandLine(new Main());
    cli.setDefaultValueProvider(new SettingsDefaults(env, SettingsDefaults.configFile(args, env)));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
