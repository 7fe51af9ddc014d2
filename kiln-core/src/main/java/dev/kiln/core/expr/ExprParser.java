package dev.kiln.core.expr;

import java.math.BigDecimal;

/**
 * Recursive-descent parser for conditions. Precedence, loosest first: {@code ||}, {@code &&},
 * {@code !}, comparison. Names may contain letters, digits, {@code _ - .}.
 */
public final class ExprParser {
  private final String src;
  private int pos;

  private ExprParser(String src) {
    this.src = src;
  }

  public static Expr parse(String source) {
    ExprParser p = new ExprParser(source);
    Expr e = p.or();
    p.skipSpace();
    if (p.pos < source.length()) {
      throw p.error("unexpected '" + source.substring(p.pos) + "'");
    }
    return e;
  }

  private Expr or() {
    Expr left = and();
    while (accept("||")) {
      left = new Expr.Or(left, and());
    }
    return left;
  }

  private Expr and() {
    Expr left = unary();
    while (accept("&&")) {
      left = new Expr.And(left, unary());
    }
    return left;
  }

  private Expr unary() {
    skipSpace();
    if (peek("!") && !peek("!=")) {
      pos++;
      return new Expr.Not(unary());
    }
    return comparison();
  }

  private Expr comparison() {
    Expr left = primary();
    for (String symbol : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
      if (accept(symbol)) {
        return new Expr.Compare(left, opOf(symbol), primary());
      }
    }
    return left;
  }

  private static Expr.Op opOf(String symbol) {
    for (Expr.Op op : Expr.Op.values()) {
      if (op.symbol.equals(symbol)) {
        return op;
      }
    }
    throw new IllegalStateException(symbol);
  }

  private Expr primary() {
    skipSpace();
    if (pos >= src.length()) {
      throw error("expected a value or a name, found the end of the condition");
    }
    char c = src.charAt(pos);
    if (c == '(') {
      pos++;
      Expr inner = or();
      if (!accept(")")) {
        throw error("expected ')'");
      }
      return inner;
    }
    if (c == '\'' || c == '"') {
      return new Expr.Literal(string(c));
    }
    if (Character.isDigit(c) || (c == '-' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
      return new Expr.Literal(number());
    }
    if (Character.isLetter(c) || c == '_') {
      String word = name();
      switch (word) {
        case "true": return new Expr.Literal(Boolean.TRUE);
        case "false": return new Expr.Literal(Boolean.FALSE);
        case "null": return new Expr.Literal(null);
        default: return new Expr.Name(word);
      }
    }
    throw error("unexpected '" + c + "'");
  }

  private String string(char quote) {
    int start = pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < src.length()) {
      char c = src.charAt(pos++);
      if (c == '\\' && pos < src.length()) {
        sb.append(src.charAt(pos++));
      } else if (c == quote) {
        return sb.toString();
      } else {
        sb.append(c);
      }
    }
    pos = start;
    throw error("unterminated string");
  }

  private BigDecimal number() {
    int start = pos;
    if (src.charAt(pos) == '-') {
      pos++;
    }
    while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.'
        || src.charAt(pos) == 'e' || src.charAt(pos) == 'E'
        || ((src.charAt(pos) == '-' || src.charAt(pos) == '+') && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')))) {
      pos++;
    }
    try {
      return new BigDecimal(src.substring(start, pos));
    } catch (NumberFormatException e) {
      pos = start;
      throw error("invalid number");
    }
  }

  private String name() {
    int start = pos;
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-') {
        pos++;
      } else {
        break;
      }
    }
    return src.substring(start, pos);
  }

  private boolean accept(String token) {
    skipSpace();
    if (src.startsWith(token, pos)) {
      pos += token.length();
      return true;
    }
    return false;
  }

  private boolean peek(String token) {
    return src.startsWith(token, pos);
  }

  private void skipSpace() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private ExprException error(String message) {
    return new ExprException(message + " at column " + (pos + 1) + " of '" + src + "'");
  }
}
