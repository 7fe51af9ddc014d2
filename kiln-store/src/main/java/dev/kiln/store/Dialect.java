package dev.kiln.store;

/** The SQL back ends Kiln speaks; the migrations differ only in the identity column. */
public enum Dialect {
  SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT"),
  POSTGRES("BIGSERIAL PRIMARY KEY");

  private final String identityPrimaryKey;

  Dialect(String identityPrimaryKey) {
    this.identityPrimaryKey = identityPrimaryKey;
  }

  public String identityPrimaryKey() {
    return identityPrimaryKey;
  }

  public static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRES;
    }
    throw new StoreUrlException("unsupported database URL '" + jdbcUrl
        + "': use jdbc:sqlite:PATH or jdbc:postgresql://HOST/DB");
  }
}
