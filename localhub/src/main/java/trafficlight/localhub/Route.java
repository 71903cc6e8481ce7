package trafficlight.localhub;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One GitHub endpoint: method, path pattern (named groups), GitHub's operationId, the rate limit
 * resource it counts against (null: not counted), and its handler.
 */
record Route(String method, Pattern path, String operation, String rateResource, Handler handler) {

  @FunctionalInterface
  interface Handler {
    ApiResponse handle(ApiCall call);
  }

  static Route of(String method, String regex, String operation, String rateResource, Handler h) {
    return new Route(method, Pattern.compile(regex), operation, rateResource, h);
  }

  Matcher match(String requestMethod, String requestPath) {
    if (!method.equals(requestMethod)) {
      return null;
    }
    Matcher m = path.matcher(requestPath);
    return m.matches() ? m : null;
  }
}
