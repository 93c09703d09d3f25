package dev.loupe.server.auth;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The projects this server ingests for, found by ingest key. */
public final class Projects {
  private final List<Project> projects;

  public Projects(List<Project> projects) {
    if (projects.isEmpty()) {
      throw new IllegalArgumentException("at least one project is required");
    }
    this.projects = List.copyOf(projects);
  }

  /** The project whose ingest key this is, or null. Every key is compared, in constant time each. */
  public Project byKey(String key) {
    Project found = null;
    for (Project p : projects) {
      if (p.acceptsKey(key) && found == null) {
        found = p;
      }
    }
    return found;
  }

  public Project byName(String name) {
    for (Project p : projects) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }

  public List<Project> all() {
    return projects;
  }

  /**
   * Origins to allow before the request's project is known (preflights carry no key): empty (any)
   * when some project is open to all origins, else every listed origin.
   */
  public Set<String> originsBeforeKey() {
    Set<String> union = new HashSet<>();
    for (Project p : projects) {
      if (p.corsOrigins().isEmpty()) {
        return Set.of();
      }
      union.addAll(p.corsOrigins());
    }
    return union;
  }
}
