package dev.kiln.model.xgboost;

/** An XGBoost model file that cannot be read, is inconsistent, or uses what Kiln's predictor does not support. */
public final class XGBoostModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public XGBoostModelException(String message) {
    super(message);
  }

  public XGBoostModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
