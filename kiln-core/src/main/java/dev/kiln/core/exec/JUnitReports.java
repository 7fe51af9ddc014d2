package dev.kiln.core.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads JUnit XML reports (Surefire's, pytest's {@code --junitxml}, …) matched by a glob and
 * counts test cases: a case with {@code <failure>} or {@code <error>} failed, one with
 * {@code <skipped>} was skipped, any other passed.
 */
public final class JUnitReports {
  private JUnitReports() {}

  /** Totals and the names of failing tests ({@code class.name: message}). */
  public record Summary(int files, int passed, int failed, int skipped, List<String> failures) {
    public int total() {
      return passed + failed + skipped;
    }

    public Map<String, Double> metrics() {
      Map<String, Double> m = new TreeMap<>();
      m.put("tests.total", (double) total());
      m.put("tests.passed", (double) passed);
      m.put("tests.failed", (double) failed);
      m.put("tests.skipped", (double) skipped);
      return m;
    }
  }

  public static Summary read(Path projectDir, String glob) throws IOException {
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    List<Path> files;
    try (Stream<Path> s = Files.walk(projectDir)) {
      files = s.filter(Files::isRegularFile)
          .filter(p -> matcher.matches(projectDir.relativize(p)))
          .filter(p -> !projectDir.relativize(p).startsWith(".kiln"))
          .sorted().toList();
    }
    int passed = 0;
    int failed = 0;
    int skipped = 0;
    List<String> failures = new ArrayList<>();
    DocumentBuilder builder = builder();
    for (Path f : files) {
      Document doc;
      try (InputStream in = Files.newInputStream(f)) {
        doc = builder.parse(in);
      } catch (SAXException e) {
        throw new IOException("JUnit report " + projectDir.relativize(f) + " is not valid XML: " + e.getMessage(), e);
      }
      NodeList cases = doc.getElementsByTagName("testcase");
      for (int i = 0; i < cases.getLength(); i++) {
        Element c = (Element) cases.item(i);
        Element problem = firstChild(c, "failure", "error");
        if (problem != null) {
          failed++;
          failures.add(name(c) + ": " + firstLine(problem.getAttribute("message")));
        } else if (firstChild(c, "skipped") != null) {
          skipped++;
        } else {
          passed++;
        }
      }
    }
    return new Summary(files.size(), passed, failed, skipped, failures);
  }

  private static DocumentBuilder builder() throws IOException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      return f.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IOException("no XML parser: " + e.getMessage(), e);
    }
  }

  private static Element firstChild(Element parent, String... names) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        for (String name : names) {
          if (e.getTagName().equals(name)) {
            return e;
          }
        }
      }
    }
    return null;
  }

  private static String name(Element c) {
    String cls = c.getAttribute("classname");
    return cls.isEmpty() ? c.getAttribute("name") : cls + "." + c.getAttribute("name");
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
