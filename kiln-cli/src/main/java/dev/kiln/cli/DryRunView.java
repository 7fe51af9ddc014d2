package dev.kiln.cli;

import dev.kiln.core.plan.StageStatus;
import java.util.List;

/** Prints what {@code kiln run --dry-run} found: what each stage would do, and why. */
final class DryRunView {
  private final KilnCommand root;
  private final boolean json;

  DryRunView(KilnCommand root, boolean json) {
    this.root = root;
    this.json = json;
  }

  int print(List<StageStatus> statuses) {
    if (json) {
      root.out.println(Json.pretty(Json.object("dry_run", true, "stages", Json.statuses(statuses))));
      return ExitCodes.OK;
    }
    for (StageStatus s : statuses) {
      String verb = switch (s.state()) {
        case UP_TO_DATE -> "up to date, would not run";
        case RESTORABLE -> "would be restored from cache (run " + s.cachedRun().orElse(0L) + ")";
        case CHANGED -> "would run";
        case AFTER_UPSTREAM -> "decided after upstream";
        case SKIPPED -> "would be skipped";
      };
      String why = s.reasons().isEmpty() ? "" : ": " + String.join("; ", s.reasons());
      root.out.println(s.stage() + ": " + verb + why);
    }
    return ExitCodes.OK;
  }
}
