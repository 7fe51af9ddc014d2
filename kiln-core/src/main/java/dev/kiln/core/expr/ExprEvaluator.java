package dev.kiln.core.expr;

import dev.kiln.core.config.Suggestions;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Evaluates a condition against named values (params, git, trigger). Numbers compare
 * numerically, strings lexically; {@code ==} between a number and a numeric string compares the
 * numbers. A name that is not defined, or an ordering of unlike types, is an error, never false.
 */
public final class ExprEvaluator {
  private final Map<String, Object> names;

  public ExprEvaluator(Map<String, Object> names) {
    this.names = names;
  }

  public boolean test(Expr expr) {
    return truthy(eval(expr));
  }

  /** Checks that every name the expression uses is defined, without evaluating it. */
  public void checkNames(Expr expr) {
    if (expr instanceof Expr.Name n) {
      resolve(n.name());
    } else if (expr instanceof Expr.Not not) {
      checkNames(not.operand());
    } else if (expr instanceof Expr.And and) {
      checkNames(and.left());
      checkNames(and.right());
    } else if (expr instanceof Expr.Or or) {
      checkNames(or.left());
      checkNames(or.right());
    } else if (expr instanceof Expr.Compare c) {
      checkNames(c.left());
      checkNames(c.right());
    }
  }

  Object eval(Expr expr) {
    if (expr instanceof Expr.Literal l) {
      return l.value();
    }
    if (expr instanceof Expr.Name n) {
      return normalize(resolve(n.name()));
    }
    if (expr instanceof Expr.Not not) {
      return !truthy(eval(not.operand()));
    }
    if (expr instanceof Expr.And and) {
      return truthy(eval(and.left())) && truthy(eval(and.right()));
    }
    if (expr instanceof Expr.Or or) {
      return truthy(eval(or.left())) || truthy(eval(or.right()));
    }
    Expr.Compare c = (Expr.Compare) expr;
    return compare(eval(c.left()), c.op(), eval(c.right()));
  }

  private Object resolve(String name) {
    if (!names.containsKey(name)) {
      throw new ExprException("unknown name '" + name + "'" + Suggestions.hint(name, names.keySet()));
    }
    return names.get(name);
  }

  private static Object normalize(Object v) {
    if (v instanceof Number n && !(v instanceof BigDecimal)) {
      return new BigDecimal(n.toString());
    }
    return v;
  }

  static boolean truthy(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof BigDecimal d) {
      return d.signum() != 0;
    }
    return !v.toString().isEmpty();
  }

  private static boolean compare(Object a, Expr.Op op, Object b) {
    if (op == Expr.Op.EQ || op == Expr.Op.NE) {
      boolean equal = equal(a, b);
      return op == Expr.Op.EQ ? equal : !equal;
    }
    int c;
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      c = x.compareTo(y);
    } else if (a instanceof String x && b instanceof String y) {
      c = x.compareTo(y);
    } else {
      throw new ExprException("cannot order " + typeName(a) + " and " + typeName(b) + " with " + op.symbol);
    }
    switch (op) {
      case LT: return c < 0;
      case GT: return c > 0;
      case LE: return c <= 0;
      default: return c >= 0;
    }
  }

  private static boolean equal(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    if (a instanceof BigDecimal x && b instanceof String s) {
      return numeric(s) && x.compareTo(new BigDecimal(s.trim())) == 0;
    }
    if (a instanceof String s && b instanceof BigDecimal y) {
      return numeric(s) && y.compareTo(new BigDecimal(s.trim())) == 0;
    }
    return a == null ? b == null : a.equals(b);
  }

  private static boolean numeric(String s) {
    try {
      new BigDecimal(s.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String typeName(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof BigDecimal) {
      return "a number";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    return "a string";
  }
}
