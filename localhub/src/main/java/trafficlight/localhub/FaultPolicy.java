package trafficlight.localhub;

import java.time.Duration;

/** What the hub does to a request a {@link Fault} matches. */
public sealed interface FaultPolicy {

  /** Answers {@code status} (500, 502, 503...) with a GitHub-like error body; nothing applied. */
  record ServerError(int status) implements FaultPolicy {}

  /** 403 with {@code retry-after} and GitHub's secondary rate limit message; nothing applied. */
  record SecondaryRateLimit(int retryAfterSeconds) implements FaultPolicy {}

  /** 429 with {@code retry-after}; nothing applied. */
  record TooManyRequests(int retryAfterSeconds) implements FaultPolicy {}

  /** 403 "API rate limit exceeded", {@code x-ratelimit-remaining: 0}, reset in {@code resetIn}. */
  record RateLimitExhausted(Duration resetIn) implements FaultPolicy {}

  /** Waits, then answers normally. */
  record Delay(Duration delay) implements FaultPolicy {}

  /** Closes the connection without any response; the request is not applied. */
  record DropConnection() implements FaultPolicy {}

  /** Applies the request (e.g. creates the issue), then closes the connection without response. */
  record LoseResponseAfterApply() implements FaultPolicy {}

  /** Applies the request, then answers its status with a body that is not JSON. */
  record MalformedJson() implements FaultPolicy {}

  /** Applies the request, then answers its status with only the first half of the JSON body. */
  record TruncatedJson() implements FaultPolicy {}

  /** Answers an HTML error page, like a proxy in front of GitHub would; nothing applied. */
  record HtmlErrorPage(int status) implements FaultPolicy {}
}
