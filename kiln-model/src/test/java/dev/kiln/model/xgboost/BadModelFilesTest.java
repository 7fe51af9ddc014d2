package dev.kiln.model.xgboost;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.model.Fixtures;
import dev.kiln.model.predict.ModelLoadException;
import dev.kiln.model.predict.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files the Java predictor cannot run exactly are refused at load, naming the file and the problem. */
class BadModelFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private AbstractThrowableAssert<?, ? extends Throwable> loading(byte[] content) throws Exception {
    Path file = dir.resolve("model.json");
    Files.write(file, content);
    return assertThatThrownBy(() -> Models.loadForServing(Models.resolve("model.json", dir)))
        .isInstanceOf(ModelLoadException.class).hasMessageStartingWith(file.toString() + ": ");
  }

  private AbstractThrowableAssert<?, ? extends Throwable> loadingEdited(Consumer<ObjectNode> edit) throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(Fixtures.file("xgb_binary.json").toFile());
    edit.accept(root);
    return loading(JSON.writeValueAsBytes(root));
  }

  private static ObjectNode learner(ObjectNode root) {
    return (ObjectNode) root.get("learner");
  }

  private static ObjectNode tree(ObjectNode root, int t) {
    return (ObjectNode) root.at("/learner/gradient_booster/model/trees").get(t);
  }

  @Test
  void aFileThatIsNotAModelIsRefused() throws Exception {
    loading("churn,tenure\n1,2\n".getBytes()).hasMessageContaining("does not start with an object");
    loading("{\"learner\": {\"objective\": ".getBytes()).hasMessageContaining("not valid JSON");
    loading("{\"version\": [3, 4, 0]}".getBytes()).hasMessageContaining("no 'learner' section");
  }

  @Test
  void aTruncatedUbjsonModelIsRefused() throws Exception {
    byte[] ubj = Files.readAllBytes(Fixtures.file("xgb_binary.ubj"));
    loading(java.util.Arrays.copyOf(ubj, ubj.length / 2)).hasMessageContaining("UBJSON: the file ends in the middle");
  }

  @Test
  void categoricalSplitsAreRefusedNamingTheTreeAndNode() throws Exception {
    loadingEdited(root -> ((ArrayNode) tree(root, 2).get("split_type")).set(0, 1))
        .hasMessageContaining("tree 2 node 0 is a categorical split")
        .hasMessageContaining("categorical features are not supported");
  }

  @Test
  void dartAndGblinearBoostersAreRefused() throws Exception {
    loadingEdited(root -> ((ObjectNode) learner(root).get("gradient_booster")).put("name", "dart"))
        .hasMessageContaining("booster 'dart' is not supported");
    loadingEdited(root -> ((ObjectNode) learner(root).get("gradient_booster")).put("name", "gblinear"))
        .hasMessageContaining("booster 'gblinear' is not supported");
  }

  @Test
  void anObjectiveThePredictorDoesNotKnowIsRefusedListingTheSupportedOnes() throws Exception {
    loadingEdited(root -> ((ObjectNode) learner(root).get("objective")).put("name", "survival:aft"))
        .hasMessageContaining("objective 'survival:aft' is not supported by Kiln's XGBoost predictor")
        .hasMessageContaining("binary:logistic, binary:logitraw");
  }

  @Test
  void inconsistentTreesAreRefused() throws Exception {
    loadingEdited(root -> ((ArrayNode) tree(root, 0).get("left_children")).remove(0))
        .hasMessageContaining("tree 0: 'left_children' should list");
    loadingEdited(root -> ((ArrayNode) tree(root, 1).get("right_children")).set(0, 999))
        .hasMessageContaining("tree 1 node 0 has children").hasMessageContaining("outside 0..");
    loadingEdited(root -> ((ArrayNode) tree(root, 0).get("split_indices")).set(0, 7))
        .hasMessageContaining("tree 0 node 0 splits on feature 7 but the model has 4 features");
    loadingEdited(root -> ((ArrayNode) tree(root, 0).get("left_children")).set(1, 0))
        .hasMessageContaining("tree 0 reaches node 0 twice: not a tree");
    loadingEdited(root -> ((ArrayNode) tree(root, 0).get("split_conditions")).set(0, "high"))
        .hasMessageContaining("tree 0 node 0: split_conditions holds 'high', not a number");
    loadingEdited(root -> ((ArrayNode) root.at("/learner/gradient_booster/model/tree_info")).removeAll())
        .hasMessageContaining("but tree_info gives 0 groups");
  }

  @Test
  void vectorLeavesAndMultipleTargetsAreRefused() throws Exception {
    loadingEdited(root -> ((ObjectNode) tree(root, 0).get("tree_param")).put("size_leaf_vector", "3"))
        .hasMessageContaining("tree 0 has vector leaves");
    loadingEdited(root -> ((ObjectNode) learner(root).get("learner_model_param")).put("num_target", "2"))
        .hasMessageContaining("predicts 2 targets per row");
  }

  @Test
  void aBaseScoreThatIsNotOnePerOutputIsRefused() throws Exception {
    loadingEdited(root -> ((ObjectNode) learner(root).get("learner_model_param")).put("base_score", "[1E-1,2E-1]"))
        .hasMessageContaining("base_score has 2 values for 1 outputs");
    loadingEdited(root -> ((ObjectNode) learner(root).get("learner_model_param")).put("base_score", "half"))
        .hasMessageContaining("base_score is not a number: 'half'");
  }
}
