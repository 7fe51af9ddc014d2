package dev.kiln.serve.drift;

/**
 * One feature's counts over one window: fixed-size arrays on the reference's grid, so a window
 * costs the same memory whatever its traffic. Not thread-safe: its window guards it.
 */
interface Sketch {
  void add(double value);

  void add(String value);

  /** Non-missing values counted. */
  long rows();

  /** A copy, to test while the window goes on counting. */
  Sketch copy();
}
