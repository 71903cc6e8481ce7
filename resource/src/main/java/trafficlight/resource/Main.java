package trafficlight.resource;

import java.util.Arrays;
import trafficlight.resource.protocol.ConcourseProtocol;
import trafficlight.resource.steps.IssueGateResource;

/** Entry point of {@code /opt/resource/check}, {@code in} and {@code out}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    String command = args.length == 0 ? "" : args[0];
    int status =
        protocol()
            .run(
                command,
                Arrays.asList(args).subList(Math.min(1, args.length), args.length),
                System.in,
                System.out,
                System.err,
                System.getenv());
    System.out.flush();
    System.exit(status);
  }

  /** The protocol over this resource, logging to stderr: each step's, and the training run's. */
  static ConcourseProtocol protocol() {
    return new ConcourseProtocol(
        source -> IssueGateResource.fromSource(source, System.err::println));
  }
}
