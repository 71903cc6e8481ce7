package trafficlight.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebLinkTest {

  @Test
  void onlyAbsoluteHttpAndHttpsUrlsAreLinks() {
    assertThat(WebLink.isWeb("https://ci.example.com/builds/4")).isTrue();
    assertThat(WebLink.isWeb("HTTP://ci.example.com:8080/x?y#z")).isTrue();
    for (String bad :
        List.of(
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,x",
            "/relative",
            "//evil.example/x",
            "https:///nohost",
            "https://ci.example.com/a b",
            "")) {
      assertThat(WebLink.isWeb(bad)).as(bad).isFalse();
      assertThat(WebLink.orNull(bad)).as(bad).isNull();
    }
    assertThat(WebLink.isWeb(null)).isFalse();
  }

  @Test
  void aRecordKeepsItsUrlAsTextButLinksOnlyTheWeb() {
    DeployRecord record =
        new DeployRecord("a".repeat(40), "s", "4", "deploy-qa", "p", "javascript:alert(1)", null);
    assertThat(record.buildUrl()).isEqualTo("javascript:alert(1)");
    assertThat(record.buildLink()).isNull();
  }
}
