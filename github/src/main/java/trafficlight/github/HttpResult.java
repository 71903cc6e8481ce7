package trafficlight.github;

import java.util.List;
import java.util.Map;

/** A raw HTTP response. Header names are lower case. */
record HttpResult(int status, Map<String, List<String>> headers, String body) {

  String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
