package trafficlight.resource.protocol;

/**
 * Bad input or a state the resource cannot act on. Its message is the one line the user reads in
 * the build log: what was wrong and how to fix it. It never holds a credential.
 */
public class ResourceException extends RuntimeException {

  public ResourceException(String message) {
    super(message);
  }

  public ResourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
