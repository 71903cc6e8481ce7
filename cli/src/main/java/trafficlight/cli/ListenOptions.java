package trafficlight.cli;

import picocli.CommandLine.Option;

/**
 * Where a server of this command line listens: {@code --port}, whose default each server names, and
 * {@code --bind}, loopback unless told otherwise.
 */
final class ListenOptions {

  @Option(names = "--port", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for everyone).")
  String bind;

  ListenOptions(int defaultPort) {
    this.port = defaultPort;
  }
}
