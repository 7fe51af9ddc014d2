package dev.kiln.core;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says what went wrong in words. File-system exceptions carry only a path as their message
 * ("/p/.kiln/runs/3"); this names the problem too ("cannot create /p/.kiln/runs/3: permission
 * denied"), and points at Kiln's own state when the path lies in {@code .kiln/}.
 */
public final class Failures {
  private Failures() {}

  public static String describe(Throwable e) {
    if (e instanceof FileSystemException f) {
      return fileSystem(f) + (String.valueOf(f.getFile()).contains("/.kiln/") ? hint(f) : "");
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private static String fileSystem(FileSystemException f) {
    String file = f.getFile();
    String other = f.getOtherFile() == null ? "" : " (to " + f.getOtherFile() + ")";
    if (f instanceof AccessDeniedException) {
      return "permission denied: " + file + other;
    }
    if (f instanceof NoSuchFileException) {
      return "no such file or directory: " + file + other;
    }
    if (f instanceof FileAlreadyExistsException) {
      return "already exists (and is in the way): " + file + other;
    }
    if (f instanceof NotDirectoryException) {
      return "not a directory: " + file;
    }
    if (f instanceof DirectoryNotEmptyException) {
      return "directory not empty: " + file;
    }
    return file + other + ": " + (f.getReason() == null ? f.getClass().getSimpleName() : f.getReason());
  }

  private static String hint(FileSystemException f) {
    return f instanceof AccessDeniedException
        ? " (Kiln keeps its state in .kiln/: it must be writable by the user running kiln)"
        : " (in Kiln's state directory .kiln/)";
  }
}
