package dev.kiln.core.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExprTest {
  static final Map<String, Object> NAMES = new HashMap<>();

  static {
    NAMES.put("params.train.lr", 0.1);
    NAMES.put("params.train.trees", 200);
    NAMES.put("params.model", "xgb");
    NAMES.put("params.enabled", true);
    NAMES.put("git.branch", "main");
    NAMES.put("trigger", "manual");
  }

  static boolean eval(String src) {
    return new ExprEvaluator(NAMES).test(ExprParser.parse(src));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
      "params.train.lr == 0.1 ; true",
      "params.train.lr != 0.1 ; false",
      "params.train.trees > 100 ; true",
      "params.train.trees >= 200 && params.train.trees <= 200 ; true",
      "params.train.lr < 0.05 || git.branch == 'main' ; true",
      "!(git.branch == 'main') ; false",
      "!params.enabled ; false",
      "params.model == \"xgb\" && trigger == 'manual' ; true",
      "git.branch == 'release' || trigger == 'schedule' ; false",
      "params.train.trees == '200' ; true",
      "'b' > 'a' ; true",
      "true && !false ; true",
      "params.train.lr == 1e-1 ; true",
  })
  void evaluatesConditionsOverParamsGitAndTrigger(String source, boolean expected) {
    assertThat(eval(source)).isEqualTo(expected);
  }

  @Test
  void anEmptyConditionIsRejected() {
    assertThatThrownBy(() -> ExprParser.parse("")).hasMessageContaining("expected a value or a name");
  }

  @Test
  void andBindsTighterThanOr() {
    assertThat(eval("true || false && false")).isTrue();
    assertThat(eval("(true || false) && false")).isFalse();
  }

  @Test
  void anUnknownNameIsAnErrorWithASuggestion() {
    assertThatThrownBy(() -> eval("params.train.lrr > 1"))
        .isInstanceOf(ExprException.class)
        .hasMessageContaining("unknown name 'params.train.lrr'")
        .hasMessageContaining("did you mean 'params.train.lr'?");
  }

  @Test
  void orderingUnlikeTypesIsAnErrorNotFalse() {
    assertThatThrownBy(() -> eval("params.model > 3")).hasMessageContaining("cannot order a string and a number");
  }

  @ParameterizedTest(name = "''{0}'' is rejected")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "a == | expected a value",
      "(a == 1 | expected ')'",
      "a == 'x | unterminated string",
      "a == 1 b | unexpected 'b'",
      "== 1 | unexpected '='",
      "a && | expected a value",
  })
  void malformedConditionsGiveAClearErrorWithTheColumn(String source, String message) {
    assertThatThrownBy(() -> ExprParser.parse(source))
        .isInstanceOf(ExprException.class)
        .hasMessageContaining(message);
  }

  @Property(tries = 300)
  void printingAndParsingAgainGivesTheSameExpression(@ForAll("expressions") Expr e) {
    assertThat(ExprParser.parse(e.toString())).isEqualTo(e);
  }

  @Property(tries = 300)
  void numericComparisonsAgreeWithBigDecimal(@ForAll("numbers") BigDecimal a, @ForAll("numbers") BigDecimal b,
      @ForAll Expr.Op op) {
    Map<String, Object> names = Map.of("x", a, "y", b);
    boolean got = new ExprEvaluator(names).test(ExprParser.parse("x " + op.symbol() + " y"));
    int c = a.compareTo(b);
    boolean want = switch (op) {
      case EQ -> c == 0;
      case NE -> c != 0;
      case LT -> c < 0;
      case GT -> c > 0;
      case LE -> c <= 0;
      case GE -> c >= 0;
    };
    assertThat(got).isEqualTo(want);
  }

  @Provide
  Arbitrary<BigDecimal> numbers() {
    return Arbitraries.bigDecimals().between(new BigDecimal("-1000"), new BigDecimal("1000")).ofScale(3);
  }

  @Provide
  Arbitrary<Expr> expressions() {
    return expr(3);
  }

  private Arbitrary<Expr> expr(int depth) {
    Arbitrary<Expr> leaf = Arbitraries.oneOf(
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6).map(s -> (Expr) new Expr.Name("params." + s)),
        Arbitraries.strings().withChars("ab'\\ c").ofMaxLength(5).map(s -> (Expr) new Expr.Literal(s)),
        Arbitraries.bigDecimals().between(new BigDecimal("-99"), new BigDecimal("99")).ofScale(2)
            .map(d -> (Expr) new Expr.Literal(d)),
        Arbitraries.of(true, false).map(b -> (Expr) new Expr.Literal(b)));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Expr> sub = expr(depth - 1);
    return Arbitraries.oneOf(leaf,
        sub.map(Expr.Not::new),
        Combinators.combine(sub, sub).as(Expr.And::new),
        Combinators.combine(sub, sub).as(Expr.Or::new),
        Combinators.combine(leaf, Arbitraries.of(Expr.Op.class), leaf).as(Expr.Compare::new));
  }
}
