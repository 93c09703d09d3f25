package dev.loupe.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {
  @TempDir Path dir;

  @Test
  void blobsAreStoredByTheirHashAndReadBack() throws Exception {
    BlobStore store = new BlobStore(dir);
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};

    String hash = store.put(png);

    assertThat(hash).hasSize(64).isEqualTo(BlobStore.sha256(png));
    assertThat(store.get(hash)).hasValue(png);
    assertThat(store.put(png)).as("idempotent").isEqualTo(hash);
  }

  @Test
  void malformedOrUnknownHashesFindNothingAndNeverLeaveTheDirectory() throws Exception {
    BlobStore store = new BlobStore(dir.resolve("blobs"));
    Files.writeString(dir.resolve("secret"), "x");

    assertThat(store.get("../secret")).isEmpty();
    assertThat(store.get("0".repeat(64))).isEmpty();
    assertThat(store.get(null)).isEmpty();
  }

  @Test
  void oldBlobsCanBeDeleted() throws Exception {
    BlobStore store = new BlobStore(dir);
    String hash = store.put(new byte[] {1});

    assertThat(store.deleteOlderThan(System.currentTimeMillis() - 60_000)).isZero();
    assertThat(store.deleteOlderThan(System.currentTimeMillis() + 60_000)).isEqualTo(1);
    assertThat(store.get(hash)).isEmpty();
  }
}
