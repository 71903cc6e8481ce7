package trafficlight.relay;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Calls Concourse's check webhook of a route, off the request's thread. A 2xx is done; a 4xx (a
 * wrong token, an unknown resource, an archived pipeline) will not change on its own and is logged
 * with the resource's name, not retried; a 5xx or no answer is retried with doubling delays until
 * {@code retryFor} has passed, then given up with a log line: the resource's own {@code
 * check_every} still finds the issue.
 *
 * <p>It calls only URLs under the configured Concourse URL and follows no redirects. Log lines name
 * the route, never its URL, which carries the token.
 */
final class Forwarder implements AutoCloseable {

  private final URI concourse;
  private final HttpClient http;
  private final ScheduledExecutorService retries;
  private final RelayMetrics metrics;
  private final Consumer<String> log;
  private final Duration firstDelay;
  private final Duration retryFor;

  Forwarder(
      URI concourse,
      RelayMetrics metrics,
      Consumer<String> log,
      Duration firstDelay,
      Duration retryFor) {
    this.concourse = concourse;
    this.metrics = metrics;
    this.log = log;
    this.firstDelay = firstDelay;
    this.retryFor = retryFor;
    this.retries =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "relay-retries");
              thread.setDaemon(true);
              return thread;
            });
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** Queues a check of {@code route}; {@code delivery} names the cause in log lines. */
  CompletableFuture<Integer> forward(Route route, String delivery) {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    attempt(route, delivery, System.nanoTime(), firstDelay, done);
    return done;
  }

  private void attempt(
      Route route,
      String delivery,
      long started,
      Duration nextDelay,
      CompletableFuture<Integer> done) {
    HttpRequest request =
        HttpRequest.newBuilder(route.webhook(concourse))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, failure) -> {
              if (failure == null && response.statusCode() / 100 == 2) {
                metrics.forward("ok");
                done.complete(response.statusCode());
              } else if (failure == null && response.statusCode() / 100 == 4) {
                metrics.forward("rejected");
                log.accept(
                    "relay: Concourse answered "
                        + response.statusCode()
                        + " for resource "
                        + route.name()
                        + " (delivery "
                        + delivery
                        + "): "
                        + hint(response.statusCode())
                        + "; not retried");
                done.complete(response.statusCode());
              } else {
                String what =
                    failure == null
                        ? "answered " + response.statusCode()
                        : "could not be reached (" + reason(failure) + ")";
                long elapsed = System.nanoTime() - started;
                if (elapsed + nextDelay.toNanos() > retryFor.toNanos()) {
                  metrics.forward("gave_up");
                  log.accept(
                      "relay: Concourse "
                          + what
                          + " for resource "
                          + route.name()
                          + " (delivery "
                          + delivery
                          + "); gave up after "
                          + Duration.ofNanos(elapsed).toSeconds()
                          + " s: its check_every will find the issue");
                  done.complete(failure == null ? response.statusCode() : 0);
                } else {
                  metrics.forward("retrying");
                  metrics.retryScheduled();
                  schedule(
                      () -> {
                        metrics.retryStarted();
                        attempt(route, delivery, started, nextDelay.multipliedBy(2), done);
                      },
                      nextDelay);
                }
              }
            });
  }

  private void schedule(Runnable retry, Duration delay) {
    try {
      retries.schedule(retry, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      metrics.retryStarted();
    }
  }

  private static String hint(int status) {
    return switch (status) {
      case 400 -> "the call had no webhook_token";
      case 401 -> "its webhook_token differs from the one the relay was given";
      case 404 -> "no such team, pipeline or resource: check --team and --pipeline";
      case 409 -> "the pipeline is archived";
      default -> "Concourse refused the call";
    };
  }

  /** The failure's kind and message; a URL in the message, with its token, is left out. */
  private static String reason(Throwable failure) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    return cause.getClass().getSimpleName();
  }

  @Override
  public void close() {
    retries.shutdownNow();
  }
}
