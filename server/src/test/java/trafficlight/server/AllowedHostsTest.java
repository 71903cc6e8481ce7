package trafficlight.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedHostsTest {

  private static final URI PUBLIC = URI.create("https://board.example.com");

  @Test
  void onLoopbackItAnswersTheLoopbackNamesAndThePublicHostOnly() {
    AllowedHosts hosts = AllowedHosts.of("127.0.0.1", List.of(PUBLIC));
    assertThat(hosts.allows("127.0.0.1:8081")).isTrue();
    assertThat(hosts.allows("localhost:8081")).isTrue();
    assertThat(hosts.allows("LOCALHOST")).isTrue();
    assertThat(hosts.allows("[::1]:8081")).isTrue();
    assertThat(hosts.allows("127.0.0.2")).isTrue();
    assertThat(hosts.allows("board.example.com")).isTrue();
    assertThat(hosts.allows("board.example.com:443")).isTrue();

    assertThat(hosts.allows("evil.example:8081")).as("a rebinding page's own name").isFalse();
    assertThat(hosts.allows("localhost.evil.example")).isFalse();
    assertThat(hosts.allows("127.0.0.1.nip.io")).isFalse();
    assertThat(hosts.allows("999.0.0.1")).isFalse();
    assertThat(hosts.allows("[::1")).isFalse();
    assertThat(hosts.allows("")).isFalse();
    assertThat(hosts.allows(null)).isFalse();
  }

  @Test
  void onAnotherAddressItAnswersThatAddressAndNoLoopbackName() {
    AllowedHosts hosts = AllowedHosts.of("192.0.2.10", List.of());
    assertThat(hosts.allows("192.0.2.10:8090")).isTrue();
    assertThat(hosts.allows("localhost")).isFalse();
    assertThat(hosts.allows("192.0.2.11")).isFalse();
  }

  @Test
  void onEveryAddressItAnswersThisMachinesAddressesAsHealthChecksSendThem() throws Exception {
    AllowedHosts hosts = AllowedHosts.of("0.0.0.0", List.of());
    assertThat(hosts.allows("localhost:8081")).isTrue();
    assertThat(hosts.allows("127.0.0.1:8081")).isTrue();
    assertThat(hosts.allows("192.0.2.77")).as("not an address of this machine").isFalse();
    assertThat(hosts.allows("relay.example.com")).isFalse();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
          assertThat(hosts.allows(a.getHostAddress() + ":8081")).as(a.toString()).isTrue();
        }
      }
    }
  }

  @Test
  void anOriginCountsWhenItIsAHostAnsweredAtOurPortOrThePublicUrl() {
    AllowedHosts hosts = AllowedHosts.of("127.0.0.1", List.of(PUBLIC));
    assertThat(hosts.allowsOrigin("http://127.0.0.1:8081", 8081)).isTrue();
    assertThat(hosts.allowsOrigin("http://localhost:8081/promote?x=1", 8081)).isTrue();
    assertThat(hosts.allowsOrigin("https://board.example.com", 8081)).isTrue();

    assertThat(hosts.allowsOrigin("http://evil.example:8081", 8081)).isFalse();
    assertThat(hosts.allowsOrigin("http://localhost:3000", 8081)).as("another local app").isFalse();
    assertThat(hosts.allowsOrigin("http://board.example.com", 8081)).isFalse();
    assertThat(hosts.allowsOrigin("https://board.example.com:8443", 8081)).isFalse();
    assertThat(hosts.allowsOrigin("null", 8081)).isFalse();
    assertThat(hosts.allowsOrigin(null, 8081)).isFalse();
  }

  @Test
  void aPublicUrlMustBeAnAddressWithADnsName() {
    assertThat(AllowedHosts.publicUrlProblem(URI.create("https://relay.example.com"))).isNull();
    assertThat(AllowedHosts.publicUrlProblem(URI.create("http://10.0.0.5:8090"))).isNull();
    assertThat(AllowedHosts.publicUrlProblem(URI.create("ftp://relay.example.com"))).isNotNull();
    assertThat(AllowedHosts.publicUrlProblem(URI.create("https://u@relay.example.com")))
        .isNotNull();
    assertThat(AllowedHosts.publicUrlProblem(URI.create("https://relay.example.com/?a=b")))
        .isNotNull();
    assertThat(AllowedHosts.publicUrlProblem(URI.create("relay.example.com"))).isNotNull();
  }
}
