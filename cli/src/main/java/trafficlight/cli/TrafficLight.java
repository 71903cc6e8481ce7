package trafficlight.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code trafficlight} command: a thin layer of subcommands over the project's modules. */
@Command(
    name = "trafficlight",
    mixinStandardHelpOptions = true,
    description = "GitHub Issues as a traffic light for Concourse deploys.",
    subcommands = {
      CommandLine.HelpCommand.class,
      LocalhubCommand.class,
      DemoCommand.class,
      PipelineCommand.class,
      StatusCommand.class,
      StatsCommand.class,
      WhereCommand.class,
      PromoteCommand.class,
      RelayCommand.class,
      BoardCommand.class
    })
public final class TrafficLight {

  public static void main(String[] args) {
    // The JDK's HTTP server (localhub, the board, the relay, the runner) keeps Nagle's algorithm
    // on unless told, so a response on a kept-alive connection waits ~40 ms for an ACK. It is
    // read once, when the first server starts, so it is set before any of them.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    System.exit(new CommandLine(new TrafficLight()).execute(args));
  }
}
