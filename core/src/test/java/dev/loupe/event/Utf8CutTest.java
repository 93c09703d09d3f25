package dev.loupe.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class Utf8CutTest {
  @Test
  void neverSplitsASurrogatePairOrAMultiByteCharacter() {
    String s = "é😀".repeat(100);
    String cut = Utf8Cut.cut(s, 50);

    assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(50);
    assertThat(cut).doesNotContain("\uFFFD");
    String kept = cut.substring(0, cut.indexOf('…'));
    assertThat(kept.codePoints().allMatch(c -> c == 'é' || c == 0x1F600)).isTrue();
  }

  @Property(tries = 300)
  void aCutStringFitsItsBudgetAndSaysHowMuchWasRemoved(@ForAll String s, @ForAll @IntRange(min = 40, max = 400) int max) {
    String cut = Utf8Cut.cut(s, max);
    int original = s.getBytes(StandardCharsets.UTF_8).length;
    int after = cut.getBytes(StandardCharsets.UTF_8).length;

    assertThat(Utf8Cut.length(s)).isEqualTo(original);
    if (original <= max) {
      assertThat(cut).isSameAs(s);
    } else {
      assertThat(after).isLessThanOrEqualTo(max);
      String kept = cut.substring(0, cut.lastIndexOf("…[truncated "));
      String marker = cut.substring(cut.lastIndexOf("…[truncated ") + "…[truncated ".length());
      int removed = Integer.parseInt(marker.substring(0, marker.indexOf(' ')));
      assertThat(kept.getBytes(StandardCharsets.UTF_8).length + removed).isEqualTo(original);
    }
  }
}
