package dev.kiln.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.data.check.CheckResult;
import dev.kiln.data.check.Sample;
import dev.kiln.data.check.Suite;
import dev.kiln.data.validate.Validation;
import dev.kiln.data.validate.Validator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed input is a check result or a one-line error with the line number, never a stack trace. */
class BadInputTest {
  @TempDir
  Path dir;

  Path file(String name, byte[] bytes) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  Path file(String name, String text) throws Exception {
    return file(name, text.getBytes(StandardCharsets.UTF_8));
  }

  static String rows(String header, int n, java.util.function.IntFunction<String> row) {
    StringBuilder sb = new StringBuilder(header).append('\n');
    for (int i = 0; i < n; i++) {
      sb.append(row.apply(i)).append('\n');
    }
    return sb.toString();
  }

  Validation validate(Path data, String suite) throws Exception {
    Path s = file("suite.yaml", suite);
    return new Validator(dir).validate(data.toString(), Suite.parse(s), Optional.empty());
  }

  @Test
  void aLineWithTheWrongNumberOfFieldsNamesItsLine() throws Exception {
    String early = rows("a,b,c", 50, i -> i + ",x," + i) + "50,y\n";
    assertThatThrownBy(() -> DataSource.open(file("early.csv", early).toString(), ReadOptions.DEFAULT))
        .isInstanceOf(DataReadException.class).hasMessageEndingWith("early.csv:52: expected 3 fields (as in the first line), found 2");
    String late = rows("a,b,c", 30_000, i -> i == 25_000 ? "1,y" : i + ",x," + i);
    assertThatThrownBy(() -> validate(file("late.csv", late), "columns: { a: { range: [0, 1] } }"))
        .isInstanceOf(DataReadException.class).hasMessageEndingWith("late.csv:25002: Expected Number of Columns: 3 Found: 2");
  }

  @Test
  void brokenQuotingNamesTheLineWhereTheFieldStarts() throws Exception {
    Path p = file("q.csv", "a,b\n1,\"x\"\n2,\"never closed\n3,z\n");
    assertThatThrownBy(() -> DataSource.open(p.toString(), ReadOptions.DEFAULT.withQuote("\"")))
        .isInstanceOf(DataReadException.class).hasMessageEndingWith("q.csv:3: a quoted field starts here and is never closed");
  }

  @Test
  void invalidUtf8NamesItsLine() throws Exception {
    Path p = file("u.csv", new byte[] {'a', ',', 'b', '\n', '1', ',', 'x', '\n', '2', ',', (byte) 0xff, (byte) 0xfe, '\n'});
    assertThatThrownBy(() -> validate(p, "columns: { b: { regex: x } }")).isInstanceOf(DataReadException.class)
        .hasMessageContaining("u.csv:3:").hasMessageContaining("utf-8");
  }

  @Test
  void emptyFilesAreAnErrorAndHeaderOnlyFilesHaveNoRows() throws Exception {
    assertThatThrownBy(() -> DataSource.open(file("e.csv", "").toString(), ReadOptions.DEFAULT))
        .hasMessageEndingWith("e.csv: the file is empty (no header, no rows)");
    Validation v = validate(file("h.csv", "a,b\n"), "table: { rows: { min: 1 } }\ncolumns: { a: { not-null: true } }");
    assertThat(v.checks()).extracting(CheckResult::passed).containsExactly(false, true);
  }

  @Test
  void aValueThatDefeatsTheSniffedTypeBecomesAFailedCheckWithItsRow() throws Exception {
    String text = rows("a,b", 30_000, i -> i + "," + (i == 25_000 ? "n/a" : Integer.toString(i)));
    Validation v = validate(file("t.csv", text), "columns: { b: { type: integer, range: [0, 100000] } }");
    assertThat(v.checks()).allSatisfy(r -> {
      assertThat(r.passed()).isFalse();
      assertThat(r.samples()).containsExactly(new Sample(25_001, "n/a"));
    });
  }

  @Property(tries = 60)
  void arbitraryBytesNeverEscapeAsAnythingButAReadErrorOrAResult(@ForAll @Size(max = 300) byte[] bytes) throws Exception {
    Path p = Files.createTempFile("any", ".csv");
    Path s = Files.createTempFile("suite", ".yaml");
    try {
      Files.write(p, bytes);
      Files.writeString(s, "table: { rows: { min: 0 } }\n");
      new Validator(p.getParent()).validate(p.toString(), Suite.parse(s), Optional.empty());
    } catch (DataReadException e) {
      assertThat(e.getMessage()).startsWith(p.toString()).doesNotContain("\n");
    } finally {
      Files.deleteIfExists(p);
      Files.deleteIfExists(s);
    }
  }
}
