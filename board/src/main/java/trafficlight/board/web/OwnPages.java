package trafficlight.board.web;

import com.sun.net.httpserver.HttpExchange;
import trafficlight.server.AllowedHosts;

/**
 * Whether a request comes from one of the board's own pages, by its {@code Origin} (else its {@code
 * Referer}): a host the board answers, at the port it listens on, or its public URL. Never by the
 * request's own {@code Host}, which a DNS-rebinding page chooses.
 *
 * @param port the port the board listens on
 */
record OwnPages(AllowedHosts hosts, int port) {

  boolean sent(HttpExchange ex) {
    String origin = ex.getRequestHeaders().getFirst("Origin");
    if (origin == null) {
      origin = ex.getRequestHeaders().getFirst("Referer");
    }
    return origin != null && !"null".equals(origin) && hosts.allowsOrigin(origin, port);
  }
}
