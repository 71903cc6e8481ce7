package trafficlight.localhub;

/** Thrown by a handler to answer with an error response instead of its normal one. */
final class ApiException extends RuntimeException {
  final transient ApiResponse response;

  ApiException(ApiResponse response) {
    super("HTTP " + response.status, null, false, false);
    this.response = response;
  }
}
