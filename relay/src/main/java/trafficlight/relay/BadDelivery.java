package trafficlight.relay;

/** A delivery the relay refuses: the status to answer and a message that says why. */
final class BadDelivery extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String result;

  /**
   * @param result the metrics' name of the refusal, e.g. {@code malformed}
   */
  BadDelivery(int status, String result, String message) {
    super(message, null, false, false);
    this.status = status;
    this.result = result;
  }

  int status() {
    return status;
  }

  String result() {
    return result;
  }
}
