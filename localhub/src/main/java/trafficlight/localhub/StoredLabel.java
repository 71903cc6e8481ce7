package trafficlight.localhub;

/** A label of a repository, created on first use. */
record StoredLabel(long id, String name, String color) {}
