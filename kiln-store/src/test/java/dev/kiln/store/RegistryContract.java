package dev.kiln.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.core.artifact.Output;
import dev.kiln.release.approval.Approval;
import dev.kiln.core.hash.Digest;
import dev.kiln.core.history.GitState;
import dev.kiln.release.registry.AliasConflictException;
import dev.kiln.release.registry.AliasMove;
import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.registry.ModelRegistry;
import dev.kiln.release.registry.ModelVersion;
import dev.kiln.release.registry.NewVersion;
import dev.kiln.release.registry.Promoter;
import dev.kiln.release.registry.Promotion;
import dev.kiln.release.gate.GateVerdict;
import dev.kiln.release.registry.RegistryException;
import dev.kiln.release.registry.UnblessedVersionException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry and approvals contract; runs against SQLite and PostgreSQL (subclasses). */
abstract class RegistryContract {
  static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  static final String DATA = "a".repeat(64);

  @TempDir
  Path dir;
  String url;
  MetadataStore store;
  ModelRegistry registry;

  abstract String url(Path dir);

  @BeforeEach
  void open() {
    url = url(dir);
    store = MetadataStore.open(url, dir);
    registry = store.registry();
  }

  @AfterEach
  void close() {
    store.close();
  }

  static NewVersion version(String model, String content, Boolean blessed, double auc) {
    Output artifact = new Output("model", Output.Kind.DIRECTORY, Digest.ofBytes(content.getBytes()), 100, 2);
    return new NewVersion(model, artifact,
        new ModelVersion.Lineage(7L, "credit", "train", new GitState("c0ffee", "main", false), Map.of("data/train.csv", DATA)),
        Map.of("train.lr", 0.1), Map.of("auc", auc), new ModelVersion.GateOutcome(blessed,
            blessed == null ? List.of() : List.of(new GateVerdict.Check("auc", blessed,
                blessed ? "auc ok" : "auc 0.7 < 0.8 required")), List.of()),
        Map.of("team", "risk"), "", "alice", T0);
  }

  /** Promotions go through the domain's rules ({@link Promoter}), as every caller's do. */
  static AliasMove promote(MetadataStore s, String model, int version, String alias, String who, String reason,
      boolean force, OptionalInt expected, Instant at) {
    return new Promoter(s.registry()).promote(Promotion.of(model, version, alias, who, at).because(reason)
        .forced(force).expecting(expected));
  }

  AliasMove promote(String model, int version, String alias, String who, String reason, boolean force,
      OptionalInt expected, Instant at) {
    return promote(store, model, version, alias, who, reason, force, expected, at);
  }

  AliasMove rollback(String model, String alias, String who, String reason, Instant at) {
    return new Promoter(registry).rollback(model, alias, who, reason, at);
  }

  @Test
  void registeringAssignsConsecutiveVersionsAndKeepsLineage() {
    ModelVersion v1 = registry.register(version("credit", "m1", true, 0.81));
    ModelVersion v2 = registry.register(version("credit", "m2", true, 0.82));
    assertThat(v1.version()).isEqualTo(1);
    assertThat(v2.version()).isEqualTo(2);
    ModelVersion back = registry.resolve(ModelRef.parse("credit:1"));
    assertThat(back.lineage().runId()).isEqualTo(7L);
    assertThat(back.lineage().git()).isEqualTo(new GitState("c0ffee", "main", false));
    assertThat(back.lineage().data()).containsEntry("data/train.csv", DATA);
    assertThat(back.params()).containsEntry("train.lr", 0.1);
    assertThat(back.metrics()).containsEntry("auc", 0.81);
    assertThat(back.gate().blessed()).isTrue();
    assertThat(back.tags()).containsEntry("team", "risk");
    assertThat(back.artifact().digest()).isEqualTo(Digest.ofBytes("m1".getBytes()));
    assertThat(registry.models()).singleElement().satisfies(m -> assertThat(m.latestVersion()).isEqualTo(2));
    assertThat(registry.trainedOn(new Digest(DATA))).extracting(ModelVersion::version).containsExactly(2, 1);
  }

  @Test
  void aliasesMoveAndEveryMoveIsInTheHistory() {
    registry.register(version("credit", "m1", true, 0.8));
    registry.register(version("credit", "m2", true, 0.8));
    registry.register(version("credit", "m3", true, 0.8));
    promote("credit", 1, "production", "alice", "first", false, OptionalInt.empty(), T0);
    promote("credit", 2, "production", "bob", "better", false, OptionalInt.empty(), T0.plusSeconds(60));
    promote("credit", 3, "production", "carol", "best", false, OptionalInt.empty(), T0.plusSeconds(120));
    assertThat(registry.resolve(ModelRef.parse("credit@production")).version()).isEqualTo(3);
    AliasMove back = rollback("credit", "production", "dave", "latency", T0.plusSeconds(180));
    assertThat(back.fromVersion()).isEqualTo(3);
    assertThat(back.toVersion()).isEqualTo(2);
    AliasMove again = rollback("credit", "production", "dave", "still bad", T0.plusSeconds(240));
    assertThat(again.toVersion()).isEqualTo(1);
    List<AliasMove> history = registry.history("credit", Optional.of("production"), 100);
    assertThat(history).extracting(AliasMove::toVersion).containsExactly(1, 2, 3, 2, 1);
    assertThat(history).extracting(AliasMove::movedBy).containsExactly("dave", "dave", "carol", "bob", "alice");
    assertThat(history.get(0).rollback()).isTrue();
    assertThatThrownBy(() -> rollback("credit", "production", "x", "", T0))
        .hasMessageContaining("has no earlier version to roll back to");
    assertThat(registry.resolve(ModelRef.parse("credit:1")).aliases()).containsExactly("production");
  }

  @Test
  void promotingAVersionWhoseGateFailedNeedsForceAndAReason() {
    registry.register(version("credit", "bad", false, 0.7));
    assertThatThrownBy(() -> promote("credit", 1, "production", "a", "", false, OptionalInt.empty(), T0))
        .isInstanceOf(UnblessedVersionException.class)
        .hasMessageContaining("was not blessed by its gate (FAIL: auc 0.7 < 0.8 required)")
        .as("the domain names no CLI flags; the CLI adds them").hasMessageNotContaining("--");
    assertThatThrownBy(() -> promote("credit", 1, "production", "a", " ", true, OptionalInt.empty(), T0))
        .hasMessageContaining("needs a reason");
    AliasMove forced = promote("credit", 1, "production", "a", "hotfix, approved by risk", true,
        OptionalInt.empty(), T0);
    assertThat(forced.forced()).isTrue();
    assertThat(registry.history("credit", Optional.empty(), 10)).singleElement()
        .satisfies(m -> assertThat(m.reason()).isEqualTo("hotfix, approved by risk"));
  }

  @Test
  void compareAndSetRefusesAMoveWhenTheAliasIsElsewhere() {
    registry.register(version("credit", "m1", true, 0.8));
    registry.register(version("credit", "m2", true, 0.8));
    promote("credit", 1, "production", "a", "", false, OptionalInt.empty(), T0);
    assertThatThrownBy(() -> promote("credit", 2, "production", "b", "", false, OptionalInt.of(2), T0))
        .isInstanceOf(AliasConflictException.class)
        .hasMessageContaining("points to v1, not v2 as expected");
    promote("credit", 2, "production", "b", "", false, OptionalInt.of(1), T0);
    assertThat(registry.resolve(ModelRef.parse("credit@production")).version()).isEqualTo(2);
  }

  @Test
  void unknownNamesVersionsAndAliasesSayWhatExists() {
    registry.register(version("credit-risk", "m1", true, 0.8));
    promote("credit-risk", 1, "staging", "a", "", false, OptionalInt.empty(), T0);
    assertThatThrownBy(() -> registry.resolve(ModelRef.parse("credit-rsk:1")))
        .hasMessageContaining("no model named 'credit-rsk' (did you mean 'credit-risk'?); models: credit-risk");
    assertThatThrownBy(() -> registry.resolve(ModelRef.parse("credit-risk:5")))
        .hasMessageContaining("has no version 5; versions are 1 to 1");
    assertThatThrownBy(() -> registry.resolve(ModelRef.parse("credit-risk@production")))
        .hasMessageContaining("has no alias 'production'; aliases: staging (v1)");
    assertThatThrownBy(() -> ModelRef.parse("credit-risk@"))
        .hasMessageContaining("is not a model reference: use NAME:VERSION");
    assertThatThrownBy(() -> ModelRef.parse("credit-risk:0")).hasMessageContaining("versions start at 1");
    assertThatThrownBy(() -> promote("credit-risk", 1, "9bad", "a", "", false, OptionalInt.empty(), T0))
        .hasMessageContaining("invalid alias '9bad'");
  }

  @Test
  void tagsAndDescriptionsCanChangeButVersionsStayImmutable() {
    registry.register(version("credit", "m1", true, 0.8));
    registry.tag("credit", 1, "validated", "yes");
    registry.describe("credit", OptionalInt.of(1), "baseline model");
    registry.describe("credit", OptionalInt.empty(), "credit risk scoring");
    ModelVersion v = registry.resolve(ModelRef.parse("credit:1"));
    assertThat(v.tags()).containsEntry("validated", "yes").containsEntry("team", "risk");
    assertThat(v.description()).isEqualTo("baseline model");
    assertThat(registry.models().get(0).description()).isEqualTo("credit risk scoring");
    assertThat(v.metrics()).containsEntry("auc", 0.8);
  }

  @Test
  void eightConcurrentRegistrationsGetVersionsOneToEight() throws Exception {
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch go = new CountDownLatch(1);
    ConcurrentLinkedQueue<Integer> versions = new ConcurrentLinkedQueue<>();
    List<MetadataStore> stores = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      stores.add(MetadataStore.open(url, dir));
    }
    for (int i = 0; i < writers; i++) {
      MetadataStore s = stores.get(i);
      String content = "model " + i;
      pool.submit(() -> {
        go.await();
        versions.add(s.registry().register(version("concurrent", content, true, 0.8)).version());
        return null;
      });
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    stores.forEach(MetadataStore::close);
    assertThat(new TreeSet<>(versions)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
  }

  @Test
  void concurrentAliasMovesNeverLoseAnUpdate() throws Exception {
    for (int i = 0; i < 8; i++) {
      registry.register(version("race", "m" + i, true, 0.8));
    }
    promote("race", 1, "production", "setup", "", false, OptionalInt.empty(), T0);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
    for (int i = 2; i <= 8; i++) {
      int target = i;
      MetadataStore s = MetadataStore.open(url, dir);
      pool.submit(() -> {
        go.await();
        try {
          promote(s, "race", target, "production", "w" + target, "", false, OptionalInt.of(1), T0);
          outcomes.add("moved");
        } catch (AliasConflictException e) {
          outcomes.add("conflict");
        } finally {
          s.close();
        }
        return null;
      });
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    assertThat(outcomes).hasSize(7);
    assertThat(outcomes.stream().filter("moved"::equals).count()).as("exactly one compare-and-set from v1 wins").isEqualTo(1);
    List<AliasMove> history = registry.history("race", Optional.of("production"), 100);
    assertThat(history).hasSize(2);
    assertThat(history.get(0).fromVersion()).isEqualTo(1);
    assertThat(registry.resolve(ModelRef.parse("race@production")).version()).isEqualTo(history.get(0).toVersion());
  }

  @Test
  void approvalsAreRequestedOnceAndDecidedOnce() {
    Approval a = store.approvals().request(5, "gate", T0, T0.plusSeconds(3600));
    assertThat(a.decision()).isEqualTo(Approval.Decision.PENDING);
    assertThat(store.approvals().request(5, "gate", T0.plusSeconds(10), null).requestedAt()).isEqualTo(T0);
    assertThat(store.approvals().pending()).hasSize(1);
    Approval d = store.approvals().decide(5, "gate", Approval.Decision.APPROVED, "alice", "ok", T0.plusSeconds(60));
    assertThat(d.decision()).isEqualTo(Approval.Decision.APPROVED);
    assertThat(d.decidedBy()).isEqualTo("alice");
    assertThatThrownBy(() -> store.approvals().decide(5, "gate", Approval.Decision.REJECTED, "bob", "", T0))
        .hasMessageContaining("was already approved by alice");
    assertThat(store.approvals().pending()).isEmpty();
  }

  @Test
  void anApprovalPastItsDeadlineExpires() {
    store.approvals().request(6, "gate", T0, T0.plusSeconds(60));
    Approval d = store.approvals().decide(6, "gate", Approval.Decision.APPROVED, "late", "", T0.plusSeconds(61));
    assertThat(d.decision()).isEqualTo(Approval.Decision.EXPIRED);
  }

  static Set<Integer> set(int... v) {
    Set<Integer> s = new TreeSet<>();
    for (int x : v) {
      s.add(x);
    }
    return s;
  }
}
