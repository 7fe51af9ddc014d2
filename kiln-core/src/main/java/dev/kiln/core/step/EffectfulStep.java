package dev.kiln.core.step;

/**
 * A step whose effect lives outside its outs: it moves a registry alias, pushes an image,
 * changes a deployment, calls a webhook. Restoring its outs from the run-cache does not restore
 * that effect, so when the executor restores such a stage it calls {@link #reapply} after the
 * files are back, and records what it did.
 *
 * <p>Re-applying must be idempotent: applying the same prior result twice leaves the world as
 * applying it once (no second registry version, no second deployment). An up-to-date stage is
 * not re-applied: its last result already stands, and re-applying it on every no-op run would
 * undo deliberate changes made since (a promotion or rollback by hand).
 */
public interface EffectfulStep extends Step {

  /**
   * Re-applies the effect that {@code prior} stands for. A passed result's reason says what was
   * done ("credit-risk@staging → v1 (was v2)"); a failed one fails the stage.
   */
  StepResult reapply(StepContext context, PriorResult prior) throws Exception;
}
