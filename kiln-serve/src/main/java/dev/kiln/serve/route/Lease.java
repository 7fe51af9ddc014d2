package dev.kiln.serve.route;

/** A request's hold on the version answering it; closing it lets a retired version close. */
public final class Lease implements AutoCloseable {
  private final ServedVersion version;

  Lease(ServedVersion version) {
    this.version = version;
  }

  public ServedVersion version() {
    return version;
  }

  @Override
  public void close() {
    version.release();
  }
}
