package dev.kiln.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kiln.data.check.CheckResult;
import dev.kiln.data.check.Suite;
import dev.kiln.stats.profile.Profile;
import dev.kiln.data.profile.Profiler;
import dev.kiln.data.validate.Validation;
import dev.kiln.data.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV file whose records end in both LF and CRLF reads as Python's csv module reads it
 * (fixture: src/test/resources/csv/make_mixed_line_endings.py), wherever the CRLF record is.
 */
class MixedLineEndingsTest {
  @TempDir
  Path dir;

  @Test
  void oneCrlfRecordAmongLfRecordsReadsAsPythonsCsvReadsIt() throws Exception {
    Path csv = Path.of(getClass().getResource("/csv/mixed-line-endings.csv").toURI());
    JsonNode expected = JsonMapper.builder().build().readTree(getClass().getResource("/csv/mixed-line-endings.json"));
    try (DataSource ds = DataSource.open(csv.toString(), ReadOptions.DEFAULT)) {
      assertThat(ds.columns()).extracting(ColumnInfo::name)
          .containsExactly(expected.get(0).get(0).asText(), expected.get(0).get(1).asText(), expected.get(0).get(2).asText());
      assertThat(ds.column("price").orElseThrow().kind()).isEqualTo(ds.column("id").orElseThrow().kind());
      List<List<String>> rows = new ArrayList<>();
      try (Statement s = ds.connection().createStatement();
          ResultSet rs = s.executeQuery("SELECT CAST(id AS VARCHAR), CAST(price AS VARCHAR), name FROM data")) {
        while (rs.next()) {
          rows.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      }
      List<List<String>> python = new ArrayList<>();
      for (int i = 1; i < expected.size(); i++) {
        JsonNode r = expected.get(i);
        python.add(List.of(r.get(0).asText(), r.get(1).asText(), r.get(2).asText()));
      }
      assertThat(rows).isEqualTo(python);
    }
  }

  @Test
  void aCrlfRecordPastTheLinesDuckDbSniffsIsReadByProfileLoadAndValidate() throws Exception {
    Path csv = dir.resolve("late.csv");
    StringBuilder sb = new StringBuilder("id,group,score\n");
    for (int i = 0; i < 60_000; i++) {
      sb.append(i).append(",g").append(i % 5).append(',').append(i % 100).append(i == 50_000 ? "\r\n" : "\n");
    }
    Files.writeString(csv, sb);
    try (DataSource ds = DataSource.open(csv.toString(), ReadOptions.DEFAULT)) {
      Profile p = Profiler.profile(ds);
      assertThat(p.rows()).isEqualTo(60_000);
    }
    try (DataSource ds = DataSource.open(csv.toString(), ReadOptions.DEFAULT)) {
      Frame f = ds.load(List.of("group", "score"));
      assertThat(f.rows()).isEqualTo(60_000);
      assertThat(f.strings("group")[50_000]).isEqualTo("g0");
      assertThat(f.numbers("score")[50_000]).isEqualTo(0.0);
    }
    Path suite = Files.writeString(dir.resolve("suite.yaml"),
        "table: { rows: { min: 60000, max: 60000 } }\ncolumns:\n  score: { range: [0, 99] }\n  group: { in-set: [g0, g1, g2, g3, g4] }\n");
    Validation v = new Validator(dir).validate(csv.toString(), Suite.parse(suite), Optional.empty());
    assertThat(v.checks()).extracting(CheckResult::passed).containsOnly(true);
  }

  @Test
  void mixedLineEndingsDoNotHideARecordWithTheWrongNumberOfFields() throws Exception {
    Path early = Files.writeString(dir.resolve("early.csv"), "a,b\n1,x\n2,y\r\n3,z,extra\n4,w\n");
    assertThatThrownBy(() -> DataSource.open(early.toString(), ReadOptions.DEFAULT))
        .isInstanceOf(DataReadException.class).hasMessageEndingWith("early.csv:4: expected 2 fields (as in the first line), found 3");
    StringBuilder sb = new StringBuilder("a,b\n");
    for (int i = 0; i < 60_000; i++) {
      sb.append(i).append(i == 50_000 ? ",x\r\n" : i == 55_000 ? ",x,extra\n" : ",x\n");
    }
    Path late = Files.writeString(dir.resolve("late.csv"), sb);
    try (DataSource ds = DataSource.open(late.toString(), ReadOptions.DEFAULT)) {
      assertThatThrownBy(() -> ds.load(List.of())).isInstanceOf(DataReadException.class)
          .hasMessageEndingWith("late.csv:55002: expected 2 fields (as in the first line), found 3");
    }
  }
}
