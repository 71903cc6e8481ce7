package trafficlight.resource.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.resource.protocol.ResourceException;

class BodyFileTest {

  @TempDir Path dir;

  @Test
  void readsATextFileInsideTheSources() throws Exception {
    Path sources = Files.createDirectories(dir.resolve("sources"));
    Files.createDirectories(sources.resolve("out"));
    Files.writeString(sources.resolve("out/body.md"), "héllo");
    assertThat(BodyFile.read(sources, "out/body.md")).isEqualTo("héllo");
  }

  @Test
  void refusesPathsLeavingTheSources() throws Exception {
    Path sources = Files.createDirectories(dir.resolve("sources"));
    Files.writeString(dir.resolve("secret.txt"), "x");
    Files.createSymbolicLink(sources.resolve("link.md"), dir.resolve("secret.txt"));
    assertThatThrownBy(() -> BodyFile.read(sources, "../secret.txt"))
        .isInstanceOf(ResourceException.class)
        .hasMessageContaining("leads outside");
    assertThatThrownBy(() -> BodyFile.read(sources, "link.md"))
        .hasMessageContaining("leads outside");
    assertThatThrownBy(() -> BodyFile.read(sources, dir.resolve("secret.txt").toString()))
        .hasMessageContaining("absolute");
  }

  @Test
  void missingBinaryAndDirectoryAreErrors() throws Exception {
    Path sources = Files.createDirectories(dir.resolve("sources"));
    Files.write(sources.resolve("b.bin"), new byte[] {1, 0, 2});
    Files.write(sources.resolve("latin1.txt"), new byte[] {(byte) 0xe9, 'a'});
    Files.createDirectories(sources.resolve("d"));
    assertThatThrownBy(() -> BodyFile.read(sources, "nope.md"))
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> BodyFile.read(sources, "b.bin"))
        .hasMessageContaining("not UTF-8 text");
    assertThatThrownBy(() -> BodyFile.read(sources, "latin1.txt"))
        .hasMessageContaining("not UTF-8 text");
    assertThatThrownBy(() -> BodyFile.read(sources, "d")).hasMessageContaining("is not a file");
  }
}
