package dev.kiln.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PackagerTest {
  @Test
  void theRepositoryOfAReferenceDropsItsTagButNotARegistryPort() {
    assertThat(Packager.repository("127.0.0.1:5000/kiln/credit:3")).isEqualTo("127.0.0.1:5000/kiln/credit");
    assertThat(Packager.repository("127.0.0.1:5000/kiln/credit")).isEqualTo("127.0.0.1:5000/kiln/credit");
    assertThat(Packager.repository("credit:3")).isEqualTo("credit");
    assertThat(Packager.repository("r.io/credit@sha256:ab")).isEqualTo("r.io/credit");
  }

  @Test
  void aRequestSaysWhatToMakeAndManifestsNeedTheImage() {
    Optional<Path> none = Optional.empty();
    assertThatThrownBy(() -> new PackageRequest(none, none, none.map(String::valueOf), Optional.empty(),
        Optional.empty(), none, 8080)).hasMessageContaining("say what to package");
    assertThatThrownBy(() -> new PackageRequest(none, none, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(Path.of("k8s")), 8080)).hasMessageContaining("by digest");
    assertThatThrownBy(() -> new PackageRequest(Optional.of(Path.of("b")), none, Optional.empty(), Optional.empty(),
        Optional.of("r/x:1"), none, 8080)).hasMessageContaining("go with an image");
  }
}
