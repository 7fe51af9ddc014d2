package dev.kiln.data.report;

/** Escaping for XML and HTML text and attributes. */
final class Xml {
  private Xml() {}

  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          if (cp < 0x20 && cp != '\n' && cp != '\t' && cp != '\r') {
            sb.append('?');
          } else {
            sb.appendCodePoint(cp);
          }
        }
      }
    });
    return sb.toString();
  }
}
