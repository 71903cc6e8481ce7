package trafficlight.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import trafficlight.server.HttpFront;

/** The {@code trafficlight} command: a thin layer of subcommands over the project's modules. */
@Command(
    name = "trafficlight",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
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
    // The JDK's HTTP server (localhub, the board, the relay, the runner) reads its settings once,
    // when the first server starts, so they are set before any of them: TCP_NODELAY (else a
    // response on a kept-alive connection waits ~40 ms for an ACK) and the request time limit.
    HttpFront.applyDefaults();
    System.exit(commandLine().execute(args));
  }

  /** The command with its subcommands, each answering --version and bad input the same way. */
  static CommandLine commandLine() {
    CommandLine command = new CommandLine(new TrafficLight());
    command.setParameterExceptionHandler(new UsageErrors());
    Version version = new Version();
    command.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(version));
    return command;
  }
}
