package dev.kiln.data.check;

import dev.kiln.data.read.Aggregates;
import dev.kiln.data.read.Row;

/** A check turned into aggregate expressions over the fused scan, and its result once they are known. */
interface Compiled {

  Check check();

  /** Adds this check's aggregates to the first, fused scan. */
  void plan(Aggregates scan);

  /** Adds aggregates that depend on the first scan's results (outlier fences) to a second scan. */
  default void planSecond(Row first, Aggregates second) {}

  CheckResult result(Row first, Row second, FollowUp followUp);
}
