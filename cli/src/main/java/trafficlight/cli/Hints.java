package trafficlight.cli;

import picocli.CommandLine;

/**
 * How printed hints name the command: as it runs from the project's root, where the {@code
 * trafficlight} script is, so a hint pasted there runs as printed.
 */
final class Hints {

  /** The command in every hint. */
  static final String TRAFFICLIGHT = "./trafficlight";

  private Hints() {}

  /** {@code ./trafficlight} and the subcommand's names: {@code ./trafficlight status}. */
  static String command(CommandLine command) {
    String qualified = command.getCommandSpec().qualifiedName(" ");
    int space = qualified.indexOf(' ');
    return space < 0 ? TRAFFICLIGHT : TRAFFICLIGHT + qualified.substring(space);
  }
}
