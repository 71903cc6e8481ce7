package trafficlight.gate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodeRepositoryUrlTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://github.com/acme/myapp.git",
        "https://github.com/acme/myapp",
        "https://github.com/acme/myapp/",
        "http://localhost:8080/acme/myapp.git",
        "https://x-access-token:ghs_secret@github.com/acme/myapp.git",
        "git@github.com:acme/myapp.git",
        "github.com:acme/myapp",
        "ssh://git@github.com/acme/myapp.git",
        "ssh://git@github.example.com:2222/acme/myapp.git",
        "git://github.com/acme/myapp.git",
        "https://github.example.com/acme/myapp.git",
        "git@github.example.com:acme/myapp.git",
      })
  void everyRemoteFormNamesOwnerAndName(String url) {
    assertThat(CodeRepositoryUrl.ownerAndName(url)).contains("acme/myapp");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "/srv/git/myapp", "../myapp", "file:///srv/git/myapp", "https://host"})
  void aPathOrAHostAloneNamesNone(String url) {
    assertThat(CodeRepositoryUrl.ownerAndName(url)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://u:ghp_secret@github.com/a/b.git"})
  void credentialsNeverComeBack(String url) {
    assertThat(CodeRepositoryUrl.ownerAndName(url).orElseThrow()).doesNotContain("secret");
  }
}
