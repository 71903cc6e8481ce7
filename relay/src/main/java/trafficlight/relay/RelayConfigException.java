package trafficlight.relay;

/** A setting the relay refuses to start with; the message is one line saying what to fix. */
public final class RelayConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public RelayConfigException(String message) {
    super(message);
  }
}
