package trafficlight.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transport against a raw HTTP/1.1 peer on a real socket, for the framings and answers
 * localhub's JDK server never sends: chunked bodies with extensions and trailers, gzip, interim
 * answers, redirects, a connection closed mid-body.
 */
class HttpTransportTest {

  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private ServerSocket server;
  private Thread acceptor;
  private final HttpTransport transport = new HttpTransport(Duration.ofSeconds(2));

  @AfterEach
  void stop() throws Exception {
    transport.close();
    if (server != null) {
      server.close();
      acceptor.join(2000);
    }
  }

  /** Serves each request with {@code answer(request head)}: raw bytes written as they are. */
  private URI serve(Function<String, byte[]> answer) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket socket = server.accept();
                  connections.incrementAndGet();
                  Thread conversation = new Thread(() -> converse(socket, answer));
                  conversation.setDaemon(true);
                  conversation.start();
                } catch (IOException closed) {
                  return;
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  private void converse(Socket socket, Function<String, byte[]> answer) {
    open.incrementAndGet();
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (true) {
        String head = head(in);
        if (head == null) {
          return;
        }
        int length = contentLength(head);
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        requests.add(head + body);
        byte[] response = answer.apply(head);
        if (response == null) {
          return; // hang up without a word
        }
        out.write(response);
        out.flush();
        if (new String(response, StandardCharsets.ISO_8859_1).contains("Connection: close")) {
          return;
        }
      }
    } catch (IOException ignored) {
      // the client went away
    } finally {
      open.decrementAndGet();
    }
  }

  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    for (int b = in.read(); b >= 0; b = in.read()) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring(15).strip());
      }
    }
    return 0;
  }

  private static byte[] text(String response) {
    return response.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsAChunkedBodyWithExtensionsAndTrailersAndKeepsTheConnection() throws IOException {
    URI base =
        serve(
            head ->
                text(
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-One: a\r\nx-one: b\r\n\r\n"
                        + "4;name=value\r\n[1,2\r\n2\r\n,3\r\n1\r\n]\r\n0\r\nX-Trailer: t\r\n\r\n"));

    HttpResult first = transport.send("GET", base.resolve("/a"), Map.of(), null);
    HttpResult second = transport.send("GET", base.resolve("/b"), Map.of(), null);

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("[1,2,3]");
    assertThat(first.headers().get("x-one")).containsExactly("a", "b");
    assertThat(second.body()).isEqualTo("[1,2,3]");
    assertThat(connections).hasValue(1);
  }

  @Test
  void sendsTheBodyWithItsLengthAndDecodesAGzippedAnswer() throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      gzip.write("{\"ok\":\"ünïcode\"}".getBytes(StandardCharsets.UTF_8));
    }
    URI base =
        serve(
            head -> {
              ByteArrayOutputStream response = new ByteArrayOutputStream();
              response.writeBytes(
                  text(
                      "HTTP/1.1 201 Created\r\nContent-Encoding: gzip\r\nContent-Length: "
                          + zipped.size()
                          + "\r\n\r\n"));
              response.writeBytes(zipped.toByteArray());
              return response.toByteArray();
            });

    HttpResult result =
        transport.send(
            "PATCH",
            base.resolve("/issues/1?x=%20y"),
            Map.of("Authorization", "Bearer t"),
            "{\"title\":\"é\"}");

    assertThat(result.status()).isEqualTo(201);
    assertThat(result.body()).isEqualTo("{\"ok\":\"ünïcode\"}");
    String request = requests.get(0);
    assertThat(request)
        .startsWith("PATCH /issues/1?x=%20y HTTP/1.1\r\n")
        .contains("Host: 127.0.0.1:" + base.getPort() + "\r\n")
        .contains("Authorization: Bearer t\r\n")
        .contains("Accept-Encoding: gzip\r\n")
        .contains("Content-Length: 14\r\n")
        .endsWith("\r\n\r\n{\"title\":\"é\"}");
  }

  @Test
  void threadsSharingTheTransportEachGetTheirOwnAnswer() throws Exception {
    URI base =
        serve(
            head -> {
              String path = head.substring(4, head.indexOf(' ', 4));
              String body = path.repeat(200); // long enough to interleave if a socket were shared
              return text(
                  "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            });
    List<String> wrong = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < 25; i++) {
                  String path = "/t" + thread + "/r" + i;
                  try {
                    String body = transport.send("GET", base.resolve(path), Map.of(), null).body();
                    if (!body.equals(path.repeat(200))) {
                      wrong.add(path);
                    }
                  } catch (IOException | RuntimeException e) {
                    wrong.add(path + ": " + e);
                  }
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join(30_000);
    }

    assertThat(wrong).isEmpty();
    assertThat(requests).hasSize(200);
    assertThat(connections.get()).as("connections reused").isBetween(1, 199);
    // every connection was either closed or kept to be closed now: none was dropped still open
    transport.close();
    for (int i = 0; i < 100 && open.get() > 0; i++) {
      Thread.sleep(20);
    }
    assertThat(open).as("connections the server still holds open").hasValue(0);
  }

  @Test
  void skipsInterimAnswersAndOpensANewConnectionAfterConnectionClose() throws IOException {
    URI base =
        serve(
            head ->
                text(
                    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nConnection: close\r\n"
                        + "Content-Length: 2\r\n\r\n{}"));

    assertThat(transport.send("GET", base, Map.of(), null).status()).isEqualTo(404);
    assertThat(transport.send("GET", base, Map.of(), null).status()).isEqualTo(404);
    assertThat(connections).hasValue(2);
    assertThat(requests.get(0)).startsWith("GET / HTTP/1.1\r\n");
  }

  @Test
  void followsRedirectsKeepingAuthorizationOnlyOnTheSameOrigin() throws IOException {
    URI base =
        serve(
            head -> {
              if (head.startsWith("POST /old")) {
                return text(
                    "HTTP/1.1 307 Temporary Redirect\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n");
              }
              if (head.startsWith("POST /new")) {
                return text(
                    "HTTP/1.1 303 See Other\r\nLocation: http://localhost:"
                        + server.getLocalPort()
                        + "/other\r\nContent-Length: 0\r\n\r\n");
              }
              return text("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone");
            });

    HttpResult result =
        transport.send("POST", base.resolve("/old"), Map.of("Authorization", "Bearer t"), "{}");

    assertThat(result.body()).isEqualTo("done");
    assertThat(requests).hasSize(3);
    assertThat(requests.get(1))
        .startsWith("POST /new ")
        .contains("Authorization: Bearer t")
        .endsWith("{}");
    assertThat(requests.get(2))
        .startsWith("GET /other ")
        .doesNotContain("Authorization")
        .doesNotContain("Content-Length");
  }

  @Test
  void aBodyCutShortOrAnAnswerThatIsNoHttpIsAnErrorNeverAShortBody() throws IOException {
    URI base =
        serve(
            head ->
                head.startsWith("GET /short")
                    ? text("HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\nabc")
                    : head.startsWith("GET /silent") ? null : text("SSH-2.0-OpenSSH_9.2\r\n\r\n"));

    assertThatThrownBy(() -> transport.send("GET", base.resolve("/short"), Map.of(), null))
        .isInstanceOf(EOFException.class)
        .hasMessageContaining("3 of 10 bytes");
    assertThatThrownBy(() -> transport.send("GET", base.resolve("/silent"), Map.of(), null))
        .isInstanceOf(EOFException.class)
        .hasMessageContaining("without answering");
    assertThatThrownBy(() -> transport.send("GET", base.resolve("/ssh"), Map.of(), null))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("not an HTTP/1.1 status line");
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {});
    acceptor.start();
    HttpTransport impatient = new HttpTransport(Duration.ofMillis(300));

    assertThatThrownBy(
            () ->
                impatient.send(
                    "GET", URI.create("http://127.0.0.1:" + server.getLocalPort()), Map.of(), null))
        .isInstanceOf(SocketTimeoutException.class);
    impatient.close();
  }

  @Test
  void refusesAHeaderThatWouldSplitTheRequest() throws IOException {
    URI base = serve(head -> text("HTTP/1.1 204 No Content\r\n\r\n"));

    assertThatThrownBy(
            () -> transport.send("GET", base, Map.of("X-Evil", "a\r\nHost: elsewhere"), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(requests).isEmpty();
  }
}
