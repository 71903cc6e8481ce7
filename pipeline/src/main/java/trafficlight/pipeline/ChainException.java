package trafficlight.pipeline;

import java.util.List;
import java.util.stream.Collectors;

/** A chain file that cannot be used: every mistake found, in file order. */
public final class ChainException extends Exception {

  private final List<ChainError> errors;

  public ChainException(List<ChainError> errors) {
    super(errors.stream().map(ChainError::toString).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public List<ChainError> errors() {
    return errors;
  }
}
