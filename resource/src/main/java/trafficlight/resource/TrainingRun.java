package trafficlight.resource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import trafficlight.resource.protocol.ConcourseProtocol;

/**
 * The training run of the class-data archive ({@code lib/run.sh train DIR}): out, check and in, one
 * after another in one JVM, so that one archive holds the classes and linked call sites of all
 * three steps. An archive is written by a single process; one trained on check alone left in and
 * out to load and link their own classes, about 30 ms of CPU each.
 *
 * <p>{@code DIR} holds each step's request as {@code out.json}, {@code check.json} and {@code
 * in.json}, and serves as in's and out's directory. Each response is printed on stdout, one line
 * per step; the first step that fails ends the run with its status.
 */
public final class TrainingRun {

  private static final List<String> STEPS = List.of("out", "check", "in");

  private TrainingRun() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: lib/run.sh train DIR (with DIR/out.json, check.json, in.json)");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    // Main's own protocol, so that the archive holds Main and its lambdas as the steps run them
    ConcourseProtocol protocol = Main.protocol();
    for (String step : STEPS) {
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      int status;
      try (InputStream request = Files.newInputStream(dir.resolve(step + ".json"))) {
        status =
            protocol.run(
                step,
                step.equals("check") ? List.of() : List.of(dir.toString()),
                request,
                new PrintStream(response, true, StandardCharsets.UTF_8),
                System.err,
                System.getenv());
      }
      System.out.print(response.toString(StandardCharsets.UTF_8));
      if (status != 0) {
        System.out.flush();
        System.exit(status);
      }
    }
    System.out.flush();
    System.exit(0);
  }
}
