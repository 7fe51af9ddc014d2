package dev.kiln.packaging.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.packaging.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The libraries Kiln finds for an ELF file are the ones the system's {@code ldd} lists. */
class SharedLibrariesTest {
  private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

  @TempDir
  Path dir;

  @Test
  void theLibrariesFoundForTheJvmAndZipAreTheOnesLddLists() throws Exception {
    List<Path> jdk = List.of(JAVA_HOME.resolve("lib/server/libjvm.so"), JAVA_HOME.resolve("lib/libjava.so"),
        JAVA_HOME.resolve("lib/libzip.so"));
    for (List<Path> roots : List.of(jdk, List.of(Path.of("/usr/bin/tar")))) {
      Map<String, Path> found = SharedLibraries.ofHost().find(roots, List.of(JAVA_HOME.toRealPath()));
      Set<Path> ours = new TreeSet<>(found.values());
      Set<Path> theirs = new TreeSet<>();
      for (Path elf : roots) {
        theirs.addAll(ldd(elf));
      }
      assertThat(ours).as(roots.toString()).isEqualTo(theirs).isNotEmpty();
    }
  }

  @Test
  void theLoaderOfAnExecutableIsFoundByItsInterpreterPath() throws Exception {
    ElfFile java = ElfFile.read(JAVA_HOME.resolve("bin/java"));
    assertThat(java.interpreter()).isPresent();
    assertThat(java.needed()).contains("libjli.so");
    assertThat(SharedLibraries.ofHost().find(List.of(JAVA_HOME.resolve("bin/java")), List.of(JAVA_HOME.toRealPath())))
        .containsKey(java.interpreter().get());
  }

  @Test
  void aFileThatIsNotElfNeedsNothingAndAMissingLibraryIsNamedWithWhoNeedsIt() throws Exception {
    Path script = Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\necho hi\n");
    assertThat(ElfFile.read(script)).isEqualTo(ElfFile.NONE);
    SharedLibraries nowhere = new SharedLibraries(List.of(dir.toString()));
    assertThatThrownBy(() -> nowhere.find(List.of(JAVA_HOME.resolve("lib/libzip.so")), List.of()))
        .hasMessageContaining("libz.so.1 (needed by " + JAVA_HOME.resolve("lib/libzip.so"));
  }

  /** The real files ldd resolves, less the vDSO and the JDK's own. */
  private static Set<Path> ldd(Path elf) throws Exception {
    Set<Path> out = new TreeSet<>();
    for (String line : Tools.run(List.of("ldd", elf.toString())).split("\n")) {
      String l = line.strip();
      String path = l.contains("=>") ? l.substring(l.indexOf("=>") + 2).strip() : l;
      path = path.replaceAll("\\s*\\(0x[0-9a-f]+\\)$", "");
      if (path.startsWith("/")) {
        Path real = Path.of(path).toRealPath();
        if (!real.startsWith(JAVA_HOME.toRealPath())) {
          out.add(real);
        }
      }
    }
    return out;
  }
}
