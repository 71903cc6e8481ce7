package trafficlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shell block the README and docs/ mark {@code <!-- runnable -->} runs as printed: with
 * {@code sh -e}, in a fresh folder where {@code ./trafficlight} is the packaged command, as a
 * reader who copies it into a scratch folder would. A block that fails fails the build, so the docs
 * cannot drift from the tool.
 */
class RunnableDocsIT {

  private static final Pattern RUNNABLE =
      Pattern.compile("<!-- runnable -->\\n( *)```sh\\n(.*?)\\n\\1```", Pattern.DOTALL);

  record Block(Path file, String script) {}

  static List<Block> blocks(Path root) throws IOException {
    List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    List<Block> blocks = new ArrayList<>();
    for (Path file : files) {
      Matcher m = RUNNABLE.matcher(Files.readString(file, StandardCharsets.UTF_8));
      while (m.find()) {
        String indent = m.group(1);
        String script =
            m.group(2)
                .lines()
                .map(line -> line.startsWith(indent) ? line.substring(indent.length()) : line)
                .reduce("", (a, b) -> a + b + "\n");
        blocks.add(new Block(file, script));
      }
    }
    return blocks;
  }

  @Test
  void everyRunnableBlockRunsAsPrinted(@TempDir Path scratch) throws Exception {
    Path root = DemoProcess.root();
    List<Block> blocks = blocks(root);
    assertThat(blocks).as("the README's five-minute path is marked runnable").isNotEmpty();
    for (Block block : blocks) {
      Path folder = Files.createTempDirectory(scratch, "block");
      Path command = folder.resolve("trafficlight");
      Files.writeString(
          command,
          "#!/bin/sh\nexec '" + DemoProcess.java() + "' -jar '" + DemoProcess.jar() + "' \"$@\"\n");
      command.toFile().setExecutable(true);
      Process process =
          new ProcessBuilder("sh", "-e", "-c", block.script())
              .directory(folder.toFile())
              .redirectErrorStream(true)
              .start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue())
          .as("%s, block:%n%s%noutput:%n%s", block.file(), block.script(), output)
          .isZero();
    }
  }
}
