package dev.kiln.serve.feedback;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recent predictions by the key a label names them with (a request id, {@code id#row}, or a
 * key column's value), oldest first, bounded by count and by age: past either bound the oldest
 * entries are evicted and counted. A key journaled again replaces its older entry. Not
 * thread-safe: {@link Feedback} holds its lock around it.
 */
final class Journal {
  private final int capacity;
  private final long maxAgeMillis;
  private final LinkedHashMap<String, Journaled> entries = new LinkedHashMap<>();
  private long evictedByCount;
  private long evictedByAge;

  Journal(int capacity, long maxAgeMillis) {
    this.capacity = capacity;
    this.maxAgeMillis = maxAgeMillis;
  }

  void put(String key, Journaled e) {
    entries.remove(key);
    entries.put(key, e);
    if (entries.size() > capacity) {
      Iterator<Map.Entry<String, Journaled>> it = entries.entrySet().iterator();
      it.next();
      it.remove();
      evictedByCount++;
    }
  }

  /** The entry journaled under {@code key}, if it is still in the journal at {@code now}. */
  Journaled get(String key, long now) {
    expire(now);
    return entries.get(key);
  }

  /** Evicts the entries older than the journal's age bound. */
  void expire(long now) {
    Iterator<Journaled> it = entries.values().iterator();
    while (it.hasNext()) {
      if (now - it.next().at <= maxAgeMillis) {
        return;
      }
      it.remove();
      evictedByAge++;
    }
  }

  int size() {
    return entries.size();
  }

  int capacity() {
    return capacity;
  }

  long maxAgeMillis() {
    return maxAgeMillis;
  }

  long evictedByCount() {
    return evictedByCount;
  }

  long evictedByAge() {
    return evictedByAge;
  }
}
