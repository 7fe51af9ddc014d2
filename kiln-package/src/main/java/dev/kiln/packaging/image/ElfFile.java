package dev.kiln.packaging.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the dynamic loader reads from a 64-bit little-endian ELF file before it maps it: the
 * libraries it needs ({@code DT_NEEDED}), where to look for them ({@code DT_RUNPATH},
 * {@code DT_RPATH}) and, for an executable, its loader ({@code PT_INTERP}). Anything else (a
 * script, a 32-bit or big-endian file) is {@link #read read} as empty.
 */
record ElfFile(List<String> needed, List<String> runPath, Optional<String> interpreter) {
  private static final int PT_LOAD = 1;
  private static final int PT_DYNAMIC = 2;
  private static final int PT_INTERP = 3;
  private static final long DT_NEEDED = 1;
  private static final long DT_STRTAB = 5;
  private static final long DT_RPATH = 15;
  private static final long DT_RUNPATH = 29;

  static final ElfFile NONE = new ElfFile(List.of(), List.of(), Optional.empty());

  static ElfFile read(Path file) throws IOException {
    ByteBuffer b;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
    }
    if (b.limit() < 64 || b.getInt(0) != 0x464c457f || b.get(4) != 2 || b.get(5) != 1) {
      return NONE;
    }
    long phoff = b.getLong(32);
    int phentsize = Short.toUnsignedInt(b.getShort(54));
    int phnum = Short.toUnsignedInt(b.getShort(56));
    List<long[]> loads = new ArrayList<>();
    long dynOff = -1;
    long dynSize = 0;
    Optional<String> interp = Optional.empty();
    for (int i = 0; i < phnum; i++) {
      int at = (int) (phoff + (long) i * phentsize);
      int type = b.getInt(at);
      long offset = b.getLong(at + 8);
      long vaddr = b.getLong(at + 16);
      long filesz = b.getLong(at + 32);
      if (type == PT_LOAD) {
        loads.add(new long[] {vaddr, offset, filesz});
      } else if (type == PT_DYNAMIC) {
        dynOff = offset;
        dynSize = filesz;
      } else if (type == PT_INTERP) {
        interp = Optional.of(string(b, offset));
      }
    }
    if (dynOff < 0) {
      return new ElfFile(List.of(), List.of(), interp);
    }
    List<Long> neededOffsets = new ArrayList<>();
    List<Long> pathOffsets = new ArrayList<>();
    long strtab = -1;
    for (long at = dynOff; at + 16 <= dynOff + dynSize; at += 16) {
      long tag = b.getLong((int) at);
      long val = b.getLong((int) at + 8);
      if (tag == 0) {
        break;
      } else if (tag == DT_NEEDED) {
        neededOffsets.add(val);
      } else if (tag == DT_STRTAB) {
        strtab = val;
      } else if (tag == DT_RUNPATH || tag == DT_RPATH) {
        pathOffsets.add(val);
      }
    }
    long strOff = fileOffset(loads, strtab);
    List<String> needed = neededOffsets.stream().map(o -> string(b, strOff + o)).toList();
    List<String> runPath = new ArrayList<>();
    pathOffsets.forEach(o -> runPath.addAll(List.of(string(b, strOff + o).split(":"))));
    runPath.removeIf(String::isEmpty);
    return new ElfFile(needed, runPath, interp);
  }

  private static long fileOffset(List<long[]> loads, long vaddr) throws IOException {
    for (long[] l : loads) {
      if (vaddr >= l[0] && vaddr < l[0] + l[2]) {
        return vaddr - l[0] + l[1];
      }
    }
    throw new IOException("the dynamic string table lies outside every loaded segment");
  }

  private static String string(ByteBuffer b, long offset) {
    int start = (int) offset;
    int end = start;
    while (end < b.limit() && b.get(end) != 0) {
      end++;
    }
    byte[] bytes = new byte[end - start];
    b.get(start, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
