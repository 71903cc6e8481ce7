package trafficlight.localhub;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import trafficlight.contract.Exchange;

/**
 * localhub's record of a request, as the contract checks take it. Shared with other modules' tests
 * through localhub's test-jar.
 */
public final class Exchanges {

  private Exchanges() {}

  public static Exchange of(RecordedRequest r) {
    Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
    r.responseHeaders().forEach((k, v) -> responseHeaders.put(k, List.of(v)));
    return new Exchange(
        r.method(),
        r.path(),
        r.query(),
        r.headers(),
        r.body(),
        r.status(),
        responseHeaders,
        r.responseBody());
  }
}
