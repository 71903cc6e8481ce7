package trafficlight.localhub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP handler in front of everything: sends {@code /_localhub/} to the admin API and {@code
 * /login/oauth/} to the web host's OAuth pages (which are not API requests: not rate-limited nor
 * recorded), strips the {@code /api/v3} prefix, applies injected faults, records the request and
 * sends the response.
 */
record FrontDoor(
    String baseUrl,
    GitHubApi api,
    AdminApi admin,
    OAuthAuthorizePage authorize,
    OAuthAccessTokenEndpoint accessToken,
    ArmedFaults<Fault, FaultPolicy> faults,
    RequestRecorder recorder,
    MovableClock clock)
    implements HttpHandler {
  static final String ENTERPRISE_PREFIX = "/api/v3";

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String rawPath = exchange.getRequestURI().getPath();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (rawPath.startsWith(AdminApi.PREFIX)) {
      send(
          exchange,
          admin.handle(
              exchange.getRequestMethod(), rawPath, exchange.getRequestURI().getRawQuery(), body));
      return;
    }
    if (rawPath.equals(OAuthAuthorizePage.PATH) || rawPath.equals(OAuthAccessTokenEndpoint.PATH)) {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      var params =
          OAuthForm.parameters(
              exchange.getRequestURI().getRawQuery(),
              exchange.getRequestHeaders().getFirst("Content-Type"),
              body);
      send(
          exchange,
          rawPath.equals(OAuthAuthorizePage.PATH)
              ? authorize.handle(method, params)
              : accessToken.handle(
                  method,
                  params,
                  String.join(
                      ",", exchange.getRequestHeaders().getOrDefault("Accept", List.of()))));
      return;
    }
    boolean enterprise =
        rawPath.equals(ENTERPRISE_PREFIX) || rawPath.startsWith(ENTERPRISE_PREFIX + "/");
    String path = enterprise ? rawPath.substring(ENTERPRISE_PREFIX.length()) : rawPath;
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    ApiRequest request =
        new ApiRequest(
            exchange.getRequestMethod().toUpperCase(Locale.ROOT),
            path,
            exchange.getRequestURI().getRawQuery(),
            copy(exchange.getRequestHeaders()),
            body,
            enterprise ? baseUrl + ENTERPRISE_PREFIX : baseUrl,
            baseUrl,
            exchange.getRemoteAddress().getAddress().getHostAddress());
    String operation = api.operation(request.method(), request.path());

    FaultPolicy fault = faults.take(f -> f.matches(request.method(), request.path()));
    if (fault instanceof FaultPolicy.DropConnection) {
      record(request, rawPath, operation, null, fault);
      throw new DroppedConnection();
    }
    if (fault instanceof FaultPolicy.Delay delay) {
      sleep(delay);
    }
    ApiResponse response =
        fault == null ? null : FaultResponses.replacement(fault, request, clock.now());
    if (response == null) {
      try {
        response = api.handle(request);
      } catch (RuntimeException e) {
        response = GitHubErrors.error(500, "Server Error: " + e, GitHubErrors.REST_DOCS);
      }
    }
    if (fault instanceof FaultPolicy.LoseResponseAfterApply) {
      record(request, rawPath, operation, null, fault);
      throw new DroppedConnection();
    }
    if (fault instanceof FaultPolicy.MalformedJson || fault instanceof FaultPolicy.TruncatedJson) {
      response.body = FaultResponses.corrupt(fault, response.body);
      response.headers.remove("etag");
    }
    record(request, rawPath, operation, response, fault);
    send(exchange, response);
  }

  private static void sleep(FaultPolicy.Delay delay) {
    try {
      Thread.sleep(delay.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void record(
      ApiRequest request,
      String rawPath,
      String operation,
      ApiResponse response,
      FaultPolicy fault) {
    recorder.record(
        new RecordedRequest(
            request.method(),
            rawPath,
            request.rawQuery(),
            request.headers(),
            request.body(),
            response == null ? 0 : response.status,
            response == null ? Map.of() : Map.copyOf(response.headers),
            response == null ? null : response.body,
            operation,
            fault,
            clock.now()));
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    return copy;
  }

  static void send(HttpExchange exchange, ApiResponse response) throws IOException {
    response.headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    byte[] bytes =
        response.body == null ? new byte[0] : response.body.getBytes(StandardCharsets.UTF_8);
    boolean noBody = response.body == null || response.status == 304 || response.status == 204;
    exchange.sendResponseHeaders(response.status, noBody ? -1 : bytes.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }
}
