package dev.loupe.ingest.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.ingest.IngestRefusal;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ScreenshotImageTest {
  static byte[] image(String format, int w, int h) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), format, out);
    return out.toByteArray();
  }

  static String dataUrl(String type, byte[] bytes) {
    return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }

  @Test
  void formatAndDimensionsComeFromTheBytes() throws Exception {
    ScreenshotImage jpeg = ScreenshotImage.fromDataUrl(dataUrl("image/jpeg", image("jpg", 640, 360)), "image_data");
    ScreenshotImage png = ScreenshotImage.fromDataUrl(dataUrl("image/png", image("png", 33, 17)), "image_data");

    assertThat(jpeg.format()).isEqualTo("jpeg");
    assertThat(jpeg.width()).isEqualTo(640);
    assertThat(jpeg.height()).isEqualTo(360);
    assertThat(png.contentType()).isEqualTo("image/png");
    assertThat(png.width()).isEqualTo(33);
    assertThat(png.height()).isEqualTo(17);
  }

  @Test
  void webpHeadersAreRead() {
    byte[] vp8x = new byte[40];
    System.arraycopy("RIFF".getBytes(), 0, vp8x, 0, 4);
    System.arraycopy("WEBPVP8X".getBytes(), 0, vp8x, 8, 8);
    vp8x[24] = (byte) 199;
    vp8x[27] = (byte) 99;

    ScreenshotImage webp = ScreenshotImage.fromDataUrl(dataUrl("image/webp", vp8x), "image_data");

    assertThat(webp.format()).isEqualTo("webp");
    assertThat(webp.width()).isEqualTo(200);
    assertThat(webp.height()).isEqualTo(100);
  }

  @Test
  void aDeclaredTypeThatTheBytesContradictIsRefused() throws Exception {
    assertThatThrownBy(() -> ScreenshotImage.fromDataUrl(dataUrl("image/png", image("jpg", 4, 4)), "image_data"))
        .hasMessage("image_data: declares image/png but the bytes are JPEG");
  }

  @Test
  void whatIsNotAnImageIsRefused() {
    assertThatThrownBy(() -> ScreenshotImage.fromDataUrl(dataUrl("image/png", "<svg onload=x>".getBytes()), "image_data"))
        .hasMessageContaining("is not a JPEG, PNG or WebP image");
    assertThatThrownBy(() -> ScreenshotImage.fromDataUrl("https://evil.example/x.png", "image_data"))
        .hasMessageContaining("must be a data URL");
    assertThatThrownBy(() -> ScreenshotImage.fromDataUrl("data:image/png,rawbytes", "image_data"))
        .hasMessageContaining("base64");
  }

  @Test
  void imagesOverTenMegabytesAreTooLarge() {
    String huge = "data:image/jpeg;base64," + "A".repeat(14 * 1024 * 1024);
    assertThatThrownBy(() -> ScreenshotImage.fromDataUrl(huge, "image_data"))
        .isInstanceOfSatisfying(IngestRefusal.class, e -> assertThat(e.kind()).isEqualTo(IngestRefusal.Kind.TOO_LARGE));
  }
}
