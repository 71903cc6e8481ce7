package trafficlight.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import trafficlight.gate.Suggestions;

/**
 * A command line that does not parse gets one line on stderr: what was wrong, the option probably
 * meant when one was mistyped, and where the usage is. Picocli's default would add the whole usage
 * and, for a missing option, not connect it to the misspelling that was given instead.
 */
final class UsageErrors implements IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(line(e, unknownOptions(e)) + " (see " + Hints.command(command) + " --help)");
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  static String line(ParameterException e, List<String> unknown) {
    if (e instanceof MissingParameterException missing) {
      List<String> parts = new ArrayList<>();
      for (ArgSpec arg : missing.getMissing()) {
        if (arg instanceof OptionSpec option) {
          String name = option.longestName();
          String meant = given(name, unknown);
          parts.add(
              meant == null
                  ? "missing " + name
                  : "missing "
                      + name
                      + " ("
                      + meant
                      + " is no option: did you mean "
                      + name
                      + "?)");
        } else {
          parts.add("missing " + arg.paramLabel());
        }
      }
      return String.join("; ", parts);
    }
    CommandLine command = e.getCommandLine();
    if (e instanceof UnmatchedArgumentException unmatched) {
      List<String> suggestions = unmatched.getSuggestions();
      String meant = suggestions.isEmpty() ? "" : ": did you mean " + suggestions.get(0) + "?";
      if (!unknown.isEmpty()) {
        return "unknown option " + unknown.get(0) + meant;
      }
      if (!unmatched.getUnmatched().isEmpty()) {
        String first = unmatched.getUnmatched().get(0);
        if (command.getSubcommands().isEmpty()) {
          return "unexpected argument " + first;
        }
        // the gate's own "did you mean", which weighs swapped letters as people type them
        String nearest = Suggestions.nearest(first, command.getSubcommands().keySet());
        return "unknown command "
            + first
            + (nearest == null ? meant : ": did you mean " + nearest + "?");
      }
    }
    if (!command.getSubcommands().isEmpty() && !command.getParseResult().hasSubcommand()) {
      return "missing a command: one of "
          + String.join(
              ", ",
              command.getSubcommands().keySet().stream().filter(n -> !n.equals("help")).toList());
    }
    return e.getMessage();
  }

  /** Of the unknown options given, the one that was probably meant as {@code option}, or null. */
  static String given(String option, List<String> unknown) {
    for (String typed : unknown) {
      String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
      if (option.startsWith(name) && name.length() > 2
          || name.startsWith(option)
          || Suggestions.nearest(name, List.of(option)) != null) {
        return name;
      }
    }
    return null;
  }

  /** The options given that the command does not know. */
  private static List<String> unknownOptions(ParameterException e) {
    List<String> unknown = new ArrayList<>();
    for (String arg : e.getCommandLine().getUnmatchedArguments()) {
      if (arg.startsWith("-")) {
        unknown.add(arg);
      }
    }
    if (e instanceof UnmatchedArgumentException unmatched) {
      for (String arg : unmatched.getUnmatched()) {
        if (arg.startsWith("-") && !unknown.contains(arg)) {
          unknown.add(arg);
        }
      }
    }
    return unknown;
  }
}
