package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code --help} of every command, subcommands of subcommands included, fits the usage width
 * and never breaks a line inside a word or path of its source text ("data/train.|csv").
 */
class HelpTextTest {
  @TestFactory
  Stream<DynamicTest> everyCommandsHelpFitsTheWidthAndBreaksLinesOnlyBetweenWords() {
    CommandLine root = new CommandLine(new KilnCommand(System.out, System.err, false));
    Main.register(root, new String[0]);
    Map<CommandLine, List<String>> commands = new IdentityHashMap<>();
    walk(root, new ArrayList<>(), commands);
    assertThat(commands).hasSizeGreaterThan(KilnCommand.SUBCOMMANDS.size());
    return commands.entrySet().stream().map(e -> DynamicTest.dynamicTest(
        String.join(" ", e.getValue()) + " --help", () -> check(e.getKey().getCommandSpec(), e.getValue())));
  }

  private static void walk(CommandLine cl, List<String> path, Map<CommandLine, List<String>> into) {
    into.put(cl, List.copyOf(path));
    for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
      if (!into.containsKey(sub.getValue()) && sub.getKey().equals(sub.getValue().getCommandName())) {
        List<String> next = new ArrayList<>(path);
        next.add(sub.getKey());
        walk(sub.getValue(), next, into);
      }
    }
  }

  private static void check(CommandSpec spec, List<String> path) {
    List<String> args = new ArrayList<>(path);
    args.add("--help");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.execute(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
    String help = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(help).isZero();
    List<String> lines = help.lines().toList();
    assertThat(lines).as(help).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(Main.HELP_WIDTH));
    Set<String> tokens = sourceTokens(spec);
    for (int i = 0; i + 1 < lines.size(); i++) {
      String[] before = lines.get(i).strip().split("\\s+");
      String after = lines.get(i + 1).strip();
      if (before[0].isEmpty() || after.isEmpty()) {
        continue;
      }
      String joined = before[before.length - 1] + after.split("\\s+")[0];
      assertThat(tokens).as("a token cut between lines %d and %d:%n%s%n%s%n%nin:%n%s", i + 1, i + 2, lines.get(i),
          lines.get(i + 1), help).doesNotContain(joined);
    }
  }

  /** Every whitespace-separated word of the texts a command's help is made of. */
  private static Set<String> sourceTokens(CommandSpec spec) {
    List<String> texts = new ArrayList<>();
    texts.addAll(Arrays.asList(spec.usageMessage().description()));
    texts.addAll(Arrays.asList(spec.usageMessage().header()));
    texts.addAll(Arrays.asList(spec.usageMessage().footer()));
    List<ArgSpec> args = new ArrayList<>(spec.options());
    args.addAll(spec.positionalParameters());
    args.forEach(a -> texts.addAll(Arrays.asList(a.description())));
    spec.subcommands().values().forEach(s -> texts.addAll(Arrays.asList(s.getCommandSpec().usageMessage().description())));
    Set<String> tokens = new HashSet<>();
    texts.forEach(t -> tokens.addAll(Arrays.asList(t.replace("%n", " ").strip().split("\\s+"))));
    return tokens;
  }
}
