package trafficlight.github;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;

/**
 * Blocking HTTP/1.1 over Apache HttpClient's classic API: supports PATCH (which {@code
 * HttpURLConnection} refuses) and leaves no selector thread behind at exit (which {@code
 * java.net.http.HttpClient} does). TLS is set up only when an https URL is first used.
 */
final class HttpTransport implements AutoCloseable {

  private final CloseableHttpClient client;

  HttpTransport(Duration timeout) {
    Timeout perRequest = Timeout.ofMilliseconds(timeout.toMillis());
    this.client =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setTlsSocketStrategy(new LazyTls())
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(perRequest)
                            .setSocketTimeout(perRequest)
                            .setTimeToLive(1, TimeUnit.MINUTES)
                            .build())
                    .build())
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(perRequest).build())
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .build();
  }

  HttpResult send(String method, URI uri, Map<String, String> headers, String body)
      throws IOException {
    ClassicRequestBuilder builder = ClassicRequestBuilder.create(method).setUri(uri);
    headers.forEach(builder::addHeader);
    if (body != null) {
      builder.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
    }
    ClassicHttpRequest request = builder.build();
    return client.execute(
        request,
        response -> {
          Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
          for (Header header : response.getHeaders()) {
            responseHeaders
                .computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .add(header.getValue());
          }
          String text =
              response.getEntity() == null
                  ? ""
                  : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
          return new HttpResult(response.getCode(), responseHeaders, text);
        });
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException ignored) {
      // nothing is pending: every response was consumed
    }
  }

  /** Builds the TLS context on the first https connection, so plain http pays nothing. */
  private static final class LazyTls implements TlsSocketStrategy {
    private TlsSocketStrategy delegate;

    @Override
    public SSLSocket upgrade(
        Socket socket, String target, int port, Object attachment, HttpContext context)
        throws IOException {
      synchronized (this) {
        if (delegate == null) {
          delegate = new DefaultClientTlsStrategy(TrustedCertificates.sslContext());
        }
      }
      return delegate.upgrade(socket, target, port, attachment, context);
    }
  }
}
