package trafficlight.board.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import trafficlight.board.BoardJson;

/** The board's HTTP plumbing: reading queries, forms and cookies; sending with its headers. */
final class Web {

  private Web() {}

  static String cookie(HttpExchange ex, String name) {
    List<String> headers = ex.getRequestHeaders().get("Cookie");
    if (headers == null) {
      return null;
    }
    for (String header : headers) {
      for (String part : header.split(";")) {
        String[] kv = part.strip().split("=", 2);
        if (kv.length == 2 && kv[0].equals(name) && !kv[1].isEmpty()) {
          return kv[1];
        }
      }
    }
    return null;
  }

  static Map<String, String> form(HttpExchange ex) throws IOException {
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
      return Map.of();
    }
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readNBytes(16 * 1024);
      return parse(new String(body, StandardCharsets.UTF_8));
    }
  }

  static Map<String, String> query(URI uri) {
    return parse(uri.getRawQuery());
  }

  static Map<String, String> parse(String raw) {
    Map<String, String> m = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return m;
    }
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      try {
        m.putIfAbsent(
            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      } catch (IllegalArgumentException ignored) {
        // a malformed escape: skip the pair
      }
    }
    return m;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Compares secrets in constant time; null never equals anything. */
  static boolean same(String a, String b) {
    return a != null
        && b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  static void redirect(HttpExchange ex, String location) throws IOException {
    ex.getResponseHeaders().add("Location", location);
    send(ex, 303, "text/plain", "see " + location);
  }

  static void html(HttpExchange ex, int status, String body) throws IOException {
    send(ex, status, "text/html; charset=utf-8", body);
  }

  static void json(HttpExchange ex, int status, Object value) throws IOException {
    send(ex, status, "application/json; charset=utf-8", BoardJson.write(value, false));
  }

  static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    var h = ex.getResponseHeaders();
    h.set("Content-Type", type);
    h.set("Cache-Control", "no-store");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "same-origin");
    h.set(
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src"
            + " 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head || status == 304 ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
