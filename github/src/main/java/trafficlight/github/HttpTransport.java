package trafficlight.github;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Blocking HTTP/1.1 over the JDK's sockets, for processes that make a handful of requests to one
 * API: kept-alive connections (one per concurrent request, a few kept idle), bodies framed by
 * {@code Content-Length} or chunked, gzip, and redirects followed. A resource step pays for every
 * class it loads and every method the JIT compiles; a general client (Apache HttpClient's classic
 * one measured ~8% of a step's CPU besides the handshake) carries pools, routes, cookies and
 * authentication schemes that this never needs. PATCH works, which {@code HttpURLConnection}
 * refuses, and no thread is left behind at exit, as {@code java.net.http.HttpClient} leaves one.
 *
 * <p>TLS is set up on the first https connection ({@link TrustedCertificates}), with the host name
 * checked against the certificate by the trust manager (endpoint identification "HTTPS").
 */
final class HttpTransport implements AutoCloseable {

  private static final int MAX_REDIRECTS = 5;
  private static final int MAX_HEADER_LINE = 64 * 1024;
  private static final Duration IDLE_REUSE = Duration.ofSeconds(2);
  private static final int MAX_IDLE = 4;

  private final int timeoutMillis;

  // The board and the relay share one client between their request threads: each exchange has
  // a connection of its own, taken from and given back to these under this object's lock.
  private final Deque<Connection> idle = new ArrayDeque<>();
  private SSLContext tls;

  HttpTransport(Duration timeout) {
    this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }

  HttpResult send(String method, URI uri, Map<String, String> headers, String body)
      throws IOException {
    Map<String, String> requestHeaders = new LinkedHashMap<>(headers);
    for (int hop = 0; ; hop++) {
      HttpResult result = exchange(method, uri, requestHeaders, body);
      String location = result.header("location");
      if (!isRedirect(result.status()) || location == null || hop == MAX_REDIRECTS) {
        return result;
      }
      URI next = uri.resolve(location);
      if (!sameOrigin(uri, next)) {
        requestHeaders.keySet().removeIf(name -> name.equalsIgnoreCase("Authorization"));
      }
      if (result.status() == 303
          || ((result.status() == 301 || result.status() == 302) && method.equals("POST"))) {
        method = "GET";
        body = null;
      }
      uri = next;
    }
  }

  @Override
  public synchronized void close() {
    idle.forEach(Connection::close);
    idle.clear();
  }

  private HttpResult exchange(String method, URI uri, Map<String, String> headers, String body)
      throws IOException {
    byte[] content = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    byte[] request = request(method, uri, headers, content);
    Connection connection = connectionTo(uri);
    try {
      connection.write(request, content);
      Response response = connection.read(method.equals("HEAD"));
      if (response.reusable()) {
        giveBack(connection);
      } else {
        connection.close();
      }
      return response.result();
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  private Connection connectionTo(URI uri) throws IOException {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    boolean https = scheme.equals("https");
    if (!https && !scheme.equals("http")) {
      throw new ProtocolException("not an http or https URL: " + uri);
    }
    String host = uri.getHost();
    int port = uri.getPort() < 0 ? (https ? 443 : 80) : uri.getPort();
    Connection reuse = takeIdle(scheme, host, port);
    if (reuse != null) {
      return reuse;
    }
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      socket.setTcpNoDelay(true);
      if (https) {
        socket = upgrade(socket, host, port);
      }
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
    return new Connection(scheme, host, port, socket);
  }

  /** A kept-alive connection to this origin idle for less than {@link #IDLE_REUSE}, or null. */
  private synchronized Connection takeIdle(String scheme, String host, int port) {
    long now = System.nanoTime();
    for (Iterator<Connection> it = idle.iterator(); it.hasNext(); ) {
      Connection connection = it.next();
      if (now - connection.idleSince >= IDLE_REUSE.toNanos()) {
        it.remove();
        connection.close();
      } else if (connection.serves(scheme, host, port)) {
        it.remove();
        return connection;
      }
    }
    return null;
  }

  private synchronized void giveBack(Connection connection) {
    if (idle.size() == MAX_IDLE) {
      idle.removeFirst().close();
    }
    idle.addLast(connection.idleSince(System.nanoTime()));
  }

  private synchronized SSLContext tls() throws IOException {
    if (tls == null) {
      tls = TrustedCertificates.sslContext();
    }
    return tls;
  }

  private SSLSocket upgrade(Socket plain, String host, int port) throws IOException {
    SSLSocket socket = (SSLSocket) tls().getSocketFactory().createSocket(plain, host, port, true);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }

  private static byte[] request(
      String method, URI uri, Map<String, String> headers, byte[] content) {
    String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      target += "?" + uri.getRawQuery();
    }
    StringBuilder head = new StringBuilder(256);
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(uri.getRawAuthority()).append("\r\n");
    head.append("Accept-Encoding: gzip\r\n");
    headers.forEach(
        (name, value) -> {
          if (name.indexOf('\n') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a header may not span lines: " + name);
          }
          head.append(name).append(": ").append(value).append("\r\n");
        });
    if (content != null) {
      head.append("Content-Type: application/json; charset=UTF-8\r\n");
      head.append("Content-Length: ").append(content.length).append("\r\n");
    } else if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
      head.append("Content-Length: 0\r\n");
    }
    head.append("\r\n");
    return head.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme())
        && Objects.equals(a.getHost(), b.getHost())
        && a.getPort() == b.getPort();
  }

  private record Response(HttpResult result, boolean reusable) {}

  /** One socket to one origin, with what is read from it. */
  private static final class Connection {
    private final String scheme;
    private final String host;
    private final int port;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private long idleSince;

    Connection(String scheme, String host, int port, Socket socket) throws IOException {
      this.scheme = scheme;
      this.host = host;
      this.port = port;
      this.socket = socket;
      this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      this.out = socket.getOutputStream();
    }

    boolean serves(String scheme, String host, int port) {
      return this.scheme.equals(scheme) && this.host.equalsIgnoreCase(host) && this.port == port;
    }

    Connection idleSince(long nanos) {
      idleSince = nanos;
      return this;
    }

    void write(byte[] head, byte[] content) throws IOException {
      if (content == null || content.length > 8 * 1024) {
        out.write(head);
        if (content != null) {
          out.write(content);
        }
      } else {
        byte[] whole = new byte[head.length + content.length];
        System.arraycopy(head, 0, whole, 0, head.length);
        System.arraycopy(content, 0, whole, head.length, content.length);
        out.write(whole); // one TLS record for a small request
      }
      out.flush();
    }

    Response read(boolean head) throws IOException {
      String statusLine;
      int status;
      Map<String, List<String>> headers;
      do { // 1xx answers are interim: the real one follows
        statusLine = line();
        if (statusLine == null) {
          throw new EOFException("the server closed the connection without answering");
        }
        status = status(statusLine);
        headers = headers();
      } while (status >= 100 && status < 200);
      boolean close = statusLine.startsWith("HTTP/1.0") || hasToken(headers, "connection", "close");
      byte[] body;
      if (head || status == 204 || status == 304) {
        body = new byte[0];
      } else if (hasToken(headers, "transfer-encoding", "chunked")) {
        body = chunked();
      } else if (headers.containsKey("content-length")) {
        body = exactly(contentLength(headers));
      } else {
        body = in.readAllBytes();
        close = true;
      }
      if (hasToken(headers, "content-encoding", "gzip")) {
        try (InputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
          body = gunzip.readAllBytes();
        }
      }
      return new Response(
          new HttpResult(status, headers, new String(body, StandardCharsets.UTF_8)), !close);
    }

    void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing is pending on a connection given up
      }
    }

    private static int status(String line) throws ProtocolException {
      if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
        throw new ProtocolException("not an HTTP/1.1 status line: " + abbreviate(line));
      }
      try {
        return Integer.parseInt(line.substring(9, 12));
      } catch (NumberFormatException e) {
        throw new ProtocolException("not an HTTP/1.1 status line: " + abbreviate(line));
      }
    }

    private Map<String, List<String>> headers() throws IOException {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (String line = line(); line != null && !line.isEmpty(); line = line()) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
          throw new ProtocolException("not an HTTP header: " + abbreviate(line));
        }
        headers
            .computeIfAbsent(
                line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(line.substring(colon + 1).strip());
      }
      return headers;
    }

    private static boolean hasToken(Map<String, List<String>> headers, String name, String token) {
      for (String value : headers.getOrDefault(name, List.of())) {
        for (String part : value.split(",")) {
          if (part.strip().equalsIgnoreCase(token)) {
            return true;
          }
        }
      }
      return false;
    }

    private static long contentLength(Map<String, List<String>> headers) throws IOException {
      try {
        long length = Long.parseLong(headers.get("content-length").get(0).strip());
        if (length >= 0 && length <= Integer.MAX_VALUE - 8) {
          return length;
        }
      } catch (NumberFormatException e) {
        // refused below
      }
      throw new ProtocolException(
          "a Content-Length that is not a size: " + headers.get("content-length"));
    }

    private byte[] chunked() throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = line();
        if (sizeLine == null) {
          throw new EOFException("the server closed the connection within a chunked body");
        }
        int extension = sizeLine.indexOf(';');
        long size;
        try {
          size =
              Long.parseLong(
                  (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip(), 16);
        } catch (NumberFormatException e) {
          throw new ProtocolException("not a chunk size: " + abbreviate(sizeLine));
        }
        if (size == 0) {
          headers(); // trailers, if any, end with an empty line
          return body.toByteArray();
        }
        if (size > Integer.MAX_VALUE - 8 - body.size()) {
          throw new ProtocolException("a chunked body too large to hold");
        }
        body.writeBytes(exactly(size));
        if (!"".equals(line())) {
          throw new ProtocolException("a chunk not followed by its line end");
        }
      }
    }

    private byte[] exactly(long length) throws IOException {
      byte[] bytes = in.readNBytes((int) length);
      if (bytes.length < length) {
        throw new EOFException(
            "the server closed the connection after " + bytes.length + " of " + length + " bytes");
      }
      return bytes;
    }

    /** A line without its CRLF (or bare LF); null at the end of the stream before any byte. */
    private String line() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream(128);
      for (int b = in.read(); ; b = in.read()) {
        if (b < 0) {
          return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
        }
        if (b == '\n') {
          byte[] bytes = line.toByteArray();
          int end =
              bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
          return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
        }
        if (line.size() >= MAX_HEADER_LINE) {
          throw new ProtocolException("a line longer than " + MAX_HEADER_LINE + " bytes");
        }
        line.write(b);
      }
    }

    private static String abbreviate(String text) {
      return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
  }
}
