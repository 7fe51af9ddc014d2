package dev.kiln.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Wraps {@code --help} text at spaces only, at {@link Main#HELP_WIDTH} columns. picocli wraps with
 * the JDK's line BreakIterator, which breaks inside paths and URLs ("data/train.|csv",
 * "jdbc:|sqlite:"), so every section is rendered unwrapped and wrapped here. A continuation line
 * is indented as picocli indents it: under the description in lists of options and commands,
 * after the command's name in the synopsis, at the line's own indentation elsewhere. A word
 * longer than a line stays whole (help texts are written so that none is).
 */
final class HelpWrapping {
  private static final int UNWRAPPED = 10_000;

  private HelpWrapping() {}

  /** Installs the wrapping on a command and every subcommand it has now. */
  static void install(CommandLine root) {
    Map<String, IHelpSectionRenderer> sections = new LinkedHashMap<>();
    root.getHelpSectionMap().forEach((key, renderer) ->
        sections.put(key, help -> wrap(renderer.render(help), key, help)));
    root.setUsageHelpWidth(UNWRAPPED);
    root.setHelpSectionMap(sections);
  }

  private static String wrap(String text, String section, Help help) {
    if (section.equals(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS)) {
      return synopsis(text, help);
    }
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      out.addAll(wrap(line, hanging(line, section, help), Main.HELP_WIDTH));
    }
    return String.join("\n", out);
  }

  /** The synopsis follows its heading ("Usage: ") on the same line; continuations align after the command's name. */
  private static String synopsis(String text, Help help) {
    String heading = plain(help.synopsisHeading());
    int before = heading.length() - heading.lastIndexOf('\n') - 1;
    String name = help.commandSpec().qualifiedName() + " ";
    int at = plain(text).indexOf(name);
    int hanging = before + (at < 0 ? 4 : at + name.length());
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      List<String> wrapped = wrap(" ".repeat(before) + line, hanging, Main.HELP_WIDTH);
      out.add(wrapped.get(0).substring(out.isEmpty() ? before : 0));
      out.addAll(wrapped.subList(1, wrapped.size()));
      before = 0;
    }
    return String.join("\n", out);
  }

  private static int hanging(String line, String section, Help help) {
    CommandSpec spec = help.commandSpec();
    switch (section) {
      case CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST:
      case CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST:
        return 6 + help.calcLongOptionColumnWidth(spec.options(), spec.positionalParameters(), help.colorScheme());
      case CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST:
        return secondColumn(plain(line)) + 2;
      default:
        return indentation(plain(line));
    }
  }

  /** The lines a line becomes, each at most {@code width} columns unless a single word is longer. */
  static List<String> wrap(String line, int hanging, int width) {
    List<String> lines = new ArrayList<>();
    String rest = line;
    while (visible(rest) > width) {
      int cut = breakAt(rest, width);
      if (cut < 0) {
        break;
      }
      lines.add(rest.substring(0, cut).stripTrailing());
      rest = " ".repeat(Math.min(hanging, width / 2)) + rest.substring(cut).stripLeading();
    }
    lines.add(rest);
    return lines;
  }

  /** The last space within the width after the line's first word, or else the first space after it. */
  private static int breakAt(String line, int width) {
    int content = indentation(line);
    int column = 0;
    int last = -1;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\u001B') {
        i = endOfEscape(line, i);
        continue;
      }
      if (c == ' ' && i > content && line.charAt(i - 1) != ' ') {
        if (column > width) {
          return last >= 0 ? last : i;
        }
        last = i;
      }
      column++;
    }
    return column > width ? last : -1;
  }

  private static int endOfEscape(String s, int at) {
    int i = at + 1;
    while (i < s.length() && !Character.isLetter(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int visible(String s) {
    return plain(s).length();
  }

  private static String plain(String s) {
    return s.replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "");
  }

  private static int indentation(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  /** Where the text after a line's first word begins ("  run        Run the …": 13). */
  private static int secondColumn(String s) {
    int i = indentation(s);
    while (i < s.length() && s.charAt(i) != ' ') {
      i++;
    }
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    return i;
  }
}
