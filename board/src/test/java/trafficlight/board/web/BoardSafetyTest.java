package trafficlight.board.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The settings the board refuses to start with. */
class BoardSafetyTest {

  static final URI HTTPS = URI.create("https://board.example.com");

  @Test
  void promoteWithTheBoardsTokenOnlyOnLoopback() {
    assertThat(BoardSafety.refusal("0.0.0.0", true, false, false, null))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("0.0.0.0")
                    .contains("--read-only")
                    .contains("--oauth-client-id")
                    .doesNotContain("\n"));
    assertThat(BoardSafety.refusal("127.0.0.1", true, false, false, null)).isEmpty();
    assertThat(BoardSafety.refusal("localhost", true, false, false, null)).isEmpty();
    assertThat(BoardSafety.refusal("::1", true, false, false, null)).isEmpty();
    assertThat(BoardSafety.refusal("0.0.0.0", true, true, false, null)).as("--read-only").isEmpty();
    assertThat(BoardSafety.refusal("0.0.0.0", false, false, false, null))
        .as("a token that may not write")
        .isEmpty();
    assertThat(BoardSafety.refusal("0.0.0.0", true, false, true, HTTPS)).as("sign-in").isEmpty();
  }

  @Test
  void signInOffLoopbackNeedsAnHttpsPublicUrl() {
    assertThat(BoardSafety.refusal("0.0.0.0", false, false, true, null))
        .hasValueSatisfying(why -> assertThat(why).contains("--public-url"));
    assertThat(
            BoardSafety.refusal("0.0.0.0", false, false, true, URI.create("http://board.example")))
        .hasValueSatisfying(why -> assertThat(why).contains("plain-http").contains("https"));
    assertThat(BoardSafety.refusal("127.0.0.1", false, false, true, null)).isEmpty();
    assertThat(
            BoardSafety.refusal("127.0.0.1", false, false, true, URI.create("http://127.0.0.1:1")))
        .isEmpty();
  }
}
