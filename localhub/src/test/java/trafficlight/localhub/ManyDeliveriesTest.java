package trafficlight.localhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Many issue closes, one after the other: each is delivered exactly once, signed, with its own
 * GUID. Prints the close-to-receipt latency (a measurement, not an assertion).
 */
class ManyDeliveriesTest {
  private static final int CLOSES = 100;

  @Test
  void everyCloseIsDeliveredExactlyOnce() {
    try (LocalHub hub = LocalHub.start();
        WebhookReceiver receiver = new WebhookReceiver()) {
      hub.createRepo("o/r");
      List<Integer> numbers = hub.seedIssues("o/r", CLOSES, i -> IssueSeed.open("gate " + i));
      hub.createHook("o/r", receiver.url(), "json", "s", "issues");
      receiver.await(r -> "ping".equals(r.event()), "ping");

      // One close at a time, each waited for: the latency of a delivery, not of a queue.
      Map<Integer, Long> closedAt = new HashMap<>();
      for (int i = 0; i < numbers.size(); i++) {
        closedAt.put(numbers.get(i), System.nanoTime());
        hub.closeIssue("o/r", numbers.get(i), "carol");
        receiver.awaitAll(r -> "issues".equals(r.event()), i + 1, "close " + (i + 1));
      }
      List<WebhookReceiver.Received> closed =
          receiver.received().stream().filter(r -> "issues".equals(r.event())).toList();

      assertThat(closed).hasSize(CLOSES);
      assertThat(closed).extracting(WebhookReceiver.Received::action).containsOnly("closed");
      assertThat(closed)
          .extracting(r -> r.payload().at("/issue/number").asInt())
          .containsExactlyInAnyOrderElementsOf(numbers);
      assertThat(closed).extracting(WebhookReceiver.Received::guid).doesNotHaveDuplicates();
      assertThat(closed).allMatch(r -> r.signedWith("s"));

      List<Long> micros = new ArrayList<>();
      for (WebhookReceiver.Received r : closed) {
        micros.add((r.nanoTime() - closedAt.get(r.payload().at("/issue/number").asInt())) / 1000);
      }
      micros.sort(null);
      System.out.printf(
          Locale.ROOT,
          "%d closes delivered: close-to-receipt p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          CLOSES,
          micros.get(CLOSES / 2) / 1000.0,
          micros.get(CLOSES * 99 / 100) / 1000.0,
          micros.get(CLOSES - 1) / 1000.0);
    }
  }
}
