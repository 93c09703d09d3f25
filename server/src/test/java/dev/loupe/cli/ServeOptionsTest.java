package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** {@code loupe serve}'s options as README and --help promise: flag, then environment, then config file, then default. */
class ServeOptionsTest {
  @TempDir Path dir;

  static ServerConfig config(Map<String, String> env, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    CommandLine.ParseResult parsed = Main.commandLine(all, env).parseArgs(all);
    ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
    return serve.toConfig();
  }

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    ServerConfig c = config(Map.of());
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(7070);
    assertThat(c.dataDir()).isEqualTo(Path.of("./loupe-data"));
    assertThat(c.storage().kind()).isEqualTo("sqlite");
    assertThat(c.rateLimit().requests()).isEqualTo(100);
    assertThat(c.rateLimit().window()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aFlagBeatsTheEnvironmentWhichBeatsTheConfigFileWhichBeatsTheDefault() throws IOException {
    Path file = Files.writeString(dir.resolve("loupe.properties"), "port = 9001\nrate-limit = 7/10s\nhost = 0.0.0.0\n");
    Map<String, String> env = Map.of("LOUPE_PORT", "9002", "LOUPE_RATE_LIMIT", "8/10s");

    ServerConfig fromFile = config(Map.of(), "--config", file.toString());
    assertThat(fromFile.port()).isEqualTo(9001);
    assertThat(fromFile.rateLimit().requests()).isEqualTo(7);
    assertThat(fromFile.host()).isEqualTo("0.0.0.0");

    ServerConfig fromEnv = config(env, "--config", file.toString());
    assertThat(fromEnv.port()).isEqualTo(9002);
    assertThat(fromEnv.rateLimit().requests()).isEqualTo(8);
    assertThat(fromEnv.host()).as("not in the environment: the file's").isEqualTo("0.0.0.0");

    ServerConfig fromFlag = config(env, "--config", file.toString(), "--port", "9003");
    assertThat(fromFlag.port()).isEqualTo(9003);
    assertThat(fromFlag.rateLimit().requests()).isEqualTo(8);

    ServerConfig fileFromEnv = config(Map.of("LOUPE_CONFIG", file.toString()));
    assertThat(fileFromEnv.port()).isEqualTo(9001);
  }

  @Test
  void postgresSettingsReachTheStore() {
    ServerConfig c = config(Map.of("LOUPE_POSTGRES_PASSWORD", "pw"), "--storage", "postgres",
        "--postgres-url", "jdbc:postgresql://127.0.0.1:5432/loupe", "--postgres-user", "loupe",
        "--postgres-schema", "telemetry");
    assertThat(c.storage()).isEqualTo(ServerConfig.StorageSettings.postgres(
        "jdbc:postgresql://127.0.0.1:5432/loupe", "loupe", "pw", "telemetry"));
  }

  @Test
  void rateLimitOffDisablesIt() {
    assertThat(config(Map.of(), "--rate-limit", "off").rateLimit()).isNull();
  }

  @Test
  void badValuesAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> config(Map.of(), "--storage", "mongo"))
        .isInstanceOf(ParameterException.class).hasMessageContaining("--storage");
    assertThatThrownBy(() -> config(Map.of(), "--storage", "postgres"))
        .isInstanceOf(ParameterException.class).hasMessageContaining("--postgres-url");
    assertThatThrownBy(() -> config(Map.of(), "--storage", "postgres", "--postgres-url", "jdbc:postgresql://h/d",
        "--postgres-schema", "public; DROP TABLE events"))
        .isInstanceOf(ParameterException.class).hasMessageContaining("--postgres-schema");
    assertThatThrownBy(() -> config(Map.of(), "--rate-limit", "lots"))
        .isInstanceOf(ParameterException.class).hasMessageContaining("--rate-limit");
    assertThatThrownBy(() -> config(Map.of("LOUPE_MAX_BODY", "12"), new String[0]))
        .isInstanceOf(ParameterException.class).hasMessageContaining("--max-body");
    assertThatThrownBy(() -> config(Map.of(), "--port", "70000"))
        .isInstanceOf(ParameterException.class).hasMessageContaining("--port");
  }
}
