package dev.kiln.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourceTest {
  static final Path HMDA = Path.of("../examples/quickstart/data/hmda.csv");

  @Test
  void readsACsvWithSniffedTypes() {
    try (DataSource ds = DataSource.open(HMDA.toString(), ReadOptions.DEFAULT)) {
      Frame f = ds.load(java.util.List.of("deny", "pirat"));
      assertThat(f.rows()).isEqualTo(2380);
      assertThat(f.isNumeric("pirat")).isTrue();
      assertThat(f.strings("deny")[0]).isEqualTo("no");
      assertThat(f.numbers("pirat")[0]).isEqualTo(0.221000003814697);
    }
  }

  @Test
  void aMissingFileIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(() -> DataSource.open(dir.resolve("nope.csv").toString(), ReadOptions.DEFAULT))
        .isInstanceOf(DataReadException.class).hasMessageContaining("no such file");
  }

  @Test
  void readsAGlobOfFilesAsOneDataSet(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.csv"), "x,y\n1,a\n2,b\n");
    Files.writeString(dir.resolve("b.csv"), "x,y\n3,c\n");
    try (DataSource ds = DataSource.open(dir.resolve("*.csv").toString(), ReadOptions.DEFAULT)) {
      assertThat(ds.load(java.util.List.of()).rows()).isEqualTo(3);
    }
  }
}
