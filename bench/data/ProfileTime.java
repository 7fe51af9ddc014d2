/**
 * Times {@code Profiler.profile} on one file, {@code runs} times, printing milliseconds per run.
 * Loaded by reflection, so the same class times any build of kiln-data on the class path
 * (bench/data/profile-quantiles.sh compares two).
 */
public class ProfileTime { public static void main(String[] a) throws Exception {
 
  Class<?> ds = Class.forName("dev.kiln.data.read.DataSource"); Class<?> ro = Class.forName("dev.kiln.data.read.ReadOptions");
  Object opts = ro.getField("DEFAULT").get(null);
  Class<?> pr = Class.forName("dev.kiln.data.profile.Profiler");
  for (int i = 0; i < Integer.parseInt(a[1]); i++) {
    long t = System.nanoTime();
    try (AutoCloseable d = (AutoCloseable) ds.getMethod("open", String.class, ro).invoke(null, a[0], opts)) {
      pr.getMethod("profile", ds).invoke(null, d);
    }
    System.out.println((System.nanoTime() - t) / 1e6);
  }}}
