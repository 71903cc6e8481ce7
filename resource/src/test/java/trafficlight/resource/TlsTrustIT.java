package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import trafficlight.contract.TestCertificates;
import trafficlight.contract.TestCertificates.Authority;
import trafficlight.contract.TestCertificates.Server;
import trafficlight.localhub.LocalHub;
import trafficlight.localhub.TlsIdentity;

/**
 * The executables of {@code dist/opt/resource} against localhub over HTTPS, with a private CA as a
 * GitHub Enterprise Server usually has: trusted through {@code SSL_CERT_FILE} or a {@code
 * /etc/ssl/certs}-style directory, and refused with one clear line when the CA is missing, the
 * certificate has expired or names another host.
 */
class TlsTrustIT extends AgainstLocalHub {

  Authority ca;
  Path caFile;
  ResourceRunner executables = ResourceRunner.DIST;

  @Override
  ResourceRunner runner() {
    return executables;
  }

  @BeforeEach
  void makeCa() {
    ca = TestCertificates.authority("trafficlight test CA");
    caFile = ca.writeCertificate(work.resolve("ca/private-ca.pem"));
  }

  /** Replaces the plain-HTTP hub with one serving {@code certificate} on 127.0.0.1. */
  void serve(Server certificate) {
    hub.close();
    Path dir = work.resolve("server");
    hub =
        LocalHub.builder()
            .clock(clock())
            .tls(
                new TlsIdentity(
                    certificate.writeCertificate(dir.resolve("cert.pem")),
                    certificate.writeKey(dir.resolve("key.pem"))))
            .start();
    hub.createRepo(REPO);
    token = hub.createToken("ci-bot");
    assertThat(hub.baseUrl()).startsWith("https://127.0.0.1:");
  }

  @Test
  void withTheCaInSslCertFileCheckInAndOutWork() {
    serve(ca.issue("127.0.0.1", "localhost"));
    aDeployRoundTrip(Map.of("SSL_CERT_FILE", caFile.toString()));
  }

  @Test
  void withTheCaInACertificatesDirectoryCheckInAndOutWork() {
    serve(ca.issue("127.0.0.1"));
    aDeployRoundTrip(Map.of("SSL_CERT_DIR", caFile.getParent().toString()));
  }

  @Test
  void withoutItsNativeLibraryEachStepUsesTheJdksTlsAndSaysSoOnce() throws Exception {
    Path copy = work.resolve("resource-without-native");
    copyTree(DistIT.DIST, copy);
    deleteTree(copy.resolve("lib/native"));
    executables = ResourceRunner.executables(copy);
    serve(ca.issue("127.0.0.1", "localhost"));

    aDeployRoundTrip(Map.of("SSL_CERT_FILE", caFile.toString()));

    assertThat(runs).hasSize(3);
    for (Run run : runs) {
      List<String> notes = run.stderr().lines().filter(l -> l.contains("native TLS")).toList();
      assertThat(notes).as(run.toString()).hasSize(1);
      assertThat(notes.get(0))
          .startsWith("note: native TLS (Conscrypt) cannot load on this machine (")
          .contains("using the JDK's TLS");
    }
  }

  @Test
  void withItsNativeLibraryNoStepMentionsTheFallback() {
    serve(ca.issue("127.0.0.1", "localhost"));
    aDeployRoundTrip(Map.of("SSL_CERT_FILE", caFile.toString()));
    for (Run run : runs) {
      assertThat(run.stderr()).doesNotContain("native TLS").doesNotContain("WARNING");
    }
  }

  @Test
  void withoutTheCaEachStepFailsWithOneLineSayingHowToTrustIt() {
    serve(ca.issue("127.0.0.1"));
    String host = hub.baseUrl().substring("https://".length());
    for (Run run :
        new Run[] {
          step("out", post(), null, Map.of()),
          step("check", trigger(), null, Map.of()),
          step("in", trigger(), Map.of("issue_number", "1"), Map.of())
        }) {
      assertFailedWithOneLine(run, "the TLS certificate of " + host + " is not trusted");
      assertThat(run.stderr()).contains("/etc/ssl/certs").contains("SSL_CERT_FILE");
      assertThat(run.stderr()).as("no retries of a certificate problem").doesNotContain("retrying");
    }
    assertThat(hub.requests()).as("nothing reached the server").isEmpty();
  }

  @Test
  void anExpiredCertificateIsRefusedSayingSo() {
    Instant now = Instant.now();
    serve(ca.issue(now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(1)), "127.0.0.1"));
    String host = hub.baseUrl().substring("https://".length());
    Map<String, String> trusted = Map.of("SSL_CERT_FILE", caFile.toString());

    assertFailedWithOneLine(
        step("check", trigger(), null, trusted), "the TLS certificate of " + host + " has expired");
    assertFailedWithOneLine(step("out", post(), null, trusted), "has expired");
  }

  @Test
  void aCertificateForAnotherHostIsRefusedSayingSo() {
    serve(ca.issue("gates.example.com"));
    String host = hub.baseUrl().substring("https://".length());
    Map<String, String> trusted = Map.of("SSL_CERT_FILE", caFile.toString());

    Run check = step("check", trigger(), null, trusted);
    assertFailedWithOneLine(
        check, "the TLS certificate of " + host + " is issued for other names than 127.0.0.1");
    assertThat(check.stderr()).contains("gh_host");
    assertFailedWithOneLine(
        step("in", trigger(), Map.of("issue_number", "1"), trusted), "other names");
  }

  /** out opens the gate, a person closes it, check finds it, in consumes it: all over HTTPS. */
  private void aDeployRoundTrip(Map<String, String> trust) {
    Run put = step("out", post(), null, trust);
    assertThat(put.exit()).as(put.toString()).isZero();
    int number = Integer.parseInt(put.version().get("issue_number"));
    hub.closeIssue(REPO, number, "alice");
    tick();

    Run check = step("check", trigger(), null, trust);
    assertThat(check.exit()).as(check.toString()).isZero();
    assertThat(check.issueNumbers()).containsExactly((long) number);

    Run get = step("in", trigger(), check.versions().get(0), trust);
    assertThat(get.exit()).as(get.toString()).isZero();
    assertThat(hub.issue(REPO, number).title()).isEqualTo("[CONSUMED #7]" + TITLE);
    for (Run run : runs) {
      assertThat(run.stdout().strip().lines()).as("stdout holds only the JSON").hasSize(1);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Files.copy(
            path, to.resolve(from.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }

  /** One step as Concourse runs it: request on stdin, BUILD_* set, the directory as argument. */
  private Run step(
      String command,
      Map<String, Object> source,
      Map<String, String> version,
      Map<String, String> trust) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("source", source);
    if (version != null) {
      request.put("version", version);
    }
    if (!"check".equals(command)) {
      request.put("params", Map.of());
    }
    Map<String, String> env = new LinkedHashMap<>(build("7"));
    env.putAll(trust);
    return "check".equals(command)
        ? run(command, request, env)
        : run(command, request, env, directory(command));
  }
}
