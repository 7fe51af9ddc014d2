package dev.kiln.core.exec;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of {@code /proc}: the live processes of each session, zombies excluded. One scan
 * serves every session Kiln watches; where there is no {@code /proc} the snapshot is empty.
 */
final class ProcTable {
  private final Map<Long, List<Long>> bySession;

  private ProcTable(Map<Long, List<Long>> bySession) {
    this.bySession = bySession;
  }

  static ProcTable empty() {
    return new ProcTable(Map.of());
  }

  static ProcTable scan() {
    Map<Long, List<Long>> out = new HashMap<>();
    String[] names = new java.io.File("/proc").list();
    byte[] buf = new byte[1024];
    for (String name : names == null ? new String[0] : names) {
      if (isNumber(name)) {
        long sid = sessionOf(read("/proc/" + name + "/stat", buf));
        if (sid > 0) {
          out.computeIfAbsent(sid, k -> new ArrayList<>()).add(Long.parseLong(name));
        }
      }
    }
    return new ProcTable(out);
  }

  /** The live processes whose session id is {@code sid}. */
  List<Long> session(long sid) {
    return bySession.getOrDefault(sid, List.of());
  }

  /**
   * The session id in the text of {@code /proc/PID/stat} ("pid (comm) state ppid pgrp session
   * …"; the command name may hold spaces and parentheses), or -1 for a zombie or an unreadable line.
   */
  static long sessionOf(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      return -1;
    }
    String[] f = stat.substring(close + 1).trim().split(" ");
    if (f.length < 4 || f[0].equals("Z") || f[0].equals("X") || !isNumber(f[3])) {
      return -1;
    }
    return Long.parseLong(f[3]);
  }

  private static String read(String file, byte[] buf) {
    try (FileInputStream in = new FileInputStream(file)) {
      int n = in.read(buf);
      return n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
