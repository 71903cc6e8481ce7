package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The git command line, for the code repositories and checkouts the put reads. */
final class Git {

  private Git() {}

  /** Runs git in {@code dir}; it must succeed. What it printed. */
  static String git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return output;
  }

  /** A new repository in {@code dir}, on main, with one empty commit. */
  static void initWithOneCommit(Path dir, String subject) throws Exception {
    git(dir, "init", "-q", "-b", "main");
    git(
        dir,
        "-c",
        "user.name=dev",
        "-c",
        "user.email=dev@example.com",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        subject);
  }
}
