package trafficlight.gate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WebLinkTest {

  @ParameterizedTest
  @ValueSource(strings = {"https://ci.example.com/builds/4", "HTTP://ci.example.com:8080/x?y#z"})
  void absoluteHttpAndHttpsUrlsAreLinks(String url) {
    assertThat(WebLink.isWeb(url)).isTrue();
    assertThat(WebLink.orNull(url)).isEqualTo(url);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,x",
        "/relative",
        "//evil.example/x",
        "https:///nohost",
        "https://ci.example.com/a b"
      })
  void nothingElseIs(String notALink) {
    assertThat(WebLink.isWeb(notALink)).isFalse();
    assertThat(WebLink.orNull(notALink)).isNull();
  }

  @Test
  void aRecordKeepsItsUrlAsTextButLinksOnlyTheWeb() {
    DeployRecord record =
        new DeployRecord(
            new DeployRecord.Change("a".repeat(40), "s", null, null),
            new DeployRecord.Build("4", "deploy-qa", "p", "javascript:alert(1)"),
            null,
            null,
            null);
    assertThat(record.buildUrl()).isEqualTo("javascript:alert(1)");
    assertThat(record.buildLink()).isNull();
  }
}
