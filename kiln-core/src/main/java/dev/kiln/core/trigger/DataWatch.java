package dev.kiln.core.trigger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code on: data}: project paths (files, directories or globs) whose content hash is watched, and how
 * often to look (empty: each {@code kiln watch} poll). A change starts one run, whatever the number of
 * polls it stays changed for.
 */
public record DataWatch(List<String> paths, Optional<Duration> interval) {
  public DataWatch {
    paths = List.copyOf(paths);
  }
}
