package trafficlight.pipeline;

/**
 * One mistake in a chain file: where it is, what is wrong and how to fix it.
 *
 * @param file the chain file as named by the caller
 * @param line 1-based; 0 when the mistake has no place (e.g. an empty file)
 * @param message what is wrong
 * @param fix what to write instead
 */
public record ChainError(String file, int line, String message, String fix) {

  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + ": " + message + " (fix: " + fix + ")";
  }
}
